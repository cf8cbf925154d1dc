"""The issuer's identifier and public keys as a `did:web` DID document.

`did:web:<host>` (a port written `%3A`) resolves to `https://<host>/.well-known/did.json`,
which lists every configured key as a `Multikey` — the signing key and the older ones kept
for verifying what they signed. Pure: the base URL and keys in, the document out."""

from urllib.parse import quote, urlsplit

DID_V1 = "https://www.w3.org/ns/did/v1"
MULTIKEY_V1 = "https://w3id.org/security/multikey/v1"


def issuer_did(base_url: str) -> str:
    """The site's host (the base URL's path, if any, is not part of it: the document is served
    at the host's /.well-known/did.json)."""
    return "did:web:" + quote(urlsplit(base_url).netloc, safe="")


def verification_method_id(did: str, key) -> str:
    return f"{did}#{key.name}"


def did_document(*, did: str, keys) -> dict:
    methods = [
        {
            "id": verification_method_id(did, key),
            "type": "Multikey",
            "controller": did,
            "publicKeyMultibase": key.public_multibase,
        }
        for key in keys
    ]
    ids = [method["id"] for method in methods]
    return {
        "@context": [DID_V1, MULTIKEY_V1],
        "id": did,
        "verificationMethod": methods,
        "assertionMethod": ids,
        "authentication": ids,
    }
