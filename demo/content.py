"""Reading the demo's data files (demo/data/*.yaml). Plain data in, plain data out: no
database access here."""

from pathlib import Path

import yaml

# libyaml's safe loader when PyYAML was built with it (ten times faster), else PyYAML's own.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
DATA = Path(__file__).resolve().parent / "data"
DOMAIN = "medvirk.localhost"


def read(name: str):
    """One data file, parsed (safe_load: plain data only). `name` is relative to demo/data/."""
    with (DATA / name).open(encoding="utf-8") as file:
        return yaml.load(file, Loader=SAFE_LOADER)  # noqa: S506 - a safe loader


def site() -> dict:
    return read("site.yaml")


def people() -> dict:
    return read("people.yaml")


def gatherings() -> dict:
    return read("gatherings.yaml")


def programme() -> dict:
    return read("curriculum/programme.yaml")


def modules_en() -> dict:
    """The modules' English, by slug (curriculum/modules_en.yaml)."""
    return read("curriculum/modules_en.yaml") or {}


def courses() -> list[dict]:
    """The programme's courses, in the programme's order."""
    return [read(f"curriculum/{slug}.yaml") for slug in programme()["courses"]]


def participant_email(login: str) -> str:
    return f"{login}@{DOMAIN}"


PARTICIPANT_FIELDS = {
    "login",
    "name",
    "organisation",
    "age",
    "note",
    "municipality",
    "dietary_needs",
    "guardian_name",
    "guardian_email",
}


def participants() -> list[dict]:
    """Every participant with the defaults filled in and their e-mail address."""
    data = people()
    defaults = data.get("participant_defaults", {})
    for person in data["participants"]:
        # A comma in an unquoted {flow: mapping} value silently makes a new key: say so.
        unknown = set(person) - PARTICIPANT_FIELDS
        if unknown:
            raise ValueError(f"people.yaml: {person.get('login')} has unknown fields {unknown}")
    return [
        {**defaults, **person, "email": participant_email(person["login"])}
        for person in data["participants"]
    ]


def logins() -> list[tuple[str, str]]:
    """(e-mail, role) for every demo account, in the order the summary prints them."""
    data = people()
    rows = [(data["administrator"]["email"], data["administrator"]["role"])]
    rows += [(person["email"], person["role"]) for person in data["staff"]]
    rows += [
        (person["email"], f"koordinator / coordinator ({person['organisation']})")
        for person in data["coordinators"]
    ]
    for person in participants():
        role = f"deltaker / participant ({person['organisation']}), {person['name']}"
        if person.get("note"):
            role += f": {person['note']}"
        rows.append((person["email"], role))
    return rows
