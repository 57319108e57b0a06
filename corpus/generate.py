#!/usr/bin/env python3
"""Write N fictional *antwoorden op Kamervragen* for benchmarks and scale tests.

    python corpus/generate.py OUTDIR -n 10000 [--seed 0] [--formats txt,xml,html]

Every person, quotation and case in the output is invented. The letters follow the layouts of
the real documents (a ministry's letter with its annex, the *Aanhangsel van de Handelingen* as
extracted text, the officielebekendmakingen XML with a ``.metadata.xml`` sidecar, and its HTML),
so the project's parsers read them like real ones. Standard library only; letter ``i`` depends
only on ``(seed, i)``, so the same seed and N give byte-identical files, and a larger N only adds
files.
"""
from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import sys
import time
import zlib
from dataclasses import dataclass, field
from pathlib import Path

FORMATS = ("txt", "xml", "html")

#: Target size of a letter's visible text in bytes (UTF-8), and the bounds the tests hold it to.
TEXT_TARGET = (5000, 6200)
TEXT_BOUNDS = (4500, 7000)

MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
          "september", "oktober", "november", "december")

SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")

# --------------------------------------------------------------------------------------------
# People and parties (all names are combinations made up for this generator)
# --------------------------------------------------------------------------------------------

#: (prefix, surname): a Dutch tussenvoegsel stays lower case after initials ("J. van Dam") and is
#: capitalised at the start of a name in running text ("het lid Van Dam").
SURNAMES = (
    ("", "Bakker"), ("", "Brouwer"), ("", "Dekker"), ("", "Kuipers"), ("", "Veenstra"),
    ("", "Schouten"), ("", "Postma"), ("", "Wolters"), ("", "Koopman"), ("", "Jonker"),
    ("", "Vermeulen"), ("", "Scholten"), ("", "Martens"), ("", "Groenewoud"), ("", "Verbeek"),
    ("", "Haverkamp"), ("", "Kloosterboer"), ("", "Lindeboom"), ("", "Mulderij"),
    ("", "Oosterveld"), ("", "Rietveld"), ("", "Schoemaker"), ("", "Blokzijl"), ("", "Hofstede"),
    ("", "Wijnands"), ("", "Zuidema"), ("", "Boersma"), ("", "Hoogland"), ("", "Slagter"),
    ("", "Nijboer"), ("", "Tromp"), ("", "Everts"), ("", "Aksoy"), ("", "Yilmaz"),
    ("", "El Amrani"), ("", "Bouzid"), ("", "Öztürk"), ("", "Demir"), ("", "Kaya"),
    ("", "Haddou"), ("", "Ramdin"), ("", "Sewnath"), ("", "Kartosen"), ("", "Tjon"),
    ("", "Nguyen"), ("", "Kowalski"), ("", "Mendes"), ("", "Pinas"), ("", "Mahabier"),
    ("", "Ait Taleb"), ("", "Benali"), ("", "Çelik"), ("", "Şahin"), ("", "Doğan"),
    ("", "Lie"), ("", "Wouters"), ("", "Geerlings"), ("", "Hulshof"), ("", "Strijbos"),
    ("van", "Dam"), ("de", "Graaf"), ("van der", "Meer"), ("van den", "Berg"),
    ("ter", "Horst"), ("van 't", "Hof"), ("de", "Wit"), ("van", "Leeuwen"), ("op de", "Weegh"),
    ("ten", "Cate"), ("van der", "Zwaan"), ("den", "Hartog"), ("de", "Bruijn"),
    ("van", "Rijswijk"), ("van", "Lingen"), ("de", "Haan"), ("van", "Essen"), ("ter", "Wolde"),
    ("van der", "Velde"), ("de", "Kort"), ("van", "Loon"), ("in 't", "Zand"),
)
FIRST_NAMES = (
    "Anouk", "Bram", "Chantal", "Daan", "Esra", "Femke", "Gijs", "Hanneke", "Ilias", "Jelle",
    "Karin", "Lotte", "Mehmet", "Nadia", "Olaf", "Priya", "Ruben", "Sanne", "Thijs", "Umut",
    "Vera", "Willemijn", "Yara", "Zeynep", "Joost", "Marloes", "Kees", "Fatima", "Sjoerd", "Ilse",
)
INITIALS = "ABCDEFGHIJKLMNOPRSTW"


@dataclass
class Person:
    prefix: str
    surname: str
    initials: str
    first: str = ""
    party: str | None = None
    #: Named with the first name in running text (two members with one surname).
    use_first: bool = False

    @property
    def name(self) -> str:
        """The name as running text gives it: *Van der Meer*, *Aksoy-van Dam*."""
        if self.use_first:
            return f"{self.first} {self.prefix + ' ' if self.prefix else ''}{self.surname}"
        if self.prefix:
            return f"{self.prefix[0].upper()}{self.prefix[1:]} {self.surname}"
        return self.surname

    @property
    def formal(self) -> str:
        """The name as metadata and signatures give it: *J.H. van der Meer*."""
        first = f" ({self.first})" if self.use_first else ""
        return f"{self.initials}{first} {self.prefix + ' ' if self.prefix else ''}{self.surname}"


def _person(rng: random.Random, double: float = 0.35) -> Person:
    prefix, surname = rng.choice(SURNAMES)
    if rng.random() < double:
        p2, s2 = rng.choice(SURNAMES)
        if s2 != surname:
            surname = f"{surname}-{p2 + ' ' if p2 else ''}{s2}"
    n = 1 + (rng.random() < 0.55) + (rng.random() < 0.15)
    initials = "".join(rng.choice(INITIALS) + "." for _ in range(n))
    return Person(prefix, surname, initials, rng.choice(FIRST_NAMES))


#: (party, first year, last year + 1, weight)
PARTIES = (
    ("VVD", 1995, 2027, 3), ("PvdA", 1995, 2024, 3), ("CDA", 1995, 2027, 3),
    ("D66", 1995, 2027, 3), ("GroenLinks", 1995, 2024, 2), ("SP", 1995, 2027, 3),
    ("SGP", 1995, 2027, 1), ("RPF", 1995, 2001, 1), ("GPV", 1995, 2001, 1),
    ("ChristenUnie", 2001, 2027, 2), ("LPF", 2002, 2007, 1), ("PVV", 2006, 2027, 3),
    ("PvdD", 2006, 2027, 1), ("50PLUS", 2012, 2027, 1), ("DENK", 2017, 2027, 1),
    ("FvD", 2017, 2027, 1), ("Volt", 2021, 2027, 1), ("JA21", 2021, 2027, 1),
    ("BBB", 2021, 2027, 2), ("NSC", 2023, 2027, 2), ("GroenLinks-PvdA", 2024, 2027, 3),
)


def _party(rng: random.Random, year: int) -> str:
    active = [(p, w) for p, a, b, w in PARTIES if a <= year < b]
    return rng.choices([p for p, _ in active], [w for _, w in active])[0]


#: Cabinet periods: a ministry keeps its (fictional) minister within one period.
CABINETS = (1994, 1998, 2002, 2003, 2006, 2007, 2010, 2012, 2017, 2022, 2024, 2026)

# --------------------------------------------------------------------------------------------
# Ministries: (name, abbreviation, first year, last year + 1) and the letterhead
# --------------------------------------------------------------------------------------------

ADDRESSES = {
    "Justitie": ("Schedeldoekshaven 100", "2511 EX Den Haag", "Postbus 20301", "2500 EH", "justitie"),
    "Veiligheid en Justitie": ("Turfmarkt 147", "2511 DP Den Haag", "Postbus 20301", "2500 EH", "venj"),
    "Justitie en Veiligheid": ("Turfmarkt 147", "2511 DP Den Haag", "Postbus 20301", "2500 EH", "jenv"),
    "Asiel en Migratie": ("Turfmarkt 147", "2511 DP Den Haag", "Postbus 20301", "2500 EH", "aenm"),
    "Volksgezondheid, Welzijn en Sport": ("Parnassusplein 5", "2511 VX Den Haag", "Postbus 20350", "2500 EJ", "vws"),
    "Infrastructuur en Waterstaat": ("Rijnstraat 8", "2515 XP Den Haag", "Postbus 20901", "2500 EX", "ienw"),
    "Infrastructuur en Milieu": ("Plesmanweg 1-6", "2597 JG Den Haag", "Postbus 20901", "2500 EX", "ienm"),
    "Verkeer en Waterstaat": ("Plesmanweg 1-6", "2597 JG Den Haag", "Postbus 20901", "2500 EX", "venw"),
    "Volkshuisvesting, Ruimtelijke Ordening en Milieubeheer": ("Rijnstraat 8", "2515 XP Den Haag", "Postbus 20951", "2500 EZ", "vrom"),
    "Financiën": ("Korte Voorhout 7", "2511 CW Den Haag", "Postbus 20201", "2500 EE", "fin"),
    "Onderwijs, Cultuur en Wetenschap": ("Rijnstraat 50", "2515 XP Den Haag", "Postbus 16375", "2500 BJ", "ocw"),
    "Defensie": ("Kalvermarkt 32", "2511 CB Den Haag", "Postbus 20701", "2500 ES", "defensie"),
    "Binnenlandse Zaken en Koninkrijksrelaties": ("Turfmarkt 147", "2511 DP Den Haag", "Postbus 20011", "2500 EA", "bzk"),
    "Volkshuisvesting en Ruimtelijke Ordening": ("Turfmarkt 147", "2511 DP Den Haag", "Postbus 20011", "2500 EA", "vro"),
    "Economische Zaken": ("Bezuidenhoutseweg 73", "2594 AC Den Haag", "Postbus 20401", "2500 EK", "ez"),
    "Economische Zaken en Klimaat": ("Bezuidenhoutseweg 73", "2594 AC Den Haag", "Postbus 20401", "2500 EK", "ezk"),
    "Klimaat en Groene Groei": ("Bezuidenhoutseweg 73", "2594 AC Den Haag", "Postbus 20401", "2500 EK", "kgg"),
    "Landbouw, Natuurbeheer en Visserij": ("Bezuidenhoutseweg 73", "2594 AC Den Haag", "Postbus 20401", "2500 EK", "lnv"),
    "Landbouw, Natuur en Voedselkwaliteit": ("Bezuidenhoutseweg 73", "2594 AC Den Haag", "Postbus 20401", "2500 EK", "lnv"),
    "Landbouw, Visserij, Voedselzekerheid en Natuur": ("Bezuidenhoutseweg 73", "2594 AC Den Haag", "Postbus 20401", "2500 EK", "lvvn"),
    "Sociale Zaken en Werkgelegenheid": ("Parnassusplein 5", "2511 VX Den Haag", "Postbus 90801", "2509 LV", "szw"),
    "Buitenlandse Zaken": ("Rijnstraat 8", "2515 XP Den Haag", "Postbus 20061", "2500 EB", "bz"),
}
ABBREVIATIONS = {
    "Justitie": "J", "Veiligheid en Justitie": "VenJ", "Justitie en Veiligheid": "JenV",
    "Asiel en Migratie": "AenM", "Volksgezondheid, Welzijn en Sport": "VWS",
    "Infrastructuur en Waterstaat": "IenW", "Infrastructuur en Milieu": "IenM",
    "Verkeer en Waterstaat": "VenW",
    "Volkshuisvesting, Ruimtelijke Ordening en Milieubeheer": "VROM", "Financiën": "FIN",
    "Onderwijs, Cultuur en Wetenschap": "OCW", "Defensie": "DEF",
    "Binnenlandse Zaken en Koninkrijksrelaties": "BZK",
    "Volkshuisvesting en Ruimtelijke Ordening": "VRO", "Economische Zaken": "EZ",
    "Economische Zaken en Klimaat": "EZK", "Klimaat en Groene Groei": "KGG",
    "Landbouw, Natuurbeheer en Visserij": "LNV", "Landbouw, Natuur en Voedselkwaliteit": "LNV",
    "Landbouw, Visserij, Voedselzekerheid en Natuur": "LVVN",
    "Sociale Zaken en Werkgelegenheid": "SZW", "Buitenlandse Zaken": "BZ",
}

