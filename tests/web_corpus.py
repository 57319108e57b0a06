"""The letters behind the web tests (integration and browser): small, varied, and hostile.

Several ministries, parties, years and kinds; a merged pair (questions 2 and 3 answered
together); footnotes with links; a letter carrying script payloads; and enough letters sharing
the word *kosten* to need several pages.
"""
from __future__ import annotations

import datetime as dt

from indexer.letters import Letter, QAPair, Questioner

XSS_SCRIPT = "<script>alert(1)</script>"
XSS_IMG = "<img src=x onerror=alert(2)>"
XSS_ID = "ah-tk-20242025-666"
MERGED_ID = "ah-tk-20232024-1001"
FRESH_WORD = "zeppelinhangaar"
#: Results per page in the integration tests: small, so that the letters span several pages.
PAGE_SIZE = 4

MINISTRIES = ["Ministerie van Financiën", "Ministerie van Defensie", "Ministerie van Justitie en Veiligheid",
              "Ministerie van Volksgezondheid, Welzijn en Sport", "Ministerie van Landbouw, Natuur en Voedselkwaliteit"]
PARTIES = ["SP", "VVD", "GroenLinks-PvdA", "CDA", "D66", "PVV"]


def letters() -> list[Letter]:
    """The fixed fixture letters (ids and texts the tests refer to)."""
    out = [
        Letter(
            id=MERGED_ID, kind="answer", title="Antwoord op vragen van de leden Jansen en De Vries over het herstel van de toeslagenaffaire",
            date=dt.date(2024, 3, 12), submitted=dt.date(2024, 2, 1), ministry=MINISTRIES[0],
            minister="staatssecretaris Van Rij", case_number="2024Z01234", reference="2024-0000051234",
            questioners=[Questioner("Jansen", "SP"), Questioner("De Vries", "VVD")],
            footnotes=["Kamerstukken II 2023/24, 31 066, nr. 1300, zie https://zoek.officielebekendmakingen.nl/kst-31066-1300.html.",
                       "Rapport Uitvoeringsorganisatie Herstel Toeslagen, <b>bijlage</b> op https://www.rijksoverheid.nl/documenten/rapport?id=1&x=2"],
            body="Hierbij zend ik u de antwoorden op de vragen van de leden Jansen en De Vries.",
            pairs=[
                QAPair([1], "Bent u bekend met het bericht dat het herstel van gedupeerde ouders in de toeslagenaffaire opnieuw vertraging oploopt?",
                       "Ja, ik ben bekend met dat bericht. De kosten van de herstelregeling zijn hoger dan geraamd."),
                QAPair([2, 3], "Hoeveel ouders wachten nog op een integrale beoordeling?\nWanneer verwacht u dat alle ouders hun compensatie hebben ontvangen?",
                       "Op 1 maart 2024 wachtten nog 21.000 ouders op een integrale beoordeling. Ik verwacht dat de compensatie in 2027 is afgerond; de kosten/baten van versnelling worden onderzocht."),
                QAPair([4], "Bent u bereid deze vragen binnen drie weken te beantwoorden?",
                       "Ik heb de vragen zo snel als mogelijk beantwoord."),
            ],
        ),
        Letter(
            id="ah-tk-20222023-2002", kind="answer", title="Antwoord op vragen over de levering van F-35 onderdelen",
            date=dt.date(2023, 2, 14), ministry=MINISTRIES[1], minister="minister Ollongren",
            questioners=[Questioner("Van Dijk", "SP")], case_number="2023Z00321",
            pairs=[
                QAPair([1], "Klopt het dat onderdelen van de F-35 via Nederland worden geleverd?",
                       "De onderdelen van de F-35 worden geleverd via een Europees distributiecentrum. De kosten daarvan zijn onderdeel van het programma."),
                QAPair([2], "Om 14:30 uur werd het besluit genomen; kunt u de besluitvorming toelichten?",
                       "Het besluit is zorgvuldig voorbereid."),
            ],
        ),
        Letter(
            id="ah-tk-20232024-3003", kind="answer", title="Antwoord op vragen over het gebruik van Palantir-software door de politie",
            date=dt.date(2024, 6, 3), ministry=MINISTRIES[2], minister="minister Yeşilgöz-Zegerius",
            questioners=[Questioner("Bikker", "CDA"), Questioner("Jansen", "SP")],
            footnotes=["Zie ook https://www.politie.nl/informatie/data.html"],
            pairs=[
                QAPair([1], "Gebruikt de politie software van Palantir voor data-analyse?",
                       "De politie gebruikt geen software van Palantir. Wel worden andere analysesystemen ingezet, waarvan de kosten openbaar zijn."),
                QAPair([2], "Welke waarborgen gelden voor de privacy van burgers bij data-analyse?",
                       "De Wet politiegegevens bevat waarborgen voor privacy en toezicht."),
            ],
        ),
        Letter(
            id="kst-33037-500", kind="letter", title="Kamerbrief over de aanpak van stikstof in Natura 2000-gebieden",
            date=dt.date(2022, 6, 10), ministry=MINISTRIES[4], minister="minister Van der Wal",
            body="Met deze brief informeer ik uw Kamer over de aanpak van stikstof rond Natura 2000-gebieden. "
                 "De stikstofdepositie moet omlaag. De kosten van de gebiedsprogramma's worden gedragen door het Transitiefonds.",
        ),
        Letter(
            id="kv-tk-2024Z05555", kind="questions", title="Vragen van het lid Agema over de wachtlijsten in de ggz",
            date=dt.date(2024, 4, 2), ministry=MINISTRIES[3], questioners=[Questioner("Agema", "PVV")],
            pairs=[QAPair([1], "Hoe lang zijn de wachtlijsten in de ggz op dit moment en wat zijn de kosten voor patiënten?")],
        ),
        Letter(
            id="ah-tk-20222023-4004", kind="delay", title="Uitstelbericht vragen over het eigen risico",
            date=dt.date(2023, 9, 1), ministry=MINISTRIES[3], minister="minister Kuipers",
            questioners=[Questioner("Paulusma", "D66")],
            body="De vragen van het lid Paulusma over het eigen risico en de kosten van zorg kunnen niet binnen de gebruikelijke termijn worden beantwoord.",
        ),
        Letter(
            id=XSS_ID, kind="answer", title=f"Antwoord op vragen over websitebeveiliging {XSS_SCRIPT}",
            date=dt.date(2024, 11, 5), ministry=MINISTRIES[2], minister=f"minister {XSS_IMG}",
            questioners=[Questioner(f"Hacker {XSS_IMG}", "D66")],
            footnotes=[f"Zie {XSS_SCRIPT} en javascript:alert(3) en https://example.org/a\"onmouseover=alert(4)"],
            pairs=[QAPair([1], f"Waarom bevat de websitebeveiliging {XSS_SCRIPT} in de code?",
                          f"De websitebeveiliging is verbeterd; {XSS_IMG} wordt nu gefilterd en de kosten waren beperkt.")],
        ),
    ]
    # Filler letters: enough results for paging on "kosten", spread over years, ministries and parties.
    for i in range(9):
        year = 2019 + i % 5
        out.append(Letter(
            id=f"ah-tk-filler-{i:02d}", kind="answer", title=f"Antwoord op vragen over de kosten van project {i + 1}",
            date=dt.date(year, 1 + i, 10 + i), ministry=MINISTRIES[i % len(MINISTRIES)], minister=f"minister Voorbeeld{i}",
            questioners=[Questioner(f"Lid{i}", PARTIES[i % len(PARTIES)])],
            pairs=[QAPair([1], f"Wat zijn de kosten van project {i + 1}?", f"De kosten van project {i + 1} bedragen {i + 1} miljoen euro."),
                   QAPair([2], "Is de begroting toereikend voor de kosten?", "De begroting is toereikend.")],
        ))
    return out


def fresh_letter() -> Letter:
    """A letter added after the app started (the live-refresh test)."""
    return Letter(id="ah-tk-20252026-9999", kind="answer", title=f"Antwoord op vragen over een {FRESH_WORD}",
                  date=dt.date(2025, 10, 1), ministry=MINISTRIES[1],
                  pairs=[QAPair([1], f"Wat kost de {FRESH_WORD}?", f"De {FRESH_WORD} is nog niet begroot.")])
