"""Revocation as a W3C Bitstring Status List (v1.0): one bit per certificate, 1 = revoked,
the list gzip-compressed and written as multibase base64url ('u'). A list holds
`LIST_SIZE` entries (the specification's minimum, 16 KiB, for herd privacy); a certificate's
global status index picks the list (index // LIST_SIZE + 1) and its bit (index % LIST_SIZE).
Bit 0 is the first byte's most significant bit.

Pure: indexes in, documents out."""

import gzip

from .loader import CREDENTIALS_V2
from .multibase import base64url_decode, base64url_encode

LIST_SIZE = 131_072


def position(status_index: int) -> tuple[int, int]:
    """(list number from 1, bit within that list) of a certificate's status index."""
    return status_index // LIST_SIZE + 1, status_index % LIST_SIZE


def encode(revoked_bits) -> str:
    """The encodedList of a list whose set bits are `revoked_bits` (positions in the list)."""
    bits = bytearray(LIST_SIZE // 8)
    for bit in revoked_bits:
        bits[bit // 8] |= 0x80 >> (bit % 8)
    return "u" + base64url_encode(gzip.compress(bytes(bits), mtime=0))


def is_set(encoded_list: str, bit: int) -> bool:
    """Whether `bit` is set in an encodedList (ValueError if it is not one)."""
    if not encoded_list.startswith("u"):
        raise ValueError("not base64url multibase")
    bits = gzip.decompress(base64url_decode(encoded_list[1:]))
    if bit >= len(bits) * 8:
        raise ValueError("index outside the list")
    return bool(bits[bit // 8] & (0x80 >> (bit % 8)))


def status_entry(*, list_url: str, bit: int) -> dict:
    """What a credential says about where its revocation bit is."""
    return {
        "id": f"{list_url}#{bit}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": str(bit),
        "statusListCredential": list_url,
    }


def status_list_credential(*, list_url: str, issuer_id: str, valid_from: str, revoked_bits):
    """The (unsigned) BitstringStatusListCredential of one list."""
    return {
        "@context": [CREDENTIALS_V2],
        "id": list_url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer_id,
        "validFrom": valid_from,
        "credentialSubject": {
            "id": f"{list_url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": "revocation",
            "encodedList": encode(revoked_bits),
        },
    }
