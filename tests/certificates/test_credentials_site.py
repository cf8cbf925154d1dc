"""Open Badges credentials on the site: /bevis/<code>/credential.json, the revocation status
list kept in step with revoking, the DID document with the public keys, the verification
page's own check, LinkedIn's link, My page and the certificate e-mail."""

import copy
import json
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core import mail
from pyld import jsonld

from certificates.badges import documents, loader, status
from certificates.models import Certificate
from certificates.services import certificate_issue, certificate_reissue, certificate_revoke
from tests.factories import make_course, make_programme

pytestmark = pytest.mark.django_db


@pytest.fixture
def issued(finished, on_commit):
    return on_commit(
        certificate_issue, enrolment=finished["present"], actor=finished["coordinator"]
    )


def credential_of(client, certificate):
    response = client.get(f"/bevis/{certificate.display_code}/credential.json")
    assert response.status_code == 200
    return json.loads(response.content)


def test_the_credential_is_public_json_ld_with_a_file_name(client, issued):
    response = client.get(f"/bevis/{issued.display_code}/credential.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/ld+json")
    assert (
        response["Content-Disposition"]
        == f'attachment; filename="kursbevis-{issued.display_code}.json"'
    )
    credential = json.loads(response.content)
    assert credential["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert credential["issuer"]["id"] == "did:web:testserver"
    assert credential["id"] == f"http://testserver/bevis/{issued.display_code}/credential.json"
    assert documents.check(credential).valid
    # the same document each time (the proof is dated at issue, the salt derived from the code)
    assert credential_of(client, issued) == credential


def test_the_credential_never_holds_the_holders_address(client, issued):
    body = client.get(f"/bevis/{issued.display_code}/credential.json").content.decode()
    email = issued.enrolment.participant.user.email
    assert email and email not in body and email.lower() not in body.lower()
    assert "sha256$" in body


def test_verifiers_in_a_browser_may_read_the_published_documents(client, issued):
    for path in (
        f"/bevis/{issued.display_code}/credential.json",
        "/bevis/status/1",
        "/.well-known/did.json",
    ):
        response = client.get(path, headers={"Origin": "https://wallet.example.org"})
        assert response["Access-Control-Allow-Origin"] == "*", path
    page = client.get(f"/bevis/{issued.display_code}/", headers={"Origin": "https://x.example"})
    assert "Access-Control-Allow-Origin" not in page


def test_an_unknown_or_malformed_code_answers_404(client, issued):
    assert client.get("/bevis/AAAA-AAAA-AA/credential.json").status_code == 404
    assert client.get("/bevis/not-a-code/credential.json").status_code == 404


def test_the_achievement_links_its_criteria_to_the_levels_course_page(
    client, finished, on_commit, site_tree
):
    course = make_course(make_programme(site_tree), level="new")
    finished["gathering"].course = course
    finished["gathering"].save()
    certificate = on_commit(
        certificate_issue, enrolment=finished["present"], actor=finished["coordinator"]
    )
    credential = credential_of(client, certificate)
    achievement = credential["credentialSubject"]["achievement"]
    assert achievement["name"] == course.title
    assert achievement["criteria"]["id"] == "http://testserver" + course.url
    assert achievement["description"].startswith(course.certificate_text)
    # Every term of what the site serves is defined by the shipped contexts (a trailing
    # vocabulary would catch any other): JSON-LD drops nothing, so everything is signed.
    catch = "urn:medvirk:undefined#"
    expandable = {**credential, "@context": [*credential["@context"], {"@vocab": catch}]}
    expanded = jsonld.expand(expandable, {"documentLoader": loader.document_loader})
    assert catch not in json.dumps(expanded)


def test_evidence_names_the_gathering_and_the_time_attended(client, issued, finished):
    evidence = credential_of(client, issued)["evidence"][0]
    assert evidence["name"] == finished["gathering"].title
    assert evidence["id"] == f"http://testserver/samlinger/{finished['gathering'].slug}/"
    assert evidence["description"] == "Til stede i 2 t av samlingens 2 t med undervisning."


def test_status_indexes_are_given_once_and_never_reused(finished, on_commit):
    first = on_commit(
        certificate_issue, enrolment=finished["present"], actor=finished["coordinator"]
    )
    second = on_commit(
        certificate_reissue, certificate=first, actor=finished["coordinator"], reason="Navnefeil"
    )
    first.refresh_from_db()
    assert first.status_index and second.status_index
    assert second.status_index != first.status_index
    assert Certificate.objects.filter(status_index=first.status_index).count() == 1


def test_revoking_in_the_admin_sets_the_bit_in_the_published_status_list(client, issued, finished):
    list_url = credential_of(client, issued)["credentialStatus"]["statusListCredential"]
    bit = int(credential_of(client, issued)["credentialStatus"]["statusListIndex"])
    path = urlsplit(list_url).path
    before = client.get(path)
    assert before.status_code == 200
    assert "public" in before["Cache-Control"] and "max-age=300" in before["Cache-Control"]
    published = json.loads(before.content)
    assert published["type"] == ["VerifiableCredential", "BitstringStatusListCredential"]
    assert not status.is_set(published["credentialSubject"]["encodedList"], bit)

    certificate_revoke(certificate=issued, actor=finished["coordinator"], reason="Feil person")

    after = json.loads(client.get(path).content)
    assert status.is_set(after["credentialSubject"]["encodedList"], bit)
    assert documents.check(after).signed  # the list itself is signed
    # The revoked certificate keeps its credential: the list is what says it is revoked.
    credential = credential_of(client, issued)
    check = documents.check(credential)
    assert check.signed and check.revoked and not check.valid


def test_only_status_lists_that_exist_answer(client, issued):
    assert client.get("/bevis/status/1").status_code == 200
    assert client.get("/bevis/status/0").status_code == 404
    assert client.get("/bevis/status/2").status_code == 404


def test_the_did_document_publishes_every_configured_key(client, settings):
    settings.CREDENTIAL_SIGNING_KEYS = f"new:{'B' * 43},old:{'C' * 43}"
    document = json.loads(client.get("/.well-known/did.json").content)
    assert document["id"] == "did:web:testserver"
    assert document["assertionMethod"] == ["did:web:testserver#new", "did:web:testserver#old"]
    assert {m["type"] for m in document["verificationMethod"]} == {"Multikey"}


def test_a_credential_signed_before_a_key_rotation_still_checks(client, issued, settings):
    before = credential_of(client, issued)
    assert before["proof"]["verificationMethod"] == "did:web:testserver#test-1"
    old = settings.CREDENTIAL_SIGNING_KEYS.split(":", 1)[1]
    settings.CREDENTIAL_SIGNING_KEYS = f"test-2:{'B' * 43},test-1:{old}"
    after = credential_of(client, issued)
    assert after["proof"]["verificationMethod"] == "did:web:testserver#test-2"
    assert documents.check(before).valid and documents.check(after).valid
    settings.CREDENTIAL_SIGNING_KEYS = f"test-2:{'B' * 43}"  # the old key withdrawn
    assert not documents.check(before).signed


def test_a_tampered_credential_fails_the_check(client, issued):
    credential = credential_of(client, issued)
    tampered = copy.deepcopy(credential)
    tampered["credentialSubject"]["identifier"][1]["identityHash"] = "Noen Andre"
    assert not documents.check(tampered).signed
    for broken in (
        None,
        [],
        {"proof": "x"},
        {**credential, "proof": {**credential["proof"], "proofValue": "zz"}},
    ):
        assert not documents.check(broken).valid


def test_the_verification_page_checks_the_signature_and_the_status_list(client, issued, finished):
    html = client.get(f"/bevis/{issued.display_code}/").content.decode()
    assert "Signaturen er gyldig" in html
    assert "Ikke tilbakekalt" in html
    assert f"/bevis/{issued.display_code}/credential.json" in html
    certificate_revoke(certificate=issued, actor=finished["coordinator"], reason="Feil person")
    html = client.get(f"/bevis/{issued.display_code}/").content.decode()
    assert "Signaturen er gyldig" in html
    assert "Listen vår over tilbakekalte kursbevis sier det samme." in html
    assert "linkedin.com" not in html


def upload(client, content: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    file = SimpleUploadedFile("kursbevis.json", content, content_type="application/json")
    return client.post("/bevis/sjekk-fil/", {"fil": file})


def test_someone_given_the_file_checks_it_tampered_and_revoked_ones_fail(client, issued, finished):
    assert client.get("/bevis/sjekk-fil/").status_code == 200
    credential = credential_of(client, issued)
    answer = upload(client, json.dumps(credential).encode()).content.decode()
    assert "Gyldig kursbevis" in answer and "Signaturen er gyldig" in answer
    assert issued.holder_name in answer

    tampered = copy.deepcopy(credential)
    tampered["name"] = "Kurs for erfaringsformidlere"
    answer = upload(client, json.dumps(tampered).encode()).content.decode()
    assert "Signaturen kunne ikke bekreftes" in answer and "Gyldig kursbevis" not in answer

    certificate_revoke(certificate=issued, actor=finished["coordinator"], reason="Feil person")
    answer = upload(client, json.dumps(credential).encode()).content.decode()
    assert "Tilbakekalt: dette kursbeviset gjelder ikke lenger" in answer


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "Velg fila med kursbeviset (.json)."),
        (b"%PDF-1.7 not json", "Fila er ikke et digitalt kursbevis"),
        (b"\xff\xfe", "Fila er ikke et digitalt kursbevis"),
        (b" " * (65 * 1024), "Fila er for stor til å være et kursbevis."),
    ],
)
def test_a_file_that_is_no_credential_gets_a_clear_message(client, content, message):
    response = client.post("/bevis/sjekk-fil/", {}) if content is None else upload(client, content)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_a_json_file_that_is_not_a_credential_is_simply_not_valid(client, issued):
    for document in ([], {"name": "x"}, {"credentialSubject": {"identifier": "x"}, "validFrom": 7}):
        answer = upload(client, json.dumps(document).encode())
        assert answer.status_code == 200
        assert "Signaturen kunne ikke bekreftes" in answer.content.decode()


