"""The documents the site publishes about certificates, gathered from the database and
signed: a certificate's credential, the revocation status lists and the DID document; and
the check of a credential (ours as served, or one somebody holds), in Python with the same
local contexts. Built when asked, from the rows as they are: nothing is stored that could
drift from a revocation."""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac
from django.utils.dateparse import parse_datetime

from cohorts.selectors import enrolment_completion
from courses.models import CoursePage
from people.models import Organisation

from ..models import Certificate
from . import did, keys, proof, status
from .credential import Achievement, Evidence, Holder, Issuer, open_badge_credential, timestamp

ISSUER_NAME = "Medvirk"
LANGUAGE = "nb"  # the programme's; English is given as a related achievement


def base_url() -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def issuer_id() -> str:
    return did.issuer_did(base_url())


def did_document() -> dict:
    return did.did_document(did=issuer_id(), keys=keys.signing_keys())


def status_list_url(number: int) -> str:
    return base_url() + reverse("certificate_status_list", args=[number])


def credential_url(certificate: Certificate) -> str:
    return base_url() + reverse("certificate_credential", args=[certificate.display_code])


def _sign(document: dict, *, created) -> dict:
    key = keys.signing_keys()[0]
    method = did.verification_method_id(issuer_id(), key)
    return proof.sign(document, key=key, verification_method=method, created=created)


def _page_url(page) -> str:
    url = page.get_url() or ""
    return base_url() + url if url.startswith("/") else url


def _achievement(certificate: Certificate) -> Achievement:
    """The level's achievement, described by its course page: what the certificate says the
    holder has learnt, in Norwegian and, where the page is translated, English."""
    course = certificate.enrolment.gathering.course
    if course is None:
        course = CoursePage.objects.live().filter(level=certificate.level).first()
    if course is None:
        url = f"{base_url()}/program/"
        with translation.override(LANGUAGE):
            label = str(certificate.get_level_display())
        return Achievement(id=url, name=label, descriptions=((LANGUAGE, label),), criteria_url=url)
    course = course.specific
    texts = {
        page.locale.language_code: page.certificate_text or page.summary
        for page in CoursePage.objects.filter(translation_key=course.translation_key)
        .live()
        .select_related("locale")
    }
    own = course.certificate_text or course.summary
    descriptions = ((LANGUAGE, texts.get(LANGUAGE, own)),) + tuple(
        (language, text) for language, text in sorted(texts.items()) if language != LANGUAGE
    )
    url = _page_url(course)
    return Achievement(id=url, name=course.title, descriptions=descriptions, criteria_url=url)


def credential(certificate: Certificate) -> dict:
    """The certificate's signed OpenBadgeCredential. The same bytes every time while the keys
    and the facts stay the same: the proof is dated when the certificate was issued and the
    e-mail's salt is derived from the code with the site's secret."""
    certificate = Certificate.objects.select_related(
        "enrolment__participant__user", "enrolment__gathering__course"
    ).get(pk=certificate.pk)
    enrolment = certificate.enrolment
    gathering = enrolment.gathering
    completion = enrolment_completion(enrolment)
    number, bit = status.position(certificate.status_index or certificate.pk)
    user = enrolment.participant.user
    with translation.override(LANGUAGE):
        document = open_badge_credential(
            credential_id=credential_url(certificate),
            issued_at=certificate.issued_at,
            issuer=Issuer(
                id=issuer_id(),
                name=ISSUER_NAME,
                url=base_url() + "/",
                organisations=tuple(
                    Organisation.objects.order_by("name").values_list("name", flat=True)
                ),
            ),
            holder=Holder(
                email=(user.email if user else "") or "",
                salt=salted_hmac("certificates.badges.salt", certificate.code).hexdigest()[:32],
                name=certificate.holder_name,
            ),
            achievement=_achievement(certificate),
            evidence=Evidence(
                id=base_url() + gathering.get_absolute_url(),
                name=gathering.title,
                starts_on=timezone.localtime(gathering.starts_at).date(),
                ends_on=timezone.localtime(gathering.ends_at).date(),
                attended_minutes=completion.attended_minutes,
                scheduled_minutes=completion.scheduled_minutes,
            ),
            status=status.status_entry(list_url=status_list_url(number), bit=bit),
        )
    return _sign(document, created=timestamp(certificate.issued_at))


