"""Membership of the network and the member's profile; messages between members."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from .choices import FIELD_COLUMNS, PARTICIPATION_COLUMNS, Availability, County

INTRODUCTION_MAX_LENGTH = 600
MESSAGE_MAX_LENGTH = 2000


class Membership(models.Model):
    """A participant who joined the network, with explicit consent, and their profile.

    Only a participant with a live level-1 certificate (or higher) can join; an under-18 joins
    once a guardian confirmed (design rule 5, the same signed-link mechanism as applications).
    Leaving deletes this row at once (and with it the profile and the member's messages).

    The certified levels are never stored: they are read from the member's live certificates.
    Each part of the profile is seen by the member's coordinators and, if its `members_see_…`
    flag is set, by other members. `listed_for_members` puts the member on the members' page
    at all; `visible_network_wide` lets coordinators of every organisation (not only the
    member's own) see the profile when they match a request.
    """

    class State(models.TextChoices):
        GUARDIAN_PENDING = "guardian_pending", _("Waiting for a guardian's confirmation")
        ACTIVE = "active", _("Member")

    participant = models.OneToOneField(
        "people.Participant", on_delete=models.CASCADE, related_name="network_membership"
    )
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.GUARDIAN_PENDING
    )
    consent_given_at = models.DateTimeField(_("consent given"))
    # Which wording of the consent the member agreed to (network.consent.CONSENT_VERSION).
    consent_version = models.CharField(_("consent version"), max_length=20)
    guardian_confirmed_at = models.DateTimeField(_("guardian confirmed"), null=True, blank=True)
    joined_at = models.DateTimeField(_("member since"), null=True, blank=True)
    # Last time the member did something in the network (joined, edited, answered a request):
    # retention removes a profile after a long silence, after warning the member.
    last_active_at = models.DateTimeField(_("last active"))
    inactivity_warned_at = models.DateTimeField(null=True, blank=True)

    # The profile.
    field_mental_health = models.BooleanField(_("mental health"), default=False)
    field_substance_use = models.BooleanField(_("substance use"), default=False)
    field_child_welfare = models.BooleanField(_("child welfare"), default=False)
    did_individual = models.BooleanField(_("individual level"), default=False)
    did_service = models.BooleanField(_("service level"), default=False)
    did_system = models.BooleanField(_("system level"), default=False)
    county = models.CharField(_("county"), max_length=2, choices=County.choices, blank=True)
    languages = models.CharField(
        _("languages"), max_length=200, blank=True, help_text=_("For example: Norwegian, English")
    )
    availability = models.CharField(
        _("availability"),
        max_length=20,
        choices=Availability.choices,
        default=Availability.SOMETIMES,
    )
    introduction = models.TextField(
        _("a short introduction"), max_length=INTRODUCTION_MAX_LENGTH, blank=True
    )
    # What a service gets when the member accepts a request (empty e-mail: the account's).
    contact_email = models.EmailField(_("contact e-mail for assignments"), blank=True)
    contact_phone = models.CharField(_("contact phone for assignments"), max_length=30, blank=True)

    # Who sees what.
    listed_for_members = models.BooleanField(_("shown on the members' page"), default=False)
    visible_network_wide = models.BooleanField(
        _("coordinators in every organisation may see my profile"), default=False
    )
    show_organisation = models.BooleanField(_("show my organisation"), default=False)
    members_see_fields = models.BooleanField(_("members see my fields"), default=False)
    members_see_levels = models.BooleanField(_("members see my certificates"), default=False)
    members_see_participation = models.BooleanField(
        _("members see the levels I have taken part at"), default=False
    )
    members_see_county = models.BooleanField(_("members see my county"), default=False)
    members_see_languages = models.BooleanField(_("members see my languages"), default=False)
    members_see_availability = models.BooleanField(_("members see my availability"), default=False)
    members_see_introduction = models.BooleanField(_("members see my introduction"), default=False)

    class Meta:
        verbose_name = _("network member")
        verbose_name_plural = _("network members")

    def __str__(self):
        return str(self.participant)

    @property
    def is_active(self):
        return self.state == self.State.ACTIVE

    @property
    def fields(self) -> list[str]:
        return [field for field, column in FIELD_COLUMNS.items() if getattr(self, column)]

    @property
    def participation(self) -> list[str]:
        return [level for level, column in PARTICIPATION_COLUMNS.items() if getattr(self, column)]

    @property
    def assignment_email(self) -> str:
        return self.contact_email or self.participant.user.email


class MemberMessage(models.Model):
    """A message from one member to another. It goes through the outbox without the sender's
    address; only when the recipient answers does each side get the other's address as
    reply-to (both have then chosen to talk)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sender = models.ForeignKey(
        Membership,
        null=True,
        on_delete=models.SET_NULL,
        related_name="messages_sent",
    )
    recipient = models.ForeignKey(
        Membership, on_delete=models.CASCADE, related_name="messages_received"
    )
    in_reply_to = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="replies"
    )
    body = models.TextField(_("message"), max_length=MESSAGE_MAX_LENGTH)
    sent_at = models.DateTimeField(_("sent"))

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("message between members")
        verbose_name_plural = _("messages between members")

    def __str__(self):
        return f"{self.sender} → {self.recipient}"