# --------------------------------------------------------------------------------------------
# Policy areas: each gives the nouns, organisations and clauses the sentence templates draw on.
# Noun phrases (np) are singular so that the verb agrees; groups and compound heads are plural.
# --------------------------------------------------------------------------------------------

AREAS = {
    "veiligheid": {
        "ministries": (("Justitie", 1995, 2010), ("Veiligheid en Justitie", 2010, 2017),
                       ("Justitie en Veiligheid", 2017, 2027)),
        "units": ("Directoraat-Generaal Politie en Veiligheidsregio's", "Directie Rechtshandhaving en Criminaliteitsbestrijding", "Directoraat-Generaal Straffen en Beschermen"),
        "headline": ("Politie kampt met recordaantal openstaande vacatures",
                     "Marechaussee kan drukte bij grenstoezicht nauwelijks bijbenen",
                     "Slachtoffers van online oplichting voelen zich niet gehoord",
                     "Gedetineerden slapen op matrassen in de gang van overvolle gevangenis",
                     "Rechtbanken kampen met oplopende achterstanden in strafzaken",
                     "Woo-verzoeken blijven maandenlang op de plank liggen",
                     "Opnieuw drugslab ontmanteld in buitengebied van {place}",
                     "Wijkagent steeds minder zichtbaar in {place}"),
        "np": ("de bezetting van de basisteams in {place}", "het aantal openstaande vacatures bij de politie",
               "de wachttijd bij de grensdoorlaatposten op Schiphol", "de capaciteit van het gevangeniswezen",
               "de gemiddelde doorlooptijd van strafzaken", "de afhandeling van Woo-verzoeken",
               "de aanpak van ondermijnende criminaliteit", "de inzet van de KMar bij het grenstoezicht",
               "het aantal aangiften van cybercriminaliteit", "de werkdruk bij het Openbaar Ministerie",
               "het toezicht op de beveiligingsbranche", "de informatie-uitwisseling tussen politie en gemeenten"),
        "group": ("wijkagenten", "gedetineerden", "slachtoffers van cybercriminaliteit", "boa's",
                  "rechters", "grenswachters", "jongeren in justitiële jeugdinrichtingen"),
        "org": ("de politie", "de KMar", "het Openbaar Ministerie", "de Dienst Justitiële Inrichtingen",
                "de Raad voor de rechtspraak", "de Inspectie Justitie en Veiligheid", "de NCTV",
                "het Centraal Justitieel Incassobureau"),
        "measure": ("extra capaciteit voor de basisteams", "een landelijk meldpunt voor online fraude",
                    "een versnellingsaanpak voor strafzaken", "aanvullende beveiligingsmaatregelen",
                    "een tijdelijke noodvoorziening voor cellen", "een programma voor informatiegestuurd werken",
                    "een gerichte wervingscampagne voor rechercheurs"),
        "task": ("de achterstanden in de opsporing weg te werken", "het grenstoezicht op orde te brengen",
                 "de veiligheid van het personeel te waarborgen", "de doorlooptijden te verkorten",
                 "criminele geldstromen te doorbreken", "de celcapaciteit op peil te houden"),
        "law": ("Politiewet 2012", "Wet open overheid", "Penitentiaire beginselenwet",
                "Wetboek van Strafvordering", "Wet justitiële en strafvorderlijke gegevens"),
        "mod": ("opsporings", "politie", "grenstoezicht", "cybercrime", "gevangenis", "strafrecht",
                "Woo-", "KMar-", "ondermijnings", "slachtoffer", "recherche", "handhavings"),
    },
    "migratie": {
        "ministries": (("Justitie", 1995, 2010), ("Veiligheid en Justitie", 2010, 2017),
                       ("Justitie en Veiligheid", 2017, 2024), ("Asiel en Migratie", 2024, 2026),
                       ("Justitie en Veiligheid", 2026, 2027)),
        "office": "Staatssecretaris",
        "units": ("Directoraat-Generaal Migratie", "Directie Migratiebeleid", "Directie Regie Migratieketen"),
        "headline": ("Aanmeldcentrum Ter Apel opnieuw overvol",
                     "Kinderen in de noodopvang krijgen maanden geen onderwijs",
                     "IND loopt verder achter met beslissingen op asielaanvragen",
                     "Gemeenten weigeren nieuwe asielopvang in {place}",
                     "Statushouders wachten maanden op een woning in {place}",
                     "Nareizigers blijven jaren gescheiden van hun gezin"),
        "np": ("de situatie in het aanmeldcentrum Ter Apel", "de bezetting van de asielopvang",
               "het aantal asielaanvragen", "de beslistermijn van de IND", "de huisvesting van statushouders",
               "de opvang van alleenstaande minderjarige vreemdelingen", "de inzet van noodopvanglocaties",
               "de gezinshereniging van nareizigers", "de terugkeer van uitgeprocedeerde asielzoekers",
               "de spreiding van asielzoekers over de gemeenten"),
        "group": ("asielzoekers", "statushouders", "nareizigers", "alleenstaande minderjarige vreemdelingen",
                  "kinderen in de noodopvang", "gemeenten met een opvanglocatie"),
        "org": ("het COA", "de IND", "de Dienst Terugkeer en Vertrek", "de VNG", "de KMar",
                "de Adviesraad Migratie", "het Nidos"),
        "measure": ("extra opvangplekken in {place}", "een landelijke spreidingsregeling",
                    "een tijdelijke versnellingsaanpak bij de IND", "structurele opvanglocaties",
                    "een doorstroomlocatie voor statushouders", "een onderwijsvoorziening op de opvanglocatie"),
        "task": ("de instroom in de opvang te beheersen", "de beslistermijnen terug te dringen",
                 "de doorstroom naar reguliere woningen te versnellen", "de opvang in Ter Apel te ontlasten",
                 "de terugkeer van uitgeprocedeerden te bevorderen"),
        "law": ("Vreemdelingenwet 2000", "Wet gemeentelijke taak mogelijk maken asielopvangvoorzieningen",
                "Vreemdelingenbesluit 2000"),
        "mod": ("asiel", "opvang", "asielopvang", "IND-", "COA-", "terugkeer", "nareis", "migratie",
                "noodopvang", "statushouder"),
    },
    "zorg": {
        "ministries": (("Volksgezondheid, Welzijn en Sport", 1995, 2027),),
        "units": ("Directie Curatieve Zorg", "Directie Jeugd", "Directie Langdurige Zorg", "Directie Geneesmiddelen en Medische Technologie"),
        "headline": ("Wachtlijsten in de jeugdzorg lopen verder op",
                     "Ggz-patiënten wachten soms langer dan een jaar op behandeling",
                     "Apothekers luiden noodklok over tekort aan antibiotica",
                     "Huisartsenpost in {place} sluit noodgedwongen de deuren",
                     "Verpleeghuis in {place} kampt met ernstig personeelstekort",
                     "Zorgverzekeraars schrappen contracten met kleine ggz-aanbieders"),
        "np": ("de wachttijd in de specialistische ggz", "het tekort aan verpleegkundigen",
               "de beschikbaarheid van geneesmiddelen", "de toegankelijkheid van de huisartsenzorg in {place}",
               "de inkoop van jeugdzorg door gemeenten", "de kwaliteit van de zorg in verpleeghuizen",
               "het aantal crisisplaatsen in de jeugdzorg", "de financiering van de acute zorg",
               "de bereikbaarheid van de spoedeisende hulp", "de administratieve lastendruk in de zorg"),
        "group": ("ggz-patiënten", "jeugdigen", "huisartsen", "wijkverpleegkundigen", "mantelzorgers",
                  "verpleeghuisbewoners", "zorgaanbieders"),
        "org": ("de Inspectie Gezondheidszorg en Jeugd", "de NZa", "het RIVM", "Zorginstituut Nederland",
                "de VNG", "het CBG", "de GGD GHOR Nederland"),
        "measure": ("een landelijk transferpunt voor de ggz", "extra middelen voor de wijkverpleging",
                    "een nationale voorraad van kritieke geneesmiddelen", "een regionale capaciteitsmonitor",
                    "een wachtlijstbemiddelingsregeling", "een stimuleringsregeling voor zij-instromers"),
        "task": ("de wachtlijsten in de ggz terug te dringen", "de zorg betaalbaar en toegankelijk te houden",
                 "tekorten aan geneesmiddelen te voorkomen", "het personeelstekort in de zorg aan te pakken",
                 "de jeugdzorg beter te organiseren"),
        "law": ("Jeugdwet", "Wet verplichte ggz", "Wet langdurige zorg", "Zorgverzekeringswet",
                "Geneesmiddelenwet", "Wet marktordening gezondheidszorg"),
        "mod": ("jeugdzorg", "ggz-", "zorg", "huisartsen", "wachtlijst", "geneesmiddelen", "verpleeghuis",
                "wijkverpleging", "acute-zorg", "mondzorg", "zorgverzekeraars"),
    },
    "infrastructuur": {
        "ministries": (("Verkeer en Waterstaat", 1995, 2010), ("Infrastructuur en Milieu", 2010, 2017),
                       ("Infrastructuur en Waterstaat", 2017, 2027)),
        "units": ("Directoraat-Generaal Mobiliteit", "Directoraat-Generaal Water en Bodem", "Directie Openbaar Vervoer en Spoor"),
        "headline": ("Brug over de {river} maandenlang dicht voor vrachtverkeer",
                     "Rijkswaterstaat kampt met achterstallig onderhoud aan sluizen",
                     "Reizigers in {place} opnieuw gedupeerd door spoorstoring",
                     "Dijkversterking langs de {river} loopt jaren vertraging op",
                     "Schiphol overschrijdt opnieuw de geluidsnormen",
                     "Aantal verkeersdoden stijgt voor het derde jaar op rij"),
        "np": ("het onderhoud van bruggen en viaducten", "de staat van de sluizen in de {river}",
               "de betrouwbaarheid van het spoor rond {place}", "de voortgang van het Hoogwaterbeschermingsprogramma",
               "de geluidsoverlast rond Schiphol", "de verkeersveiligheid op provinciale wegen",
               "de bereikbaarheid van {place}", "de capaciteit van Rijkswaterstaat",
               "de dienstregeling van de NS in de regio {place}"),
        "group": ("forensen", "binnenvaartschippers", "omwonenden van Schiphol", "treinreizigers",
                  "vrachtwagenchauffeurs", "waterschappen"),
        "org": ("Rijkswaterstaat", "ProRail", "de NS", "de Inspectie Leefomgeving en Transport",
                "het KNMI", "de Unie van Waterschappen", "het Kennisinstituut voor Mobiliteitsbeleid"),
        "measure": ("een versneld renovatieprogramma", "een tijdelijke omleidingsroute",
                    "extra investeringen in het hoofdvaarwegennet", "een snelheidsverlaging op de A{road}",
                    "een landelijke aanpak voor verkeersveiligheid", "een onderhoudsfonds voor kunstwerken"),
        "task": ("de achterstand in onderhoud in te lopen", "de waterveiligheid te garanderen",
                 "de bereikbaarheid van de regio op peil te houden", "het aantal verkeersslachtoffers terug te dringen",
                 "de hinder voor omwonenden te beperken"),
        "law": ("Waterwet", "Wegenverkeerswet 1994", "Spoorwegwet", "Wet luchtvaart", "Tracéwet"),
        "mod": ("onderhouds", "spoor", "vaarweg", "dijkversterkings", "verkeersveiligheids",
                "brug", "sluis", "luchtvaart", "mobiliteits", "NS-"),
    },
    "energie": {
        "ministries": (("Economische Zaken", 1995, 2017), ("Economische Zaken en Klimaat", 2017, 2024),
                       ("Klimaat en Groene Groei", 2024, 2027)),
        "units": ("Directoraat-Generaal Klimaat en Energie", "Directie Elektriciteit", "Directie Warmte en Ondergrond"),
        "headline": ("Netcongestie: bedrijven in {place} kunnen jarenlang niet aansluiten",
                     "Netbeheerder waarschuwt voor wachtrij bij stroomaansluitingen",
                     "Warmtenet in {place} leidt tot hoge rekeningen voor huurders",
                     "Bouw van windpark op zee loopt vertraging op",
                     "Bewoners in Groningen wachten nog altijd op versterking van hun huis",
                     "Energiearmoede neemt toe onder huishoudens met een laag inkomen"),
        "np": ("de netcongestie in {province}", "de wachtrij voor stroomaansluitingen",
               "de uitrol van warmtenetten", "de aanleg van windparken op zee", "de versterkingsoperatie in Groningen",
               "de energierekening van huishoudens", "de productie van groene waterstof",
               "de capaciteit van het elektriciteitsnet", "de isolatie van huurwoningen"),
        "group": ("netbeheerders", "mkb-ondernemers", "huishoudens met energiearmoede", "warmtenetgebruikers",
                  "bewoners in het aardbevingsgebied", "zonneparkeigenaren"),
        "org": ("TenneT", "de ACM", "Netbeheer Nederland", "Alliander", "Stedin", "Enexis",
                "het Staatstoezicht op de Mijnen", "het Instituut Mijnbouwschade Groningen", "de RVO"),
        "measure": ("een landelijk actieprogramma netcongestie", "flexibele transportcontracten",
                    "een subsidieregeling voor isolatie", "een prijsplafond voor warmte",
                    "een versnellingsagenda voor de netuitbreiding", "een compensatieregeling voor huishoudens"),
        "task": ("de netcongestie te verminderen", "de wachtrij voor aansluitingen te verkorten",
                 "de energietransitie betaalbaar te houden", "de klimaatdoelen voor 2030 te halen",
                 "de versterkingsopgave in Groningen af te ronden"),
        "law": ("Energiewet", "Elektriciteitswet 1998", "Warmtewet", "Klimaatwet", "Mijnbouwwet"),
        "mod": ("netcongestie", "stroom", "energie", "warmtenet", "elektriciteits", "netbeheerders",
                "waterstof", "windenergie", "aansluit", "TenneT-"),
    },
    "financien": {
        "ministries": (("Financiën", 1995, 2027),),
        "units": ("Directoraat-Generaal Fiscale Zaken", "Directie Financiële Markten", "Directoraat-Generaal Toeslagen"),
        "headline": ("Hersteloperatie toeslagen loopt verder uit",
                     "Belastingdienst werkt nog met verouderde computersystemen",
                     "Spaarders wachten op duidelijkheid over box 3",
                     "Banken sluiten rekeningen van ondernemers uit angst voor witwassen",
                     "Douane onderschept recordhoeveelheid cocaïne in haven van Rotterdam"),
        "np": ("de voortgang van de hersteloperatie toeslagen", "de vernieuwing van de ICT bij de Belastingdienst",
               "de rechtsherstelregeling in box 3", "de naleving van de Wwft door banken",
               "het aantal openstaande bezwaarschriften", "de btw-fraude met digitale diensten",
               "de capaciteit van de Douane in de Rotterdamse haven", "de inning van belastingschulden"),
        "group": ("gedupeerde ouders", "spaarders", "zzp'ers", "mkb-ondernemers", "belastingplichtigen",
                  "douaniers"),
        "org": ("de Belastingdienst", "Dienst Toeslagen", "De Nederlandsche Bank", "de AFM", "de Douane",
                "de Algemene Rekenkamer", "de Uitvoeringsorganisatie Herstel Toeslagen"),
        "measure": ("een vereenvoudigde herstelregeling", "een meerjarig ICT-vernieuwingsprogramma",
                    "een forfaitair rendement op basis van werkelijke opbrengsten", "extra capaciteit voor de bezwaarafhandeling",
                    "een landelijk loket voor gedupeerden"),
        "task": ("de hersteloperatie te versnellen", "de belastingheffing eenvoudiger te maken",
                 "witwassen effectief tegen te gaan", "het vertrouwen van burgers te herstellen",
                 "de uitvoerbaarheid van het belastingstelsel te verbeteren"),
        "law": ("Algemene wet inzake rijksbelastingen", "Wet inkomstenbelasting 2001",
                "Wet ter voorkoming van witwassen en financieren van terrorisme", "Wet hersteloperatie toeslagen"),
        "mod": ("toeslagen", "belasting", "box-3-", "btw-", "douane", "herstel", "fraude", "witwas",
                "ICT-", "bezwaar"),
    },
    "onderwijs": {
        "ministries": (("Onderwijs, Cultuur en Wetenschap", 1995, 2027),),
        "units": ("Directie Primair Onderwijs", "Directie Middelbaar Beroepsonderwijs", "Directie Hoger Onderwijs en Studiefinanciering", "Directie Erfgoed en Kunsten"),
        "headline": ("Lerarentekort in {place} groter dan ooit",
                     "Scholen sturen leerlingen naar huis door gebrek aan invallers",
                     "Studenten met een beperking lopen vast in het hoger onderwijs",
                     "Bibliotheek in {place} moet sluiten door bezuinigingen",
                     "Steeds meer kinderen thuis zonder passende onderwijsplek",
                     "Universiteiten schrappen Engelstalige opleidingen"),
        "np": ("het lerarentekort in de grote steden", "de uitvoering van passend onderwijs",
               "de hoogte van de basisbeurs", "de instroom van internationale studenten",
               "de leesvaardigheid van vijftienjarigen", "de bekostiging van het mbo",
               "het aantal thuiszitters", "de toekomst van de openbare bibliotheek in {place}",
               "de werkdruk in het primair onderwijs"),
        "group": ("leraren", "mbo-studenten", "thuiszitters", "schoolbesturen", "internationale studenten",
                  "zij-instromers", "pabo-studenten"),
        "org": ("de Inspectie van het Onderwijs", "DUO", "de PO-Raad", "de VO-raad", "de MBO Raad",
                "de Universiteiten van Nederland", "NWO", "de Raad voor Cultuur"),
        "measure": ("een regionale aanpak van het lerarentekort", "een tegemoetkoming voor studenten",
                    "een landelijk actieplan basisvaardigheden", "extra middelen voor passend onderwijs",
                    "een stimuleringsregeling voor zij-instromers", "een wettelijke taak voor bibliotheken"),
        "task": ("het lerarentekort terug te dringen", "de kansengelijkheid in het onderwijs te vergroten",
                 "de basisvaardigheden van leerlingen te verbeteren", "het aantal thuiszitters te verminderen",
                 "de toegankelijkheid van het hoger onderwijs te waarborgen"),
        "law": ("Wet op het primair onderwijs", "Wet studiefinanciering 2000",
                "Wet op het hoger onderwijs en wetenschappelijk onderzoek", "Wet educatie en beroepsonderwijs",
                "Wet stelsel openbare bibliotheekvoorzieningen"),
        "mod": ("onderwijs", "leraren", "studiefinancierings", "school", "mbo-", "passend-onderwijs",
                "bibliotheek", "cultuur", "pabo-", "examen"),
    },
    "defensie": {
        "ministries": (("Defensie", 1995, 2027),),
        "units": ("Directie Operaties", "Defensie Materieel Organisatie", "Directie Personeel en Organisatie"),
        "headline": ("Defensie kampt met duizenden onvervulde vacatures",
                     "Levering van F-35's loopt opnieuw vertraging op",
                     "Munitievoorraden van de krijgsmacht dramatisch laag",
                     "Omwonenden klagen over laagvliegende straaljagers bij {place}",
                     "Kazerne in {place} in slechte staat",
                     "Nederland haalt NAVO-norm van twee procent niet"),
        "np": ("de personele vulling van de krijgsmacht", "de levering van de F-35", "de omvang van de munitievoorraad",
               "de staat van het defensievastgoed", "de bijdrage aan de NAVO-verplichtingen",
               "de inzet van reservisten", "de geluidsbelasting rond vliegbasis {base}",
               "de verwerving van nieuwe onderzeeboten", "de gereedheid van de landmacht"),
        "group": ("militairen", "reservisten", "veteranen", "omwonenden van vliegbasis {base}", "defensiemedewerkers",
                  "NAVO-bondgenoten"),
        "org": ("de Defensie Materieel Organisatie", "de NAVO", "het Commando Landstrijdkrachten",
                "de Koninklijke Luchtmacht", "de Koninklijke Marine", "de Algemene Rekenkamer", "het Veteraneninstituut"),
        "measure": ("een wervingsoffensief voor technisch personeel", "een meerjarig vastgoedprogramma",
                    "gezamenlijke munitieaankopen met bondgenoten", "een geluidsmonitoringssysteem",
                    "extra investeringen in de gereedheid", "een regeling voor werkgevers van reservisten"),
        "task": ("aan de NAVO-verplichtingen te voldoen", "de inzetbaarheid van de krijgsmacht te vergroten",
                 "de munitievoorraden aan te vullen", "personeel te behouden en te werven",
                 "de geluidshinder voor omwonenden te beperken"),
        "law": ("Wet ambtenaren defensie", "Militaire Ambtenarenwet 1931", "Wet op de defensiegereedheid"),
        "mod": ("defensie", "munitie", "F-35-", "NAVO-", "kazerne", "personeels", "vastgoed", "reservisten",
                "materieel", "krijgsmacht"),
    },
    "binnenland": {
        "ministries": (("Binnenlandse Zaken en Koninkrijksrelaties", 1995, 2027),),
        "units": ("Directoraat-Generaal Openbaar Bestuur en Democratische Rechtsstaat", "Directie Digitale Overheid", "Directoraat-Generaal Koninkrijksrelaties"),
        "headline": ("Gemeenten gaan gebukt onder ravijnjaar",
                     "Storing bij DigiD legt overheidsloketten plat",
                     "Woo-verzoeken bij ministeries stapelen zich op",
                     "Bestuurders in {place} steeds vaker bedreigd",
                     "Inwoners van Bonaire wachten op betere voorzieningen",
                     "Opkomst bij gemeenteraadsverkiezingen in {place} historisch laag"),
        "np": ("de financiële positie van gemeenten", "de betrouwbaarheid van DigiD",
               "de uitvoering van de Wet open overheid", "de veiligheid van decentrale bestuurders",
               "het sociaal minimum in Caribisch Nederland", "de organisatie van de verkiezingen",
               "de informatiehuishouding van de rijksoverheid", "de digitale weerbaarheid van gemeenten"),
        "group": ("gemeenten", "burgemeesters", "raadsleden", "inwoners van Caribisch Nederland",
                  "rijksambtenaren", "Woo-verzoekers"),
        "org": ("de VNG", "Logius", "de Autoriteit Persoonsgegevens", "de Kiesraad", "de Raad van State",
                "het Adviescollege Openbaarheid en Informatiehuishouding", "de Nationale ombudsman"),
        "measure": ("een structurele verhoging van het gemeentefonds", "een landelijk meldpunt voor bedreigde bestuurders",
                    "een verbeterplan informatiehuishouding", "een terugvaloptie voor DigiD",
                    "een koopkrachtpakket voor Caribisch Nederland"),
        "task": ("de informatiehuishouding op orde te brengen", "de gemeentefinanciën houdbaar te maken",
                 "de weerbaarheid van het lokaal bestuur te vergroten", "Woo-verzoeken tijdig af te handelen",
                 "de digitale dienstverlening betrouwbaar te houden"),
        "law": ("Wet open overheid", "Gemeentewet", "Kieswet", "Archiefwet", "Financiële-verhoudingswet"),
        "mod": ("gemeentefonds", "Woo-", "DigiD-", "informatiehuishoudings", "verkiezings", "bestuurders",
                "archief", "openbaarheids"),
    },
    "landbouw": {
        "ministries": (("Landbouw, Natuurbeheer en Visserij", 1995, 2003), ("Landbouw, Natuur en Voedselkwaliteit", 2003, 2010),
                       ("Economische Zaken", 2010, 2017), ("Landbouw, Natuur en Voedselkwaliteit", 2017, 2024),
                       ("Landbouw, Visserij, Voedselzekerheid en Natuur", 2024, 2027)),
        "units": ("Directie Stikstof", "Directie Agro en Natuur", "Directie Dierketens en Dierenwelzijn"),
        "headline": ("PAS-melders wachten nog altijd op legalisatie",
                     "Stikstofdepositie op Natura 2000-gebieden nauwelijks gedaald",
                     "NVWA kan controles in slachthuizen niet bijhouden",
                     "Vogelgriep opnieuw vastgesteld op pluimveebedrijf bij {place}",
                     "Boeren in {place} vrezen gedwongen uitkoop",
                     "Vissers verliezen toegang tot traditionele visgronden"),
        "np": ("de legalisatie van PAS-melders", "de stikstofdepositie op Natura 2000-gebieden",
               "het toezicht van de NVWA in slachthuizen", "de uitbraak van vogelgriep", "de mestafzet",
               "de uitvoering van de provinciale gebiedsprogramma's", "de toekomst van de kottervisserij",
               "het dierenwelzijn in de veehouderij", "de beëindigingsregeling voor veehouderijen"),
        "group": ("melkveehouders", "PAS-melders", "pluimveehouders", "vissers", "akkerbouwers",
                  "natuurbeheerders"),
        "org": ("de NVWA", "de RVO", "het RIVM", "de provincie {province}", "het IPO", "Wageningen University & Research",
                "LTO Nederland"),
        "measure": ("een versnelde legalisatieaanpak", "een landelijke beëindigingsregeling",
                    "extra toezichtscapaciteit bij de NVWA", "een investeringsregeling voor emissiearme stallen",
                    "een ophokplicht voor pluimvee", "een saneringsregeling voor de visserij"),
        "task": ("de stikstofuitstoot te verminderen", "de PAS-melders te legaliseren",
                 "het dierenwelzijn te verbeteren", "de natuur te herstellen",
                 "boeren perspectief te bieden"),
        "law": ("Omgevingswet", "Wet natuurbescherming", "Meststoffenwet", "Wet dieren", "Visserijwet 1963"),
        "mod": ("stikstof", "mest", "landbouw", "veehouderij", "NVWA-", "natuur", "PAS-", "visserij",
                "dierenwelzijns", "emissie"),
    },
    "werk": {
        "ministries": (("Sociale Zaken en Werkgelegenheid", 1995, 2027),),
        "units": ("Directie Participatie en Decentrale Voorzieningen", "Directie Arbeidsverhoudingen", "Directie Pensioenen"),
        "headline": ("Arbeidsmigranten in {place} wonen in overvolle panden",
                     "UWV kampt met lange wachttijden voor keuringen",
                     "Steeds meer werkenden komen niet rond",
                     "Kinderopvang onbetaalbaar voor ouders met middeninkomen",
                     "Schuldhulpverlening bereikt mensen te laat"),
        "np": ("de huisvesting van arbeidsmigranten", "de wachttijd voor sociaal-medische beoordelingen",
               "de hoogte van het wettelijk minimumloon", "de toegankelijkheid van de kinderopvang",
               "de uitvoering van de Participatiewet", "de bestaanszekerheid van werkenden",
               "de handhaving door de Nederlandse Arbeidsinspectie", "de schuldhulpverlening door gemeenten"),
        "group": ("arbeidsmigranten", "uitkeringsgerechtigden", "werkenden met een minimumloon",
                  "ouders met jonge kinderen", "mensen met problematische schulden", "Wajongers"),
        "org": ("het UWV", "de SVB", "de Nederlandse Arbeidsinspectie", "Divosa", "de Sociaal-Economische Raad",
                "het Centraal Planbureau", "de Landelijke Cliëntenraad"),
        "measure": ("een verhoging van het minimumloon", "een landelijke norm voor huisvesting van arbeidsmigranten",
                    "een vereenvoudiging van de Participatiewet", "extra verzekeringsartsen bij het UWV",
                    "een bijna-gratis kinderopvang", "een vroegsignaleringsaanpak voor schulden"),
        "task": ("de bestaanszekerheid te verbeteren", "misstanden bij arbeidsmigranten aan te pakken",
                 "de wachttijden bij het UWV terug te dringen", "armoede en schulden te voorkomen",
                 "werken lonender te maken"),
        "law": ("Participatiewet", "Wet minimumloon en minimumvakantiebijslag", "Wet kinderopvang",
                "Wet werk en inkomen naar arbeidsvermogen", "Wet gemeentelijke schuldhulpverlening"),
        "mod": ("bijstands", "uitkerings", "arbeidsmarkt", "kinderopvang", "minimumloon", "UWV-",
                "schuldhulp", "arbeidsmigratie", "pensioen", "participatie"),
    },
    "buitenland": {
        "ministries": (("Buitenlandse Zaken", 1995, 2027),),
        "units": ("Directie Consulaire Zaken", "Directie Multilaterale Organisaties en Mensenrechten", "Directie Europese Integratie"),
        "headline": ("Nederlanders in het buitenland wachten weken op een nieuw paspoort",
                     "Sancties tegen Rusland worden via derde landen omzeild",
                     "Bezuinigingen op ontwikkelingshulp raken noodhulp",
                     "Mensenrechtenverdedigers onder druk in Centraal-Azië",
                     "Nederlandse ambassades kampen met onderbezetting"),
        "np": ("de consulaire dienstverlening aan Nederlanders in het buitenland", "de naleving van de sanctiemaatregelen",
               "het budget voor ontwikkelingssamenwerking", "de bescherming van mensenrechtenverdedigers",
               "de bezetting van het postennetwerk", "de Nederlandse inzet in de Raad Buitenlandse Zaken"),
        "group": ("Nederlanders in het buitenland", "hulporganisaties", "exporteurs", "mensenrechtenverdedigers",
                  "lokaal aangenomen medewerkers"),
        "org": ("de Europese Commissie", "de Verenigde Naties", "het Rode Kruis", "de Douane",
                "de Adviesraad Internationale Vraagstukken", "het Europees Parlement"),
        "measure": ("een versterking van het postennetwerk", "een Europees sanctiepakket",
                    "een noodhulpbijdrage", "een digitale paspoortaanvraag", "een meerjarige mensenrechtenstrategie"),
        "task": ("de consulaire dienstverlening te verbeteren", "omzeiling van sancties tegen te gaan",
                 "de humanitaire hulp op peil te houden", "mensenrechten wereldwijd te bevorderen"),
        "law": ("Paspoortwet", "Sanctiewet 1977", "Consulaire Wet"),
        "mod": ("sanctie", "consulaire", "ontwikkelings", "ambassade", "paspoort", "EU-", "mensenrechten",
                "noodhulp"),
    },
}

