"""Build the demo class of a fictitious praktijkschool: opp/data/demo/{werkboek.xlsx, opp.toml, bijlagen/}.

Every name, address and number here is made up. The output is deterministic (fixed dates, no randomness),
so running the script twice gives the same bytes; the generated files are committed as package data.

    python scripts/make_demo.py              # writes opp/data/demo
    python scripts/make_demo.py --uit MAP    # writes elsewhere (the tests use this)
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import textwrap
import zipfile
from pathlib import Path

from opp.files import atomic_write, atomic_write_bytes
from opp.settings import FILENAME, settings_toml
from opp.werkboek.blank import write_workbook

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "opp" / "data" / "demo"
TIJDSTIP = dt.datetime(2026, 11, 16, 9, 0, 0)  # the workbook's created/modified date, fixed
PACKAGE_DATA = 0o644  # package data is read by whoever installs opp

D = dt.date

SCHOOL = {
    "naam": "Praktijkschool De Linde",
    "brin": "99ZZ",
    "adres": "Lindelaan 4",
    "postcode": "1234 ZZ",
    "plaats": "Lindeveen",
    "telefoon": "0123 45 67 89",
    "email": "info@delinde.example",
    "website": "www.delinde.example",
    "directeur": "mw. drs. A. de Vries",
    "samenwerkingsverband": "Samenwerkingsverband VO Lindeveen en omstreken",
    "schooljaar": "2026-2027",
    "schooltype": "praktijkonderwijs",
    "zorgcoordinator": "dhr. K. Bakker",
    "orthopedagoog": "mw. drs. L. Smit",
    "psycholoog": "dhr. drs. M. Visser",
    "schoolmaatschappelijk_werker": "mw. F. Yilmaz",
}

KLAS_2A = {"klas": "PrO 2A", "leerjaar": 2, "mentor": "dhr. P. Jansen", "teamleider": "mw. R. Peters"}
KLAS_5B = {"klas": "PrO 5B", "leerjaar": 5, "mentor": "mw. S. Meijer", "teamleider": "dhr. J. de Boer"}

# Dates of the school year: the OPP is set in October, discussed in three leerlingbesprekingen.
VASTGESTELD = D(2026, 10, 8)
VORIGE_EVALUATIE = D(2026, 6, 18)
RONDE_1, RONDE_2, RONDE_3 = D(2026, 11, 12), D(2027, 2, 25), D(2027, 6, 17)
START, EINDE = D(2026, 8, 31), D(2027, 7, 9)


def _leerling(nr, klas, **velden) -> dict:
    return {"leerlingnummer": nr, **klas, **velden}


LEERLINGEN = [
    _leerling(
        "024101", KLAS_2A, roepnaam="Sanne", voornamen="Susanna Maria", tussenvoegsel="van der", achternaam="Berg",
        geboortedatum=D(2013, 5, 14), datum_inschrijving=D(2025, 8, 25), vorige_school="Basisschool De Regenboog",
        uitstroomrichting="arbeid",
        uitstroombestemming="Betaald werk in de groenvoorziening, eventueel na een Entree-opleiding (mbo-1)",
        onderbouwing_uitstroom=(
            "Sanne werkt graag buiten en met haar handen. In de praktijklessen groen is ze zorgvuldig en houdt ze "
            "het lang vol. Haar cognitieve mogelijkheden (TIQ 74) en haar leerachterstand bij lezen passen bij een "
            "praktische leerroute naar werk."),
        ondersteuningsniveau="1e lijn",
        invulling_praktijkonderwijs=(
            "Sanne volgt het basisprogramma van leerjaar 2: Nederlands en rekenen in kleine stappen op haar "
            "niveau, de praktijkvakken groen, koken en techniek, en sociale vaardigheden in de mentorles. Vanaf "
            "periode 3 loopt ze een oriënterende interne stage in de schooltuin."),
        inbreng_leerling=(
            "Ik vind de praktijklessen het leukst, vooral buiten werken. Lezen vind ik moeilijk, maar het gaat "
            "beter als ik de tekst mag laten voorlezen. Later wil ik bij een hovenier werken."),
        datum_vaststelling=VASTGESTELD, datum_evaluatie=VORIGE_EVALUATIE,
    ),
    _leerling(
        "024102", KLAS_2A, roepnaam="Noah", voornamen="Noah Pieter", tussenvoegsel="de", achternaam="Wit",
        geboortedatum=D(2012, 11, 30), datum_inschrijving=D(2025, 8, 25), vorige_school="Sbo De Vlinder",
        uitstroomrichting="arbeid",
        uitstroombestemming="Werk in de techniek of logistiek, met een branchecertificaat (bijvoorbeeld VCA)",
        onderbouwing_uitstroom=(
            "Noah is technisch handig en leert het best door te doen. Zijn concentratie en zijn omgang met "
            "frustratie vragen nog begeleiding; met structuur en duidelijke afspraken is werk een haalbaar "
            "perspectief."),
        ondersteuningsniveau="2e lijn",
        afwijkingen_onderwijsprogramma=(
            "Noah maakt toetsen in een prikkelarme ruimte. Tijdens de theorielessen mag hij na twintig minuten "
            "een korte beweegpauze nemen."),
        invulling_praktijkonderwijs=(
            "Basisprogramma van leerjaar 2 met extra praktijkuren techniek (hout en metaal). Sociale "
            "vaardigheden oefent hij in de weerbaarheidstraining van de mentorgroep."),
        inbreng_leerling=(
            "Ik wil met mijn handen werken, het liefst met hout of met auto's. Ik word soms boos als iets niet "
            "lukt. Ik wil leren om dan even weg te lopen in plaats van te schreeuwen."),
        datum_vaststelling=VASTGESTELD, datum_evaluatie=VORIGE_EVALUATIE,
    ),
    _leerling(
        "024103", KLAS_2A, roepnaam="Jayden", achternaam="O'Neill", geboortedatum=D(2013, 2, 28),
        datum_inschrijving=D(2025, 8, 25), vorige_school="Basisschool Het Kompas", uitstroomrichting="arbeid",
        uitstroombestemming="Werk in de detailhandel, als verkoopmedewerker of magazijnmedewerker",
        onderbouwing_uitstroom=(
            "Jayden is vriendelijk, klantgericht en werkt graag met mensen. Hij leert praktisch en heeft een "
            "grote achterstand bij spelling. Werk in de detailhandel past bij zijn sterke kanten."),
        ondersteuningsniveau="1e lijn",
        invulling_praktijkonderwijs=(
            "Basisprogramma van leerjaar 2, met bij Nederlands extra spellinginstructie in een kleine groep. In "
            "het praktijkvak detailhandel oefent hij klantcontact in de schoolwinkel."),
        inbreng_leerling="Ik help graag mensen en de schoolwinkel vind ik leuk. Spelling vind ik moeilijk.",
        datum_vaststelling=VASTGESTELD, datum_evaluatie=VORIGE_EVALUATIE,
    ),
    _leerling(
        "024104", KLAS_2A, roepnaam="Yara", voornamen="Yara Samira", achternaam="El Idrissi",
        geboortedatum=D(2012, 9, 19), datum_inschrijving=D(2025, 8, 25), vorige_school="Sbo De Vlinder",
        uitstroomrichting="beschut werk",
        uitstroombestemming="Beschut werk of arbeidsmatige dagbesteding, via het vso",
        onderbouwing_uitstroom=(
            "Yara heeft ondanks intensieve begeleiding in de eerste, tweede en derde lijn veel moeite om in een "
            "groep van zestien leerlingen te functioneren. Ze raakt snel overprikkeld, verzuimt steeds vaker en "
            "komt weinig tot leren. Een kleine, voorspelbare groep met zorg in de school, zoals het vso die "
            "biedt, past beter bij haar onderwijsbehoeften."),
        ondersteuningsniveau="3e lijn",
        afwijkingen_onderwijsprogramma=(
            "Yara volgt sinds oktober 2026 een aangepast rooster: vier ochtenden per week op school, met een "
            "vaste werkplek in het trajectlokaal."),
        invulling_praktijkonderwijs=(
            "Aangepast programma: Nederlands en rekenen individueel in het trajectlokaal, het praktijkvak "
            "verzorging in een kleine groep, en een dagelijks overdrachtsmoment met de trajectbegeleider."),
        inbreng_leerling=(
            "In de klas is het te druk voor mij. Dan krijg ik hoofdpijn en wil ik naar huis. In het "
            "trajectlokaal gaat het beter. Ik wil wel naar een kleinere school, als ik daar ook mag koken."),
        datum_vaststelling=VASTGESTELD, datum_evaluatie=RONDE_1,
    ),
    _leerling(  # newly enrolled: hardly any data yet, so her OPP is a concept
        "024105", KLAS_2A, roepnaam="Mila", achternaam="Kok", geboortedatum=D(2013, 7, 3),
        datum_inschrijving=D(2026, 11, 2), uitstroomrichting="arbeid",
    ),
    _leerling(
        "024106", KLAS_2A, roepnaam="Finn", voornamen="Finn Jelle", achternaam="Hoekstra",
        geboortedatum=D(2012, 12, 4), datum_inschrijving=D(2026, 10, 12),
        vorige_school="Vmbo Het Baken (basisberoepsgerichte leerweg)", uitstroomrichting="arbeid",
        uitstroombestemming="Werk in de bouw of de installatietechniek, eventueel via een Entree-opleiding",
        onderbouwing_uitstroom=(
            "Finn liep op het vmbo vast op de theorie, terwijl hij in de praktijkvakken goed meekwam. Zijn TIQ "
            "van 72 en zijn leerachterstand bij lezen passen bij praktijkonderwijs, waar hij via stages kan "
            "toewerken naar werk."),
        ondersteuningsniveau="1e lijn",
        invulling_praktijkonderwijs=(
            "Finn volgt het programma van leerjaar 2 met leesbegeleiding in een kleine groep, twee keer per "
            "week. Bij de praktijkvakken bouw en techniek werkt hij samen met een vaste klasgenoot."),
        inbreng_leerling=(
            "Op mijn vorige school ging alles te snel. Hier snap ik meer. Ik wil later bouwen, net als mijn opa."),
    ),
    _leerling(
        "021307", KLAS_5B, roepnaam="Bram", voornamen="Bram Willem", achternaam="Kuipers",
        geboortedatum=D(2008, 3, 14), datum_inschrijving=D(2021, 8, 30), vorige_school="Basisschool De Wegwijzer",
        uitstroomrichting="arbeid",
        uitstroombestemming="Betaald werk als medewerker groenvoorziening bij zijn stagebedrijf",
        onderbouwing_uitstroom=(
            "Bram loopt sinds september 2026 twee dagen per week stage bij een groenbedrijf. De stagebegeleider "
            "is positief over zijn inzet en vakmanschap en wil hem na de zomer een leerwerkplek aanbieden. Hij "
            "heeft het branchecertificaat Medewerker groen en VCA-basis behaald."),
        ondersteuningsniveau="1e lijn",
        invulling_praktijkonderwijs=(
            "Uitstroomprogramma: twee dagen stage bij een groenbedrijf, drie dagen op school met Nederlands en "
            "rekenen gericht op werk, burgerschap en voorbereiding op zelfstandig wonen."),
        inbreng_leerling=(
            "Ik ben 18 en teken mijn plan zelf. Na de zomer wil ik bij het groenbedrijf aan het werk. Ik wil "
            "beter leren rekenen met geld, want ik wil op mezelf gaan wonen."),
        datum_vaststelling=VASTGESTELD, datum_evaluatie=VORIGE_EVALUATIE,
    ),
    _leerling(
        "021308", KLAS_5B, roepnaam="Lotte", voornamen="Charlotte", achternaam="Hendriks",
        geboortedatum=D(2008, 6, 2), datum_inschrijving=D(2021, 8, 30), vorige_school="Sbo De Vlinder",
        vertegenwoordiging="curatele", uitstroomrichting="beschut werk",
        uitstroombestemming="Beschut werk in een inpakbedrijf, met vaste begeleiding",
        onderbouwing_uitstroom=(
            "Lotte werkt goed als het werk voorspelbaar is en er een vaste begeleider in de buurt is. Op haar "
            "stage bij een inpakbedrijf werkt zij drie ochtenden per week naar tevredenheid. Werk zonder "
            "begeleiding is niet haalbaar; een indicatie beschut werk is aangevraagd."),
        ondersteuningsniveau="2e lijn",
        afwijkingen_onderwijsprogramma=(
            "Lotte volgt Nederlands en rekenen niet meer als apart vak; beide zijn verwerkt in de lessen "
            "zelfredzaamheid."),
        invulling_praktijkonderwijs=(
            "Aangepast uitstroomprogramma: drie ochtenden stage op een beschutte werkplek, de rest van de week "
            "op school met lessen zelfredzaamheid, koken en omgaan met geld."),
        inbreng_leerling=(
            "Mijn stage vind ik fijn, want daar weet ik wat ik moet doen. Daar wil ik blijven werken. Meneer "
            "Wolters helpt mij met mijn geld en met brieven."),
        datum_vaststelling=VASTGESTELD, datum_evaluatie=VORIGE_EVALUATIE,
    ),
    _leerling(
        "021309", KLAS_5B, roepnaam="Emma", voornamen="Emma Louise", achternaam="Vos",
        geboortedatum=D(2009, 4, 9), datum_inschrijving=D(2022, 8, 29), vorige_school="Basisschool De Wegwijzer",
        uitstroomrichting="vervolgonderwijs",
        uitstroombestemming="Entree-opleiding Zorg en welzijn (mbo-1), daarna mbo-2 Helpende zorg en welzijn",
        onderbouwing_uitstroom=(
            "Emma haalt bij de theorievakken de hoogste resultaten van haar groep en wil graag verder leren. "
            "Haar stage in een verpleeghuis verloopt goed. De Entree-opleiding met een zorgstage past bij haar "
            "niveau en haar wens."),
        ondersteuningsniveau="1e lijn",
        invulling_praktijkonderwijs=(
            "Uitstroomprogramma met extra voorbereiding op het mbo: Nederlands en rekenen op niveau 1F, twee "
            "dagen stage in een verpleeghuis en een oriëntatie op de Entree-opleiding."),
        inbreng_leerling=(
            "Ik wil in de zorg werken, met ouderen. In april word ik 18; dan teken ik mijn plan zelf. Ik wil "
            "mijn rekenen op niveau 1F halen voor het mbo."),
        datum_vaststelling=VASTGESTELD, datum_evaluatie=VORIGE_EVALUATIE,
    ),
    _leerling(
        "021310", {**KLAS_5B, "leerjaar": 4}, roepnaam="Samir", achternaam="Haddad", geboortedatum=D(2009, 9, 30),
        datum_inschrijving=D(2023, 1, 9), vorige_school="Internationale Schakelklas Lindeveen",
        uitstroomrichting="arbeid",
        uitstroombestemming="Werk als fietsenmaker of in de installatietechniek, eventueel met een Entree-opleiding",
        onderbouwing_uitstroom=(
            "Samir is technisch sterk en zeer gemotiveerd. Zijn Nederlandse taalvaardigheid groeit snel, maar "
            "beperkt hem nog bij de theorie. Via stages en een branchecertificaat kan hij doorstromen naar werk."),
        ondersteuningsniveau="2e lijn",
        afwijkingen_onderwijsprogramma="Samir krijgt twee uur per week Nederlands als tweede taal (NT2) in plaats "
                                       "van Engels.",
        invulling_praktijkonderwijs=(
            "Samir volgt het programma van leerjaar 4 met extra NT2-lessen, een stage bij een fietsenmaker en "
            "lessen burgerschap."),
        inbreng_leerling=(
            "Ik wil fietsenmaker worden en later een eigen werkplaats. Nederlands leren is moeilijk, maar ik "
            "oefen elke dag."),
        datum_vaststelling=VASTGESTELD, datum_evaluatie=VORIGE_EVALUATIE,
    ),
    _leerling(
        "021311", KLAS_5B, roepnaam="Jesse", tussenvoegsel="van", achternaam="Dijk", geboortedatum=D(2008, 12, 19),
        datum_inschrijving=D(2021, 8, 30), vorige_school="Basisschool Het Kompas", uitstroomrichting="arbeid",
        uitstroombestemming="Werk als orderpicker of magazijnmedewerker in de logistiek",
        onderbouwing_uitstroom=(
            "Jesse werkt op zijn stage in een distributiecentrum nauwkeurig en in een goed tempo. Hij heeft het "
            "certificaat heftruck gehaald en het bedrijf denkt na over een contract."),
        ondersteuningsniveau="1e lijn",
        invulling_praktijkonderwijs=(
            "Uitstroomprogramma: drie dagen stage in een distributiecentrum, twee dagen op school met Nederlands "
            "en rekenen voor werk, burgerschap en een sollicitatietraining."),
        inbreng_leerling=(
            "In december word ik 18. Dan wil ik een contract bij het distributiecentrum. Solliciteren vind ik "
            "spannend."),
        datum_vaststelling=VASTGESTELD, datum_evaluatie=VORIGE_EVALUATIE,
    ),
    _leerling(
        "021312", KLAS_5B, roepnaam="Fleur", achternaam="Smits", geboortedatum=D(2009, 7, 7),
        datum_inschrijving=D(2021, 8, 30), vorige_school="Basisschool De Regenboog", uitstroomrichting="arbeid",
        uitstroombestemming="Werk als keukenhulp in een bedrijfskantine, met de Entree-opleiding horeca als "
                            "mogelijke tussenstap",
        onderbouwing_uitstroom=(
            "Fleur kookt graag en werkt netjes in de schoolkeuken. Bij toetsen heeft ze last van faalangst, maar "
            "in de praktijk laat ze zien wat ze kan. Werk of een praktische opleiding in de horeca past bij haar."),
        ondersteuningsniveau="2e lijn",
        invulling_praktijkonderwijs=(
            "Uitstroomprogramma met twee dagen stage in een bedrijfskantine, lessen koken en hygiëne, en "
            "voorbereiding op het branchecertificaat Keukenassistent."),
        inbreng_leerling="Koken vind ik het leukst. Toetsen vind ik eng, dan weet ik niks meer. Op mijn stage "
                         "gaat het goed.",
        datum_vaststelling=VASTGESTELD, datum_evaluatie=VORIGE_EVALUATIE,
    ),
]


# The dates the law asks for. The OPP of this school year was discussed with the parents (OOGO) and the pupil
# was heard before it was set on VASTGESTELD; the first OPP after enrolment was set within six weeks, except
# Yara's: enrolled 25-08-2025, due 06-10-2025, first set 03-11-2025.
OOGO, HOORRECHT = D(2026, 10, 1), D(2026, 9, 24)
EERSTE_VASTSTELLING = {
    "024101": D(2025, 10, 2), "024102": D(2025, 10, 2), "024103": D(2025, 10, 2), "024104": D(2025, 11, 3),
    "021307": D(2021, 10, 7), "021308": D(2021, 10, 7), "021309": D(2022, 10, 6), "021310": D(2023, 2, 16),
    "021311": D(2021, 10, 7), "021312": D(2021, 10, 7),
}
SCHRIFTELIJK_GEHOORD = {"021310"}  # Samir gave his view on paper, with help from the NT2 teacher

for _ll in LEERLINGEN:
    if _ll.get("datum_vaststelling"):
        _ll.update(datum_eerste_vaststelling=EERSTE_VASTSTELLING[_ll["leerlingnummer"]], datum_oogo=OOGO,
                   datum_hoorrecht=HOORRECHT, hoorrecht_door=_ll["mentor"],
                   hoorrecht_hoe="schriftelijk" if _ll["leerlingnummer"] in SCHRIFTELIJK_GEHOORD else "gesprek",
                   datum_volgende_evaluatie=RONDE_3)
    elif _ll.get("inbreng_leerling"):  # Finn: heard, his first OPP is being set
        _ll.update(datum_hoorrecht=D(2026, 11, 5), hoorrecht_hoe="gesprek", hoorrecht_door=_ll["mentor"])


def _rijen(nr: str, velden: tuple[str, ...], *waarden: tuple) -> list[dict]:
    # A row may stop early: the fields it leaves out stay empty.
    return [{"leerlingnummer": nr, **dict(zip(velden, w, strict=False))} for w in waarden]


def _verzorgers(nr, *waarden):
    return _rijen(nr, ("naam", "relatie", "gezag", "email", "telefoon", "adres", "postcode", "plaats"), *waarden)


VERZORGERS = [
    *_verzorgers("024101",
                 ("mw. M. van der Berg-Hoekman", "moeder", "ja", "m.vanderberg@voorbeeld.example", "06 00000101",
                  "Beukenstraat 12", "1234 AB", "Lindeveen"),
                 ("dhr. R. van der Berg", "vader", "ja", "r.vanderberg@voorbeeld.example", "06 00000102",
                  "Beukenstraat 12", "1234 AB", "Lindeveen")),
    *_verzorgers("024102",
                 ("mw. I. de Wit", "moeder", "ja", "i.dewit@voorbeeld.example", "06 00000201", "Esdoornlaan 3",
                  "1234 AC", "Lindeveen"),
                 ("dhr. S. Pranger", "vader", "nee", "s.pranger@voorbeeld.example", "06 00000202", "Dorpsweg 88",
                  "1235 BA", "Oud-Lindeveen")),
    *_verzorgers("024103",
                 ("mw. K. O'Neill", "moeder", "ja", "k.oneill@voorbeeld.example", "06 00000301", "Kastanjehof 7",
                  "1234 AD", "Lindeveen")),
    *_verzorgers("024104",
                 ("mw. N. El Idrissi", "moeder", "ja", "n.elidrissi@voorbeeld.example", "06 00000401",
                  "Lindeplein 21", "1234 AE", "Lindeveen"),
                 ("dhr. A. El Idrissi", "vader", "ja", "a.elidrissi@voorbeeld.example", "06 00000402",
                  "Lindeplein 21", "1234 AE", "Lindeveen")),
    *_verzorgers("024105", ("mw. L. Kok", "moeder", "ja", None, "06 00000501")),
    *_verzorgers("024106",
                 ("mw. J. Hoekstra", "moeder", "ja", "j.hoekstra@voorbeeld.example", "06 00000601", "Molenweg 5",
                  "1236 CA", "Lindeveen"),
                 ("dhr. B. Hoekstra", "vader", "ja", "b.hoekstra@voorbeeld.example", "06 00000602", "Molenweg 5",
                  "1236 CA", "Lindeveen")),
    # 18 and legally competent: Bram signs himself; his mother stays the contact, without gezag.
    *_verzorgers("021307",
                 ("mw. E. Kuipers", "moeder", "nee", "e.kuipers@voorbeeld.example", "06 00000701", "Wilgenstraat 2",
                  "1234 BB", "Lindeveen")),
    # Under curatele: the curator signs in Lotte's place.
    *_verzorgers("021308",
                 ("mr. H. Wolters (curator)", "anders", "ja", "h.wolters@bewind.example", "0123 00 08 01",
                  "Postbus 1000", "1230 AA", "Lindeveen"),
                 ("mw. C. Hendriks", "moeder", "nee", "c.hendriks@voorbeeld.example", "06 00000802",
                  "Populierenlaan 14", "1234 BC", "Lindeveen")),
    *_verzorgers("021309",
                 ("mw. P. Vos", "moeder", "ja", "p.vos@voorbeeld.example", "06 00000901", "Eikenlaan 30", "1234 BD",
                  "Lindeveen"),
                 ("dhr. G. Vos", "vader", "ja", "g.vos@voorbeeld.example", "06 00000902", "Eikenlaan 30", "1234 BD",
                  "Lindeveen")),
    *_verzorgers("021310",
                 ("mw. E. Kramer (Stichting Voogdij Lindeveen)", "voogd", "ja", "e.kramer@voogdij.example",
                  "0123 00 10 01")),
    *_verzorgers("021311",
                 ("mw. S. van Dijk", "moeder", "ja", "s.vandijk@voorbeeld.example", "06 00001101", "Lindelaan 40",
                  "1234 ZX", "Lindeveen")),
    *_verzorgers("021312",
                 ("mw. D. Smits", "moeder", "ja", "d.smits@voorbeeld.example", "06 00001201", "Berkenhof 9",
                  "1234 BE", "Lindeveen")),
]


def _factoren(nr, *waarden):
    return _rijen(nr, ("domein", "soort", "omschrijving"), *waarden)


FACTOREN = [
    *_factoren(
        "024101",
        ("cognitief", "bevorderend", "Onthoudt praktische handelingen goed als ze die een paar keer heeft gedaan."),
        ("cognitief", "belemmerend", "Heeft moeite met abstracte uitleg; TIQ 74 (WISC-V, maart 2025)."),
        ("didactisch", "bevorderend", "Rekent vlot met geld en maten in praktische opdrachten."),
        ("didactisch", "belemmerend", "Begrijpend lezen op niveau eind groep 5; lange teksten schrikken haar af."),
        ("werkhouding", "bevorderend", "Is zorgvuldig en maakt af waar ze aan begint."),
        ("sociaal-emotioneel", "belemmerend", "Is onzeker in nieuwe situaties en vraagt dan niet snel om hulp."),
        ("thuissituatie", "bevorderend", "Ouders zijn betrokken en komen naar elk gesprek."),
    ),
    *_factoren(
        "024102",
        ("werkhouding", "bevorderend", "Werkt met plezier en in een goed tempo bij opdrachten in de werkplaats."),
        ("werkhouding", "belemmerend", "Raakt bij theorie snel afgeleid en haakt af als een opdracht langer dan "
                                       "tien minuten duurt."),
        ("sociaal-emotioneel", "bevorderend", "Is behulpzaam naar klasgenoten en wordt in de groep gewaardeerd."),
        ("sociaal-emotioneel", "belemmerend", "Reageert fel als iets niet lukt of als hij zich onterecht "
                                              "aangesproken voelt."),
        ("lichamelijk/medisch", "belemmerend", "ADHD (vastgesteld in 2022); gebruikt op schooldagen medicatie."),
        ("thuissituatie", "belemmerend", "Ouders zijn gescheiden; Noah woont bij zijn moeder en is om het weekend "
                                         "bij zijn vader. Na een wisseling is hij op maandag vaak onrustig."),
    ),
    *_factoren(
        "024103",
        ("communicatie/taal", "bevorderend", "Praat makkelijk met volwassenen en klasgenoten."),
        ("cognitief", "belemmerend", "Verwerkt mondelinge informatie langzaam en onthoudt lange instructies niet."),
        ("didactisch", "belemmerend", "Spelling op niveau eind groep 4; maakt ook fouten in klankzuivere woorden."),
        ("werkhouding", "bevorderend", "Is op tijd en heeft zijn spullen op orde."),
    ),
    *_factoren(
        "024104",
        ("cognitief", "belemmerend", "TIQ 61 (WISC-V, september 2026); verwerkt informatie traag en heeft veel "
                                     "herhaling nodig."),
        ("didactisch", "belemmerend", "Rekenen op niveau midden groep 4, lezen op niveau eind groep 4."),
        ("sociaal-emotioneel", "belemmerend", "Raakt in drukke situaties snel overprikkeld en trekt zich dan terug "
                                              "of wil naar huis."),
        ("werkhouding", "bevorderend", "Werkt in een rustige ruimte en één-op-één geconcentreerd en nauwkeurig."),
        ("lichamelijk/medisch", "belemmerend", "Heeft op schooldagen regelmatig hoofdpijn en buikpijn; de "
                                               "schoolarts vond geen lichamelijke oorzaak."),
        ("communicatie/taal", "bevorderend", "Kan goed vertellen wat ze voelt als een vertrouwde volwassene ernaar "
                                             "vraagt."),
        ("thuissituatie", "bevorderend", "Ouders werken goed samen met school en zijn open over wat thuis speelt."),
    ),
    *_factoren(
        "024106",
        ("cognitief", "bevorderend", "Begrijpt een werktekening en een werkvolgorde goed als hij die voorgedaan ziet."),
        ("didactisch", "belemmerend", "Technisch lezen op niveau eind groep 4, begrijpend lezen op niveau eind "
                                      "groep 5 (oktober 2026)."),
        ("werkhouding", "bevorderend", "Werkt hard in de praktijklessen en helpt graag mee."),
        ("sociaal-emotioneel", "belemmerend", "Heeft na het vastlopen op het vmbo weinig vertrouwen in zijn eigen "
                                              "kunnen."),
    ),
    *_factoren(
        "021307",
        ("werkhouding", "bevorderend", "Is betrouwbaar, altijd op tijd en werkt door tot het werk af is."),
        ("sociaal-emotioneel", "bevorderend", "Vraagt op zijn stage zelf om uitleg als iets niet duidelijk is."),
        ("didactisch", "belemmerend", "Rekenen met geld en procenten gaat nog moeizaam; hij schat bedragen vaak "
                                      "verkeerd in."),
        ("thuissituatie", "bevorderend", "Woont bij zijn moeder, die hem steunt in zijn plan om zelfstandig te "
                                         "gaan wonen."),
    ),
    *_factoren(
        "021308",
        ("cognitief", "belemmerend", "TIQ 58 (WAIS-IV, mei 2025); overziet de gevolgen van beslissingen over geld "
                                     "en afspraken niet goed."),
        ("werkhouding", "bevorderend", "Werkt nauwkeurig en houdt een eentonige taak lang vol."),
        ("sociaal-emotioneel", "belemmerend", "Is beïnvloedbaar en zegt snel ja tegen voorstellen van anderen, ook "
                                              "online."),
        ("thuissituatie", "bevorderend", "Moeder en curator stemmen goed met elkaar af en zijn bij elke evaluatie."),
    ),
    *_factoren(
        "021309",
        ("cognitief", "bevorderend", "Leert nieuwe theorie goed als die aansluit bij haar stage."),
        ("sociaal-emotioneel", "bevorderend", "Is geduldig en vriendelijk tegen de ouderen op haar stage."),
        ("didactisch", "belemmerend", "Rekenen met breuken en procenten zit nog onder niveau 1F."),
        ("werkhouding", "belemmerend", "Plant haar huiswerk slecht en levert opdrachten soms te laat in."),
    ),
    *_factoren(
        "021310",
        ("communicatie/taal", "belemmerend", "Nederlands is zijn tweede taal: gesproken instructie begrijpt hij "
                                             "goed, vaktaal en lange teksten nog niet."),
        ("werkhouding", "bevorderend", "Is zeer gemotiveerd en werkt nauwkeurig in de werkplaats."),
        ("sociaal-emotioneel", "belemmerend", "Maakt zich zorgen over familie in het land van herkomst en is dan "
                                              "stil en moe."),
        ("thuissituatie", "bevorderend", "Woont in een kleinschalige woonvoorziening; de begeleiders en de voogd "
                                         "houden goed contact met school."),
    ),
    *_factoren(
        "021311",
        ("werkhouding", "bevorderend", "Werkt in een hoog tempo en maakt weinig fouten bij het orderpicken."),
        ("sociaal-emotioneel", "belemmerend", "Is gespannen in gesprekken met onbekende volwassenen, zoals een "
                                              "sollicitatiegesprek."),
    ),
    *_factoren(
        "021312",
        ("sociaal-emotioneel", "belemmerend", "Heeft last van faalangst bij toetsen en presentaties en blokkeert "
                                              "dan."),
        ("sociaal-emotioneel", "bevorderend", "Heeft een goede vriendin in de klas en voelt zich veilig in de "
                                              "groep."),
        ("werkhouding", "bevorderend", "Werkt schoon, netjes en volgens de hygiëneregels in de keuken."),
    ),
]


def _behoeften(nr, *waarden):
    return _rijen(nr, ("omschrijving", "domein"), *waarden)


ONDERWIJSBEHOEFTEN = [
    *_behoeften(
        "024101",
        ("heeft behoefte aan korte instructie in stappen, met een voorbeeld erbij", "didactisch"),
        ("heeft behoefte aan teksten die worden voorgelezen of met beeld worden ondersteund", "didactisch"),
        ("heeft behoefte aan een vaste volwassene die haar uitnodigt om vragen te stellen", "sociaal-emotioneel"),
        ("heeft behoefte aan vooraf weten wat er gaat gebeuren bij nieuwe activiteiten", "sociaal-emotioneel"),
    ),
    *_behoeften(
        "024102",
        ("heeft behoefte aan opdrachten in korte blokken met een duidelijk eindpunt", "werkhouding"),
        ("heeft behoefte aan een afgesproken time-outplek waar hij even tot rust kan komen", "sociaal-emotioneel"),
        ("heeft behoefte aan rustig en kort aangesproken worden, niet waar de groep bij is", "sociaal-emotioneel"),
    ),
    *_behoeften(
        "024103",
        ("heeft behoefte aan instructie die op papier of op het bord blijft staan", "cognitief"),
        ("heeft behoefte aan een spellingaanpak met veel herhaling en directe feedback", "didactisch"),
    ),
    *_behoeften(
        "024104",
        ("heeft behoefte aan een kleine groep en een prikkelarme, voorspelbare leeromgeving", "sociaal-emotioneel"),
        ("heeft behoefte aan een vaste begeleider bij wie ze elke dag in- en uitcheckt", "sociaal-emotioneel"),
        ("heeft behoefte aan een opbouwend rooster, afgestemd met ouders en de schoolarts", "lichamelijk/medisch"),
        ("heeft behoefte aan individuele instructie met veel herhaling en concreet materiaal", "didactisch"),
    ),
    *_behoeften(
        "024106",
        ("heeft behoefte aan succeservaringen en complimenten over wat al lukt", "sociaal-emotioneel"),
        ("heeft behoefte aan leesbegeleiding en teksten op zijn niveau", "didactisch"),
    ),
    *_behoeften(
        "021307",
        ("heeft behoefte aan rekenopdrachten over werk en zelfstandig wonen (loonstrook, huur, boodschappen)",
         "didactisch"),
        ("heeft behoefte aan een vaste stagebegeleider en een korte terugkoppeling per week", "werkhouding"),
    ),
    *_behoeften(
        "021308",
        ("heeft behoefte aan een vaste begeleider en voorspelbaar werk in een vaste volgorde", "werkhouding"),
        ("heeft behoefte aan oefenen met nee zeggen en met veilig internetgebruik", "sociaal-emotioneel"),
    ),
    *_behoeften(
        "021309",
        ("heeft behoefte aan een weekplanner en een wekelijkse controle van haar planning", "werkhouding"),
        ("heeft behoefte aan rekenuitleg met voorbeelden uit de zorg (medicijnen, vochtlijst)", "didactisch"),
    ),
    *_behoeften(
        "021310",
        ("heeft behoefte aan instructie met beeld en een woordenlijst met vaktaal", "communicatie/taal"),
        ("heeft behoefte aan een vertrouwenspersoon op school bij wie hij terecht kan als hij zich zorgen maakt",
         "sociaal-emotioneel"),
    ),
    *_behoeften(
        "021311",
        ("heeft behoefte aan oefenen in veilige situaties voordat hij een echt gesprek voert", "sociaal-emotioneel"),
    ),
    *_behoeften(
        "021312",
        ("heeft behoefte aan toetsen in een rustige ruimte en aan praktijkopdrachten in plaats van schriftelijke "
         "toetsen waar dat kan", "sociaal-emotioneel"),
    ),
]


def _toetsen(nr, *waarden):
    return _rijen(nr, ("onderdeel", "instrument", "datum", "dl", "dle", "score", "functioneringsniveau",
                       "afgenomen_door"), *waarden)


RT = "dhr. T. Mulder (remedial teacher)"
VISSER = "dhr. drs. M. Visser, psycholoog"
GROEN = "drs. E. Groen, gz-psycholoog (onderzoek basisschool)"

TOETSEN = [
    *_toetsen(
        "024101",
        ("technisch lezen", "DMT", D(2026, 1, 20), 60, 33, None, "begin groep 6", RT),
        ("begrijpend lezen", "Cito Begrijpend lezen", D(2026, 1, 22), 60, 27, None, "eind groep 5", RT),
        ("spelling", "PI-dictee", D(2026, 1, 20), 60, 30, None, "eind groep 5", RT),
        ("inzichtelijk rekenen", "Cito Rekenen-Wiskunde", D(2026, 1, 23), 60, 35, None, "midden groep 6", RT),
        ("intelligentie", "WISC-V", D(2025, 3, 10), None, None, 74, None, GROEN),
    ),
    *_toetsen(
        "024102",
        ("technisch lezen", "DMT", D(2026, 1, 20), 60, 38, None, "eind groep 6", RT),
        ("begrijpend lezen", "Cito Begrijpend lezen", D(2026, 1, 22), 60, 34, None, "begin groep 6", RT),
        ("spelling", "PI-dictee", D(2026, 1, 20), 60, 36, None, "midden groep 6", RT),
        ("inzichtelijk rekenen", "Cito Rekenen-Wiskunde", D(2026, 1, 23), 60, 38, None, "eind groep 6", RT),
        ("intelligentie", "WISC-V", D(2024, 11, 4), None, None, 78, None, GROEN),
    ),
    *_toetsen(
        "024103",
        ("technisch lezen", "DMT", D(2026, 1, 20), 60, 30, None, "eind groep 5", RT),
        ("begrijpend lezen", "Cito Begrijpend lezen", D(2026, 1, 22), 60, 31, None, "begin groep 6", RT),
        ("spelling", "PI-dictee", D(2026, 1, 20), 60, 18, None, "eind groep 4", RT),
        ("inzichtelijk rekenen", "Cito Rekenen-Wiskunde", D(2026, 1, 23), 60, 36, None, "midden groep 6", RT),
        ("intelligentie", "WISC-V", D(2025, 2, 17), None, None, 76, None, GROEN),
    ),
    *_toetsen(
        "024104",
        ("technisch lezen", "DMT", D(2026, 9, 21), 60, 19, None, "eind groep 4", RT),
        ("begrijpend lezen", "Cito Begrijpend lezen", D(2026, 9, 22), 60, 18, None, "eind groep 4", RT),
        ("spelling", "PI-dictee", D(2026, 9, 21), 60, 20, None, "eind groep 4", RT),
        ("inzichtelijk rekenen", "Cito Rekenen-Wiskunde", D(2026, 9, 23), 60, 15, None, "midden groep 4", RT),
        ("intelligentie", "WISC-V", D(2026, 9, 14), None, None, 61, None, VISSER),
    ),
    # The worked example of the pro criteria: TIQ 72; LA 0,667 (TL) and 0,55 (BL) meet, 0,467 (IR) does not.
    *_toetsen(
        "024106",
        ("technisch lezen", "DMT", D(2026, 10, 19), 60, 20, None, "eind groep 4", RT),
        ("begrijpend lezen", "Cito Begrijpend lezen", D(2026, 10, 20), 60, 27, None, "eind groep 5", RT),
        ("spelling", "PI-dictee", D(2026, 10, 19), 60, 33, None, "begin groep 6", RT),
        ("inzichtelijk rekenen", "Cito Rekenen-Wiskunde", D(2026, 10, 21), 60, 32, None, "begin groep 6", RT),
        ("intelligentie", "WISC-V", D(2026, 9, 28), None, None, 72, None, VISSER),
    ),
    *_toetsen(
        "021307",
        ("technisch lezen", "DMT", D(2026, 1, 19), 60, 48, None, "eind groep 7", RT),
        ("begrijpend lezen", "Cito Begrijpend lezen", D(2026, 1, 21), 60, 42, None, "begin groep 7", RT),
        ("inzichtelijk rekenen", "Cito Rekenen-Wiskunde", D(2026, 1, 22), 60, 44, None, "midden groep 7", RT),
        ("intelligentie", "WISC-V", D(2021, 3, 8), None, None, 79, None, GROEN),
    ),
    *_toetsen(
        "021308",
        ("begrijpend lezen", "Cito Begrijpend lezen", D(2026, 1, 21), 60, 22, None, "begin groep 5", RT),
        ("inzichtelijk rekenen", "Cito Rekenen-Wiskunde", D(2026, 1, 22), 60, 20, None, "eind groep 4", RT),
        ("intelligentie", "WAIS-IV", D(2025, 5, 12), None, None, 58, None, VISSER),
    ),
    *_toetsen(
        "021309",
        ("begrijpend lezen", "Cito Begrijpend lezen", D(2026, 1, 21), 60, 52, None, "begin groep 8", RT),
        ("inzichtelijk rekenen", "Cito Rekenen-Wiskunde", D(2026, 1, 22), 60, 45, None, "midden groep 7", RT),
        ("intelligentie", "WISC-V", D(2022, 3, 8), None, None, 80, None, GROEN),
    ),
    *_toetsen(
        "021310",
        ("technisch lezen", "DMT", D(2026, 1, 19), 60, 40, None, "eind groep 6", RT),
        ("begrijpend lezen", "Cito Begrijpend lezen", D(2026, 1, 21), 60, 25, None, "midden groep 5", RT),
        ("inzichtelijk rekenen", "Cito Rekenen-Wiskunde", D(2026, 1, 22), 60, 46, None, "midden groep 7", RT),
        ("intelligentie", "SON-R 6-40", D(2023, 2, 13), None, None, 79, None, VISSER),
    ),
    *_toetsen(
        "021311",
        ("inzichtelijk rekenen", "Cito Rekenen-Wiskunde", D(2026, 1, 22), 60, 40, None, "eind groep 6", RT),
        ("intelligentie", "WISC-V", D(2021, 2, 1), None, None, 77, None, GROEN),
    ),
    *_toetsen(
        "021312",
        ("begrijpend lezen", "Cito Begrijpend lezen", D(2026, 1, 21), 60, 38, None, "eind groep 6", RT),
        ("intelligentie", "WISC-V", D(2021, 1, 18), None, None, 75, None, GROEN),
    ),
]


def _doelen(nr, *waarden):
    return _rijen(nr, ("plan", "domein", "periode", "doel", "aanpak", "wie", "evaluatiedatum", "status",
                       "evaluatie"), *waarden)


DOELEN = [
    *_doelen(
        "024101",
        ("OPP", "nederlands", "1", "Sanne leest een korte werkinstructie (een halve bladzijde) en voert de opdracht "
         "zonder hulp uit.", "Dagelijks 15 minuten lezen met voorleessoftware; instructiekaarten met pictogrammen "
         "bij de praktijkvakken.", "docent Nederlands, mentor", RONDE_1, "deels behaald",
         "Bij bekende opdrachten uit de praktijkles lukt het; bij nieuwe teksten vraagt ze nog hulp. Het doel "
         "loopt door in periode 2."),
        ("OPP", "sociaal-emotioneel", "2", "Sanne vraagt zelf om hulp als ze vastloopt, minstens één keer per les.",
         "Hulpkaartje op tafel; na de les een korte terugblik met de mentor.", "mentor, alle docenten", RONDE_2,
         "bezig", None),
        ("OPP", "werken", "jaar", "Sanne voert een werkopdracht van 30 minuten in de schooltuin zelfstandig uit "
         "volgens een werkkaart.", "Werkkaarten met foto's; de praktijkdocent houdt de observatielijst werkhouding "
         "bij.", "praktijkdocent groen", RONDE_3, "bezig", None),
        ("IOP", "werken", "1", "Ik werk een half uur in de schooltuin zonder dat iemand me hoeft te helpen.",
         "Ik gebruik de werkkaart met foto's.", "meneer Dekker (praktijkdocent groen)", RONDE_1, "behaald",
         "Het lukt me nu elke week. Nu wil ik ook leren snoeien."),
        ("IOP", "wonen", "2", "Ik kook samen met een klasgenoot een eenvoudige maaltijd voor vier personen.",
         "Ik oefen in de kookles en thuis één keer met mijn vader.", "docent koken, mijn vader", RONDE_2,
         "bezig", None),
        ("IOP", "vrije tijd", "2", "Ik ga één keer per week naar een sportclub.",
         "Ik zoek met mijn moeder een club uit en doe een proefles.", "mijn moeder, mentor", RONDE_2,
         "nog niet gestart", None),
    ),
    *_doelen(
        "024102",
        ("OPP", "sociaal-emotioneel", "1", "Noah gebruikt de time-outkaart als hij merkt dat hij boos wordt, in "
         "plaats van te schreeuwen.", "Time-outkaart en een vaste plek bij de teamleider; na elke time-out een kort "
         "gesprek met de mentor; weerbaarheidstraining in de mentorgroep.", "mentor, teamleider", RONDE_1,
         "deels behaald", "Noah gebruikte de kaart zes keer goed; twee keer liep een conflict toch uit de hand. Hij "
         "is aangemeld bij het kernteam voor extra begeleiding."),
        ("OPP", "werkhouding", "2", "Noah werkt 20 minuten geconcentreerd aan een theorieopdracht, met een timer "
         "op tafel.", "Opdrachten in blokken van tien minuten met een beweegpauze ertussen; de timer wordt "
         "stap voor stap langer gezet.", "alle docenten", RONDE_2, "bezig", None),
        ("IOP", "sociaal-emotioneel", "1", "Ik loop naar de time-outplek als ik boos word.",
         "Ik leg mijn kaart op tafel en loop rustig weg.", "mentor, teamleider", RONDE_1, "deels behaald",
         "Het lukt meestal. Als iemand iets over mijn vader zegt, lukt het nog niet."),
        ("IOP", "werken", "2", "Ik maak in de houtwerkplaats een krukje volgens een tekening.",
         "Ik werk stap voor stap en vraag de docent om te kijken na elke stap.", "docent techniek", RONDE_2,
         "bezig", None),
    ),
    *_doelen(
        "024103",
        ("OPP", "nederlands", "2", "Jayden schrijft een korte boodschap van drie zinnen voor een klant, met "
         "hoogstens drie spelfouten.", "Extra spellinginstructie in een kleine groep, twee keer per week; "
         "oefenen met echte klantbriefjes uit de schoolwinkel.", "docent Nederlands", RONDE_2, "bezig", None),
        ("IOP", "werken", "1", "Ik help een klant in de schoolwinkel, van begroeten tot afrekenen.",
         "Ik oefen eerst met een klasgenoot en daarna met echte klanten.", "docent detailhandel", RONDE_1,
         "behaald", "Ik heb vijf klanten helemaal zelf geholpen. Afrekenen met pinnen gaat goed."),
    ),
    *_doelen(
        "024104",
        ("OPP", "sociaal-emotioneel", "1", "Yara is vier ochtenden per week de hele ochtend op school.",
         "Aangepast rooster, dagelijkse check-in en check-out bij de trajectbegeleider, overleg met de schoolarts "
         "over de klachten.", "trajectbegeleider, schoolarts, ouders", RONDE_1, "niet behaald",
         "Yara was in periode 1 gemiddeld drie van de vier ochtenden aanwezig en ging twee keer eerder naar huis. "
         "Ondanks de extra begeleiding lukt het nog niet; het MDO adviseert een TLV voor het vso aan te vragen."),
        ("OPP", "rekenen", "2", "Yara rekent met geld tot 20 euro in praktische situaties (boodschappen, "
         "wisselgeld).", "Individuele instructie met echt geld in het trajectlokaal, drie keer per week.",
         "trajectbegeleider", RONDE_2, "bezig", None),
        ("IOP", "sociaal-emotioneel", "1", "Ik zeg het tegen mevrouw Koster als het te druk wordt, voordat ik "
         "hoofdpijn krijg.", "Ik gebruik mijn kaartje met de drie kleuren.", "mw. A. Koster (trajectbegeleider)",
         RONDE_1, "deels behaald", "Het lukt me soms. Ik vind het nog moeilijk om het op tijd te merken."),
        ("IOP", "wonen", "2", "Ik maak zelf een lunch klaar met een receptkaart.",
         "Ik oefen in het trajectlokaal en thuis in het weekend.", "trajectbegeleider, mijn moeder", RONDE_2,
         "bezig", None),
    ),
    *_doelen(
        "024106",
        ("OPP", "nederlands", "2", "Finn leest een werkinstructie van een halve bladzijde vlot genoeg om die "
         "zelfstandig te volgen.", "Leesbegeleiding in een kleine groep, twee keer per week 30 minuten, met "
         "teksten uit de praktijkvakken.", "leesbegeleider, docent techniek", RONDE_2, "bezig", None),
        ("IOP", "werken", "2", "Ik maak in de werkplaats een vogelhuisje helemaal zelf, van tekening tot verven.",
         "Ik werk met de werkkaart en mijn maatje uit de klas.", "docent techniek", RONDE_2, "bezig", None),
    ),
    *_doelen(
        "021307",
        ("OPP", "rekenen", "2", "Bram maakt een maandbegroting met inkomsten en vaste lasten en controleert die "
         "met een rekenmachine.", "Lessen geld en wonen met zijn eigen (verwachte) loonstrook.", "docent rekenen",
         RONDE_2, "bezig", None),
        ("OPP", "werken", "jaar", "Bram werkt twee dagen per week zelfstandig mee in het onderhoudsteam van zijn "
         "stagebedrijf.", "Stagebezoek eens per vier weken; beoordeling met de stagebegeleider.",
         "stagecoördinator", RONDE_3, "bezig", None),
        ("IOP", "wonen", "1", "Ik zet mijn vaste lasten in een schema en weet hoeveel geld ik overhoud.",
         "Ik maak het schema met mijn mentor.", "mentor", RONDE_1, "behaald",
         "Ik heb mijn schema gemaakt. Nu weet ik dat ik ongeveer 250 euro per maand overhoud."),
        ("IOP", "werken", "2", "Ik vraag mijn stagebegeleider wat ik nog moet leren voor een contract.",
         "Ik schrijf mijn vragen op en bespreek ze bij het stagebezoek.", "stagebegeleider, mentor", RONDE_2,
         "bezig", None),
    ),
    *_doelen(
        "021308",
        ("OPP", "sociaal-emotioneel", "1", "Lotte zegt nee tegen een verzoek dat ze niet wil, in een rollenspel "
         "en in het echt.", "Weerbaarheidstraining bij de schoolmaatschappelijk werker; afspraken met de "
         "begeleider op de stage.", "schoolmaatschappelijk werker", RONDE_1, "deels behaald",
         "In rollenspellen lukt het goed. In het echt zegt ze nog vaak ja; dit is besproken met de begeleider op "
         "haar stage."),
        ("OPP", "werken", "jaar", "Lotte werkt drie ochtenden per week zelfstandig aan de inpaklijn, met een "
         "vaste begeleider in de buurt.", "Vaste werkplek en een dagschema met foto's.", "stagecoördinator",
         RONDE_3, "bezig", None),
        ("IOP", "wonen", "2", "Ik doe zelf boodschappen met een lijstje en een vast bedrag.",
         "Ik oefen in de les zelfredzaamheid en in de supermarkt bij school.", "docent zelfredzaamheid",
         RONDE_2, "bezig", None),
    ),
    *_doelen(
        "021309",
        ("OPP", "werkhouding", "1", "Emma plant haar opdrachten in een weekplanner en levert ze op tijd in.",
         "Weekplanner; elke maandag een korte controle door de mentor.", "mentor", RONDE_1, "behaald",
         "Emma gebruikt de planner elke week en leverde in periode 1 alle opdrachten op tijd in."),
        ("OPP", "rekenen", "jaar", "Emma haalt de rekentoets op niveau 1F.",
         "Wekelijks 45 minuten rekenbijles met voorbeelden uit de zorg.", "docent rekenen", RONDE_3, "bezig",
         None),
        ("IOP", "werken", "2", "Ik loop een dag mee bij de Entree-opleiding Zorg en welzijn.",
         "Ik maak samen met de decaan een afspraak.", "decaan", RONDE_2, "nog niet gestart", None),
    ),
    *_doelen(
        "021310",
        ("OPP", "sociaal-emotioneel", "1", "Samir spreekt elke twee weken met de schoolmaatschappelijk werker over "
         "hoe het met hem gaat.", "Vaste afspraken in het rooster.", "schoolmaatschappelijk werker", RONDE_1,
         "behaald", "De gesprekken vinden plaats en Samir zegt dat ze helpen. Ze lopen door in periode 2."),
        ("OPP", "nederlands", "jaar", "Samir kent de honderd belangrijkste woorden van de fietsenwerkplaats en "
         "gebruikt ze in een werkverslag.", "Woordenlijst met foto's; elke week tien nieuwe woorden in de NT2-les.",
         "docent NT2, praktijkdocent", RONDE_3, "bezig", None),
        ("IOP", "werken", "2", "Ik repareer zelf een lekke band en stel remmen af zonder hulp.",
         "Ik oefen op mijn stage en in de werkplaats op school.", "stagebegeleider", RONDE_2, "bezig", None),
    ),
    *_doelen(
        "021311",
        ("OPP", "werken", "2", "Jesse voert een oefensollicitatiegesprek van tien minuten en noemt daarin drie "
         "eigen sterke kanten.", "Sollicitatietraining in de klas; oefengesprek met een onbekende volwassene.",
         "mentor", RONDE_2, "bezig", None),
        ("IOP", "werken", "1", "Ik haal mijn certificaat heftruck.", "Ik volg de cursus op mijn stage.",
         "stagebegeleider", RONDE_1, "behaald", "Gehaald in oktober!"),
    ),
    *_doelen(
        "021312",
        ("OPP", "sociaal-emotioneel", "1", "Fleur maakt een toets in de rustige ruimte en gebruikt daarbij de "
         "ontspanningsoefening uit de faalangsttraining.", "Faalangsttraining; toetsen in de rustige ruimte.",
         "orthopedagoog, mentor", RONDE_1, "behaald",
         "Fleur maakte drie toetsen in de rustige ruimte, gebruikte de ademhalingsoefening en maakte alle toetsen "
         "af."),
        ("IOP", "werken", "2", "Ik maak op mijn stage zelf de salades voor de lunch klaar.",
         "Ik werk met de receptkaarten van de kantine.", "stagebegeleider", RONDE_2, "bezig", None),
        ("IOP", "vrije tijd", "jaar", "Ik spreek één keer per maand met een vriendin af om iets leuks te doen.",
         "Ik zet de afspraak in mijn agenda.", "mentor", RONDE_3, "bezig", None),
    ),
]


def _ondersteuning(nr, *waarden):
    return _rijen(nr, ("lijn", "interventie", "door", "frequentie", "startdatum", "einddatum", "extern"), *waarden)


ONDERSTEUNING = [
    *_ondersteuning(
        "024101",
        ("1e lijn", "Coachgesprek met de mentor over het IOP", "mentor", "wekelijks 15 minuten", START, EINDE,
         "nee"),
        ("1e lijn", "Voorleessoftware bij lezen en toetsen", "alle docenten", "dagelijks", START, EINDE, "nee"),
    ),
    *_ondersteuning(
        "024102",
        ("1e lijn", "Time-outafspraak en dagelijkse check-in bij de mentor", "mentor", "dagelijks 5 minuten",
         START, EINDE, "nee"),
        ("2e lijn", "Begeleiding bij het omgaan met boosheid", "mw. F. Yilmaz (schoolmaatschappelijk werker)",
         "wekelijks 30 minuten", D(2026, 11, 16), D(2027, 2, 12), "nee"),
    ),
    *_ondersteuning(
        "024103",
        ("1e lijn", "Extra spellinginstructie in een kleine groep", "docent Nederlands",
         "twee keer per week 20 minuten", START, EINDE, "nee"),
    ),
    *_ondersteuning(
        "024104",
        ("1e lijn", "Aangepast rooster met een vaste werkplek in het trajectlokaal", "mentor en teamleider",
         "vier ochtenden per week", D(2026, 10, 5), None, "nee"),
        ("2e lijn", "Dagelijkse check-in en check-out", "mw. A. Koster (trajectbegeleider)", "dagelijks 10 minuten",
         D(2026, 10, 5), None, "nee"),
        ("2e lijn", "Observatie in de klas en handelingsadvies", "mw. drs. L. Smit (orthopedagoog)",
         "eenmalig, evaluatie na zes weken", D(2026, 9, 14), D(2026, 10, 30), "nee"),
        ("3e lijn", "Gezinsbegeleiding", "MEE (consulent)", "om de week thuis", D(2026, 11, 2), D(2027, 4, 30),
         "ja"),
        ("3e lijn", "Spreekuur over de lichamelijke klachten en het verzuim", "schoolarts (JGZ)",
         "eenmalig, vervolg na drie maanden", D(2026, 10, 20), None, "ja"),
    ),
    *_ondersteuning(
        "024106",
        ("1e lijn", "Leesbegeleiding in een kleine groep", "mw. T. Mulder (leesspecialist)",
         "twee keer per week 30 minuten", D(2026, 10, 19), EINDE, "nee"),
    ),
    *_ondersteuning(
        "021307",
        ("1e lijn", "Stagebegeleiding: bezoek op de stageplek en evaluatie met de stagebegeleider",
         "stagecoördinator", "eens per vier weken", START, EINDE, "nee"),
    ),
    *_ondersteuning(
        "021308",
        ("1e lijn", "Stagebegeleiding op de beschutte werkplek", "stagecoördinator", "om de week", START, EINDE,
         "nee"),
        ("2e lijn", "Weerbaarheidstraining en veilig internetgebruik", "mw. F. Yilmaz (schoolmaatschappelijk werker)",
         "wekelijks 45 minuten", D(2026, 9, 7), D(2027, 1, 29), "nee"),
    ),
    *_ondersteuning(
        "021309",
        ("1e lijn", "Rekenbijles op niveau 1F", "docent rekenen", "wekelijks 45 minuten", D(2026, 9, 7), EINDE,
         "nee"),
    ),
    *_ondersteuning(
        "021310",
        ("1e lijn", "Extra les Nederlands als tweede taal (NT2)", "docent NT2", "twee keer per week 60 minuten",
         START, EINDE, "nee"),
        ("2e lijn", "Gesprekken over hoe het met hem gaat", "mw. F. Yilmaz (schoolmaatschappelijk werker)",
         "om de week 30 minuten", D(2026, 9, 14), EINDE, "nee"),
        ("3e lijn", "Afstemming met voogd en woonbegeleiding", "voogd (Stichting Voogdij Lindeveen)",
         "eens per periode", START, EINDE, "ja"),
    ),
    *_ondersteuning(
        "021311",
        ("1e lijn", "Sollicitatietraining in de klas", "mentor", "wekelijks 60 minuten", D(2026, 11, 16),
         D(2027, 1, 29), "nee"),
    ),
    *_ondersteuning(
        "021312",
        ("2e lijn", "Faalangstreductietraining in een kleine groep", "mw. drs. L. Smit (orthopedagoog)",
         "wekelijks 45 minuten", D(2026, 9, 14), D(2026, 12, 18), "nee"),
        ("1e lijn", "Toetsen in de rustige ruimte", "mentor", "bij elke toets", START, EINDE, "nee"),
    ),
]


def _trajecten(nr, *waarden):
    return _rijen(nr, ("traject", "domein", "periode", "beoordeling", "opmerking"), *waarden)


TRAJECTEN = [
    *_trajecten(
        "024101",
        ("Praktijkvak groen: de schooltuin", "werken", "1", "goed", "Werkt zorgvuldig en houdt het lang vol."),
        ("Workshop koken voor beginners", "wonen", "1", "voldoende", "Volgt de stappen goed; snijden gaat nog "
                                                                    "langzaam."),
    ),
    *_trajecten(
        "024102",
        ("Weerbaarheidstraining in de mentorgroep", "sociaal-emotioneel", "1", "voldoende",
         "Doet actief mee; vindt de oefeningen met duwen en stevig staan het leukst."),
        ("Praktijkvak hout: basisvaardigheden", "werken", "1", "goed", "Werkt netjes en veilig met handgereedschap."),
    ),
    *_trajecten(
        "024103",
        ("Schoolwinkel: klantcontact", "werken", "1", "goed", "Vriendelijk en geduldig met klanten."),
    ),
    *_trajecten(
        "024104",
        ("Praktijkvak verzorging in een kleine groep", "wonen", "1", "voldoende",
         "Werkt goed mee als de groep klein is; haakt af bij drukte."),
    ),
    *_trajecten(
        "021307",
        ("Branchecertificaat Medewerker groen", "werken", "2025-2026", "certificaat behaald", None),
        ("VCA-basis", "werken", "2025-2026", "certificaat behaald", "Examen in één keer gehaald."),
        ("Stage groenvoorziening", "werken", "1", "goed", "De stagebegeleider noemt hem betrouwbaar en vakkundig."),
    ),
    *_trajecten(
        "021308",
        ("Stage inpakbedrijf (beschutte werkplek)", "werken", "1", "voldoende",
         "Werkt nauwkeurig; heeft een vaste begeleider in de buurt nodig."),
    ),
    *_trajecten(
        "021309",
        ("Stage verpleeghuis (afdeling dagbesteding)", "werken", "1", "goed",
         "Bewoners en begeleiders zijn blij met haar."),
        ("Cursus EHBO", "werken", "2025-2026", "certificaat behaald", None),
    ),
    *_trajecten(
        "021310",
        ("Stage fietsenmaker", "werken", "1", "goed", "Werkt netjes en leert snel."),
    ),
    *_trajecten(
        "021311",
        ("Certificaat heftruck", "werken", "1", "certificaat behaald", None),
        ("Stage distributiecentrum", "werken", "1", "goed", "Haalt de normen voor tempo en nauwkeurigheid."),
    ),
    *_trajecten(
        "021312",
        ("Workshop hygiëne in de keuken", "werken", "1", "certificaat behaald", None),
        ("Stage bedrijfskantine", "werken", "1", "voldoende", "Werkt schoon en netjes; mag nog wat sneller."),
    ),
]

KERNTEAM = [
    {  # with consent: MEE and the schoolarts may join
        "leerlingnummer": "024104", "datum_aanmelding": D(2026, 9, 10), "aangemeld_door": "dhr. P. Jansen (mentor)",
        "akkoord_teamleider": D(2026, 9, 9),
        "hulpvraag": "Yara verzuimt steeds vaker en raakt in de klas snel overprikkeld. Welke ondersteuning heeft "
                     "zij nodig, en kan zij zich op onze school verder ontwikkelen?",
        "wat_is_al_gedaan": "Sinds augustus 2025 een vaste plek in de klas, een time-outmogelijkheid en wekelijkse "
                            "gesprekken met de mentor; sinds juni 2026 deels les in het trajectlokaal. Het verzuim "
                            "daalde kort, maar steeg na de zomervakantie weer tot gemiddeld een dag per week.",
        "verwachting": "Een integraal beeld samen met ouders, MEE en de schoolarts, en advies over een passende "
                       "plek, eventueel in het vso.",
        "toestemming_ouders": "ja", "datum_toestemming": D(2026, 9, 8), "externe_partners": "MEE, schoolarts",
    },
    {  # without consent: only the internal zorgcoördinatoren act, no external partners
        "leerlingnummer": "024102", "datum_aanmelding": D(2026, 11, 5), "aangemeld_door": "dhr. P. Jansen (mentor)",
        "akkoord_teamleider": D(2026, 11, 4),
        "hulpvraag": "Hoe kunnen we Noah helpen om zijn boosheid beter te hanteren, zodat conflicten in de klas "
                     "niet meer escaleren?",
        "wat_is_al_gedaan": "Sinds september een time-outkaart en een vaste time-outplek, een dagelijkse check-in "
                            "bij de mentor en de weerbaarheidstraining in de mentorgroep. Het aantal conflicten "
                            "daalde van vier naar twee per week, maar twee keer moest een docent ingrijpen.",
        "verwachting": "Advies over een aanpak in de lessen en kortdurende begeleiding door de schoolmaatschappelijk "
                       "werker. Moeder wil eerst zelf met de zorgcoördinator spreken voordat zij toestemming geeft "
                       "om Noah met externe partners te bespreken.",
        "toestemming_ouders": "nee",
    },
]

TLV = [
    {
        "leerlingnummer": "024106", "soort": "pro", "aanvraag": "eerste", "gewenste_ingangsdatum": D(2026, 12, 1),
        "motivatie_school": (
            "Finn stroomde in oktober 2026 in vanuit de basisberoepsgerichte leerweg van het vmbo, waar hij "
            "vastliep op de theorie. Hij heeft een TIQ van 72 (WISC-V, september 2026) en een leerachterstand van "
            "0,67 bij technisch lezen en 0,55 bij begrijpend lezen. Daarmee voldoet hij aan de landelijke criteria "
            "voor praktijkonderwijs. In de praktijkvakken laat hij zien dat hij via het praktijkonderwijs kan "
            "toewerken naar werk."),
        "zienswijze_ouders": "Wij zien dat Finn hier weer met plezier naar school gaat. Wij zijn het eens met de "
                             "aanvraag voor praktijkonderwijs.",
        "datum_zienswijze": D(2026, 11, 9),
        "zienswijze_leerling": "Ik wil op deze school blijven. Hier snap ik de lessen wel.",
        "deskundige_1": VISSER,
        "bijlagen": "bijlagen/iq-rapport-finn.pdf; bijlagen/didactisch-rapport-finn.pdf",
    },
    {
        "leerlingnummer": "024104", "soort": "vso", "categorie": "midden", "aanvraag": "eerste",
        "gewenste_ingangsdatum": D(2027, 2, 1), "einddatum": D(2029, 7, 31),
        "motivatie_school": (
            "Yara heeft een TIQ van 61 en een grote leerachterstand op alle domeinen. Ondanks een jaar intensieve "
            "ondersteuning in de eerste, tweede en derde lijn (aangepast rooster, trajectlokaal, begeleiding door "
            "MEE en de schoolarts) is zij in een groep van zestien leerlingen overvraagd, verzuimt zij gemiddeld "
            "een dag per week en komt zij weinig tot ontwikkeling. Zij heeft een kleine, voorspelbare groep met "
            "zorg in de school nodig, zoals het vso die biedt."),
        "zienswijze_ouders": (
            "Wij zien dat Yara op deze school vastloopt en steeds minder graag gaat. Wij steunen de aanvraag voor "
            "het vso. Wij hebben de school bezocht en willen graag dat zij daar zo snel mogelijk kan beginnen."),
        "datum_zienswijze": D(2026, 11, 16),
        "zienswijze_leerling": "Ik wil naar een school met kleinere klassen, waar het rustiger is. Ik vind het wel "
                               "spannend, maar ik heb er al gekeken en daar mag ik ook koken.",
        "deskundige_1": "mw. drs. L. Smit, orthopedagoog",
        "deskundige_2": VISSER,
        "datum_mdo": D(2026, 11, 12),
        "bijlagen": "bijlagen/iq-rapport-yara.pdf; bijlagen/didactisch-rapport-yara.pdf; "
                    "bijlagen/zienswijze-ouders-yara.pdf; bijlagen/mdo-verslag-yara.pdf",
    },
]


def rows() -> dict[str, list[dict]]:
    return {
        "Leerlingen": LEERLINGEN, "Verzorgers": VERZORGERS, "Factoren": FACTOREN,
        "Onderwijsbehoeften": ONDERWIJSBEHOEFTEN, "Toetsen": TOETSEN, "Doelen": DOELEN,
        "Ondersteuning": ONDERSTEUNING, "Trajecten": TRAJECTEN, "Kernteam": KERNTEAM, "TLV": TLV,
    }


# --- attachments -----------------------------------------------------------------------------------------

FICTIEF = "Dit is een voorbeeldbijlage bij de demo van opp. Alle namen en gegevens zijn verzonnen."

BIJLAGEN: dict[str, tuple[str, list[str]]] = {
    "iq-rapport-yara.pdf": ("Voorbeeldbijlage: psychologisch onderzoek (fictief)", [
        "Leerling: Yara El Idrissi, geboren 19-09-2012, PrO 2A",
        "Onderzoeker: dhr. drs. M. Visser, psycholoog",
        "Datum onderzoek: 14-09-2026. Instrument: WISC-V.",
        "",
        "Totaal-IQ 61 (betrouwbaarheidsinterval 57-67). Verbaal begrip en werkgeheugen liggen op hetzelfde "
        "niveau; de verwerkingssnelheid is zwak.",
        "",
        "Conclusie: Yara leert het best in een kleine, voorspelbare groep, met korte instructie, veel herhaling "
        "en concreet materiaal. Drukte en tempo overvragen haar.",
    ]),
    "didactisch-rapport-yara.pdf": ("Voorbeeldbijlage: didactisch onderzoek (fictief)", [
        "Leerling: Yara El Idrissi, PrO 2A. Onderzoeker: dhr. T. Mulder (remedial teacher).",
        "Afgenomen: 21 tot en met 23 september 2026. DL 60.",
        "",
        "Technisch lezen (DMT): DLE 19, niveau eind groep 4.",
        "Begrijpend lezen (Cito): DLE 18, niveau eind groep 4.",
        "Spelling (PI-dictee): DLE 20, niveau eind groep 4.",
        "Inzichtelijk rekenen (Cito): DLE 15, niveau midden groep 4.",
        "",
        "De achterstand is groot op alle domeinen; de groei in het afgelopen jaar was klein.",
    ]),
    "zienswijze-ouders-yara.pdf": ("Voorbeeldbijlage: zienswijze van ouders (fictief)", [
        "Van: mw. N. El Idrissi en dhr. A. El Idrissi, ouders van Yara El Idrissi",
        "Datum: 16-11-2026",
        "",
        "Wij zien dat Yara op deze school vastloopt en steeds minder graag gaat. Zij komt vaak moe en met "
        "hoofdpijn thuis. Wij steunen de aanvraag voor het vso. Wij hebben de school bezocht en willen graag "
        "dat zij daar zo snel mogelijk kan beginnen.",
    ]),
    "mdo-verslag-yara.pdf": ("Voorbeeldbijlage: verslag multidisciplinair overleg (fictief)", [
        "Leerling: Yara El Idrissi, PrO 2A. Datum MDO: 12-11-2026.",
        "Aanwezig: ouders, mentor, trajectbegeleider, orthopedagoog, psycholoog, consulent MEE, schoolarts, "
        "zorgcoördinator.",
        "",
        "Het OPP is geëvalueerd. Het doel 'vier ochtenden per week op school' is niet behaald, ondanks een "
        "aangepast rooster, het trajectlokaal en begeleiding door MEE en de schoolarts.",
        "",
        "Advies: een TLV vso aanvragen, categorie midden, met een kleine groep en zorg in de school.",
    ]),
    "iq-rapport-finn.pdf": ("Voorbeeldbijlage: psychologisch onderzoek (fictief)", [
        "Leerling: Finn Hoekstra, geboren 04-12-2012, PrO 2A",
        "Onderzoeker: dhr. drs. M. Visser, psycholoog",
        "Datum onderzoek: 28-09-2026. Instrument: WISC-V.",
        "",
        "Totaal-IQ 72 (betrouwbaarheidsinterval 67-78). Finn is sterker in ruimtelijk en praktisch inzicht "
        "dan in verbaal begrip.",
        "",
        "Conclusie: het cognitieve profiel past bij praktijkonderwijs.",
    ]),
    "didactisch-rapport-finn.pdf": ("Voorbeeldbijlage: didactisch onderzoek (fictief)", [
        "Leerling: Finn Hoekstra, PrO 2A. Onderzoeker: dhr. T. Mulder (remedial teacher).",
        "Afgenomen: 19 tot en met 21 oktober 2026. DL 60.",
        "",
        "Technisch lezen (DMT): DLE 20, leerachterstand 0,67.",
        "Begrijpend lezen (Cito): DLE 27, leerachterstand 0,55.",
        "Spelling (PI-dictee): DLE 33, leerachterstand 0,45.",
        "Inzichtelijk rekenen (Cito): DLE 32, leerachterstand 0,47.",
        "",
        "Finn heeft een leerachterstand van 0,50 of meer op technisch lezen en begrijpend lezen.",
    ]),
}


def write_pdf(path: Path, titel: str, regels: list[str]) -> None:
    """A one-page A4 PDF; no creation date in the metadata, so the bytes do not change between runs."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt
    from matplotlib.backends.backend_pdf import PdfPages

    def write(tmp: str) -> None:
        with plt.rc_context({"pdf.fonttype": 42, "font.family": "DejaVu Sans"}):
            fig = plt.figure(figsize=(8.27, 11.69))
            y = 0.93
            fig.text(0.08, y, SCHOOL["naam"] + " (fictief)", fontsize=9, color="#555555")
            y -= 0.04
            fig.text(0.08, y, titel, fontsize=14, weight="bold")
            y -= 0.05
            for regel in regels:
                for deel in textwrap.wrap(regel, 88) or [""]:
                    fig.text(0.08, y, deel, fontsize=10)
                    y -= 0.022
            fig.text(0.08, 0.06, FICTIEF, fontsize=8, style="italic", color="#555555")
            with PdfPages(tmp, metadata={"Title": titel, "Author": None, "Creator": None, "Producer": None,
                                         "CreationDate": None}) as pdf:
                pdf.savefig(fig)
            plt.close(fig)
    atomic_write(path, write, mode=PACKAGE_DATA)