def revoked_bits(number: int) -> list[int]:
    """The set bits of status list `number`: its revoked certificates."""
    low = (number - 1) * status.LIST_SIZE
    indexes = Certificate.objects.filter(
        revoked_at__isnull=False, status_index__gte=low, status_index__lt=low + status.LIST_SIZE
    ).values_list("status_index", flat=True)
    return [index - low for index in indexes]


def status_list_credential(number: int) -> dict:
    """Status list `number`, signed now (it says what is revoked at this moment)."""
    now = timestamp(timezone.now())
    document = status.status_list_credential(
        list_url=status_list_url(number),
        issuer_id=issuer_id(),
        valid_from=now,
        revoked_bits=revoked_bits(number),
    )
    return _sign(document, created=now)


@dataclass(frozen=True)
class Check:
    """What checking a credential found: the signature is ours and intact (`signed`), and
    whether the status list says it is revoked (None when that could not be read)."""

    signed: bool
    revoked: bool | None
    problem: str = ""

    @property
    def valid(self) -> bool:
        return self.signed and self.revoked is False


def _our_public_key(method_id):
    for key in keys.signing_keys():
        if method_id == did.verification_method_id(issuer_id(), key):
            return key.public
    return None


def check(document) -> Check:
    """Checks a credential as a verifier would: the Data Integrity proof against the keys
    our DID document publishes, then the certificate's bit in our status list (read from the
    database, as the list we publish is). Anything malformed is simply not valid."""
    if not isinstance(document, dict):
        return Check(signed=False, revoked=None, problem="not a credential")
    signed, problem = proof.verify(document, public_key_for=_our_public_key)
    if not signed:
        return Check(signed=False, revoked=None, problem=problem)
    entry = document.get("credentialStatus")
    try:
        list_url = entry["statusListCredential"]
        bit = int(entry["statusListIndex"])
        prefix = base_url() + reverse("certificate_status_list", args=[1])[:-1]
        number = int(list_url.removeprefix(prefix)) if list_url.startswith(prefix) else 0
    except (KeyError, TypeError, ValueError):
        return Check(signed=True, revoked=None, problem="no status")
    if number < 1 or not 0 <= bit < status.LIST_SIZE:
        return Check(signed=True, revoked=None, problem="not our status list")
    # The list as we publish it, checked as a verifier would check it.
    status_list = status_list_credential(number)
    listed, problem = proof.verify(status_list, public_key_for=_our_public_key)
    if not listed:
        return Check(signed=True, revoked=None, problem=f"status list: {problem}")
    encoded = status_list["credentialSubject"]["encodedList"]
    return Check(signed=True, revoked=status.is_set(encoded, bit))


def status_list_count() -> int:
    """How many status lists there are: enough for the highest index given out (at least 1)."""
    highest = Certificate.objects.aggregate(highest=Max("status_index"))["highest"] or 0
    return status.position(highest)[0]


def facts(document) -> dict:
    """What a checked credential says, for the page that shows the answer: the certificate's
    name, the holder's name (when it is in it) and the issue date."""
    if not isinstance(document, dict):
        return {}
    subject = document.get("credentialSubject")
    identifiers = subject.get("identifier") if isinstance(subject, dict) else None
    names = [
        entry.get("identityHash", "")
        for entry in (identifiers if isinstance(identifiers, list) else [])
        if isinstance(entry, dict) and entry.get("identityType") == "name"
    ]
    issued = document.get("validFrom")
    try:
        issued = parse_datetime(issued) if isinstance(issued, str) else None
    except ValueError:
        issued = None
    return {
        "name": str(document.get("name", "")),
        "holder": str(names[0]) if names else "",
        "issued": issued,
    }
