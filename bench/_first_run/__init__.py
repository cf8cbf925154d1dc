"""The parts of bench/first_run.py (the script, its docstring and its command are there): the
site's environment and set-up (server), what everyone shares (world), the administrator and
coordinators in the script's process (staff), the people on the web (visitors), and the end
(report)."""