#: Plural heads for compounds: "de {mod}{head}" is then always grammatical.
HEADS = ("tekorten", "wachtlijsten", "budgetten", "middelen", "afspraken", "contracten", "locaties",
         "trajecten", "processen", "systemen", "gegevens", "regels", "kosten", "knelpunten",
         "achterstanden", "verplichtingen", "voorzieningen", "maatregelen", "rapportages", "normen",
         "protocollen", "regelingen", "opgaven", "taken", "capaciteitsproblemen", "meldingen",
         "aanvragen", "dossiers", "signalen", "ketenpartners", "uitvoeringsproblemen")

PLACES = ("Amsterdam", "Rotterdam", "Den Haag", "Utrecht", "Eindhoven", "Groningen", "Tilburg",
          "Almere", "Breda", "Nijmegen", "Apeldoorn", "Haarlem", "Arnhem", "Zaanstad", "Enschede",
          "Amersfoort", "Zwolle", "Leeuwarden", "Maastricht", "Dordrecht", "Emmen", "Venlo",
          "Deventer", "Delft", "Helmond", "Heerlen", "Alkmaar", "Hoogeveen", "Terneuzen",
          "Den Helder", "Lelystad", "Assen", "Roermond", "Sittard-Geleen", "Oss", "Veenendaal",
          "Katwijk", "Harderwijk", "Goes", "Winterswijk", "Sneek", "Kampen", "Middelburg")
