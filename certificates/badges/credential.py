"""The Open Badges 3.0 `OpenBadgeCredential` (a W3C Verifiable Credential 2.0) of one
certificate, unsigned. Pure: plain values in, a dict out; no queries. The texts are in the
active language (the caller chooses Norwegian, the programme's language).

- issuer: the programme's `Profile`, identified by its `did:web`; the three organisations in
  its description (OB 3.0 gives a Profile one `parentOrg` only).
- credentialSubject: the holder, as a salted SHA-256 hash of their e-mail address (OB 3.0
  `IdentityObject`, never the address itself) and the name on the certificate; the
  `Achievement` of the level, its criteria linked to the course page. OB 3.0's JSON schema
  wants plain strings for name, description and criteria (JSON-LD language maps would fail
  its validators and most wallets' displays), and our course pages have one address for both
  languages (the language is the visitor's choice), so a `Related` achievement in English
  would point to the same page: the description and the criteria give Norwegian first, then
  English, as two paragraphs (OB 3.0 allows Markdown in narratives).
- evidence: the gathering and the time the holder attended.
- credentialStatus: the certificate's bit in the revocation status list.

The holder's organisation is left out: membership can reveal health or family matters
(design rule 6), and the holder shares the credential with people we do not know.
"""

import hashlib
from dataclasses import dataclass
from datetime import UTC, date, datetime

from django.utils import translation
from django.utils.translation import gettext as _

from .loader import CREDENTIALS_V2, OPEN_BADGES_V3


@dataclass(frozen=True)
class Issuer:
    id: str
    name: str
    url: str
    organisations: tuple[str, ...] = ()


@dataclass(frozen=True)
class Achievement:
    id: str
    name: str
    # (language, text), the programme's language first: what the holder has learnt
    descriptions: tuple[tuple[str, str], ...]
    criteria_url: str


@dataclass(frozen=True)
class Evidence:
    id: str
    name: str
    starts_on: date
    ends_on: date
    attended_minutes: int
    scheduled_minutes: int


@dataclass(frozen=True)
class Holder:
    email: str
    salt: str
    name: str = ""


def timestamp(moment: datetime) -> str:
    """XML Schema dateTime in UTC, to the second: what validFrom and proofs carry."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def identity_hash(email: str, salt: str) -> str:
    """OB 3.0 IdentityHash: "sha256$" and the hex SHA-256 of the address (lower case, as the
    site stores it) followed by the salt."""
    return "sha256$" + hashlib.sha256((email.strip().lower() + salt).encode("utf-8")).hexdigest()


def hours_text(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    if not rest:
        return _("%(hours)s h") % {"hours": hours}
    return _("%(hours)s h %(minutes)s min") % {"hours": hours, "minutes": rest}


def criteria_text() -> str:
    return _(
        "Took part in a gathering at this level of the programme and was present for at least "
        "the share of the teaching that the gathering requires (80 percent unless the gathering "
        "says otherwise). The course page describes what is taught."
    )


def in_languages(texts) -> str:
    """Texts in several languages as one string: paragraphs, the first language first, the
    others marked with the language's name."""
    paragraphs, seen = [], set()
    for position, (language, text) in enumerate(texts):
        if not text or text in seen:
            continue
        seen.add(text)
        with translation.override(language):
            paragraphs.append(text if position == 0 else f"{_('In English')}: {text}")
    return "\n\n".join(paragraphs)


def issuer_profile(issuer: Issuer) -> dict:
    profile = {"id": issuer.id, "type": ["Profile"], "name": issuer.name, "url": issuer.url}
    if issuer.organisations:
        *first, last = issuer.organisations
        names = f"{', '.join(first)} {_('and')} {last}" if first else last
        profile["description"] = _(
            "The training programme for young user representatives run together by %(names)s."
        ) % {"names": names}
    return profile


def open_badge_credential(
    *,
    credential_id: str,
    issued_at: datetime,
    issuer: Issuer,
    holder: Holder,
    achievement: Achievement,
    evidence: Evidence,
    status: dict,
) -> dict:
    identifiers = []
    if holder.email:
        identifiers.append(
            {
                "type": "IdentityObject",
                "identityType": "emailAddress",
                "hashed": True,
                "identityHash": identity_hash(holder.email, holder.salt),
                "salt": holder.salt,
            }
        )
    if holder.name:
        identifiers.append(
            {
                "type": "IdentityObject",
                "identityType": "name",
                "hashed": False,
                "identityHash": holder.name,
            }
        )
    languages = [language for language, _text in achievement.descriptions]
    criteria = []
    for language in languages:
        with translation.override(language):
            criteria.append((language, criteria_text()))
    badge = {
        "id": achievement.id,
        "type": ["Achievement"],
        "achievementType": "Certificate",
        "name": achievement.name,
        "description": in_languages(achievement.descriptions),
        "criteria": {"id": achievement.criteria_url, "narrative": in_languages(criteria)},
        "inLanguage": languages[0],
    }
    subject = {
        "type": ["AchievementSubject"],
        "activityStartDate": evidence.starts_on.isoformat(),
        "activityEndDate": evidence.ends_on.isoformat(),
        "achievement": badge,
    }
    if identifiers:
        subject["identifier"] = identifiers
    return {
        "@context": [CREDENTIALS_V2, OPEN_BADGES_V3],
        "id": credential_id,
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": achievement.name,
        "issuer": issuer_profile(issuer),
        "validFrom": timestamp(issued_at),
        "credentialSubject": subject,
        "evidence": [
            {
                "id": evidence.id,
                "type": ["Evidence"],
                "name": evidence.name,
                "genre": _("Gathering"),
                "description": _(
                    "Attended %(attended)s of the gathering's %(scheduled)s of teaching."
                )
                % {
                    "attended": hours_text(evidence.attended_minutes),
                    "scheduled": hours_text(evidence.scheduled_minutes),
                },
            }
        ],
        "credentialStatus": status,
    }
