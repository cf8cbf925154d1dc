"""The network's shared vocabularies: fields, levels of participation, counties, availability."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Field(models.TextChoices):
    """The fields a representative speaks to, from lived experience. Never implies which
    organisation they belong to."""

    MENTAL_HEALTH = "mental_health", _("Mental health")
    SUBSTANCE_USE = "substance_use", _("Substance use")
    CHILD_WELFARE = "child_welfare", _("Child welfare")


class ParticipationLevel(models.TextChoices):
    """The three levels of user participation the programme trains for."""

    INDIVIDUAL = "individual", pgettext_lazy("participation level", "Individual level")
    SERVICE = "service", pgettext_lazy("participation level", "Service level")
    SYSTEM = "system", pgettext_lazy("participation level", "System level")


class County(models.TextChoices):
    """Norway's counties (fylker) from 2024, by their official numbers. Proper names: the
    same in both languages."""

    OSLO = "03", "Oslo"
    ROGALAND = "11", "Rogaland"
    MORE_OG_ROMSDAL = "15", "Møre og Romsdal"
    NORDLAND = "18", "Nordland"
    OSTFOLD = "31", "Østfold"
    AKERSHUS = "32", "Akershus"
    BUSKERUD = "33", "Buskerud"
    INNLANDET = "34", "Innlandet"
    VESTFOLD = "39", "Vestfold"
    TELEMARK = "40", "Telemark"
    AGDER = "42", "Agder"
    VESTLAND = "46", "Vestland"
    TRONDELAG = "50", "Trøndelag"
    TROMS = "55", "Troms"
    FINNMARK = "56", "Finnmark"


class Availability(models.TextChoices):
    OFTEN = "often", _("Several times a month")
    MONTHLY = "monthly", _("About once a month")
    SOMETIMES = "sometimes", _("A few times a year")
    PAUSED = "paused", _("Not available just now")


# Booleans on Membership for the multiple choices, so lists filter in SQL on both databases.
FIELD_COLUMNS = {
    Field.MENTAL_HEALTH: "field_mental_health",
    Field.SUBSTANCE_USE: "field_substance_use",
    Field.CHILD_WELFARE: "field_child_welfare",
}
PARTICIPATION_COLUMNS = {
    ParticipationLevel.INDIVIDUAL: "did_individual",
    ParticipationLevel.SERVICE: "did_service",
    ParticipationLevel.SYSTEM: "did_system",
}
