"""The network's writes with rules, one module per journey: membership.py (join, guardian,
leave, profile), messaging.py (members write to each other), requests.py (a service asks),
matching.py (coordinators invite, members answer, the match), assignments.py (after the
assignment: feedback, hours). history.py records every step of a request."""
