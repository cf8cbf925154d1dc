"""The privacy statement (personvernerklæring) and the accessibility statement, as the demo
loads them into the CMS (`privacy_statement()` and `accessibility_statement()` give a page's
title, slug, intro and StreamField body). The privacy statement is written from what the code
stores — the profile's fields, the sensitive fields, the retention rules of every personal field
(privacy/retention_rules.py) with their periods — so the first
version matches the code; editors keep it up to date in the admin afterwards. Both come in
Norwegian (`language="nb"`, the default) and English (`language="en"`, the pages'
translations)."""

from django.utils import translation

from evaluation.selectors import TEXT_THRESHOLD as SHOW_TEXT_FROM
from people.models import Participant

from .retention_rules import RULES


def _p(html):
    return {"type": "paragraph", "value": html}


def _h(text):
    return {"type": "heading", "value": {"text": text, "level": "h2"}}


def _list(items):
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def privacy_statement(language: str = "nb") -> dict:
    with translation.override(language):
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
    if language == "en":
        return _privacy_statement_en(profile, sensitive)
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
        _h("Evalueringer og kartlegging"),
        _p(
            "<p>Etter hver samling får de som var der en lenke til en kort evaluering: karakterer "
            "til øktene, hva som manglet, hva vi bør beholde, og om du føler deg klar til å delta "
            "på individ-, tjeneste- og systemnivå. Hvert år sender vi også ut en kartlegging av "
            "hva opplæringen mangler.</p>"
            "<p>Svarene er anonyme fra de lagres. Det lagres uten navn, uten tidspunkt og uten "
            "noen kobling til deg, til søknaden din eller til invitasjonen. For å sende "
            "påminnelse bare til dem som ikke har svart, og for at hver person svarer én gang, "
            "lagrer vi for seg hvem som ble invitert og om de har svart, men aldri hva de svarte. "
            "Mens evalueringen er åpen, finner lenken i e-posten din svaret ditt igjen, slik at "
            "du kan endre det. Når den stenger, finnes det ingen måte å koble de to på, heller "
            "ikke for oss.</p>"
            "<p>Koordinatorer og redaktører ser bare svarene samlet. Fritekst vises bare når "
            f"minst {SHOW_TEXT_FROM} personer har svart på spørsmålet for samlingen; ellers står "
            "det at det er for få svar til å vise dem. Skriv derfor ikke navn eller andre "
            "opplysninger som kan kjenne igjen deg eller andre. Under Mine data ser du hvilke "
            "evalueringer og kartlegginger du har svart på, men ikke hva du svarte. Sletter du "
            "kontoen, blir de anonyme svarene stående. Hvor lenge vi lagrer dette, står "
            "nedenfor.</p>"
        ),
        *_network_nb(),
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


def _retention(key, language):
    return RULES[key].text(language)


def _network_nb() -> list:
    """The network (issue 18): what is stored, why and on what basis, who sees what, how long
    it is kept (the periods read from the settings through RULES), how to leave."""
    return [
        _h("Nettverket for brukermedvirkere"),
        _p(
            "<p>Har du kursbeviset for nivå 1, kan du bli med i nettverket for "
            "brukermedvirkere. Da lagrer vi at du er medlem, når du ble med, når du ga "
            "samtykke og hvilken versjon av samtykketeksten du sa ja til, og om en foresatt "
            "bekreftet det hvis du er under 18 år. Nettverksprofilen din har fagfeltene du kan "
            "snakke om (psykisk helse, rus, barnevern), nivåene du har deltatt på, fylke, språk, "
            "hvor ofte du kan, en kort presentasjon, kontaktopplysningene du vil gi tjenester når "
            "du sier ja til et oppdrag, og hva hver del er synlig for. Nivåene du er sertifisert "
            "for, leses fra kursbevisene dine. Vi lagrer også forespørslene fra tjenester du blir "
            "invitert til (om du sa ja eller nei, datoene og timene du brukte), meldingene du "
            "sender og får fra andre medlemmer, og tilbakemeldingene etter et oppdrag.</p>"
            "<p>Hvorfor: for å koble brukermedvirkere med tjenester som ber om en, og for at "
            "medlemmene skal finne hverandre. Et fagfelt som rus eller barnevern sier noe om "
            "livet ditt og er en særlig kategori personopplysninger (personvernforordningen "
            "artikkel 9). Vi behandler dem bare fordi du uttrykkelig har samtykket til det "
            "(artikkel 9 nr. 2 bokstav a), og du kan trekke samtykket når som helst.</p>"
            "<p>Hvem som ser hva: koordinatorene i din egen organisasjon ser profilen din, og "
            "koordinatorer i de andre organisasjonene bare hvis du har valgt at hele nettverket "
            "kan se den. Andre medlemmer ser deg bare hvis du har valgt å stå på medlemssiden, og "
            "da bare de delene du har valgt. Ingen ser e-postadressen din: meldinger mellom "
            "medlemmer går gjennom oss, og først når du svarer, får dere hverandres adresse. En "
            "tjeneste som spør etter en brukermedvirker, får kontaktopplysningene dine bare "
            "hvis du sier ja til forespørselen. Organisasjonen din vises bare hvis du velger "
            "det. Under Mine data ser du alt vi har om deg i nettverket.</p>"
            "<p>Tjenester som spør etter en brukermedvirker, oppgir navnet på en kontaktperson, "
            "e-post og eventuelt telefon. Vi bruker dem bare til å svare på forespørselen.</p>"
            "<p>Hvor lenge: "
            + " ".join(
                _retention(key, "nb")
                for key in ("network_profile", "network_messages", "network_requests")
            )
            + "</p>"
            "<p>Slik går du ut: på Min side kan du endre profilen eller gå ut av nettverket. "
            "Da slettes profilen med en gang. Forespørsler du har vært med på, beholder "
            "historikken sin, men uten navnet ditt.</p>"
        ),
    ]


