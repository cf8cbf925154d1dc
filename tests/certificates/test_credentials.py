"""Open Badges 3.0 credentials, the pure parts (certificates/badges/): the credential's
content, JSON-LD expansion with the shipped contexts, eddsa-rdfc-2022 proofs, the status
list's bitstring, the keys and the DID document. No database."""

import copy
import datetime
import gzip
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from pyld import jsonld

from certificates.badges import did, keys, loader, proof, status
from certificates.badges.credential import (
    Achievement,
    Evidence,
    Holder,
    Issuer,
    identity_hash,
    open_badge_credential,
)
from certificates.badges.multibase import base64url_decode

UTC = datetime.UTC
KEY = keys.parse_keys("k1:" + "B" * 43, source="test")[0]
OLD_KEY = keys.parse_keys("k0:" + "C" * 43, source="test")[0]
ISSUER = "did:web:medvirk.example.no"
UNDEFINED = "urn:medvirk:undefined#"


def build(**changes):
    fields = {
        "credential_id": "https://medvirk.example.no/bevis/K7QM-2XPA-9D/credential.json",
        "issued_at": datetime.datetime(2026, 10, 6, 10, 0, tzinfo=UTC),
        "issuer": Issuer(
            id=ISSUER,
            name="Medvirk",
            url="https://medvirk.example.no/",
            organisations=(
                "Barn av rusmisbrukere",
                "Landsforeningen for barnevernsbarn",
                "Mental Helse Ungdom",
            ),
        ),
        "holder": Holder(email="Ida.Larsen@example.no", salt="a1b2c3", name="Ida Larsen"),
        "achievement": Achievement(
            id="https://medvirk.example.no/program/nye/",
            name="Kurs for nye brukermedvirkere",
            descriptions=(("nb", "Kan forklare brukermedvirkning."), ("en", "Can explain it.")),
            criteria_url="https://medvirk.example.no/program/nye/",
        ),
        "evidence": Evidence(
            id="https://medvirk.example.no/samlinger/nye-oslo/",
            name="Samling for nye brukermedvirkere, oktober 2026",
            starts_on=datetime.date(2026, 10, 2),
            ends_on=datetime.date(2026, 10, 3),
            attended_minutes=450,
            scheduled_minutes=510,
        ),
        "status": status.status_entry(list_url="https://medvirk.example.no/bevis/status/1", bit=7),
    }
    fields.update(changes)
    return open_badge_credential(**fields)


def signed(document, key=KEY):
    return proof.sign(
        document, key=key, verification_method=f"{ISSUER}#{key.name}", created=document["validFrom"]
    )


def our_keys(*published):
    def public_key_for(method):
        return next((k.public for k in published if method == f"{ISSUER}#{k.name}"), None)

    return public_key_for


