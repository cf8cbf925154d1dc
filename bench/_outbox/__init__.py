"""The parts of bench/outbox.py (the script, its docstring and its command are there): the SMTP
sink (sink), the qcluster processes it kills (clusters), the scenarios (scenarios) and what is
measured and printed (measure)."""
