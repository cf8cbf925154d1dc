"""Certificates: eligibility, issuing, verification and revocation (coming next)."""
