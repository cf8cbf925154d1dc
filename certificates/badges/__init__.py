"""Open Badges 3.0 credentials for certificates (issue 19).

Pure parts — no queries, objects in and dicts out, tested alone:

- `contexts/` and `loader.py`: the JSON-LD contexts, shipped with the code; nothing is fetched.
- `credential.py`: the `OpenBadgeCredential` of one certificate.
- `proof.py`: Data Integrity proofs, `eddsa-rdfc-2022` (Ed25519 over RDF canonical N-Quads).
- `status.py`: the Bitstring Status List (revocation) and its credential.
- `keys.py`: the issuer's Ed25519 keys, from the environment or a file (never the database).
- `did.py`: the issuer's `did:web` document, which publishes the public keys.

`documents.py` gathers what they need from the database and is what views call.
"""
