"""Demo curriculum: the programme, three courses and their modules (written for Medvirk)."""

PROGRAMME = {
    "nb": {
        "title": "Brukermedvirkningsprogrammet",
        "intro": (
            "<p>Brukermedvirkningsprogrammet er én felles opplæring for unge brukermedvirkere "
            "mellom 16 og 30 år. Mental Helse Ungdom, Barn av rusmisbrukere og Landsforeningen for "
            "barnevernsbarn hadde tidligere hver sin opplæring, men nå lærer vi sammen. Programmet "
            "tar utgangspunkt i opplæringen til Mental Helse Ungdom og er utviklet av brukere og "
            "fagfolk i fellesskap.</p>"
            "<p>Brukermedvirkning betyr at de som blir berørt av en beslutning, eller som bruker "
            "en tjeneste, får innflytelse på beslutningen og på hvordan tjenesten blir utformet. "
            "Du vet selv hvordan det er å møte psykisk helsevern, å vokse opp med rus i familien "
            "eller å ha kontakt med barnevernet. Her lærer du å bruke den erfaringen slik at det "
            "er trygt for deg og nyttig for andre.</p>"
            "<p>Hvert år holder vi tre samlinger: én for nye brukermedvirkere, én for viderekomne "
            "og én for deg som vil bli erfaringsformidler. Programmet begynte med en kartlegging "
            "av hva som manglet i opplæringen som fantes fra før, og det blir stadig justert etter "
            "det deltakerne skriver i evalueringene.</p>"
        ),
        "individual_level": (
            "På individnivå handler medvirkning om din egen sak. Du skal bli spurt, lyttet til og "
            "tatt med når noen bestemmer hvilken hjelp du skal få. Du kjenner livet ditt best, og "
            "det skal synes i planene som lages for deg."
        ),
        "service_level": (
            "På tjenestenivå bruker du erfaringen din til å gjøre tjenestene bedre for alle som "
            "bruker dem. Det kan være å gi råd om hvordan et tilbud for unge er organisert, eller "
            "å være med når en tjeneste prøver ut nye måter å jobbe på."
        ),
        "system_level": (
            "På systemnivå blir prioriteringer og penger bestemt, i råd, styrer og politiske "
            "prosesser. Her representerer du mange unge, og du er med og påvirker hvilke tjenester "
            "som finnes og hvordan de skal fungere."
        ),
        "search_description": (
            "Felles opplæring for unge brukermedvirkere innen psykisk helse, rus og barnevern, fra "
            "Mental Helse Ungdom, BAR og LFB."
        ),
    },
    "en": {
        "title": "The User Participation Programme",
        "intro": (
            "<p>The User Participation Programme is a single shared training for young peer "
            "representatives aged 16 to 30. Mental Helse Ungdom, Barn av rusmisbrukere and "
            "Landsforeningen for barnevernsbarn used to train their representatives separately; "
            "now we learn together. The programme builds on Mental Helse Ungdom's training and was "
            "developed jointly by users and professionals.</p>"
            "<p>User participation means that the people affected by a decision, or who use a "
            "service, have a real say in that decision and in how the service is run. You know "
            "first-hand what it is like to meet mental health services, to grow up with substance "
            "use in the family or to be in contact with child welfare. Here you learn to use that "
            "experience in a way that keeps you safe and helps others.</p>"
            "<p>We hold three gatherings every year: one for new representatives, one for advanced "
            "representatives and one for those training to become experience communicators. The "
            "programme started with a survey of what earlier training was missing, and it keeps "
            "changing in response to participants' evaluations.</p>"
        ),
        "individual_level": (
            "At the individual level, participation is about your own case. You should be asked, "
            "listened to and included when decisions are made about the help you receive. Nobody "
            "knows your life better than you, and the plans made for you should show it."
        ),
        "service_level": (
            "At the service level, you use your experience to make services better for everyone "
            "who relies on them. That might mean advising on how a youth service is organised, or "
            "taking part when a service tries out new ways of working."
        ),
        "system_level": (
            "At the system level, priorities and budgets are decided in councils, boards and "
            "political processes. Here you speak for many young people and help shape which "
            "services exist and how they should work."
        ),
        "search_description": (
            "Shared training for young peer representatives in mental health, substance use and "
            "child welfare, from MHU, BAR and LFB."
        ),
    },
}

