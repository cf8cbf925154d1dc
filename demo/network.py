"""The representatives' network in the demo, from demo/data/network.yaml: the members (they
join through the membership service, so only participants with a live certificate can, at the
moment the data gives). A participant who is a member already is left alone."""

from network.models import Membership
from network.services.membership import membership_join

from . import content
from .timeline import Clock


def data() -> dict:
    return content.read("network.yaml") or {}


def load_members(*, clock: Clock, participants, stdout) -> None:
    joined = 0
    for spec in data().get("members", []):
        participant = participants[spec["login"]]
        if Membership.objects.filter(participant=participant).exists():
            continue
        membership_join(
            participant=participant,
            consent=True,
            profile=spec.get("profile", {}),
            now=clock.past(spec["joined"]),
        )
        joined += 1
    if joined:
        stdout.write(f"  {joined} medlemmer i nettverket")


def load(*, clock: Clock, participants, stdout) -> None:
    load_members(clock=clock, participants=participants, stdout=stdout)