def test_the_linkedin_link_carries_the_certificates_facts(client, issued):
    html = client.get(f"/bevis/{issued.display_code}/").content.decode()
    start = html.index("https://www.linkedin.com/profile/add?")
    url = html[start : html.index('"', start)].replace("&amp;", "&")
    query = {name: values[0] for name, values in parse_qs(urlsplit(url).query).items()}
    issued_local = issued.issued_at.astimezone()
    assert query["startTask"] == "CERTIFICATION_NAME"
    assert query["organizationName"] == "Medvirk"
    assert query["certId"] == issued.display_code
    assert query["certUrl"] == f"http://testserver/bevis/{issued.display_code}/"
    assert (int(query["issueYear"]), int(query["issueMonth"])) == (
        issued_local.year,
        issued_local.month,
    )
    assert query["name"]


def test_my_page_and_the_e_mail_offer_the_digital_certificate(client, finished, on_commit):
    with_mail = on_commit(
        certificate_issue, enrolment=finished["present"], actor=finished["coordinator"]
    )
    client.force_login(finished["present"].participant.user)
    html = client.get("/min-side/").content.decode()
    assert f"/bevis/{with_mail.display_code}/credential.json" in html
    assert "Digitalt kursbevis (Open Badges, .json)" in html
    bodies = [m.body for m in mail.outbox if with_mail.display_code in m.body]
    assert any(
        f"http://testserver/bevis/{with_mail.display_code}/credential.json" in body
        for body in bodies
    )