PROVINCES = ("Groningen", "Friesland", "Drenthe", "Overijssel", "Flevoland", "Gelderland", "Utrecht",
             "Noord-Holland", "Zuid-Holland", "Zeeland", "Noord-Brabant", "Limburg")
RIVERS = ("Maas", "Waal", "IJssel", "Lek", "Nederrijn", "Merwede", "Amsterdam-Rijnkanaal",
          "Noordzeekanaal", "Twentekanaal")
BASES = ("Volkel", "Leeuwarden", "Gilze-Rijen", "Woensdrecht", "Eindhoven", "De Peel")

#: Organisations that may appear in any area, next to the area's own.
GENERAL_ORGS = ("de VNG", "het IPO", "het CBS", "het CPB", "de Unie van Waterschappen",
                "het Sociaal en Cultureel Planbureau", "de Raad van State", "de Algemene Rekenkamer",
                "de Nationale ombudsman", "het Adviescollege toetsing regeldruk")
STUDIES = ("het interdepartementaal beleidsonderzoek", "de lopende evaluatie", "het onderzoek van het WODC",
           "de beleidsdoorlichting", "het advies van de Raad van State", "de maatschappelijke kosten-batenanalyse",
           "de midterm review", "het onderzoek van de Algemene Rekenkamer")
DOCS = ("de Voorjaarsnota", "het coalitieakkoord", "de Miljoenennota", "het regeerprogramma",
        "de Najaarsnota", "de meest recente voortgangsrapportage", "de beleidsbrief van dit voorjaar")
SEASONS = ("de zomer van", "het einde van", "het voorjaar van", "de begrotingsbehandeling in het najaar van")
QUARTERS = ("eerste", "tweede", "derde", "vierde")

OUTLETS = (("NOS", "nos.nl/artikel"), ("NRC", "www.nrc.nl/nieuws"), ("de Volkskrant", "www.volkskrant.nl/nieuws-achtergrond"),
           ("Trouw", "www.trouw.nl/binnenland"), ("RTL Nieuws", "www.rtlnieuws.nl/nieuws/nederland/artikel"),
           ("Het Financieele Dagblad", "fd.nl/politiek"), ("Follow the Money", "www.ftm.nl/artikelen"),
           ("Omroep Brabant", "www.omroepbrabant.nl/nieuws"), ("RTV Noord", "www.rtvnoord.nl/nieuws"),
           ("Binnenlands Bestuur", "www.binnenlandsbestuur.nl/bestuur"), ("AD", "www.ad.nl/binnenland"),
           ("Omroep Gelderland", "www.gld.nl/nieuws"), ("Dagblad van het Noorden", "dvhn.nl/groningen"))

# --------------------------------------------------------------------------------------------
# Sentence templates. Keys in braces are drawn from the area (np, group, org, measure, task,
# law, comp, headline) or from the general pools (place, year, num, pct, money, date, ...).
# A capitalised key (Org, Np) gives the same value with a capital first letter.
# --------------------------------------------------------------------------------------------