# --- a reproducible .xlsx --------------------------------------------------------------------------------

def reproducible_zip(path: Path, tijdstip: dt.datetime) -> None:
    """Rewrite a zip (.xlsx) with fixed entry times and fixed document dates, so equal input gives equal bytes."""
    stamp = tijdstip.strftime("%Y-%m-%dT%H:%M:%SZ")
    with zipfile.ZipFile(path) as zf:
        entries = [(info.filename, zf.read(info.filename)) for info in zf.infolist()]

    def write(tmp: str) -> None:
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as out:
            for name, data in entries:
                if name == "docProps/core.xml":
                    data = re.sub(rb"(<dcterms:(created|modified)[^>]*>)[^<]*", rb"\g<1>" + stamp.encode(), data)
                info = zipfile.ZipInfo(name, date_time=tijdstip.timetuple()[:6])
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                out.writestr(info, data)
    atomic_write(path, write, mode=PACKAGE_DATA)


def write_werkboek(folder: Path) -> list[Path]:
    """The demo workbook and its opp.toml (what a change of the contract changes)."""
    folder = Path(folder)
    werkboek = folder / "werkboek.xlsx"
    write_workbook(werkboek, rows(), SCHOOL)
    reproducible_zip(werkboek, TIJDSTIP)
    settings = folder / FILENAME
    atomic_write_bytes(settings, settings_toml().encode("utf-8"), mode=PACKAGE_DATA)
    return [werkboek, settings]


def write_bijlagen(folder: Path) -> list[Path]:
    written = []
    for name, (titel, regels) in BIJLAGEN.items():
        path = Path(folder) / "bijlagen" / name
        write_pdf(path, titel, regels)
        written.append(path)
    return written


def build(folder: Path) -> list[Path]:
    """Write the demo class into `folder`; returns the files written."""
    return write_werkboek(folder) + write_bijlagen(folder)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--uit", type=Path, default=DEMO, help="de map voor de demo (standaard opp/data/demo)")
    args = parser.parse_args()
    for path in build(args.uit):
        print(f"Geschreven: {path}")


if __name__ == "__main__":
    main()
