"""Data Integrity proofs with the `eddsa-rdfc-2022` cryptosuite (W3C Data Integrity EdDSA
Cryptosuites v1.0): the document and the proof options are each turned into canonical
N-Quads (RDFC-1.0, which pyld implements as URDNA2015), hashed with SHA-256, and the two
hashes, options first, are signed with Ed25519. The signature is base58btc multibase.

Pure: documents in, documents out; the contexts come from the shipped loader."""

import copy
import hashlib

from cryptography.exceptions import InvalidSignature
from pyld import jsonld

from .loader import document_loader
from .multibase import base58btc_decode, base58btc_encode

CRYPTOSUITE = "eddsa-rdfc-2022"


def canonical_nquads(document: dict) -> str:
    return jsonld.normalize(
        document,
        {
            "algorithm": "URDNA2015",
            "format": "application/n-quads",
            "documentLoader": document_loader,
        },
    )


def _hash_data(document: dict, options: dict) -> bytes:
    options = {**options, "@context": document["@context"]}
    return (
        hashlib.sha256(canonical_nquads(options).encode("utf-8")).digest()
        + hashlib.sha256(canonical_nquads(document).encode("utf-8")).digest()
    )


def sign(document: dict, *, key, verification_method: str, created: str) -> dict:
    """`document` with an `assertionMethod` proof by `key` (a keys.SigningKey)."""
    unsecured = {name: value for name, value in document.items() if name != "proof"}
    options = {
        "type": "DataIntegrityProof",
        "cryptosuite": CRYPTOSUITE,
        "created": created,
        "verificationMethod": verification_method,
        "proofPurpose": "assertionMethod",
    }
    signature = key.sign(_hash_data(unsecured, options))
    return {**unsecured, "proof": {**options, "proofValue": "z" + base58btc_encode(signature)}}


def verify(document: dict, *, public_key_for) -> tuple[bool, str]:
    """(valid, why not): checks the proof of a secured document. `public_key_for(id)` gives
    the Ed25519 public key of a verification method id, or None when the issuer publishes no
    such key. Any error on the way (a malformed document, an unknown context) is invalid."""
    try:
        proof = document.get("proof")
        if not isinstance(proof, dict):
            return False, "no single proof"
        if proof.get("type") != "DataIntegrityProof" or proof.get("cryptosuite") != CRYPTOSUITE:
            return False, "not an eddsa-rdfc-2022 proof"
        if proof.get("proofPurpose") != "assertionMethod":
            return False, "wrong proof purpose"
        method = proof.get("verificationMethod", "")
        public_key = public_key_for(method)
        if public_key is None:
            return False, "unknown key"
        issuer = document.get("issuer")
        issuer_id = issuer.get("id") if isinstance(issuer, dict) else issuer
        if not isinstance(method, str) or method.split("#", 1)[0] != issuer_id:
            return False, "key is not the issuer's"
        value = proof.get("proofValue", "")
        if not isinstance(value, str) or not value.startswith("z"):
            return False, "malformed signature"
        signature = base58btc_decode(value[1:])
        options = {name: item for name, item in proof.items() if name != "proofValue"}
        unsecured = {name: item for name, item in document.items() if name != "proof"}
        public_key.verify(signature, _hash_data(copy.deepcopy(unsecured), options))
    except InvalidSignature:
        return False, "signature does not match"
    except Exception as error:  # malformed input of any kind is simply not valid
        return False, f"cannot be checked ({type(error).__name__})"
    return True, ""