Q_FIRST = (
    "Bent u bekend met het bericht «{headline}»?",
    "Heeft u kennisgenomen van het artikel «{headline}»?",
    "Kent u de berichtgeving over {np}, waaronder het bericht «{headline}»?",
    "Wat is uw reactie op het bericht «{headline}»?",
)
Q_BODY = (
    "Klopt het dat {claim}? Zo ja, sinds wanneer bent u hiervan op de hoogte?",
    "Deelt u de mening dat {opinion}? Zo nee, waarom niet?",
    "Kunt u aangeven hoeveel {group} sinds {year} te maken hebben gehad met de gevolgen hiervan?",
    "Welke gevolgen heeft {np} voor {group}?",
    "Kunt u per provincie een overzicht geven van {np} in de jaren {year} tot en met {year2}?",
    "Welke afspraken heeft u met {org} gemaakt over {np}, en wanneer worden die afspraken geëvalueerd?",
    "Bent u bereid om in overleg met {org} {measure} te realiseren? Zo nee, waarom niet?",
    "Hoe beoordeelt u de uitspraak van {org} dat {claim}?",
    "Wat is de stand van zaken van de uitvoering van de motie van het lid {member} c.s. over {np}?",
    "Welke rol speelt {org} bij {np}, en hoe wordt daarop toegezien?",
    "Wat zijn de verwachte kosten van {measure}, en kunt u deze uitsplitsen naar de jaren {year} en {year2}?",
    "Hoe verhoudt {np} zich tot de doelstellingen uit {doc}?",
    "Welke mogelijkheden ziet u om {task}?",
    "Waarom is er tot op heden niet gekozen voor {measure}?",
    "Op welke termijn verwacht u dat {org} in staat is om {task}?",
    "Wat betekent dit concreet voor {group} in {place}?",
    "Is er in de {comp} voldoende rekening gehouden met de positie van {group}? Kunt u dit toelichten?",
)
Q_LAST = (
    "Kunt u deze vragen afzonderlijk en binnen de gebruikelijke termijn van drie weken beantwoorden?",
    "Bent u bereid deze vragen te beantwoorden voor het eerstvolgende commissiedebat over dit onderwerp?",
    "Kunt u deze vragen één voor één beantwoorden, voorafgaand aan de begrotingsbehandeling?",
)
CLAIM = (
    "{np} de afgelopen {n} jaar met {pct} procent is verslechterd",
    "{org} al sinds {year} waarschuwt voor {np}",
    "{org} onvoldoende middelen heeft om {task}",
    "er in {place} inmiddels sprake is van structurele {comp}",
    "{group} gemiddeld {n} maanden moeten wachten voordat er een besluit wordt genomen",
    "de {comp} in {year} met ruim {num} zijn toegenomen",
)
OPINION = (
    "{org} meer ruimte moet krijgen om {task}",
    "het tijd is voor {measure}",
    "{group} recht hebben op duidelijkheid over {np}",
    "de huidige aanpak onvoldoende is om {task}",
    "het onacceptabel is dat {group} de dupe worden van {np}",
)
A_OPEN = (
    "Ja, daarvan heb ik kennisgenomen.", "Ja.", "Ja, dat bericht is mij bekend.",
    "Ja, ik ben bekend met dit bericht.", "Ja, daar ben ik mee bekend.",
)
#: First answers to "Wat is uw reactie op het bericht ...?".
A_REACTION = (
    "Ik heb met zorg kennisgenomen van het bericht.",
    "Het bericht laat zien dat er nog veel moet gebeuren.",
    "Ik vind de situatie die in het bericht wordt beschreven zorgelijk.",
)
#: Short first answers, by how the question opens.
A_SHORT = {
    "Klopt": ("Ja, dat klopt.", "Nee, dat is niet het geval.", "Dat beeld herken ik niet."),
    "Deelt": ("Ja, die mening deel ik.", "Ik deel die mening niet.", "Nee."),
    "Bent u bereid": ("Ja.", "Nee.", "Daartoe ben ik bereid."),
    "Hoe beoordeelt": ("Dat beeld herken ik niet.",),
}
A_BODY = (
    "Het kabinet deelt de zorgen over {np}.",
    "Ik herken het beeld dat {org} schetst slechts gedeeltelijk.",
    "{Org} heeft mij laten weten dat de situatie in {year2} naar verwachting zal verbeteren.",
    "Uit de meest recente cijfers van het CBS blijkt dat het aantal {group} in {year} uitkwam op {num}.",
    "In mijn brief van {date} heb ik uw Kamer geïnformeerd over {np}.",
    "Op dit moment lopen er gesprekken met {org} en {orgb} over {measure}.",
    "Daarbij is van belang dat {org} op grond van de {law} een eigen verantwoordelijkheid heeft.",
    "Ik verwacht uw Kamer voor {season} {year2} nader te informeren over de uitkomsten daarvan.",
    "Om {task}, is voor de komende {n} jaar in totaal {money} beschikbaar gesteld.",
    "Het is niet aan mij om vooruit te lopen op de uitkomsten van {study}.",
    "Samen met {org} en {orgb} wordt gewerkt aan {measure}.",
    "De {comp} worden daarbij nadrukkelijk betrokken.",
    "Zoals aangekondigd in {doc} is het kabinet voornemens om {task}.",
    "Tegelijkertijd constateer ik dat {np} onder druk staat.",
    "Ik vind het onwenselijk dat {group} hiervan de dupe worden.",
    "Een overzicht per provincie is niet voorhanden, omdat deze gegevens niet centraal worden geregistreerd.",
    "Ik ben met {org} in gesprek over de vraag hoe {np} verder kan worden verbeterd.",
    "Daarnaast heeft {org} in {year} een onderzoek laten uitvoeren naar {np}.",
    "De resultaten van dat onderzoek verschijnen naar verwachting in het {quarter} kwartaal van {year2}.",
    "In {year} ging het om ongeveer {num} meldingen, tegen {num2} een jaar eerder.",
    "Met de {law} is hiervoor een wettelijke grondslag gecreëerd.",
    "Het kabinet trekt daarvoor vanaf {year2} structureel {money} per jaar uit.",
    "Dit vraagt om een gezamenlijke inzet van Rijk, provincies, gemeenten en {orgb}.",
    "Ik zie op dit moment geen aanleiding om aanvullende maatregelen te treffen.",
    "Wel blijf ik de ontwikkelingen rond {np} nauwlettend volgen.",
    "Voor de goede orde merk ik op dat {org} niet onder mijn directe verantwoordelijkheid valt.",
    "De signalen over {comp} neem ik serieus.",
    "Het aantal {group} is in de periode {year} tot en met {year2} met circa {pct} procent gestegen.",
    "Ik heb {org} gevraagd om vóór {fdate} met een verbeterplan te komen.",
    "In {place} is inmiddels gestart met {measure}.",
    "Op grond van de {law} kan {org} daarbij zo nodig een aanwijzing geven.",
    "De uitvoering daarvan ligt bij {org}, in nauwe samenwerking met {orgb}.",
    "Ik acht het daarom niet opportuun om nu al een besluit te nemen over {measure}.",
    "Het beeld dat in de vraag wordt geschetst, is mij bekend uit gesprekken met {org}.",
    "Bij de uitwerking daarvan worden ook {group} nadrukkelijk betrokken.",
    "Over de voortgang rapporteert {org} twee keer per jaar aan mijn ministerie.",
    "Daarmee is {np} nog niet op het gewenste niveau.",
    "Naar verwachting is {org} met ingang van {year2} in staat om {task}.",
    "Ik ben niet bekend met de precieze cijfers voor {place}; deze worden niet landelijk bijgehouden.",
    "Uit de evaluatie van de {law} bleek al dat {np} aandacht verdient.",
    "In overleg met {orgb} wordt bezien of aanvullende afspraken nodig zijn.",
    "De {comp} maken daar onderdeel van uit.",
    "Daarbij wordt ook gekeken naar de ervaringen in {place} en {place}.",
    "Het gaat om een complex vraagstuk, waarvoor geen eenvoudige oplossingen bestaan.",
    "Ik heb {org} om een nadere toelichting gevraagd en zal uw Kamer daarover informeren.",
    "Op basis van de huidige inzichten verwacht ik dat {measure} een belangrijke bijdrage kan leveren.",
    "Voor {group} in {place} betekent dit dat zij in de tussentijd terechtkunnen bij {org}.",
    "Ook in {doc} is aangegeven dat het kabinet zich inzet {task2}.",
    "Dat neemt niet weg dat de zorgen van {group} begrijpelijk zijn.",
    "Ik houd uw Kamer via de reguliere voortgangsbrieven op de hoogte.",
    "Deze cijfers zijn afkomstig van {org} en hebben betrekking op de situatie per 1 januari {year}.",
    "Ik zie het als mijn taak om samen met {org} en {orgb} te zorgen voor {measure}.",
    "Het kabinet heeft hiervoor in {year} een eerste aanzet gegeven met {measure}.",
)
A_MERGED = ("Vanwege de onderlinge samenhang worden deze vragen gezamenlijk beantwoord.",
            "Ik beantwoord deze vragen in samenhang.", "")
A_REFER = "Voor een nadere toelichting verwijs ik u naar het antwoord op vraag {k}."
A_LAST = (
    "Het is helaas niet gelukt de vragen binnen de gebruikelijke termijn te beantwoorden, omdat afstemming met {org} nodig was.",
    "De vragen zijn zo spoedig mogelijk beantwoord.",
    "Ja, de vragen zijn afzonderlijk beantwoord.",
)


class _Slots(dict):
    """A mapping for ``str.format_map`` that draws a fresh value for every placeholder."""

    __slots__ = ("rng", "area", "year", "today")

    def __init__(self, rng: random.Random, area: dict, today: dt.date):
        super().__init__()
        self.rng, self.area, self.year, self.today = rng, area, today.year, today

    def __missing__(self, key: str) -> str:
        rng, area = self.rng, self.area
        if key[0].isupper():
            value = self.__missing__(key[0].lower() + key[1:])
            return value[0].upper() + value[1:]
        if key in ("np", "group", "org", "measure", "task", "law", "headline"):
            value = rng.choice(area[key])
            return value.format_map(self) if "{" in value else value
        if key == "comp":
            return compound(rng.choice(area["mod"]), rng.choice(HEADS))
        if key == "task2":
            return "om " + rng.choice(area["task"])  # "zich inzetten om ... te ..."
        if key == "claim":
            return rng.choice(CLAIM).format_map(self)
        if key == "opinion":
            return rng.choice(OPINION).format_map(self)
        if key == "orgb":
            return rng.choice(GENERAL_ORGS)
        if key == "place":
            return rng.choice(PLACES)
        if key == "province":
            return rng.choice(PROVINCES)
        if key == "river":
            return rng.choice(RIVERS)
        if key == "base":
            return rng.choice(BASES)
        if key == "road":
            return str(rng.choice((2, 4, 7, 12, 15, 27, 28, 50, 58, 67)))
        if key == "year":
            return str(max(1990, self.year - rng.randint(1, 6)))
        if key == "year2":
            return str(self.year + rng.randint(0, 2))
        if key == "n":
            return str(rng.randint(2, 9))
        if key in ("num", "num2"):
            return dutch_number(rng.randint(40, 48000))
        if key == "pct":
            return str(rng.randint(3, 64))
        if key == "money":
            return f"€ {rng.randint(2, 950)} miljoen"
        if key == "date":
            return dutch_date(self.today - dt.timedelta(days=rng.randint(20, 700)))
        if key == "fdate":
            return dutch_date(self.today + dt.timedelta(days=rng.randint(40, 400)))
        if key == "study":
            return rng.choice(STUDIES)
        if key == "doc":
            return rng.choice(DOCS)
        if key == "season":
            return rng.choice(SEASONS)
        if key == "quarter":
            return rng.choice(QUARTERS)
        if key == "member":
            return _person(self.rng, 0.2).name
        raise KeyError(key)


def compound(mod: str, head: str) -> str:
    """Join a modifier and a head the Dutch way: *jeugdzorg* + *budgetten*, *energie-infrastructuur*."""
    if mod.endswith("-"):
        return mod + head
    if mod[-1] in "aeiou" and head[0] in "aeiou":
        return f"{mod}-{head}"
    return mod + head