COURSES = [
    {
        "level": "new",
        "slug": "nye-brukermedvirkere",
        "nb": {
            "title": "Kurs for nye brukermedvirkere",
            "summary": (
                "Et grunnkurs for deg som er ny som brukermedvirker. Du lærer hva medvirkning er, "
                "hvilke rettigheter du har, og hvordan du bruker egen erfaring uten å gi for mye "
                "av deg selv."
            ),
            "audience": (
                "<p>Kurset er for unge mellom 16 og 30 år med egen erfaring fra psykisk helsevern, "
                "fra å vokse opp med rus i familien eller fra barnevernet. Du trenger ikke ha vært "
                "brukermedvirker før, bare ha lyst til å bruke erfaringen din til noe for "
                "andre.</p>"
            ),
            "learning_outcomes": (
                "<ul><li>Du kan forklare hva brukermedvirkning er, og skille mellom individ-, "
                "tjeneste- og systemnivå.</li>"
                "<li>Du kjenner retten barn og unge har til å bli hørt.</li>"
                "<li>Du kan velge hva du vil dele av historien din, og hva du holder for deg "
                "selv.</li>"
                "<li>Du kan sette grenser og ta vare på deg selv når oppdrag blir tunge.</li>"
                "<li>Du kan møte andre med respekt, ut fra der de står.</li></ul>"
            ),
            "prerequisites": "",
            "certificate_text": (
                "Innehaveren kan forklare hva brukermedvirkning er på tre nivåer, og kan bruke "
                "egen erfaring på en trygg og gjennomtenkt måte."
            ),
        },
        "en": {
            "title": "Course for new representatives",
            "summary": (
                "An introductory course for anyone new to being a peer representative. You learn "
                "what participation means, what rights you have, and how to use your experience "
                "without giving away too much of yourself."
            ),
            "audience": (
                "<p>This course is for young people aged 16 to 30 with their own experience of "
                "mental health services, of growing up with substance use in the family, or of "
                "child welfare. You do not need any experience as a representative, just a wish to "
                "use what you have been through to make things better for others.</p>"
            ),
            "learning_outcomes": (
                "<ul><li>You can explain what user participation is and tell the individual, "
                "service and system levels apart.</li>"
                "<li>You know the right of children and young people to be heard.</li>"
                "<li>You can choose what to share of your story and what to keep to yourself.</li>"
                "<li>You can set boundaries and look after yourself when assignments get "
                "heavy.</li>"
                "<li>You can meet others with respect, starting from where they are.</li></ul>"
            ),
            "prerequisites": "",
            "certificate_text": (
                "The holder can explain user participation at all three levels and can draw on "
                "their own experience in a safe and considered way."
            ),
        },
        "modules": [
            {
                "slug": "hva-er-brukermedvirkning",
                "title": "Hva er brukermedvirkning?",
                "summary": (
                    "Vi ser på hva brukermedvirkning betyr, og hvordan den foregår på individ-, "
                    "tjeneste- og systemnivå. Du finner ut hvor du allerede har medvirket selv."
                ),
                "learning_objectives": (
                    "<ul><li>forklare brukermedvirkning med egne ord</li>"
                    "<li>skille mellom individnivå, tjenestenivå og systemnivå</li>"
                    "<li>gi et eksempel på medvirkning fra hvert av de tre nivåene</li></ul>"
                ),
                "duration_minutes": 90,
                "levels": ["individual", "service", "system"],
                "organisations": ["MHU", "BAR", "LFB"],
                "body": [
                    {"type": "heading", "value": {"text": "Mer enn å bli spurt", "level": "h2"}},
                    {
                        "type": "paragraph",
                        "value": (
                            "<p>Brukermedvirkning betyr at de som blir berørt av en beslutning, "
                            "får være med og påvirke den. Det gjelder når noen bestemmer over "
                            "livet ditt, og når noen bestemmer hvordan en tjeneste skal være. Å "
                            "fylle ut et skjema etterpå er ikke nok: du skal være med mens "
                            "beslutningen blir tatt.</p>"
                        ),
                    },
                    {"type": "heading", "value": {"text": "Tre nivåer", "level": "h2"}},
                    {
                        "type": "paragraph",
                        "value": (
                            "<p>Det er vanlig å dele medvirkning inn i tre nivåer:</p><ul>"
                            "<li><b>Individnivå:</b> beslutninger om din egen hjelp, for eksempel "
                            "en tiltaksplan eller en behandlingsplan.</li>"
                            "<li><b>Tjenestenivå:</b> hvordan tjenesten du bruker, er organisert "
                            "og utviklet.</li>"
                            "<li><b>Systemnivå:</b> der prioriteringer og penger blir bestemt, i "
                            "råd, styrer og politikk.</li></ul>"
                            "<p>Som brukermedvirker kan du bidra på alle tre, men du trenger ikke "
                            "gjøre alt på én gang.</p>"
                        ),
                    },
                    {
                        "type": "reflection_exercise",
                        "value": {
                            "question": (
                                "Når har du fått være med og bestemme noe om din egen hjelp, og "
                                "når har du ikke det?"
                            ),
                            "minutes": 15,
                            "instructions": (
                                "<p>Skriv ned ett eksempel på hver i fem minutter. Del det du har "
                                "lyst til med den som sitter ved siden av deg. Ingen skal fortelle "
                                "mer enn de vil.</p>"
                            ),
                        },
                    },
                    {
                        "type": "reflection_exercise",
                        "value": {
                            "question": (
                                "Hvilket av de tre nivåene har du mest lyst til å jobbe med?"
                            ),
                            "minutes": 10,
                            "instructions": (
                                "<p>Still deg ved en av tre lapper på veggen: individ, tjeneste "
                                "eller system. Fortell de andre ved samme lapp hvorfor du valgte "
                                "akkurat den.</p>"
                            ),
                        },
                    },
                    {
                        "type": "facilitator_note",
                        "value": {
                            "note": (
                                "<p>Dette er den første økten, og mange er spente. Si høyt at alle "
                                "eksempler er frivillige, og at det holder å fortelle om noe lite. "
                                "Dagens fasilitatorhemmelighet: la deltakerne skrive før de "
                                "snakker, så får også de stille sagt noe.</p>"
                            ),
                        },
                    },
                ],
                "facilitator_guide": (
                    "<p>Sett av god tid til en presentasjonsrunde før du begynner. Skriv de tre "
                    "nivåene på tavla og la dem stå hele økten, så deltakerne kan plassere "
                    "eksemplene sine underveis.</p>"
                ),
            },
            {
                "slug": "retten-til-a-bli-hort",
                "title": "Retten til å bli hørt",
                "summary": (
                    "Barn og unge har rett til å si hva de mener og til å bli tatt på alvor. Vi "
                    "ser på hva denne retten betyr når du møter barnevernet, NAV eller "
                    "helsetjenesten."
                ),
                "learning_objectives": (
                    "<ul><li>kjenne til retten til å bli hørt i FNs barnekonvensjon</li>"
                    "<li>vite hva Statens helsetilsyn fant om ungdoms medvirkning i barnevernet og "
                    "NAV</li>"
                    "<li>øve på å be om å bli tatt med når egne behov skal kartlegges</li></ul>"
                ),
                "duration_minutes": 90,
                "levels": ["individual", "system"],
                "organisations": ["LFB", "BAR", "MHU"],
                "body": [
                    {"type": "heading", "value": {"text": "Du har rettigheter", "level": "h2"}},
                    {
                        "type": "paragraph",
                        "value": (
                            "<p>FNs barnekonvensjon gir barn og unge rett til å si hva de mener i "
                            "saker som handler om dem, og meningen deres skal tillegges vekt. Det "
                            "gjelder også når barnevernet, NAV eller helsetjenesten tar "
                            "beslutninger om deg. Du har rettigheter, og tjenestene har plikt til "
                            "å legge til rette for at du kan medvirke.</p>"
                        ),
                    },
                    {
                        "type": "paragraph",
                        "value": (
                            "<p>I 2019 gjennomførte Statens helsetilsyn et landsomfattende tilsyn "
                            "med hvordan barnevernet og NAV-kontorene fulgte opp ungdom. Rapporten "
                            "(2/2020) viste at unge ofte ikke fikk være med da behovene deres "
                            "skulle kartlegges. Det betyr at planer ofte ble laget uten at "
                            "ungdommen selv fikk si sin mening.</p>"
                        ),
                    },
                    {
                        "type": "lived_experience_story",
                        "value": {
                            "title": "Møtet der jeg fikk ordet",
                            "story": (
                                "<p>Da jeg var sytten, var det et møte om hvor jeg skulle bo. Alle "
                                "rundt bordet snakket om meg, ikke med meg. Kontaktpersonen min i "
                                "barnevernet merket det og spurte meg rett ut hva jeg ønsket.</p>"
                                "<p>Jeg hadde ikke tenkt gjennom svaret, men det var første gang "
                                "noen ventet på det. Etter det ba jeg alltid om å få papirene før "
                                "møtene.</p>"
                            ),
                            "author": "Amina, 21",
                            "consent": True,
                        },
                    },
                    {
                        "type": "paragraph",
                        "value": (
                            "<p>Dette kan du be om før et møte om din egen sak:</p><ul>"
                            "<li>å få vite i god tid hva møtet skal handle om</li>"
                            "<li>å ha med deg en person du stoler på</li>"
                            "<li>at planen blir skrevet slik at du forstår den</li>"
                            "<li>å få lese og kommentere det som blir skrevet om deg</li></ul>"
                        ),
                    },
                    {
                        "type": "reflection_exercise",
                        "value": {
                            "question": (
                                "Hva ville gjort det lettere for deg å si din mening i et møte om "
                                "din egen sak?"
                            ),
                            "minutes": 20,
                            "instructions": (
                                "<p>Jobb i grupper på tre. Lag én liste over det tjenestene kan "
                                "gjøre, og én over det du kan gjøre selv. Velg ut de tre beste "
                                "forslagene og presenter dem for de andre.</p>"
                            ),
                        },
                    },
                    {
                        "type": "facilitator_note",
                        "value": {
                            "note": (
                                "<p>Temaet kan vekke sinne eller sorg hos deltakere som selv ikke "
                                "ble hørt. Gi plass til det, men hjelp gruppen videre til hva som "
                                "kan gjøres nå. Ha kontaktinformasjon til organisasjonenes egne "
                                "støttetilbud klar.</p>"
                            ),
                        },
                    },
                ],
                "facilitator_guide": (
                    "<p>Finn fram en utgave av barnekonvensjonen skrevet for unge, og la "
                    "deltakerne lese den selv. Avslutt med at hver deltaker skriver ned én ting de "
                    "vil be om neste gang de har et møte om sin egen sak.</p>"
                ),
            },
            {
                "slug": "egen-erfaring-trygt",
                "title": "Å bruke egen erfaring trygt",
                "summary": (
                    "Historien din er din. Vi øver på å velge hva du vil dele, hvem du deler med, "
                    "og hva du holder for deg selv."
                ),
                "learning_objectives": (
                    "<ul><li>skille mellom det du deler for å hjelpe andre, og det som er "
                    "privat</li>"
                    "<li>bruke en enkel modell for å sortere egne erfaringer</li>"
                    "<li>vite at du kan endre hva du deler, også midt i et oppdrag</li></ul>"
                ),
                "duration_minutes": 120,
                "levels": ["individual", "service"],
                "organisations": ["MHU", "BAR", "LFB"],
                "body": [
                    {
                        "type": "heading",
                        "value": {"text": "Erfaringen, ikke alle detaljene", "level": "h2"},
                    },
                    {
                        "type": "paragraph",
                        "value": (
                            "<p>Som brukermedvirker er det erfaringen din som er verdifull, ikke "
                            "hver eneste detalj. Du kan fortelle hva som hjalp og hva som ikke "
                            "gjorde det, uten å beskrive det vondeste. Det er ikke mindre ærlig å "
                            "holde noe tilbake.</p>"
                        ),
                    },
                    {
                        "type": "paragraph",
                        "value": (
                            "<p>En enkel måte å sortere på er å tenke i tre soner:</p><ul>"
                            "<li><b>Grønn:</b> det du kan snakke om uten at det koster deg "
                            "mye.</li>"
                            "<li><b>Gul:</b> det du bare deler i trygge rom, med folk du stoler "
                            "på.</li>"
                            "<li><b>Rød:</b> det som er bare ditt, eller som du ikke er ferdig med "
                            "ennå.</li></ul>"
                            "<p>Sonene kan flytte seg over tid, og det er helt i orden.</p>"
                        ),
                    },
                    {
                        "type": "lived_experience_story",
                        "value": {
                            "title": "Jeg fortalte for mye",
                            "story": (
                                "<p>På det første oppdraget mitt fortalte jeg om alt som skjedde "
                                "hjemme når pappa drakk. Det ble helt stille i rommet, og jeg var "
                                "tom i flere dager etterpå.</p>"
                                "<p>Nå forteller jeg om hvordan det var å ikke ha noen å snakke "
                                "med, og om en lærer som gjorde en forskjell. Det er fortsatt min "
                                "historie, men jeg bestemmer rammene.</p>"
                            ),
                            "author": "Jonas, 22",
                            "consent": True,
                        },
                    },
                    {
                        "type": "reflection_exercise",
                        "value": {
                            "question": "Hva hører hjemme i din grønne, gule og røde sone?",
                            "minutes": 20,
                            "instructions": (
                                "<p>Jobb alene. Tegn tre sirkler og skriv stikkord i hver av dem. "
                                "Arket er bare for deg, og ingen skal se det.</p>"
                            ),
                        },
                    },
                    {
                        "type": "facilitator_note",
                        "value": {
                            "note": (
                                "<p>Si tydelig at arkene med sonene er private, og at ingen skal "
                                "samle dem inn. Følg med på deltakere som blir stille etter "
                                "fortellingen, og ta en prat med dem i pausen.</p>"
                            ),
                        },
                    },
                ],
                "facilitator_guide": (
                    "<p>Minn gruppen på fortrolighetsavtalen dere laget i starten av samlingen. Gi "
                    "deltakerne ro til å jobbe med sonene alene, gjerne med rolig musikk i "
                    "bakgrunnen, og la dem velge selv om de vil si noe om øvelsen etterpå.</p>"
                ),
            },
            {
                "slug": "egenomsorg-og-grenser",
                "title": "Egenomsorg og grenser",
                "summary": (
                    "Å være brukermedvirker kan gi mye, men det kan også tære. Vi ser på tegn på "
                    "at du trenger en pause, og på hvordan du sier nei uten dårlig samvittighet."
                ),
                "learning_objectives": (
                    "<ul><li>kjenne igjen egne varseltegn når et oppdrag blir for tungt</li>"
                    "<li>lage en enkel plan for egenomsorg før og etter oppdrag</li>"
                    "<li>øve på å sette grenser overfor tjenester og oppdragsgivere</li></ul>"
                ),
                "duration_minutes": 90,
                "levels": ["individual"],
                "organisations": ["MHU", "BAR", "LFB"],
                "body": [
                    {
                        "type": "heading",
                        "value": {"text": "Du er ikke et oppslagsverk", "level": "h2"},
                    },
                    {
                        "type": "paragraph",
                        "value": (
                            "<p>Når folk vet at du har egen erfaring, vil mange gjerne spørre deg "
                            "om ting. Noen ganger er spørsmålene gode, andre ganger går de for "
                            "langt. Det er du som bestemmer hvor mye og hvor ofte du stiller "
                            "opp.</p>"
                        ),
                    },
                    {
                        "type": "paragraph",
                        "value": (
                            "<p>Varseltegn kan være at du sover dårlig før et møte, at du gruer "
                            "deg lenge i forveien, eller at gamle tanker kommer tilbake etterpå. "
                            "Legg merke til hva som gjelder for deg. Da blir det lettere å si fra "
                            "tidlig.</p>"
                        ),
                    },
                    {
                        "type": "lived_experience_story",
                        "value": {
                            "title": "Ja til alt",
                            "story": (
                                "<p>Det første året sa jeg ja til hver eneste forespørsel. Jeg "
                                "satt i to råd, holdt innlegg og svarte på meldinger fra ansatte "
                                "sent på kvelden. Til slutt orket jeg ikke å åpne e-posten.</p>"
                                "<p>Nå sover jeg alltid på det før jeg svarer. Det har gjort meg "
                                "til en bedre brukermedvirker, ikke en dårligere.</p>"
                            ),
                            "author": "Ida, 24",
                            "consent": True,
                        },
                    },
                    {
                        "type": "reflection_exercise",
                        "value": {
                            "question": "Hva hjelper deg å hente deg inn igjen etter en tung dag?",
                            "minutes": 15,
                            "instructions": (
                                "<p>Skriv ned minst fem ting som hjelper, både små og store. Skriv "
                                "også navnet på én person du kan ringe etter et krevende "
                                "oppdrag.</p>"
                            ),
                        },
                    },
                    {
                        "type": "reflection_exercise",
                        "value": {
                            "question": (
                                "Hvordan vil du svare på en forespørsel du ikke har lyst til å ta?"
                            ),
                            "minutes": 15,
                            "instructions": (
                                "<p>Skriv et kort svar der du takker nei. Les det høyt for "
                                "hverandre i par, og si om svaret er tydelig og vennlig.</p>"
                            ),
                        },
                    },
                    {
                        "type": "facilitator_note",
                        "value": {
                            "note": (
                                "<p>Noen kan kjenne seg igjen i varseltegnene på en måte som "
                                "bekymrer dem. Fortell hvor de kan få hjelp, og sørg for at en av "
                                "kursholderne er tilgjengelig i pausene.</p>"
                            ),
                        },
                    },
                ],
                "facilitator_guide": (
                    "<p>Økten passer godt mot slutten av en lang kursdag, når mange kjenner på "
                    "slitenhet selv. Avslutt med at alle sier én ting de skal gjøre for seg selv i "
                    "kveld.</p>"
                ),
            },
            {
                "slug": "kunsten-a-hjelpe",
                "title": "Kunsten å hjelpe",
                "summary": (
                    "Med en kjent tekst av Søren Kierkegaard som utgangspunkt snakker vi om hva "
                    "det vil si å hjelpe: å møte den andre der hun eller han er, og å tjene i "
                    "stedet for å styre."
                ),
                "learning_objectives": (
                    "<ul><li>gjengi hovedtanken i Kierkegaards tekst om hjelpekunst</li>"
                    "<li>gi eksempler på hjelp som styrer, og hjelp som tjener</li>"
                    "<li>bruke tanken når du møter andre unge som brukermedvirker</li></ul>"
                ),
                "duration_minutes": 60,
                "levels": ["individual", "service"],
                "organisations": ["MHU", "BAR", "LFB"],
                "body": [
                    {
                        "type": "heading",
                        "value": {"text": "Begynn der den andre er", "level": "h2"},
                    },
                    {
                        "type": "quote",
                        "value": {
                            "text": (
                                "Skal du virkelig lykkes med å føre et menneske til et bestemt "
                                "sted, må du først og fremst finne ham der han er, og begynne der. "
                                "Å hjelpe er ikke å ville herske, men å ville tjene."
                            ),
                            "attribution": "Søren Kierkegaard, 1859",
                        },
                    },
                    {
                        "type": "paragraph",
                        "value": (
                            "<p>Kierkegaard skrev dette for over 150 år siden, men tanken brukes "
                            "fortsatt når hjelpere læres opp. Hjelp som ikke tar utgangspunkt i "
                            "hvordan den andre har det, treffer sjelden. Mange av oss har møtt "
                            "hjelpere som visste svaret før de hadde hørt spørsmålet.</p>"
                        ),
                    },
                    {
                        "type": "paragraph",
                        "value": (
                            "<p>Som brukermedvirker møter du ofte unge som står der du selv en "
                            "gang stod. Da er det fristende å fortelle hva som virket for deg. "
                            "Kunsten er å lytte først og la dem finne sin egen vei.</p>"
                        ),
                    },
                    {
                        "type": "reflection_exercise",
                        "value": {
                            "question": (
                                "Tenk på en gang noen hjalp deg på en god måte. Hva gjorde de?"
                            ),
                            "minutes": 15,
                            "instructions": (
                                "<p>Skriv ned tre ting personen gjorde, eller lot være å gjøre. "
                                "Del i gruppen og lag en felles liste over hva god hjelp er.</p>"
                            ),
                        },
                    },
                    {
                        "type": "facilitator_note",
                        "value": {
                            "note": (
                                "<p>Les sitatet høyt to ganger, gjerne med en pause imellom. Noen "
                                "har sterke meninger om hjelpere de har møtt; la samtalen handle "
                                "om hva som kjennetegner god hjelp, ikke om enkeltpersoner.</p>"
                            ),
                        },
                    },
                ],
                "facilitator_guide": (
                    "<p>Økten egner seg godt som avslutning på kurset. Be deltakerne ta vare på "
                    "listen over god hjelp og ta den med til neste samling.</p>"
                ),
            },
        ],
    },
    {
        "level": "advanced",
        "slug": "viderekomne",
        "nb": {
            "title": "Kurs for viderekomne brukermedvirkere",
            "summary": (
                "For deg som har vært med en stund og vil ta steget inn i råd, styrer og "
                "utviklingsarbeid. Du øver på å lese sakspapirer, ta ordet og snakke på vegne av "
                "flere enn deg selv."
            ),
            "audience": (
                "<p>Kurset passer for deg som sitter i, eller snart skal inn i, et ungdomsråd, et "
                "brukerråd eller et annet utvalg, og som vil bidra til at tjenestene utvikler "
                "seg.</p>"
            ),
            "learning_outcomes": (
                "<ul><li>Du vet hvordan møter i råd og styrer foregår, og kan forberede deg "
                "godt.</li>"
                "<li>Du kan lese sakspapirer og finne sakene der unges stemme trengs.</li>"
                "<li>Du kan hjelpe en tjeneste å endre arbeidsmåte, for eksempel med "
                "arbeidshjulet.</li>"
                "<li>Du kan bygge og bruke erfaringsnettverk på tvers av steder og "
                "organisasjoner.</li>"
                "<li>Du kan hente inn og bære fram synspunktene til andre unge, ikke bare dine "
                "egne.</li></ul>"
            ),
            "prerequisites": (
                "<p>Du bør ha tatt kurset for nye brukermedvirkere eller ha tilsvarende erfaring. "
                "Ta kontakt med koordinatoren i organisasjonen din hvis du er usikker.</p>"
            ),
            "certificate_text": (
                "Innehaveren kan representere unge brukere i råd, styrer og utviklingsarbeid, og "
                "kan bringe fram andres erfaringer på en ryddig og ærlig måte."
            ),
        },
        "en": {
            "title": "Course for advanced representatives",
            "summary": (
                "For those who have been involved for a while and want to take a seat on councils, "
                "boards and development work. You practise reading meeting papers, speaking up and "
                "speaking for more people than yourself."
            ),
            "audience": (
                "<p>This course suits you if you sit on, or are about to join, a youth council, a "
                "user council or a similar committee, and want to help services improve.</p>"
            ),
            "learning_outcomes": (
                "<ul><li>You know how council and board meetings work and can prepare well.</li>"
                "<li>You can read meeting papers and spot the items where young voices are "
                "needed.</li>"
                "<li>You can help a service change how it works, for example with the work "
                "wheel.</li>"
                "<li>You can build and use experience networks across places and "
                "organisations.</li>"
                "<li>You can gather and put forward the views of other young people, not only your "
                "own.</li></ul>"
            ),
            "prerequisites": (
                "<p>You should have completed the course for new representatives or have similar "
                "experience. If you are unsure, ask the coordinator in your organisation.</p>"
            ),
            "certificate_text": (
                "The holder can represent young service users on councils, boards and in "
                "development work, and can put forward other people's experiences fairly and "
                "honestly."
            ),
        },
        "modules": [
            {
                "slug": "rad-og-styrer",
                "title": "Å sitte i råd og styrer",
                "summary": (
                    "Ungdomsråd, brukerråd og styrer har sine egne regler. Du lærer hvordan møtene "
                    "foregår, hvordan du leser sakspapirer, og hvordan du tar ordet."
                ),
                "learning_objectives": (
                    "<ul><li>forklare hvordan et vanlig møte i et råd eller styre er bygd opp</li>"
                    "<li>lese en saksliste og sakspapirer og finne det som angår unge</li>"
                    "<li>forberede og holde et kort innlegg i et møte</li>"
                    "<li>vite hva du kan gjøre når du ikke blir hørt</li></ul>"
                ),
                "duration_minutes": 180,
                "levels": ["system"],
                "organisations": ["MHU", "BAR", "LFB"],
                "body": [
                    {"type": "heading", "value": {"text": "Slik fungerer et møte", "level": "h2"}},
                    {
                        "type": "paragraph",
                        "value": (
                            "<p>De fleste råd og styrer følger et fast mønster. Før møtet kommer "
                            "en innkalling med saksliste og papirer til hver sak. I møtet går man "
                            "gjennom sakene i rekkefølge, og etterpå skrives et referat eller en "
                            "protokoll med det som ble bestemt. Blir du ikke hørt, kan du be om at "
                            "synspunktet ditt står i referatet, og ta saken videre med "
                            "organisasjonen din.</p>"
                        ),
                    },
                    {
                        "type": "paragraph",
                        "value": (
                            "<p>Et ungdomsråd gir kommunen råd i saker som angår unge. Brukerråd "
                            "og brukerutvalg finnes mange steder, for eksempel i kommuner, sykehus "
                            "og NAV, og lokallag har ofte medlemmer med brukererfaring i styret. "
                            "Rollen varierer, så spør alltid hva som er forventet av deg.</p>"
                        ),
                    },
                    {"type": "heading", "value": {"text": "Å lese sakspapirer", "level": "h2"}},
                    {
                        "type": "paragraph",
                        "value": (
                            "<p>Sakspapirer kan være lange og fulle av faguttrykk. Les forslaget "
                            "til vedtak først, så vet du hva saken gjelder. Merk deg det du ikke "
                            "forstår, og spør møtelederen eller sekretæren før møtet. Det viser at "
                            "du tar oppgaven på alvor.</p>"
                        ),
                    },
                    {
                        "type": "lived_experience_story",
                        "value": {
                            "title": "Første møte i brukerrådet",
                            "story": (
                                "<p>Jeg leste sakspapirene tre ganger og skjønte fortsatt ikke hva "
                                "et budsjettforslag var. I møtet turte jeg ikke si noe før helt på "
                                "slutten.</p>"
                                "<p>Etterpå spurte lederen om jeg ville ta en prat med henne før "
                                "hvert møte. Den halvtimen gjorde meg modig nok til å ta ordet "
                                "neste gang.</p>"
                            ),
                            "author": "Emil, 26",
                            "consent": True,
                        },
                    },
                    {
                        "type": "reflection_exercise",
                        "value": {
                            "question": "Hvordan kan du si det du mener på to minutter?",
                            "minutes": 30,
                            "instructions": (
                                "<p>Hver deltaker får en øvingssak med et forslag til vedtak. "
                                "Forbered et innlegg på høyst to minutter: hva du mener, hvorfor, "
                                "og hva du foreslår. Hold innlegget i et øvingsmøte der en av "
                                "kursholderne er møteleder.</p>"
                            ),
                        },
                    },
                    {
                        "type": "facilitator_note",
                        "value": {
                            "note": (
                                "<p>Ta med ekte sakspapirer fra et råd dere samarbeider med, men "
                                "fjern alle personopplysninger. Øvingsmøtet blir mer realistisk "
                                "hvis møtelederen er litt streng med tiden.</p>"
                            ),
                        },
                    },
                ],
                "facilitator_guide": (
                    "<p>Del økten i to: først gjennomgang av hvordan møter foregår, deretter "
                    "øvingsmøtet. Inviter gjerne en erfaren brukerrepresentant fra et ekte råd til "
                    "å fortelle hvordan hun eller han forbereder seg.</p>"
                ),
            },
            {
                "slug": "tjenester-i-endring",
                "title": "Å hjelpe en tjeneste å endre seg",
                "summary": (
                    "Brukermedvirkere kan gjøre en forskjell når en tjeneste vil jobbe på nye "
                    "måter. Vi bruker arbeidshjulet som eksempel på en metode som setter "
                    "deltakerens egne mål først."
                ),
                "learning_objectives": (
                    "<ul><li>beskrive de fem livsområdene i arbeidshjulet</li>"
                    "<li>forklare tankene metoden bygger på</li>"
                    "<li>vurdere en arbeidsmåte ut fra hvordan unge brukere vil oppleve den</li>"
                    "<li>foreslå hvordan brukere kan være med når en tjeneste endrer seg</li></ul>"
                ),
                "duration_minutes": 150,
                "levels": ["service"],
                "organisations": ["BAR", "MHU"],
                "body": [
                    {
                        "type": "heading",
                        "value": {"text": "Deltakerens egne mål først", "level": "h2"},
                    },
                    {
                        "type": "paragraph",
                        "value": (
                            "<p>Arbeidshjulet er en oppfølgingsmetode der deltakeren og den "
                            "ansatte ser på fem livsområder sammen: bolig, økonomi, familie og "
                            "nettverk, aktivitet og helse. Metoden brukes til kartlegging, til å "
                            "bli bevisst egne ønsker, til motivasjon og til å følge opp mål "
                            "deltakeren har satt seg selv.</p>"
                        ),
                    },
                    {
                        "type": "paragraph",
                        "value": (
                            "<p>Metoden bygger på flere tanker det er nyttig å kjenne til:</p><ul>"
                            "<li><b>Myndiggjøring:</b> at du får mer makt over ditt eget liv.</li>"
                            "<li><b>Bedringsprosesser:</b> at det går an å leve et godt liv, også "
                            "med utfordringer.</li>"
                            "<li><b>Salutogenese:</b> Aaron Antonovskys idé om å lete etter det "
                            "som gir helse, og om hvor viktig det er å oppleve sammenheng i "
                            "livet.</li>"
                            "<li><b>Traumebevisst omsorg:</b> at hjelperen forstår hvordan vonde "
                            "erfaringer kan prege reaksjoner og tillit.</li></ul>"
                        ),
                    },
                    {"type": "heading", "value": {"text": "Der du kommer inn", "level": "h2"}},
                    {
                        "type": "paragraph",
                        "value": (
                            "<p>En ny metode blir ikke god bare fordi den står i en håndbok. "
                            "Brukermedvirkere kan hjelpe tjenesten å se om spørsmålene er "
                            "forståelige, om livsområdene passer for unge, og om deltakerne "
                            "faktisk får bestemme målene sine. Du kan også være med og vurdere om "
                            "endringen virker.</p>"
                        ),
                    },
                    {
                        "type": "lived_experience_story",
                        "value": {
                            "title": "Hjulet som snudde samtalen",
                            "story": (
                                "<p>Før handlet alle møtene mine om jobb. Da de tok i bruk "
                                "arbeidshjulet, spurte veilederen først hvordan jeg bodde og "
                                "hvordan jeg sov.</p>"
                                "<p>Det viste seg at boligen var det som stoppet alt annet. Vi tok "
                                "tak i den først, og plutselig ble det lettere å tenke på jobb.</p>"
                            ),
                            "author": "Mathias, 25",
                            "consent": True,
                        },
                    },
                    {
                        "type": "reflection_exercise",
                        "value": {
                            "question": (
                                "Hvilket av de fem livsområdene ville du spurt om først, og "
                                "hvorfor?"
                            ),
                            "minutes": 25,
                            "instructions": (
                                "<p>Jobb i grupper. Tegn hjulet med de fem livsområdene på et "
                                "stort ark, og skriv spørsmål dere mener en tjeneste bør stille om "
                                "hvert område. Merk av spørsmål som kan oppleves nærgående, og "
                                "presenter for de andre gruppene.</p>"
                            ),
                        },
                    },
                    {
                        "type": "facilitator_note",
                        "value": {
                            "note": (
                                "<p>Understrek at arbeidshjulet er et eksempel på en metode der "
                                "deltakeren styrer, ikke den eneste riktige. Målet er at "
                                "deltakerne øver på å vurdere arbeidsmåter fra brukerens side av "
                                "bordet, ikke at de lærer én metode utenat.</p>"
                            ),
                        },
                    },
                ],
                "facilitator_guide": (
                    "<p>Ha ferdigtegnede hjul klare til gruppearbeidet. Hvis noen har vært med på "
                    "at en tjeneste endret arbeidsmåte, be dem fortelle hva brukerne bidro med.</p>"
                ),
            },
            {
                "slug": "erfaringsnettverk",
                "title": "Erfaringsnettverk over hele landet",
                "summary": (
                    "Du trenger ikke stå alene. Vi ser på hvordan nettverk av folk med egen "
                    "erfaring deler kunnskap på tvers av steder og får innflytelse på systemnivå."
                ),
                "learning_objectives": (
                    "<ul><li>forklare hva et erfaringsnettverk er, og hva det kan oppnå</li>"
                    "<li>se mønstre når erfaringer fra mange steder blir samlet</li>"
                    "<li>planlegge hvordan du holder kontakt med andre brukermedvirkere etter "
                    "samlingen</li></ul>"
                ),
                "duration_minutes": 90,
                "levels": ["service", "system"],
                "organisations": ["MHU", "BAR", "LFB"],
                "body": [
                    {"type": "heading", "value": {"text": "Sammen ser vi mer", "level": "h2"}},
                    {
                        "type": "paragraph",
                        "value": (
                            "<p>I et erfaringsnettverk møtes ansatte og deltakere med egen "
                            "erfaring fra ulike deler av landet. De løfter fram hvordan deltakerne "
                            "opplever tjenestene, og bruker det til å påvirke beslutninger på "
                            "systemnivå. Det som ser ut som et enkelttilfelle ett sted, blir et "
                            "mønster når mange forteller det samme.</p>"
                        ),
                    },
                    {
                        "type": "paragraph",
                        "value": (
                            "<p>Et av målene med programmet er at unge brukermedvirkere skal ha "
                            "egne nettverk. Mental Helse Ungdom, Barn av rusmisbrukere og "
                            "Landsforeningen for barnevernsbarn har ulike medlemmer, men mange "
                            "utfordringer er felles. Når dere kjenner hverandre, kan dere gi "
                            "hverandre råd, dele oppdrag og stå sammen i saker.</p>"
                        ),
                    },
                    {
                        "type": "reflection_exercise",
                        "value": {
                            "question": "Hvilke erfaringer fra der du bor, tror du at andre deler?",
                            "minutes": 20,
                            "instructions": (
                                "<p>Skriv én utfordring og én ting som fungerer godt der du bor, "
                                "på hver sin lapp. Heng lappene opp og sorter dem sammen. Snakk om "
                                "hvilke mønstre dere ser.</p>"
                            ),
                        },
                    },
                    {
                        "type": "reflection_exercise",
                        "value": {
                            "question": "Hvordan skal dere holde kontakten fram til neste samling?",
                            "minutes": 15,
                            "instructions": (
                                "<p>Bli enige i gruppen om én konkret måte å holde kontakt på, og "
                                "om hvem som har ansvaret for å følge den opp.</p>"
                            ),
                        },
                    },
                    {
                        "type": "facilitator_note",
                        "value": {
                            "note": (
                                "<p>Sorteringen av lappene gir ofte et godt bilde av hva som "
                                "mangler i tjenestene. Spør gruppen om lov til å ta bilde av "
                                "veggen, og send det til koordinatoren slik at innspillene kan "
                                "brukes i arbeidet med programmet.</p>"
                            ),
                        },
                    },
                ],
                "facilitator_guide": (
                    "<p>Bland deltakere fra ulike organisasjoner og landsdeler i gruppene. Sett av "
                    "tid til at de som vil, kan utveksle kontaktinformasjon.</p>"
                ),
            },
            {
                "slug": "snakke-for-flere",
                "title": "Å representere andre",
                "summary": (
                    "Når du sitter i et råd, snakker du for flere enn deg selv. Vi øver på å hente "
                    "inn synspunkter fra andre unge og bringe dem videre på en ærlig måte."
                ),
                "learning_objectives": (
                    "<ul><li>skille mellom din egen mening og det du har hørt fra andre</li>"
                    "<li>bruke enkle måter å hente inn synspunkter fra andre unge på</li>"
                    "<li>gi tilbakemelding til dem du representerer</li></ul>"
                ),
                "duration_minutes": 120,
                "levels": ["service", "system"],
                "organisations": ["MHU", "BAR", "LFB"],
                "body": [
                    {"type": "heading", "value": {"text": "Fra jeg til vi", "level": "h2"}},
                    {
                        "type": "paragraph",
                        "value": (
                            "<p>Din egen erfaring er et godt utgangspunkt, men den er bare én av "
                            "mange. Når du representerer unge i et råd, må du vite noe om hva "
                            "andre unge tenker. Ellers kan det bli bare de historiene som ligner "
                            "din, som blir hørt.</p>"
                        ),
                    },
                    {
                        "type": "paragraph",
                        "value": (
                            "<p>Du kan hente inn synspunkter på flere måter:</p><ul>"
                            "<li>spørre i en medlemsgruppe eller et lokallag før møtet</li>"
                            "<li>lage en kort spørreundersøkelse sammen med organisasjonen din</li>"
                            "<li>snakke med unge som bruker tjenesten saken handler om</li></ul>"
                            "<p>Si tydelig fra i møtet om hva som er din egen mening, og hva du "
                            "har hørt fra andre. Fortell etterpå dem du snakket med, hva som "
                            "skjedde med innspillene deres.</p>"
                        ),
                    },
                    {
                        "type": "paragraph",
                        "value": (
                            "<p>Arbeidet med opptrappingsplanen på rusfeltet på 2020-tallet viste "
                            "at tjenestene ble bedre når brukerne fikk være med og bestemme. Jo "
                            "flere stemmer du tar med deg inn i rommet, desto sterkere står "
                            "saken.</p>"
                        ),
                    },
                    {
                        "type": "reflection_exercise",
                        "value": {
                            "question": "Hvem mangler i rommet når du snakker for unge?",
                            "minutes": 20,
                            "instructions": (
                                "<p>Tenk på et råd eller en gruppe du er med i, eller vil bli med "
                                "i. Skriv ned hvilke unge som sjelden blir hørt der, og hvordan du "
                                "kan nå dem. Del i par.</p>"
                            ),
                        },
                    },
                    {
                        "type": "facilitator_note",
                        "value": {
                            "note": (
                                "<p>Deltakere fra ulike organisasjoner vil peke på ulike grupper "
                                "som mangler. Bruk det til å vise hvor mye de kan lære av "
                                "hverandre, og at samarbeid på tvers gjør representasjonen "
                                "sterkere.</p>"
                            ),
                        },
                    },
                ],
                "facilitator_guide": (
                    "<p>Avslutt med at hver deltaker lager en plan for hvordan de skal hente inn "
                    "synspunkter før neste møte i sitt eget råd. Følg opp planene på neste "
                    "samling.</p>"
                ),
            },
        ],
    },
    {
        "level": "communicator",
        "slug": "erfaringsformidlere",
        "nb": {
            "title": "Kurs for erfaringsformidlere",
            "summary": (
                "For deg som vil fortelle om egne erfaringer i foredrag og undervisning. Du lærer "
                "å bygge en fortelling med et tydelig formål, og å ta vare på deg selv før, under "
                "og etter."
            ),
            "audience": (
                "<p>Kurset er for brukermedvirkere som vil stå foran en forsamling, for eksempel "
                "studenter, ansatte i tjenestene eller politikere, og bruke historien sin til å "
                "lære dem noe.</p>"
            ),
            "learning_outcomes": (
                "<ul><li>Du kan bygge opp en fortelling med et tydelig formål, tilpasset "
                "publikum.</li>"
                "<li>Du kan bruke erfaringen din som kunnskap i undervisning for studenter og "
                "fagfolk.</li>"
                "<li>Du kan planlegge trygghet og oppfølging rundt et oppdrag, og si nei når det "
                "trengs.</li>"
                "<li>Du kjenner til veier fra erfaring til arbeid, blant annet opplæringen "
                "medarbeider med brukererfaring.</li></ul>"
            ),
            "prerequisites": (
                "<p>Du bør ha tatt kurset for viderekomne eller ha gjort flere oppdrag som "
                "brukermedvirker. Det er også viktig at du har god avstand til det du skal "
                "fortelle om.</p>"
            ),
            "certificate_text": (
                "Innehaveren kan formidle egen erfaring i foredrag og undervisning med et tydelig "
                "formål, og kan ivareta sin egen trygghet før og etter et oppdrag."
            ),
        },
        "en": {
            "title": "Course for experience communicators",
            "summary": (
                "For those who want to share their experience in talks and teaching. You learn to "
                "shape a story around a clear purpose and to look after yourself before, during "
                "and after."
            ),
            "audience": (
                "<p>This course is for representatives who want to stand in front of an audience, "
                "such as students, service staff or politicians, and use their story to teach them "
                "something.</p>"
            ),
            "learning_outcomes": (
                "<ul><li>You can build a story with a clear purpose, shaped for its audience.</li>"
                "<li>You can use your experience as knowledge when teaching students and "
                "professionals.</li>"
                "<li>You can plan for safety and follow-up around an assignment, and say no when "
                "you need to.</li>"
                "<li>You know routes from lived experience into work, including the employee with "
                "user experience training.</li></ul>"
            ),
            "prerequisites": (
                "<p>You should have completed the advanced course or have taken on several "
                "assignments as a representative. It also matters that you have some distance from "
                "what you are going to talk about.</p>"
            ),
            "certificate_text": (
                "The holder can share their own experience in talks and teaching with a clear "
                "purpose, and can look after their own safety before and after an assignment."
            ),
        },
        "modules": [
            {
                "slug": "fortell-historien-din",
                "title": "Å fortelle historien din",
                "summary": (
                    "En god fortelling har et formål og er laget for dem som lytter. Du lærer å "
                    "bygge opp et foredrag om egne erfaringer, fra første setning til det du vil "
                    "at folk skal huske."
                ),
                "learning_objectives": (
                    "<ul><li>formulere formålet med fortellingen din i én setning</li>"
                    "<li>tilpasse fortellingen til ulike publikum</li>"
                    "<li>bygge opp et foredrag med begynnelse, midtdel og avslutning</li>"
                    "<li>gi og ta imot tilbakemeldinger som gjør foredraget bedre</li></ul>"
                ),
                "duration_minutes": 240,
                "levels": ["service", "system"],
                "organisations": ["MHU", "BAR", "LFB"],
                "body": [
                    {"type": "heading", "value": {"text": "Hvorfor forteller du?", "level": "h2"}},
                    {
                        "type": "paragraph",
                        "value": (
                            "<p>Før du skriver et eneste ord, må du vite hva du vil oppnå. Vil du "
                            "at studenter skal forstå hvordan det er å vente på hjelp, eller at "
                            "politikere skal prioritere et bestemt tilbud? Formålet avgjør hvilke "
                            "deler av historien som hører hjemme i foredraget.</p>"
                        ),
                    },
                    {
                        "type": "paragraph",
                        "value": (
                            "<p>En enkel oppbygning:</p><ul>"
                            "<li><b>Start:</b> hvem du er, og hvorfor du står her i dag.</li>"
                            "<li><b>Midtdel:</b> to eller tre situasjoner som viser poenget ditt, "
                            "med det som hjalp og det som ikke hjalp.</li>"
                            "<li><b>Avslutning:</b> hva du ønsker at publikum skal gjøre "
                            "annerledes.</li></ul>"
                            "<p>Tenk på publikum hele veien. En skoleklasse trenger noe annet enn "
                            "et fagmøte.</p>"
                        ),
                    },
                    {
                        "type": "lived_experience_story",
                        "value": {
                            "title": "Fra dagbok til foredrag",
                            "story": (
                                "<p>Det første foredraget mitt var egentlig bare en opplesning av "
                                "hva som hadde skjedd med meg. Folk ble rørt, men ingen visste hva "
                                "de skulle gjøre med det.</p>"
                                "<p>Nå avslutter jeg alltid med tre konkrete råd til dem som "
                                "jobber med unge. Det er de rådene folk kommer bort og snakker med "
                                "meg om etterpå.</p>"
                            ),
                            "author": "Nora, 27",
                            "consent": True,
                        },
                    },
                    {
                        "type": "reflection_exercise",
                        "value": {
                            "question": "Hva vil du at publikum skal huske når de går hjem?",
                            "minutes": 45,
                            "instructions": (
                                "<p>Skriv formålet ditt i én setning. Lag deretter et utkast til "
                                "et foredrag på fem minutter etter oppbygningen over. Hold det for "
                                "en liten gruppe, som forteller deg hva som var tydelig og hva som "
                                "kan strammes inn.</p>"
                            ),
                        },
                    },
                    {
                        "type": "facilitator_note",
                        "value": {
                            "note": (
                                "<p>Lær deltakerne å gi tilbakemelding på foredraget, ikke på "
                                "livet som blir fortalt. Stopp kommentarer som vurderer valgene "
                                "eller erfaringene til den som forteller, og led gruppen tilbake "
                                "til formål, oppbygning og publikum.</p>"
                            ),
                        },
                    },
                ],
                "facilitator_guide": (
                    "<p>Dette er en lang økt, så legg inn minst to pauser. Del deltakerne i små "
                    "grupper med en kursholder i hver, slik at alle får prøve seg og få "
                    "tilbakemelding.</p>"
                ),
            },
            {
                "slug": "erfaringskunnskap-i-utdanning",
                "title": "Erfaring som kunnskap i utdanningen",
                "summary": (
                    "Studenter som skal bli sosionomer, sykepleiere, psykologer eller "
                    "barnevernspedagoger, kan lære mye av deg. Vi ser på hvordan erfaringen din "
                    "blir til kunnskap de kan bruke."
                ),
                "learning_objectives": (
                    "<ul><li>forklare hva erfaringskunnskap er, og hvordan den skiller seg fra "
                    "fagkunnskap</li>"
                    "<li>koble egne erfaringer til temaer studentene arbeider med</li>"
                    "<li>planlegge et undervisningsopplegg sammen med en faglærer</li></ul>"
                ),
                "duration_minutes": 120,
                "levels": ["service", "system"],
                "organisations": ["LFB", "MHU", "BAR"],
                "body": [
                    {
                        "type": "heading",
                        "value": {"text": "Tre kilder til kunnskap", "level": "h2"},
                    },
                    {
                        "type": "paragraph",
                        "value": (
                            "<p>God praksis bygger på forskning, på fagfolks erfaring og på "
                            "kunnskap fra dem som bruker tjenestene. Den siste kilden er den som "
                            "oftest mangler i utdanningene. Som erfaringsformidler kan du vise "
                            "studentene hvordan beslutningene deres oppleves fra den andre siden "
                            "av bordet.</p>"
                        ),
                    },
                    {
                        "type": "paragraph",
                        "value": (
                            "<p>Det som gjør en fortelling til undervisning, er at den knyttes til "
                            "noe studentene skal lære. Snakk med faglæreren på forhånd om hva "
                            "temaet er, og velg erfaringer som belyser det. Gi gjerne studentene "
                            "spørsmål de kan drøfte etterpå.</p>"
                        ),
                    },
                    {
                        "type": "reflection_exercise",
                        "value": {
                            "question": (
                                "Hva skulle du ønske at de som hjalp deg, hadde lært i utdanningen "
                                "sin?"
                            ),
                            "minutes": 20,
                            "instructions": (
                                "<p>Skriv ned tre ting. Velg den viktigste, og skriv hvilken "
                                "situasjon fra ditt eget liv som kan vise den fram for "
                                "studenter.</p>"
                            ),
                        },
                    },
                    {
                        "type": "facilitator_note",
                        "value": {
                            "note": (
                                "<p>Inviter om mulig en faglærer fra en høyskole eller et "
                                "universitet til å være med på planleggingen. Da får deltakerne "
                                "øve på samarbeidet slik det foregår i virkeligheten.</p>"
                            ),
                        },
                    },
                ],
                "facilitator_guide": (
                    "<p>Ha med noen eksempler på emneplaner fra helse- og sosialfagutdanninger. "
                    "Deltakerne kan bruke dem til å finne steder der erfaringen deres passer "
                    "inn.</p>"
                ),
            },
            {
                "slug": "trygghet-og-a-si-nei",
                "title": "Trygghet, oppfølging og retten til å si nei",
                "summary": (
                    "Å fortelle om egne erfaringer foran andre kan rive opp i gamle sår. Vi lager "
                    "en plan for trygghet før, under og etter et oppdrag, og øver på å si nei."
                ),
                "learning_objectives": (
                    "<ul><li>lage en personlig plan for trygghet før, under og etter et "
                    "oppdrag</li>"
                    "<li>stille krav til oppdragsgivere om forberedelse og oppfølging</li>"
                    "<li>takke nei til eller avbryte et oppdrag uten å be om unnskyldning</li></ul>"
                ),
                "duration_minutes": 90,
                "levels": ["individual", "service"],
                "organisations": ["MHU", "BAR", "LFB"],
                "body": [
                    {"type": "heading", "value": {"text": "Før, under og etter", "level": "h2"}},
                    {
                        "type": "paragraph",
                        "value": (
                            "<p>Før oppdraget bør du vite hvem som kommer, hvor lang tid du har, "
                            "og hvem du kan kontakte. Underveis har du lov til å hoppe over "
                            "spørsmål og ta pauser. Etterpå trenger du noen å snakke med, og tid "
                            "til å lande. Du kan også takke nei til et oppdrag, eller avbryte det, "
                            "uten å måtte forklare deg.</p>"
                        ),
                    },
                    {
                        "type": "paragraph",
                        "value": (
                            "<p>Du kan be oppdragsgiveren om:</p><ul>"
                            "<li>en kontaktperson som tar imot deg og følger deg opp</li>"
                            "<li>et klart svar på hva du skal bidra med, og hva du får i "
                            "honorar</li>"
                            "<li>en samtale etterpå om hvordan det gikk</li></ul>"
                        ),
                    },
                    {
                        "type": "lived_experience_story",
                        "value": {
                            "title": "Da jeg tok en pause midt i foredraget",
                            "story": (
                                "<p>Midt i et foredrag for en gruppe ansatte fikk jeg et spørsmål "
                                "om mamma som jeg ikke var forberedt på. Jeg sa at jeg ikke ville "
                                "svare, og ba om fem minutters pause.</p>"
                                "<p>Jeg trodde jeg hadde ødelagt alt, men arrangøren takket meg "
                                "for at jeg viste hvordan man setter en grense. Etterpå ringte jeg "
                                "mentoren min, slik vi hadde avtalt.</p>"
                            ),
                            "author": "Liam, 23",
                            "consent": True,
                        },
                    },
                    {
                        "type": "reflection_exercise",
                        "value": {
                            "question": "Hva må være på plass for at du skal si ja til et oppdrag?",
                            "minutes": 20,
                            "instructions": (
                                "<p>Lag din egen sjekkliste med fem punkter. Sammenlign med en "
                                "annen deltaker og se om det er noe du vil legge til.</p>"
                            ),
                        },
                    },
                    {
                        "type": "facilitator_note",
                        "value": {
                            "note": (
                                "<p>Sørg for at alle går fra økten med navnet på minst én person "
                                "de kan ringe etter et oppdrag. Hvis noen ikke har en slik person, "
                                "hjelp dem å finne en i organisasjonen sin før samlingen er "
                                "over.</p>"
                            ),
                        },
                    },
                ],
                "facilitator_guide": (
                    "<p>Snakk åpent om at det er vanlig å kjenne seg tom eller urolig etter et "
                    "foredrag. Del gjerne eksempler fra erfarne erfaringsformidlere på hvordan de "
                    "tar vare på seg selv.</p>"
                ),
            },
            {
                "slug": "fra-erfaring-til-arbeid",
                "title": "Fra erfaring til arbeid",
                "summary": (
                    "Erfaringen din kan også bli en del av en jobb. Vi ser på NAVs opplæring for "
                    "medarbeidere med brukererfaring, som startet i Bergen i 2006, og på andre "
                    "veier videre."
                ),
                "learning_objectives": (
                    "<ul><li>kjenne til opplæringen medarbeider med brukererfaring og målene med "
                    "den</li>"
                    "<li>beskrive hva folk med brukererfaring tilfører tjenestene</li>"
                    "<li>tenke gjennom egne ønsker og muligheter for arbeid</li></ul>"
                ),
                "duration_minutes": 60,
                "levels": ["service", "system"],
                "organisations": ["MHU", "BAR", "LFB"],
                "body": [
                    {
                        "type": "heading",
                        "value": {"text": "Medarbeider med brukererfaring", "level": "h2"},
                    },
                    {
                        "type": "paragraph",
                        "value": (
                            "<p>NAVs opplæring for medarbeidere med brukererfaring startet i "
                            "Bergen i 2006. Den er for mennesker som vil bruke egen erfaring i "
                            "arbeid, og skal gi dem en vei inn i arbeidslivet. Samtidig skal "
                            "tjenestene få ny kompetanse.</p>"
                        ),
                    },
                    {
                        "type": "paragraph",
                        "value": (
                            "<p>Opplæringen har også andre mål: brukerne skal få håp og "
                            "rollemodeller, og medvirkningen skal være ekte. For mange unge betyr "
                            "det mye å møte en ansatt som har vært der selv. Det viser at det går "
                            "an å komme seg videre.</p>"
                        ),
                    },
                    {
                        "type": "paragraph",
                        "value": (
                            "<p>Ingen er nødt til å gjøre erfaringen sin til et yrke. Mange vil "
                            "heller bidra som frivillige, og det er like verdifullt. Poenget er at "
                            "du vet hvilke muligheter som finnes.</p>"
                        ),
                    },
                    {
                        "type": "reflection_exercise",
                        "value": {
                            "question": (
                                "Hvordan kunne du tenke deg å bruke erfaringen din i arbeid om "
                                "noen år?"
                            ),
                            "minutes": 20,
                            "instructions": (
                                "<p>Skriv fritt i ti minutter. Snakk så med en annen deltaker om "
                                "hva som skal til for å komme dit, og hvilke spørsmål du vil ta "
                                "med til koordinatoren din.</p>"
                            ),
                        },
                    },
                    {
                        "type": "facilitator_note",
                        "value": {
                            "note": (
                                "<p>Noen deltakere har vonde erfaringer med NAV. Gi rom for det, "
                                "men hjelp samtalen videre mot hvordan erfaringen kan bli en "
                                "styrke. Finn ut på forhånd hvilke tilbud som finnes der "
                                "deltakerne bor, så du kan svare på konkrete spørsmål.</p>"
                            ),
                        },
                    },
                ],
                "facilitator_guide": (
                    "<p>Inviter gjerne en som jobber som medarbeider med brukererfaring, til å "
                    "fortelle om arbeidsdagen sin. Avslutt kurset med en runde der alle sier hva "
                    "de tar med seg videre.</p>"
                ),
            },
        ],
    },
]
