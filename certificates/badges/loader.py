"""The JSON-LD contexts a credential names, served from files shipped with the code.

Issuing and verifying never go to the network: a context that is not here is refused, so a
credential that names an unknown context fails verification instead of fetching it."""

import json
from functools import cache
from pathlib import Path

from pyld.jsonld import JsonLdError

CREDENTIALS_V2 = "https://www.w3.org/ns/credentials/v2"
OPEN_BADGES_V3 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"

_FOLDER = Path(__file__).resolve().parent / "contexts"
_FILES = {
    CREDENTIALS_V2: "credentials-v2.json",
    OPEN_BADGES_V3: "ob-v3p0-3.0.3.json",
}


@cache
def context(url: str) -> dict:
    """The parsed context document shipped for `url` (KeyError for any other URL)."""
    return json.loads((_FOLDER / _FILES[url]).read_text(encoding="utf-8"))


def document_loader(url, options=None):
    """A pyld document loader that knows the shipped contexts and nothing else."""
    if url not in _FILES:
        raise JsonLdError(
            f"Context not shipped with Medvirk: {url}",
            "jsonld.LoadDocumentError",
            {"url": url},
            code="loading document failed",
        )
    return {"contextUrl": None, "documentUrl": url, "document": context(url)}