def dutch_number(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def dutch_date(d: dt.date) -> str:
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def vergaderjaar(d: dt.date) -> int:
    """The first calendar year of the parliamentary year (which starts on Prinsjesdag) of ``d``."""
    return d.year if (d.month, d.day) >= (9, 17) else d.year - 1


def slug(text: str) -> str:
    text = text.lower().translate(_FOLD)
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


_FOLD = str.maketrans("áàäâéèëêíïîóöôúüûçşğ", "aaaaeeeeiiiooouuucsg")

# --------------------------------------------------------------------------------------------
# The document model
# --------------------------------------------------------------------------------------------


@dataclass
class Pair:
    """One answer and the questions it covers; each question is (number, paragraphs)."""

    questions: list[tuple[int, list[str]]]
    answer: list[str] | None

    @property
    def numbers(self) -> list[int]:
        return [n for n, _ in self.questions]


@dataclass
class Doc:
    """Everything a renderer needs. Paragraphs may hold footnote markers ``\\x00N\\x00``."""

    ident: str
    kind: str                      # answer, questions, delay
    layout: str                    # txt: "letter" or "aanhangsel"; otherwise the format
    vj: int                        # first year of the vergaderjaar
    number: int | None             # Aanhangsel number
    case_number: str | None
    askers: list[Person]
    group_party: bool
    addressee: str                 # "de Minister van Financiën"
    subject: str                   # what the questions are about, after "over"
    submitted: dt.date
    received: dt.date
    office: str                    # Minister / Staatssecretaris
    minister: Person
    ministry: str
    pairs: list[Pair]
    footnotes: list[str] = field(default_factory=list)
    mede_namens: str | None = None
    see_also: int | None = None    # "Zie ook Aanhangsel Handelingen, ..., nr. N"
    reference: str | None = None   # Onze referentie
    unit: str = ""
    debris: bool = False           # page-header debris in the letter layout
    hyphen_split: bool = False     # one line-end hyphenation in the letter layout
    delay_text: str = ""
    categories: tuple[str, ...] = ()

    @property
    def vj_dash(self) -> str:
        return f"{self.vj}–{self.vj + 1}"

    @property
    def vj_hyphen(self) -> str:
        return f"{self.vj}-{self.vj + 1}"

    def askers_sentence(self) -> str:
        """*het lid X (D66)*, *de leden X en Y (beiden CDA)*, *de leden X (SP) en Y (VVD)*."""
        names = [p.name for p in self.askers]
        if len(names) == 1:
            return f"het lid {names[0]} ({self.askers[0].party})"
        if self.group_party:
            word = "beiden" if len(names) == 2 else "allen"
            return f"de leden {_enum(names)} ({word} {self.askers[0].party})"
        return "de leden " + _enum([f"{p.name} ({p.party})" for p in self.askers])

    def questions_sentence(self, with_case: bool = True) -> str:
        case = f", {self.case_number}" if with_case and self.case_number else ""
        return (f"Vragen van {self.askers_sentence()} aan {self.addressee} over {self.subject} "
                f"(ingezonden {dutch_date(self.submitted)}{case}).")

    def answerer_sentence(self) -> str:
        word = "Mededeling" if self.kind == "delay" else "Antwoord"
        namens = f", mede namens {self.mede_namens}" if self.mede_namens else ""
        see = (f" Zie ook Aanhangsel Handelingen, vergaderjaar {self.vj_dash}, nr. {self.see_also}."
               if self.see_also else "")
        return (f"{word} van {self.office} {self.minister.name} ({self.ministry}){namens} "
                f"(ontvangen {dutch_date(self.received)}).{see}")

    def title(self) -> str:
        names = [p.name for p in self.askers]
        who = f"het lid {names[0]}" if len(names) == 1 else f"de leden {_enum(names)}"
        head = {"answer": "Antwoord op vragen", "delay": "Mededeling inzake vragen",
                "questions": "Vragen"}[self.kind]
        return f"{head} van {who} over {self.subject}"


def _enum(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " en " + items[-1]


# --------------------------------------------------------------------------------------------
# Building one letter
# --------------------------------------------------------------------------------------------

_AREA_NAMES = tuple(AREAS)
START, END = dt.date(1995, 1, 2), dt.date(2026, 10, 31)


def _rng_for(seed: int, i: int) -> random.Random:
    return random.Random(seed * 1_000_003 + i * 7_919 + 104_729)


def _ministry_for(area: dict, year: int) -> str:
    for name, a, b in area["ministries"]:
        if a <= year < b:
            return name
    return area["ministries"][-1][0]


def _minister_for(ministry: str, year: int, office: str) -> Person:
    """The same fictional minister for one ministry during one cabinet period."""
    period = sum(1 for c in CABINETS if c <= year)
    h = zlib.crc32(f"{ministry}|{period}|{office}".encode())
    prefix, surname = SURNAMES[h % len(SURNAMES)]
    p2, s2 = SURNAMES[(h // 97) % len(SURNAMES)]
    if s2 == surname:
        p2, s2 = SURNAMES[(h // 97 + 1) % len(SURNAMES)]
    initials = INITIALS[h % 19] + "." + (INITIALS[(h // 7) % 20] + "." if h % 3 else "")
    return Person(prefix, f"{surname}-{p2 + ' ' if p2 else ''}{s2}", initials)


def build(seed: int, i: int, fmt: str) -> Doc:
    """The letter number ``i`` of ``seed`` in format ``fmt``: deterministic, independent of N."""
    rng = _rng_for(seed, i)
    area_name = _AREA_NAMES[rng.randrange(len(_AREA_NAMES))]
    area = AREAS[area_name]
    submitted = START + dt.timedelta(days=rng.randrange((END - START).days))
    if submitted.weekday() >= 5:
        submitted -= dt.timedelta(days=submitted.weekday() - 4)
    received = submitted + dt.timedelta(days=rng.randint(12, 95))
    year = received.year
    ministry = _ministry_for(area, year)
    office = area.get("office", "Minister") if rng.random() < 0.75 else (
        "Staatssecretaris" if area.get("office") != "Staatssecretaris" else "Minister")
    minister = _minister_for(ministry, year, office)
    slots = _Slots(rng, area, received)

    # Who asks: one member, several of one party, or members of several parties.
    r = rng.random()
    count = 1 if r < 0.45 else (2 if r < 0.8 else rng.randint(3, 4))
    group = count > 1 and rng.random() < 0.55
    party = _party(rng, submitted.year)
    askers: list[Person] = []
    seen: set[str] = set()
    while len(askers) < count:
        p = _person(rng)
        if p.surname in seen:
            continue
        seen.add(p.surname)
        p.party = party if (group or not askers) else _party(rng, submitted.year)
        p.use_first = rng.random() < 0.04
        askers.append(p)

    addressee = f"de {office} van {ministry}"
    mede_namens = None
    if rng.random() < 0.22:
        other = _ministry_for(AREAS[_AREA_NAMES[rng.randrange(len(_AREA_NAMES))]], year)
        if other != ministry:
            addressee = f"de Ministers van {ministry} en van {other}" if office == "Minister" else \
                f"de {office} van {ministry} en de Minister van {other}"
            mede_namens = f"de Minister van {other}"

    headline = slots.__missing__("headline")
    subject = (f"het bericht «{headline}»" if rng.random() < 0.55 else slots.__missing__("np"))

    # Questions and answers until the text reaches its target size.
    n_pairs = rng.randint(5, 7)
    merged_at = rng.randrange(1, n_pairs) if rng.random() < 0.55 else -1
    merged_size = 3 if rng.random() < 0.2 else 2
    footnotes: list[str] = []
    pairs: list[Pair] = []
    q = 1
    for p in range(n_pairs):
        nq = merged_size if p == merged_at else 1
        questions = []
        for k in range(nq):
            if q == 1:
                text = rng.choice(Q_FIRST).format(headline=headline, np=slots.__missing__("np"))
                if rng.random() < 0.8:
                    footnotes.append(_news_footnote(rng, headline, submitted))
                    text += _marker(len(footnotes))
            elif p == n_pairs - 1 and k == nq - 1 and rng.random() < 0.3:
                text = rng.choice(Q_LAST)
            else:
                text = rng.choice(Q_BODY).format_map(slots)
                if "motie van het lid" in text and rng.random() < 0.7:
                    footnotes.append(_kamerstuk_footnote(rng, year))
                    text += _marker(len(footnotes))
            extra = [rng.choice(Q_BODY).format_map(slots)] if rng.random() < 0.12 else []
            questions.append((q, [text] + extra))
            q += 1
        pairs.append(Pair(questions, []))

    used: set[int] = set()
    for p, pair in enumerate(pairs):
        first_q = pair.numbers[0]
        answer = pair.answer
        if first_q == 1:
            if pair.questions[0][1][0].startswith("Wat is uw reactie"):
                answer.append(rng.choice(A_REACTION))
            else:
                answer.append(rng.choice(A_OPEN))
        elif pair.questions[-1][1][0] in Q_LAST:
            answer.append(rng.choice(A_LAST).format_map(slots))
            continue
        elif len(pair.questions) > 1:
            lead = rng.choice(A_MERGED)
            if lead:
                answer.append(lead)
        else:
            opening = pair.questions[0][1][0]
            for start, shorts in A_SHORT.items():
                if opening.startswith(start) and rng.random() < 0.6:
                    answer.append(rng.choice(shorts))
                    break
        answer.append(_sentences(rng, slots, rng.randint(2, 4), used))
        if first_q > 2 and rng.random() < 0.12:
            answer.append(A_REFER.format(k=rng.randint(1, first_q - 1)))

    vj = vergaderjaar(received)
    number = 4001 + i
    if fmt == "txt":
        layout = "letter" if year >= 2009 and rng.random() < 0.6 else "aanhangsel"
    else:
        layout = fmt

    # Grow the answers sentence by sentence until the letter's text reaches its target size; the
    # heading (letterhead, masthead, the two sentences) counts as a fixed estimate per layout.
    target = rng.randint(*TEXT_TARGET) - _HEADER_ESTIMATE[layout]
    size = (sum(map(len, footnotes))
            + sum(len(t) for pair in pairs for _, paras in pair.questions for t in paras)
            + sum(len(t) for pair in pairs for t in pair.answer))
    growable = [pair for pair in pairs if pair.questions[-1][1][0] not in Q_LAST]
    while size < target:
        pair = growable[rng.randrange(len(growable))]
        sentence = _body_sentence(rng, slots, used)
        if rng.random() < 0.3:
            pair.answer.append(sentence)
        else:
            pair.answer[-1] += " " + sentence
        size += len(sentence) + 1
        if "In mijn brief van" in sentence and rng.random() < 0.5 and len(footnotes) < 6:
            footnotes.append(_kamerstuk_footnote(rng, year))
            pair.answer[-1] += _marker(len(footnotes))

    footnotes = _renumber_footnotes(pairs, footnotes)
    case_number = f"{submitted.year}Z{30000 + i % 70000:05d}" if submitted.year >= 2008 else None
    return Doc(
        ident=f"ah-tk-{vj}{vj + 1}-{number}", kind="answer", layout=layout, vj=vj, number=number,
        case_number=case_number, askers=askers, group_party=group, addressee=addressee,
        subject=subject, submitted=submitted, received=received, office=office, minister=minister,
        ministry=ministry, pairs=pairs, footnotes=footnotes, mede_namens=mede_namens,
        reference=str(rng.randint(1_000_000, 9_999_999)), unit=rng.choice(area["units"]),
        debris=layout == "letter" and rng.random() < 0.15,
        hyphen_split=layout == "letter" and rng.random() < 0.1,
        categories=(area_name,),
    )


#: Bytes of text outside the questions, answers and footnotes, by layout (letterhead, masthead,
#: the questioners' and answerer's sentences, headings).
_HEADER_ESTIMATE = {"letter": 1000, "aanhangsel": 600, "xml": 650, "html": 650}


def _sentences(rng: random.Random, slots: _Slots, n: int, used: set[int]) -> str:
    return " ".join(_body_sentence(rng, slots, used) for _ in range(n))


def _body_sentence(rng: random.Random, slots: _Slots, used: set[int]) -> str:
    """A filled answer sentence whose template the letter has not used yet (while there are any)."""
    if len(used) >= len(A_BODY):
        used.clear()  # every template had its turn: start a new round
    k = rng.randrange(len(A_BODY))
    if k in used:
        free = [j for j in range(len(A_BODY)) if j not in used]
        k = free[rng.randrange(len(free))]
    used.add(k)
    return A_BODY[k].format_map(slots)


def _renumber_footnotes(pairs: list[Pair], footnotes: list[str]) -> list[str]:
    """Number the footnotes in the order their markers appear in the text, as a document does."""
    order: list[int] = []
    for pair in pairs:
        for _, paras in pair.questions:
            for text in paras:
                order += [int(n) for n in _MARK.findall(text)]
        for text in pair.answer or ():
            order += [int(n) for n in _MARK.findall(text)]
    new = {old: k for k, old in enumerate(order, 1)}

    def renumber(texts: list[str]) -> list[str]:
        return [_MARK.sub(lambda m: _marker(new[int(m.group(1))]), t) for t in texts]

    for pair in pairs:
        pair.questions = [(n, renumber(paras)) for n, paras in pair.questions]
        if pair.answer is not None:
            pair.answer = renumber(pair.answer)
    return [footnotes[old - 1] for old in order]


def _marker(n: int) -> str:
    return f"\x00{n}\x00"


def _news_footnote(rng: random.Random, headline: str, before: dt.date) -> str:
    outlet, base = rng.choice(OUTLETS)
    d = before - dt.timedelta(days=rng.randint(1, 12))
    return f"{outlet}, {dutch_date(d)}, «{headline}»; https://{base}/{rng.randint(10000, 2999999)}-{slug(headline)}"


def _kamerstuk_footnote(rng: random.Random, year: int) -> str:
    dossier = rng.choice((21501, 25295, 26643, 27529, 28286, 29544, 31066, 31839, 32813, 33529,
                          34682, 35925, 36200, 36410, 36600))
    if rng.random() < 0.5:
        return f"Kamerstuk {dossier // 1000} {dossier % 1000:03d}, nr. {rng.randint(12, 1480)}"
    vj = year - rng.randint(0, 2)
    return f"Kamerstukken II {vj}/{(vj + 1) % 100:02d}, {dossier // 1000} {dossier % 1000:03d}, nr. {rng.randint(12, 1480)}"


# --------------------------------------------------------------------------------------------
# Renderers
# --------------------------------------------------------------------------------------------

_MARK = re.compile("\x00(\\d+)\x00")


def _wrap(text: str, width: int, sep: str = "\n") -> str:
    """Break ``text`` at spaces into lines of at most ``width`` characters (a long word stays whole)."""
    if len(text) <= width:
        return text
    lines = []
    while len(text) > width:
        cut = text.rfind(" ", 0, width + 1)
        if cut <= 0:
            cut = text.find(" ", width)
            if cut < 0:
                break
        lines.append(text[:cut])
        text = text[cut + 1:]
    lines.append(text)
    return sep.join(lines)


def _sup(match: re.Match) -> str:
    return match.group(1).translate(SUPERSCRIPT)


def _numbers_phrase(numbers: list[int]) -> str:
    return _enum([str(n) for n in numbers])


def render_txt_letter(doc: Doc) -> str:
    """The ministry's letter with the questions and answers as its annex (the seed's layout)."""
    street, city, postbus, pc, web = ADDRESSES.get(doc.ministry, ADDRESSES["Justitie en Veiligheid"])
    out = [
        f"> Retouradres {postbus} {pc} Den Haag", "",
        "Aan de Voorzitter van de Tweede Kamer", "der Staten-Generaal", "Postbus 20018",
        "2500 EA DEN HAAG", "", doc.unit, "", street, city, postbus, f"{pc} Den Haag",
        f"www.rijksoverheid.nl/{web}", "",
        f"Datum {dutch_date(doc.received)}",
        f"Betreft Antwoorden Kamervragen over {doc.subject}", "",
        "Onze referentie", doc.reference or "", "",
    ]
    namens = f", mede namens {doc.mede_namens}," if doc.mede_namens else ""
    out += [
        f"Hierbij zend ik u{namens} de antwoorden op de schriftelijke vragen van "
        f"{doc.askers_sentence()} over {doc.subject} (ingezonden {dutch_date(doc.submitted)}).", "",
        f"De {doc.office} van {doc.ministry},", "", doc.minister.formal, "",
        doc.questions_sentence(), "",
    ]
    debris_at = len(doc.pairs) // 2 if doc.debris else -1
    answer_lines = []
    for p, pair in enumerate(doc.pairs):
        for n, paras in pair.questions:
            out += [f"Vraag {n}", ""]
            for para in paras:
                out += [para, ""]
        if p == debris_at:
            out += ["Datum", dutch_date(doc.received), ""]
        if pair.answer is not None:
            nums = pair.numbers
            head = f"Antwoord op vraag {nums[0]}" if len(nums) == 1 else f"Antwoord op vragen {_numbers_phrase(nums)}"
            out += [head, ""]
            for para in pair.answer:
                answer_lines.append(len(out))
                out += [para, ""]
    if doc.hyphen_split:
        _split_one_word(out, answer_lines)
    for k, note in enumerate(doc.footnotes, 1):
        out += [f"{str(k).translate(SUPERSCRIPT)} {note}", ""]
    return _MARK.sub(_sup, "\n".join(out))


def _split_one_word(lines: list[str], candidates: list[int]) -> None:
    """Break one answer line inside a word, at a syllable before a suffix (*verantwoordelijk-|heid*),
    as a PDF line end leaves it."""
    for k in candidates:
        m = _HYPHENABLE.search(lines[k])
        if m:
            cut = m.start(2)
            lines[k] = lines[k][:cut] + "-\n" + lines[k][cut:]
            return


_HYPHENABLE = re.compile(r"\b([a-z]{5,})(heid|heden|baar|lijke|lijk)\b")


def render_txt_aanhangsel(doc: Doc) -> str:
    """The *Aanhangsel van de Handelingen* (or a *kv-* questions document) as extracted text."""
    out = ["Tweede Kamer der Staten-Generaal 2"]
    if doc.kind == "questions":
        out += [f"Vergaderjaar {doc.vj_dash} Vragen gesteld door de leden der Kamer", doc.case_number or ""]
    else:
        out += [f"Vergaderjaar {doc.vj_dash} Aanhangsel van de Handelingen",
                "Vragen gesteld door de leden der Kamer, met de daarop door de",
                "regering gegeven antwoorden", str(doc.number)]
    # A kv- document carries its case number on a line of its own, above the sentence.
    out.append(_wrap(doc.questions_sentence(with_case=doc.kind != "questions"), 80))
    if doc.kind != "questions":
        out.append(_wrap(doc.answerer_sentence(), 80))
    for pair in doc.pairs:
        for n, paras in pair.questions:
            out.append(f"Vraag {n}")
            out += [_wrap(p, 80) for p in paras]
        if pair.answer is not None:
            out.append(f"Antwoord {_numbers_phrase(pair.numbers)}")
            out += [_wrap(p, 80) for p in pair.answer]
    if doc.kind == "delay":
        out += ["Mededeling", _wrap(doc.delay_text, 80)]
    for k, note in enumerate(doc.footnotes, 1):
        out.append(f"{str(k).translate(SUPERSCRIPT)} {note}")
    out.append(doc.ident)
    return _MARK.sub(_sup, "\n".join(out)) + "\n"


def render_txt(doc: Doc) -> str:
    return render_txt_letter(doc) if doc.layout == "letter" else render_txt_aanhangsel(doc)


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attr(text: str) -> str:
    return _esc(text).replace('"', "&quot;")


def _xml_name(p: Person) -> str:
    if p.use_first:
        first = f"{p.first} {p.prefix + ' ' if p.prefix else ''}"
        return f"<naam><voornaam>{_esc(first)}</voornaam><achternaam>{_esc(p.surname)}</achternaam></naam>"
    return f"<naam><achternaam>{_esc(p.name)}</achternaam></naam>"


def render_xml(doc: Doc) -> str:
    """The officielebekendmakingen XML (``officiele-publicatie/kamervragen``)."""
    def para(text: str) -> str:
        return _MARK.sub(lambda m: _xml_note(doc, int(m.group(1))), _esc(text))

    names = [_xml_name(p) for p in doc.askers]
    if len(doc.askers) == 1:
        who = f"het lid {names[0]} ({_esc(doc.askers[0].party)})"
    elif doc.group_party:
        word = "beiden" if len(names) == 2 else "allen"
        who = f"de leden {_enum(names)} ({word} {_esc(doc.askers[0].party)})"
    else:
        who = "de leden " + _enum([f"{n} ({_esc(p.party)})" for n, p in zip(names, doc.askers)])
    vraag = (f"Vragen van {who} aan {_esc(doc.addressee)} over <kamervraagonderwerp>{_esc(doc.subject)}"
             f"</kamervraagonderwerp> (ingezonden <datum isodatum=\"{doc.submitted.isoformat()}\">"
             f"{dutch_date(doc.submitted)}</datum>).")
    abbr = ABBREVIATIONS.get(doc.ministry, "")
    namens = f", mede namens {_esc(doc.mede_namens)}" if doc.mede_namens else ""
    see = ""
    if doc.see_also:
        see = (f" Zie ook <extref doc=\"ah-tk-{doc.vj}{doc.vj + 1}-{doc.see_also}\" soort=\"document\" "
               f"status=\"actief\">Aanhangsel Handelingen, vergaderjaar {doc.vj_dash}, nr. {doc.see_also}</extref>.")
    antwoord = (f"Antwoord van {doc.office} {_xml_name(doc.minister)} (<organisatie afkorting=\"{abbr}\">"
                f"{_esc(doc.ministry)}</organisatie>){namens} (ontvangen <datum isodatum=\""
                f"{doc.received.isoformat()}\">{dutch_date(doc.received)}</datum>).{see}")
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<officiele-publicatie xsi:noNamespaceSchemaLocation="http://technische-documentatie.oep.overheid.nl/'
        'repository/schemas/op-consolidated/op-consolidated_2014-05-15/xsd/op-xsd-2014-05-15.xsd" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">',
        "  <metadata>",
        f'    <meta name="OVERHEIDop.externMetadataRecord" scheme="" content="https://zoek.officielebekendmakingen.nl/{doc.ident}/metadata.xml"/>',
        "  </metadata>",
        "  <kamervragen>",
        "    <kamervraagkop>",
        f'      <tekstregel inhoud="vergaderjaar">Vergaderjaar {doc.vj_hyphen}</tekstregel>',
        '      <tekstregel inhoud="kameraanduiding">Tweede Kamer der Staten-Generaal</tekstregel>',
        '      <tekstregel inhoud="kamernummer">2</tekstregel>',
        '      <tekstregel inhoud="documenttype">Aanhangsel van de Handelingen</tekstregel>',
        '      <tekstregel inhoud="overig">Vragen gesteld door de leden der Kamer, met de daarop door de regering gegeven antwoorden</tekstregel>',
        "    </kamervraagkop>",
        f"    <kamervraagnummer>{doc.number}</kamervraagnummer>",
        f'    <kamervraagomschrijving type="vraag">{vraag}</kamervraagomschrijving>',
        f'    <kamervraagomschrijving type="antwoord">{antwoord}</kamervraagomschrijving>',
    ]
    for pair in doc.pairs:
        for n, paras in pair.questions:
            out.append("    <vraag>")
            out.append(f'      <nr status="officieel">Vraag {n}</nr>')
            out += [f"      <al>{para(p)}</al>" for p in paras]
            out.append("    </vraag>")
        if pair.answer is not None:
            out.append("    <antwoord>")
            out.append(f'      <nr status="officieel">Antwoord {_numbers_phrase(pair.numbers)}</nr>')
            out += [f"      <al>{para(p)}</al>" for p in pair.answer]
            out.append("    </antwoord>")
    out += ["  </kamervragen>", "</officiele-publicatie>", ""]
    return "\n".join(out)


def _note_id(doc: Doc, n: int) -> str:
    return f"ID-{doc.case_number or doc.ident}-n{n}"


def _xml_note(doc: Doc, n: int) -> str:
    return (f'<noot id="{_note_id(doc, n)}" type="voet"><noot.nr>{n}</noot.nr>'
            f"<noot.al>{_esc(doc.footnotes[n - 1])}</noot.al></noot>")


def _meta_items(doc: Doc) -> list[tuple[str, str, str]]:
    """(name, scheme, content) of the metadata record, in the order of the real sidecar."""
    items = [
        ("OVERHEIDop.documentStatus", "", "Opgemaakt na onopgemaakt"),
        ("DC.title", "", doc.title()),
        ("OVERHEIDop.aanhangselNummer", "", str(doc.number)),
        ("OVERHEIDop.doctype", "", "Officiële Publicaties, versie 1.1"),
    ]
    items += [("OVERHEIDop.indiener", "", p.formal) for p in doc.askers]
    items += [
        ("OVERHEIDop.ontvanger", "", doc.minister.formal),
        ("OVERHEIDop.publicationName", "", "Kamervragen (Aanhangsel)"),
        ("OVERHEIDop.vergaderjaar", "", doc.vj_hyphen),
    ]
    if doc.case_number:
        items.append(("OVERHEIDop.vraagnummer", "", doc.case_number))
    items += [
        ("DCTERMS.language", "DCTERMS.RFC4646", "nl"),
        ("DCTERMS.available", "DCTERMS.W3CDTF", doc.received.isoformat()),
        ("DCTERMS.issued", "DCTERMS.W3CDTF", doc.received.isoformat()),
        ("OVERHEIDop.datumOntvangst", "DCTERMS.W3CDTF", doc.received.isoformat()),
        ("DC.type", "OVERHEID.Informatietype", "officiële publicatie"),
        ("OVERHEID.organisationType", "OVERHEID.Organisatietype", "staten generaal"),
        ("DC.creator", "OVERHEID.StatenGeneraal", "Tweede Kamer der Staten-Generaal"),
    ]
    items += [("OVERHEID.category", "OVERHEID.TaxonomieBeleidsagenda", c) for c in _categories(doc)]
    items += [
        ("DC.type", "OVERHEIDop.AanhangselTypen", "Mededeling" if doc.kind == "delay" else "Antwoord"),
        ("DC.type", "OVERHEIDop.Parlementair", "Aanhangsel van de Handelingen"),
        ("DC.identifier", "OVERHEIDop.ParlID", doc.ident),
    ]
    return items


_CATEGORY = {
    "veiligheid": "Openbare orde en veiligheid | Politie, brandweer en hulpverleningsdiensten",
    "migratie": "Migratie en integratie | Vreemdelingen",
    "zorg": "Zorg en gezondheid | Zorginstellingen",
    "infrastructuur": "Verkeer | Weg",
    "energie": "Economie | Energie",
    "financien": "Financiën | Belasting",
    "onderwijs": "Onderwijs en wetenschap | Voortgezet onderwijs",
    "defensie": "Internationaal | Defensie",
    "binnenland": "Bestuur | Organisatie en beleid",
    "landbouw": "Landbouw | Veeteelt",
    "werk": "Sociale zekerheid | Organisatie en beleid",
    "buitenland": "Internationaal | Ontwikkelingssamenwerking",
}


def _categories(doc: Doc) -> list[str]:
    return [_CATEGORY[c] for c in doc.categories if c in _CATEGORY]


def render_metadata(doc: Doc) -> str:
    """The ``.metadata.xml`` sidecar (``metadata_gegevens``) of an XML letter."""
    out = ['<?xml version="1.0" encoding="UTF-8"?>', "<metadata_gegevens>"]
    out += [f'<metadata name="{n}" scheme="{s}" content="{_attr(c)}"/>' for n, s, c in _meta_items(doc)]
    out += ["</metadata_gegevens>", ""]
    return "\n".join(out)


#: The order of the <meta> elements in the real HTML head, by (name, scheme); unknown ones last.
_HTML_ORDER = (
    ("DC.identifier", "OVERHEIDop.ParlID"), ("OVERHEIDop.vraagnummer", ""),
    ("OVERHEIDop.aanhangselNummer", ""), ("OVERHEIDop.ontvanger", ""),
    ("OVERHEIDop.datumOntvangst", "DCTERMS.W3CDTF"), ("DC.type", "OVERHEIDop.AanhangselTypen"),
    ("OVERHEIDop.indiener", ""), ("DCTERMS.alternative", ""), ("OVERHEIDop.vergaderjaar", ""),
    ("DC.creator", "OVERHEID.StatenGeneraal"), ("DC.type", "OVERHEIDop.Parlementair"),
    ("DCTERMS.issued", "DCTERMS.W3CDTF"), ("DC.title", ""), ("DCTERMS.available", "DCTERMS.W3CDTF"),
    ("DCTERMS.language", "DCTERMS.RFC4646"), ("DC.type", "OVERHEID.Informatietype"),
    ("OVERHEIDop.publicationName", ""), ("OVERHEID.organisationType", "OVERHEID.Organisatietype"),
    ("OVERHEID.category", "OVERHEID.TaxonomieBeleidsagenda"),
)


def render_html(doc: Doc) -> str:
    """The officielebekendmakingen HTML (XHTML 1.0, ``div.vraag`` / ``div.antwoord``)."""
    items = _meta_items(doc) + [("DCTERMS.alternative", "", "")]
    items = [it for it in items if it[0] not in ("OVERHEIDop.documentStatus", "OVERHEIDop.doctype")]
    rank = {key: k for k, key in enumerate(_HTML_ORDER)}
    items.sort(key=lambda it: rank.get(it[:2], len(rank)))
    head = "\n".join(f'      <meta name="{n}" scheme="{s}" content="{_attr(c)}" />' for n, s, c in items)
    counter = [44]

    def anchor() -> str:
        counter[0] += 7
        return f'<a id="d17e{counter[0]}" name="d17e{counter[0]}"></a>'

    def para(text: str) -> str:
        text = _wrap(_esc(text), 90, "\n               ")
        return "            <p>" + _MARK.sub(lambda m: _html_ref(doc, int(m.group(1))), text) + "\n            </p>"

    body = [
        f'         <h1 class="kamervraagomschrijving_kop no-toc">{anchor()}'
        f"{_wrap(_esc(doc.questions_sentence(with_case=False)), 90, chr(10) + '            ')}\n         </h1>",
        f'         <h1 class="kamervraagomschrijving_kop no-toc">{anchor()}'
        f"{_wrap(_esc(doc.answerer_sentence()), 90, chr(10) + '            ')}\n         </h1>",
    ]
    for pair in doc.pairs:
        for n, paras in pair.questions:
            body.append('         <div class="vraag">')
            body.append(f'            <h2 class="stuktitel no-toc">{anchor()}Vraag {n}\n            </h2>')
            body += [para(p) for p in paras]
            body.append("         </div>")
        if pair.answer is not None:
            body.append('         <div class="antwoord">')
            body.append(f'            <h2 class="stuktitel no-toc">{anchor()}Antwoord '
                        f"{_numbers_phrase(pair.numbers)}\n            </h2>")
            body += [para(p) for p in pair.answer]
            body.append("         </div>")
    if doc.footnotes:
        body.append('         <div id="noten">\n            <hr />')
        for k, note in enumerate(doc.footnotes, 1):
            nid = _note_id(doc, k)
            body.append(
                f'            <div class="voet noot snp-mouseoffset snb-pinned notedefault" id="supernote-note-{nid}">\n'
                f'               <h5 class="note-close"><a class="note-close" href="#close-{nid}">X</a> Noot\n'
                f'               </h5><sup><span class="nootnum"><a id="{nid}" name="{nid}"></a>{k}</span></sup>'
                f"<p>{_esc(note)}</p>\n            </div>")
        body.append("         </div>")
    return f"""<?xml version="1.0" encoding="utf-8"?><!DOCTYPE html
  PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="nl">
   <head>
      <meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
{head}
      <meta name="OVERHEIDop.versieInformatie" content="" /><script src="./popup.js" type="text/javascript"></script><script src="./popup-setup.js" type="text/javascript"></script><link href="./op.css" rel="stylesheet" type="text/css" />
      <link href="./op-noten.css" rel="stylesheet" type="text/css" />
      <link href="./kamervragen.css" rel="stylesheet" type="text/css" />
      <title></title>
   </head>
   <body onload="enablePopup()">
      <div id="kopregel">
         <!--EINDE kopregel-->
      </div>
      <div id="inhoudsopgave"></div>
      <div id="broodtekst">
{chr(10).join(body)}
      </div>
      <div id="voetregel"></div>
   </body>
</html>
"""


def _html_ref(doc: Doc, n: int) -> str:
    nid = _note_id(doc, n)
    return f'<sup><a class="nootnum supernote-click-{nid}" href="#{nid}">{n}</a></sup>'


# --------------------------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------------------------


def write_doc(doc: Doc, outdir: Path, fmt: str) -> Path:
    """Write ``doc`` in ``fmt`` under ``outdir/<fmt>/`` (XML with its sidecar); returns the letter's path."""
    folder = outdir / fmt
    folder.mkdir(parents=True, exist_ok=True)
    if fmt == "txt":
        path = folder / f"{doc.ident}.txt"
        path.write_text(render_txt(doc), encoding="utf-8")
    elif fmt == "xml":
        path = folder / f"{doc.ident}.xml"
        path.write_text(render_xml(doc), encoding="utf-8")
        (folder / f"{doc.ident}.metadata.xml").write_text(render_metadata(doc), encoding="utf-8")
    elif fmt == "html":
        path = folder / f"{doc.ident}.html"
        path.write_text(render_html(doc), encoding="utf-8")
    else:
        raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
    return path


def generate(outdir: Path, n: int, seed: int = 0, formats=FORMATS) -> list[Path]:
    """Write ``n`` fictional letters to ``outdir``, the formats taking turns; returns their paths.

    Letter ``i`` depends only on ``(seed, i)``. XML letters get a ``.metadata.xml`` sidecar
    next to them (not in the returned list).
    """
    formats = tuple(formats)
    for fmt in formats:
        if fmt not in FORMATS:
            raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
    outdir = Path(outdir)
    for fmt in formats:
        (outdir / fmt).mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        fmt = formats[i % len(formats)]
        paths.append(write_doc(build(seed, i, fmt), outdir, fmt))
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write N fictional antwoorden op Kamervragen (txt, xml, html).")
    parser.add_argument("outdir", type=Path, help="folder to write to (subfolders txt/, xml/, html/)")
    parser.add_argument("-n", type=int, default=100, help="number of letters (default 100)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument("--formats", default=",".join(FORMATS),
                        help="comma-separated formats, taking turns (default txt,xml,html)")
    args = parser.parse_args(argv)
    formats = [f.strip() for f in args.formats.split(",") if f.strip()]
    bad = [f for f in formats if f not in FORMATS]
    if bad or not formats:
        parser.error(f"unknown format(s) {', '.join(bad) or '(none)'}; choose from {', '.join(FORMATS)}")
    if args.n < 0:
        parser.error("-n must be zero or more")
    started = time.perf_counter()
    paths = generate(args.outdir, args.n, args.seed, formats)
    elapsed = time.perf_counter() - started
    size = sum(p.stat().st_size for p in paths)
    print(f"{len(paths)} letters ({size / 1e6:.1f} MB) written to {args.outdir} in {elapsed:.1f} s",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