def test_the_credential_is_an_open_badge_with_the_level_issuer_holder_evidence_and_status():
    credential = build()
    assert credential["@context"] == [loader.CREDENTIALS_V2, loader.OPEN_BADGES_V3]
    assert credential["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert credential["validFrom"] == "2026-10-06T10:00:00Z"
    issuer = credential["issuer"]
    assert issuer["id"] == ISSUER and issuer["type"] == ["Profile"]
    for organisation in ("Mental Helse Ungdom", "Barn av rusmisbrukere", "Landsforeningen for"):
        assert organisation in issuer["description"]
    achievement = credential["credentialSubject"]["achievement"]
    assert achievement["type"] == ["Achievement"]
    assert achievement["criteria"]["id"] == "https://medvirk.example.no/program/nye/"
    assert "Kan forklare brukermedvirkning." in achievement["description"]
    assert "In English: Can explain it." in achievement["description"]
    assert achievement["criteria"]["narrative"].count("\n\n") == 1  # Norwegian, then English
    evidence = credential["evidence"][0]
    assert evidence["name"] == "Samling for nye brukermedvirkere, oktober 2026"
    assert "7 t 30 min" in evidence["description"] and "8 t 30 min" in evidence["description"]
    assert credential["credentialStatus"]["statusListIndex"] == "7"


def test_the_holder_is_a_salted_hash_of_the_address_never_the_address():
    credential = build()
    email, name = credential["credentialSubject"]["identifier"]
    expected = hashlib.sha256(b"ida.larsen@example.no" + b"a1b2c3").hexdigest()
    assert email == {
        "type": "IdentityObject",
        "identityType": "emailAddress",
        "hashed": True,
        "identityHash": f"sha256${expected}",
        "salt": "a1b2c3",
    }
    assert identity_hash("ida.larsen@example.no", "a1b2c3") == f"sha256${expected}"
    assert name["identityHash"] == "Ida Larsen" and name["hashed"] is False
    assert "example.no" not in json.dumps(credential["credentialSubject"]).replace(
        "medvirk.example.no", ""
    )


def test_a_certificate_whose_name_was_erased_names_nobody():
    credential = build(holder=Holder(email="", salt="x", name=""))
    assert "identifier" not in credential["credentialSubject"]


def expanded_terms(document):
    """Every property and type IRI in the document expanded with the shipped contexts and,
    after them, a vocabulary that catches any term they do not define (JSON-LD would
    otherwise drop such a term silently, and it would not be signed)."""
    document = copy.deepcopy(document)
    document["@context"] = [*document["@context"], {"@vocab": UNDEFINED}]
    expanded = jsonld.expand(document, {"documentLoader": loader.document_loader})
    found = set()

    def walk(node):
        if isinstance(node, list):
            for item in node:
                walk(item)
        elif isinstance(node, dict):
            for name, value in node.items():
                found.add(name)
                if name == "@type":
                    found.update(value if isinstance(value, list) else [value])
                walk(value)

    walk(expanded)
    return found


@pytest.mark.parametrize(
    "document",
    [
        build(),
        build(holder=Holder(email="", salt="x", name="")),
        signed(build()),
        status.status_list_credential(
            list_url="https://medvirk.example.no/bevis/status/1",
            issuer_id=ISSUER,
            valid_from="2026-12-01T12:00:00Z",
            revoked_bits=[3],
        ),
    ],
    ids=["credential", "erased holder", "signed credential", "status list"],
)
def test_json_ld_expansion_with_the_shipped_contexts_keeps_every_property(document):
    terms = expanded_terms(document)
    assert not [term for term in terms if term.startswith(UNDEFINED)]
    assert "https://purl.imsglobal.org/spec/vc/ob/vocab.html#identityHash" in terms or (
        "identifier" not in json.dumps(document)
    )


def test_the_expansion_check_catches_a_term_no_context_defines():
    document = build()
    document["credentialSubject"]["achievement"]["nivå"] = "1"
    assert f"{UNDEFINED}nivå" in expanded_terms(document)


def test_contexts_are_never_fetched_an_unknown_one_is_refused():
    document = {**build(), "@context": [loader.CREDENTIALS_V2, "https://example.org/other.json"]}
    with pytest.raises(jsonld.JsonLdError):
        jsonld.expand(document, {"documentLoader": loader.document_loader})
    ok, why = proof.verify(
        signed(build()) | {"@context": document["@context"]}, public_key_for=our_keys(KEY)
    )
    assert not ok


def test_a_signed_credential_verifies_and_any_change_breaks_it():
    credential = signed(build())
    assert credential["proof"]["cryptosuite"] == "eddsa-rdfc-2022"
    assert credential["proof"]["proofValue"].startswith("z")
    assert proof.verify(credential, public_key_for=our_keys(KEY)) == (True, "")
    tampered = copy.deepcopy(credential)
    tampered["credentialSubject"]["achievement"]["name"] = "Kurs for erfaringsformidlere"
    assert proof.verify(tampered, public_key_for=our_keys(KEY))[0] is False
    later = copy.deepcopy(credential)
    later["validFrom"] = "2027-01-01T00:00:00Z"
    assert proof.verify(later, public_key_for=our_keys(KEY))[0] is False


def test_a_signature_by_a_key_the_issuer_does_not_publish_fails():
    stranger = keys.parse_keys("x:" + "D" * 43, source="test")[0]
    forged = signed(build(), key=stranger)
    assert proof.verify(forged, public_key_for=our_keys(KEY)) == (False, "unknown key")


def test_after_rotation_the_new_key_signs_and_what_the_old_one_signed_still_verifies():
    rotated = keys.parse_keys(f"k1:{'B' * 43}\nk0:{'C' * 43}  # retired", source="test")
    assert [key.name for key in rotated] == ["k1", "k0"]
    earlier = signed(build(), key=OLD_KEY)
    assert proof.verify(earlier, public_key_for=our_keys(*rotated))[0] is True
    document = did.did_document(did=ISSUER, keys=rotated)
    assert document["assertionMethod"] == [f"{ISSUER}#k1", f"{ISSUER}#k0"]
    assert all(m["publicKeyMultibase"].startswith("z6Mk") for m in document["verificationMethod"])


def test_the_status_list_is_gzipped_base64url_of_at_least_131072_bits_first_bit_leftmost():
    encoded = status.encode([0, 9, 131_071])
    assert encoded.startswith("u")
    bits = gzip.decompress(base64url_decode(encoded[1:]))
    assert len(bits) * 8 == 131_072 >= 131_072
    assert bits[0] == 0b1000_0000 and bits[1] == 0b0100_0000 and bits[-1] == 1
    assert [status.is_set(encoded, bit) for bit in (0, 1, 9, 131_071)] == [True, False, True, True]
    assert status.position(5) == (1, 5) and status.position(131_072 + 2) == (2, 2)


def test_did_web_names_the_host_with_its_port_encoded():
    assert did.issuer_did("https://medvirk.example.no") == "did:web:medvirk.example.no"
    assert did.issuer_did("http://127.0.0.1:8031/") == "did:web:127.0.0.1%3A8031"


@pytest.mark.parametrize(
    "value", ["nokey", "k1:tooshort", "bad name:" + "A" * 43, f"k:{'A' * 43},k:{'B' * 43}"]
)
def test_a_malformed_key_setting_stops_with_a_message_in_both_languages(value):
    with pytest.raises(ImproperlyConfigured) as error:
        keys.parse_keys(value, source="CREDENTIAL_SIGNING_KEYS")
    assert "CREDENTIAL_SIGNING_KEYS må være" in str(error.value)
    assert "/ CREDENTIAL_SIGNING_KEYS must be" in str(error.value)


def test_development_makes_one_key_file_on_first_use_and_keeps_it(settings, tmp_path):
    settings.CREDENTIAL_SIGNING_KEYS = ""
    settings.CREDENTIAL_KEY_FILE = ""
    settings.CREDENTIAL_KEYS_GENERATE = True
    settings.VAR_DIR = tmp_path
    first = keys.signing_keys()
    again = keys.signing_keys()
    assert len(first) == 1 and first[0].public_multibase == again[0].public_multibase
    assert (tmp_path / "credential-keys.txt").stat().st_mode & 0o077 == 0


def test_production_without_keys_refuses_to_sign(settings):
    settings.CREDENTIAL_SIGNING_KEYS = ""
    settings.CREDENTIAL_KEY_FILE = ""
    settings.CREDENTIAL_KEYS_GENERATE = False
    with pytest.raises(ImproperlyConfigured, match="CREDENTIAL_SIGNING_KEYS"):
        keys.signing_keys()


def test_keys_can_come_from_a_file(settings, tmp_path):
    path = tmp_path / "keys.txt"
    path.write_text(f"# rotated 2026-12\nk1:{'B' * 43}\nk0:{'C' * 43}\n")
    settings.CREDENTIAL_SIGNING_KEYS = ""
    settings.CREDENTIAL_KEY_FILE = str(path)
    assert [key.name for key in keys.signing_keys()] == ["k1", "k0"]
    settings.CREDENTIAL_KEY_FILE = str(tmp_path / "missing.txt")
    with pytest.raises(ImproperlyConfigured, match="kan ikke lese"):
        keys.signing_keys()


def run_check(settings_module, **env):
    inherited = {"PATH", "HOME", "LANG", "VIRTUAL_ENV", "PYTHONPATH"}
    environment = {k: v for k, v in os.environ.items() if k in inherited}
    environment.update(env, DJANGO_SETTINGS_MODULE=settings_module)
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=Path(__file__).resolve().parents[2],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_start_up_stops_on_a_malformed_key_and_production_without_any():
    bad = run_check("website.settings.dev", CREDENTIAL_SIGNING_KEYS="k1:not-a-key")
    assert bad.returncode != 0 and "CREDENTIAL_SIGNING_KEYS må være" in bad.stderr
    production = run_check(
        "website.settings.production",
        SECRET_KEY="k" * 20 + "-production-secret-key-that-is-long-and-random-0123456789",
        ALLOWED_HOSTS="medvirk.example.no",
        DATABASE_URL="postgres://medvirk@db.example.no:5432/medvirk",
    )
    assert production.returncode != 0
    assert "Miljøvariabelen CREDENTIAL_SIGNING_KEYS eller CREDENTIAL_KEY_FILE" in production.stderr
