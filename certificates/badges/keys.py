"""The issuer's Ed25519 signing keys: outside the database, with rotation.

Where they come from, first found wins:

1. `CREDENTIAL_SIGNING_KEYS` (environment): `name:seed` pairs separated by commas or new
   lines, the seed being the 32-byte private key in base64url (what `manage.py
   credential_key_new` prints). The FIRST key signs; the others stay published in the DID
   document so that credentials they signed keep verifying.
2. `CREDENTIAL_KEY_FILE`: a file with the same lines (comments with `#` allowed).
3. Development, tests and the first run only (`CREDENTIAL_KEYS_GENERATE`, on unless in
   production): `var/credential-keys.txt`, made with one new key the first time it is needed.

A malformed value stops with a message naming the setting, in Norwegian and English, like
website/settings/env.py does.
"""

import base64
import os
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from .multibase import base58btc_encode

NAME = re.compile(r"^[A-Za-z0-9_-]{1,40}$")
# Multicodec prefix of an Ed25519 public key (0xed, varint-encoded): what makes "z6Mk…".
ED25519_PUBLIC = b"\xed\x01"


@dataclass(frozen=True)
class SigningKey:
    name: str
    private: Ed25519PrivateKey

    @cached_property
    def public(self) -> Ed25519PublicKey:
        return self.private.public_key()

    @cached_property
    def public_multibase(self) -> str:
        raw = self.public.public_bytes(Encoding.Raw, PublicFormat.Raw)
        return "z" + base58btc_encode(ED25519_PUBLIC + raw)

    def sign(self, data: bytes) -> bytes:
        return self.private.sign(data)


def new_seed() -> str:
    """A fresh private key as it is written in the settings (base64url, no padding)."""
    return _b64(os.urandom(32))


def parse_keys(text: str, *, source: str) -> list[SigningKey]:
    """`name:seed` lines or comma-separated pairs → keys, newest (signing) first."""
    keys, names = [], set()
    entries = [
        entry.strip()
        for line in text.splitlines()
        for entry in line.split("#", 1)[0].split(",")
        if entry.strip()
    ]
    for entry in entries:
        name, _sep, seed = entry.partition(":")
        name, seed = name.strip(), seed.strip()
        try:
            secret = base64.urlsafe_b64decode(seed + "=" * (-len(seed) % 4))
        except ValueError:
            secret = b""
        if not NAME.match(name) or len(secret) != 32 or name in names:
            raise ImproperlyConfigured(
                f"{source} må være par av navn:nøkkel (navn med bokstaver, sifre, - og _, "
                f"hvert navn én gang; nøkkelen 32 byte i base64url, se "
                f"`manage.py credential_key_new`), ikke {name or entry!r}. "
                f"/ {source} must be name:key pairs (unique names of letters, digits, - and _; "
                f"the key 32 bytes in base64url, see `manage.py credential_key_new`)."
            )
        names.add(name)
        keys.append(SigningKey(name, Ed25519PrivateKey.from_private_bytes(secret)))
    return keys


def signing_keys() -> list[SigningKey]:
    """Every configured key, the one that signs first. Never empty: stops with a message when
    no key is configured where none may be generated (production)."""
    configured = getattr(settings, "CREDENTIAL_SIGNING_KEYS", "")
    if configured:
        keys = parse_keys(configured, source="CREDENTIAL_SIGNING_KEYS")
        if keys:
            return keys
    path = getattr(settings, "CREDENTIAL_KEY_FILE", "")
    if path:
        return _from_file(Path(path), source="CREDENTIAL_KEY_FILE")
    if getattr(settings, "CREDENTIAL_KEYS_GENERATE", False):
        return _from_file(_generated_file(), source=str(_generated_file()))
    raise ImproperlyConfigured(
        "Ingen nøkkel for å signere kursbevis: sett CREDENTIAL_SIGNING_KEYS eller "
        "CREDENTIAL_KEY_FILE (se `manage.py credential_key_new`). "
        "/ No key to sign certificates with: set CREDENTIAL_SIGNING_KEYS or CREDENTIAL_KEY_FILE."
    )


def check_configured_keys() -> None:
    """At start-up: the configured keys, if any, parse (ImproperlyConfigured naming the setting
    otherwise). Nothing is generated here: the development file is made on first use."""
    if getattr(settings, "CREDENTIAL_SIGNING_KEYS", ""):
        parse_keys(settings.CREDENTIAL_SIGNING_KEYS, source="CREDENTIAL_SIGNING_KEYS")
    elif getattr(settings, "CREDENTIAL_KEY_FILE", ""):
        _from_file(Path(settings.CREDENTIAL_KEY_FILE), source="CREDENTIAL_KEY_FILE")


def _from_file(path: Path, *, source: str) -> list[SigningKey]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise ImproperlyConfigured(
            f"{source}: kan ikke lese {path} ({error.strerror}). / {source}: cannot read {path}."
        ) from None
    keys = parse_keys(text, source=source)
    if not keys:
        raise ImproperlyConfigured(
            f"{source}: {path} har ingen nøkkel. / {source}: {path} holds no key."
        )
    return keys


def _generated_file() -> Path:
    """var/credential-keys.txt with one key, made once (by whichever process gets there first:
    the file is created exclusively, so two processes never write two different keys)."""
    path = Path(settings.VAR_DIR) / "credential-keys.txt"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        line = (
            "# Made on first use for development (certificates/badges/keys.py). Never used in\n"
            "# production, which needs CREDENTIAL_SIGNING_KEYS or CREDENTIAL_KEY_FILE.\n"
            f"dev-1:{new_seed()}\n"
        )
        try:
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            return path
        with os.fdopen(descriptor, "w", encoding="utf-8") as file:
            file.write(line)
    return path


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")