def _network_en() -> list:
    return [
        _h("The representatives' network"),
        _p(
            "<p>If you hold the level-1 certificate, you can join the representatives' network. "
            "We then store that you are a member, when you joined, when you gave your consent "
            "and which version of the consent text you agreed to, and, if you are under 18, "
            "that a guardian confirmed it. Your network profile holds the fields you speak to "
            "(mental health, substance use, child welfare), the levels you have taken part at, "
            "county, languages, how often you are available, a short introduction, the contact "
            "details you want to give services when you accept an assignment, and what each "
            "part is visible to. The levels you are certified for are read from your "
            "certificates. We also store the requests from services you are invited to "
            "(whether you accepted or declined, the dates and the hours you spent), the "
            "messages you send to and get from other members, and the feedback after an "
            "assignment.</p>"
            "<p>Why: to connect representatives with services that ask for one, and so that "
            "members can find each other. A field such as substance use or child welfare says "
            "something about your life and is a special category of personal data (GDPR "
            "article 9). We process it only because you gave your explicit consent (article 9(2)"
            "(a)), and you can withdraw it at any time.</p>"
            "<p>Who sees what: the coordinators of your own organisation see your profile, and "
            "coordinators of the other organisations only if you chose to let the whole network "
            "see it. Other members see you only if you chose to be on the members' page, and "
            "then only the parts you chose. Nobody sees your e-mail address: messages between "
            "members go through us, and only when you answer do you get each other's address. A "
            "service that asks for a representative gets your contact details only if you "
            "accept its request. Your organisation is shown only if you choose so. Under My "
            "data you see everything we hold about you in the network.</p>"
            "<p>Services that ask for a representative give the name of a contact person, an "
            "e-mail address and perhaps a phone number. We use them only to answer the "
            "request.</p>"
            "<p>How long: "
            + " ".join(
                _retention(key, "en")
                for key in ("network_profile", "network_messages", "network_requests")
            )
            + "</p>"
            "<p>How to leave: on My page you can change your profile or leave the network. The "
            "profile is then deleted at once. Requests you have taken part in keep their "
            "history, without your name.</p>"
        ),
    ]


