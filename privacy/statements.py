"""The privacy statement (personvernerklæring) and the accessibility statement, as the demo
loads them into the CMS (`privacy_statement()` and `accessibility_statement()` give a page's
title, slug, intro and StreamField body). The privacy statement is written from what the code
stores — the profile's fields, the sensitive fields, the retention rules of every personal field
(privacy/retention_rules.py) with their periods — so the first
version matches the code; editors keep it up to date in the admin afterwards."""

from django.utils import translation

from people.models import Participant

from .retention_rules import RULES


def _p(html):
    return {"type": "paragraph", "value": html}


def _h(text):
    return {"type": "heading", "value": {"text": text, "level": "h2"}}


def _list(items):
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def privacy_statement() -> dict:
    with translation.override("nb"):
        labels = {
            f.name: str(f.verbose_name)
            for f in Participant._meta.get_fields()
            if hasattr(f, "verbose_name")
        }
    sensitive = [labels[name] for name in Participant.SENSITIVE_FIELDS]
    profile = [
        labels[name]
        for name in ("full_name", "preferred_name", "birth_date", "phone", "municipality")
    ]
    body = [
        _h("Hvem som har ansvaret"),
        _p(
            "<p>Mental Helse Ungdom (MHU), Barn av rusmisbrukere (BAR) og Landsforeningen for "
            "barnevernsbarn (LFB) har felles ansvar for personopplysningene i Medvirk. Spørsmål "
            "om personvern sender du til post@medvirk.localhost.</p>"
        ),
        _h("Hva vi lagrer om deg"),
        _p(
            "<p>Kontoen din: e-postadressen og navnet ditt. Passordet lagres bare som en "
            "enveis-kode (hash) som ingen kan lese.</p>"
            f"<p>Profilen din: {', '.join(profile).lower()}, hvilke organisasjoner du er "
            "medlem av, og hvilket språk du vil ha e-post på.</p>"
            "<p>Sensitive opplysninger, som du fyller ut bare hvis du vil: "
            f"{', '.join(sensitive).lower()}. Medlemskap i MHU, BAR eller LFB kan i seg selv "
            "si noe om helse eller familie, og vi behandler det derfor som en særlig kategori "
            "personopplysninger (personvernforordningen artikkel 9).</p>"
        ),
        _p(
            "<p>Søknadene dine: hvilken samling, gjennom hvilken organisasjon, hva du skrev om "
            "motivasjon og behov, og hver endring av status med tidspunkt. Oppmøtet ditt på hver "
            "økt, kursbevisene dine (navn, nivå og kode), hvilke e-poster og "
            "kalenderinvitasjoner vi har sendt deg og når, og adressen til kalenderen din.</p>"
        ),
        _h("Hvem som ser opplysningene"),
        _p(
            "<p>Koordinatorene i din egen organisasjon ser profilen og søknadene dine, også de "
            "sensitive opplysningene. Koordinatorer i de andre organisasjonene ser bare navnet "
            "ditt og organisasjonen din når dere er på samme samling (for innsjekking). Hver "
            "gang noen åpner de sensitive opplysningene dine eller tar ut en liste du står på, "
            "blir det logget, og du ser loggen under Mine data. Administratorene av programmet "
            "ser alt og leser revisjonsloggen.</p>"
        ),
        _h("Hvor lenge vi lagrer"),
        _p(_list([rule.text() for rule in RULES.values()])),
        _h("Dine rettigheter"),
        _p(
            '<p>Under <a href="/min-side/mine-data/">Mine data</a> ser du alt vi har om deg, '
            "og du kan laste det ned som fil. Fra Min side kan du slette kontoen og dataene "
            "dine; kursbevis du har fått kan fortsatt sjekkes, med eller uten navnet ditt, "
            "som du velger. Er du under 18 år, kan også den foresatte be om sletting. Du kan "
            "klage til Datatilsynet.</p>"
        ),
        _h("Informasjonskapsler"),
        _p(
            "<p>Vi bruker bare informasjonskapsler som trengs for at nettstedet skal virke: "
            "innlogging, skjemabeskyttelse og språkvalget ditt. Vi bruker ingen sporing eller "
            "analyseverktøy.</p>"
        ),
    ]
    return {
        "title": "Personvernerklæring",
        "slug": "personvern",
        "intro": "Hvilke opplysninger Medvirk lagrer om deg, hvem som ser dem, hvor lenge vi "
        "lagrer dem, og hvilke rettigheter du har.",
        "body": body,
    }


def accessibility_statement() -> dict:
    return {
        "title": "Tilgjengelighetserklæring",
        "slug": "tilgjengelighet",
        "intro": "Medvirk skal kunne brukes av alle. Nettstedet skal følge WCAG 2.1 på nivå AA, "
        "slik loven krever.",
        "body": [
            _h("Slik sjekker vi"),
            _p(
                "<p>De offentlige sidene og sidene for deltakere testes automatisk i en ekte "
                "nettleser med verktøyet axe-core hver gang koden endres: forsiden, "
                "opplæringsprogrammet, samlingene, påmelding, Min side, innsjekking og "
                "sjekk av kursbevis. Sidene fungerer på mobil, med tastatur og med "
                "skjermleser.</p>"
            ),
            _h("Kjente mangler"),
            _p(
                _list(
                    [
                        "Noen få tekster i administrasjonsgrensesnittet (Wagtail) er ikke "
                        "oversatt til norsk.",
                        "Kursbevisene i PDF er ikke merket for skjermlesere (ikke PDF/UA).",
                    ]
                )
            ),
            _h("Gi oss beskjed"),
            _p(
                "<p>Finner du noe som ikke virker for deg, skriv til post@medvirk.localhost. "
                "Du kan også klage til Tilsynet for universell utforming av IKT "
                "(uutilsynet.no).</p>"
            ),
        ],
    }
