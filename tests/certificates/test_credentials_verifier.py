"""Credentials Medvirk issued, checked by a verifier Medvirk does not contain: Digital
Bazaar's @digitalbazaar/vc with the eddsa-rdfc-2022 cryptosuite and
@digitalbazaar/vc-bitstring-status-list, run by node (tests/certificates/verify_credentials.mjs,
npm dev dependencies, installed by `npm ci`). It gets what the site published — the
credentials, /.well-known/did.json and the status list — and its own copies of the contexts."""

import copy
import json
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from certificates.services import certificate_issue, certificate_revoke

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]
SCRIPT = Path(__file__).with_name("verify_credentials.mjs")


def independent_verdicts(client, credentials, tmp_path):
    node = shutil.which("node")
    assert node, "node is needed (the verifier's libraries come from `npm ci`)"
    did_document = json.loads(client.get("/.well-known/did.json").content)
    documents = {did_document["id"]: did_document}
    for credential in credentials:
        url = credential["credentialStatus"]["statusListCredential"]
        documents[url] = json.loads(client.get(urlsplit(url).path).content)
    path = tmp_path / "input.json"
    path.write_text(json.dumps({"credentials": credentials, "documents": documents}))
    result = subprocess.run(
        [node, str(SCRIPT), str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_an_independent_verifier_accepts_ours_and_refuses_tampered_and_revoked(
    client, finished, on_commit, tmp_path
):
    coordinator = finished["coordinator"]
    valid = on_commit(certificate_issue, enrolment=finished["present"], actor=coordinator)
    revoked = on_commit(
        certificate_issue,
        enrolment=finished["absent"],
        actor=coordinator,
        exception_reason="Syk, tok igjen stoffet med veileder",
    )
    certificate_revoke(certificate=revoked, actor=coordinator, reason="Utstedt ved en feil")

    def credential(certificate):
        return json.loads(client.get(f"/bevis/{certificate.display_code}/credential.json").content)

    ours = credential(valid)
    tampered = copy.deepcopy(ours)
    tampered["credentialSubject"]["identifier"][1]["identityHash"] = "Noen Andre"
    later = copy.deepcopy(ours)
    later["validFrom"] = "2020-01-01T00:00:00Z"

    verdicts = independent_verdicts(client, [ours, tampered, later, credential(revoked)], tmp_path)

    assert verdicts[0] == {"verified": True, "signature": True, "revoked": False, "error": ""}
    assert verdicts[1]["signature"] is False and verdicts[1]["verified"] is False
    assert verdicts[2]["signature"] is False and verdicts[2]["verified"] is False
    assert verdicts[3]["signature"] is True  # ours, intact …
    assert verdicts[3]["revoked"] is True and verdicts[3]["verified"] is False  # … but revoked
