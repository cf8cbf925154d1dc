"""The network's reads used in more than one place, one module per area: membership.py
(eligibility, certified levels, a member's profile), directory.py (the members' page),
requests.py (requests and matching), assignments.py (the erfaringslogg, figures)."""