def _privacy_statement_en(profile, sensitive) -> dict:
    body = [
        _h("Who is responsible"),
        _p(
            "<p>Mental Helse Ungdom (MHU), Barn av rusmisbrukere (BAR) and Landsforeningen for "
            "barnevernsbarn (LFB) are jointly responsible for the personal data in Medvirk. Send "
            "questions about privacy to post@medvirk.localhost.</p>"
        ),
        _h("What we store about you"),
        _p(
            "<p>Your account: your e-mail address and your name. The password is stored only "
            "as a one-way code (a hash) that nobody can read.</p>"
            f"<p>Your profile: {', '.join(profile).lower()}, which organisations you are a "
            "member of, and which language you want e-mail in.</p>"
            "<p>Sensitive details, which you fill in only if you want to: "
            f"{', '.join(sensitive).lower()}. Membership of MHU, BAR or LFB can in itself say "
            "something about health or family, so we treat it as a special category of "
            "personal data (GDPR article 9).</p>"
        ),
        _p(
            "<p>Your applications: which gathering, through which organisation, what you wrote "
            "about motivation and needs, and every change of status with its time. Your "
            "attendance at each session, your certificates (name, level and code), which "
            "e-mails and calendar invitations we have sent you and when, and the address of "
            "your calendar.</p>"
        ),
        _h("Evaluations and the kartlegging"),
        _p(
            "<p>After each gathering, those who were there get a link to a short evaluation: "
            "ratings of the sessions, what was missing, what to keep, and whether you feel ready "
            "to take part at the individual, service and system level. Every year we also send "
            "out a kartlegging, a survey of what the training lacks.</p>"
            "<p>The answers are anonymous from the moment they are stored. They are stored "
            "without a name, without a time and without any link to you, to your application or "
            "to the invitation. To send a reminder only to those who have not answered, and so "
            "that each person answers once, we keep apart who was invited and whether they have "
            "answered, but never what they answered. While the evaluation is open, the link in "
            "your e-mail finds your answer again, so that you can change it. When it closes, "
            "there is no way to link the two, not even for us.</p>"
            "<p>Coordinators and editors see only the answers together. Free text is shown only "
            f"where at least {SHOW_TEXT_FROM} people answered the question for the gathering; "
            "otherwise it says there are too few answers to show. So do not write names or other "
            "details that could identify you or others. Under My data you see which evaluations "
            "and surveys you have answered, but not what you answered. If you delete your "
            "account, the anonymous answers stay. How long we keep all this is listed below.</p>"
        ),
        *_network_en(),
        _h("Who sees the information"),
        _p(
            "<p>The coordinators of your own organisation see your profile and your "
            "applications, including the sensitive details. Coordinators of the other "
            "organisations see only your name and your organisation when you are at the same "
            "gathering (for check-in). Every time someone opens your sensitive details or "
            "takes out a list you are on, it is logged, and you see the log under My data. "
            "The programme's administrators see everything and read the audit log.</p>"
        ),
        _h("How long we keep it"),
        _p(_list([rule.text("en") for rule in RULES.values()])),
        _h("Your rights"),
        _p(
            '<p>Under <a href="/min-side/mine-data/">My data</a> you see everything we '
            "have about you, and you can download it as a file. From My page you can delete "
            "your account and your data; certificates you have been issued can still be "
            "verified, with or without your name, as you choose. If you are under 18, your "
            "guardian can also ask for deletion. You can complain to the Norwegian Data "
            "Protection Authority (Datatilsynet).</p>"
        ),
        _h("Cookies"),
        _p(
            "<p>We use only the cookies the site needs to work: logging in, protecting forms "
            "and your choice of language. We use no tracking or analytics tools.</p>"
        ),
    ]
    return {
        "title": "Privacy statement",
        "slug": "personvern",
        "intro": "What Medvirk stores about you, who sees it, how long we keep it, and what "
        "rights you have.",
        "body": body,
    }


def accessibility_statement(language: str = "nb") -> dict:
    if language == "en":
        return _accessibility_statement_en()
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


def _accessibility_statement_en() -> dict:
    return {
        "title": "Accessibility statement",
        "slug": "tilgjengelighet",
        "intro": "Medvirk is meant to be usable by everyone. The site is to meet WCAG 2.1 at "
        "level AA, as the law requires.",
        "body": [
            _h("How we check"),
            _p(
                "<p>The public pages and the participants' pages are tested automatically in a "
                "real browser with the axe-core tool every time the code changes: the home "
                "page, the training programme, the gatherings, applying, My page, check-in and "
                "verifying a certificate. The pages work on a phone, with a keyboard and with a "
                "screen reader.</p>"
            ),
            _h("Known shortcomings"),
            _p(
                _list(
                    [
                        "A few texts in the administration interface (Wagtail) are not "
                        "translated into Norwegian.",
                        "The certificates in PDF are not tagged for screen readers (not PDF/UA).",
                    ]
                )
            ),
            _h("Tell us"),
            _p(
                "<p>If you find something that does not work for you, write to "
                "post@medvirk.localhost. You can also complain to the Norwegian Authority for "
                "Universal Design of ICT (uutilsynet.no).</p>"
            ),
        ],
    }
