"""A synthetic school with realistic amounts of data per pupil, for the benchmark (deterministic)."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from opp.werkboek.blank import write_workbook

SCHOOL = dict(naam="Praktijkschool Benchmark", samenwerkingsverband="SWV Benchmark", schooljaar="2026-2027",
              schooltype="praktijkonderwijs", adres="Proeflaan 1", postcode="1234 AB", plaats="Utrecht",
              telefoon="030 000 00 00", email="info@benchmark.example", zorgcoordinator="K. Bakker")
ROEPNAMEN = ["Sanne", "Daan", "Noor", "Milan", "Lotte", "Sem", "Fleur", "Luuk", "Iris", "Thijs", "Yara", "Bram"]
ACHTERNAMEN = [("", "Jansen"), ("de", "Vries"), ("van der", "Berg"), ("", "Bakker"), ("van", "Dijk"), ("", "Smit")]
ZIN = ("werkt in korte stappen met een taakkaart en vraagt hulp als het niet lukt; de mentor bespreekt elke "
       "week hoe het ging en wat de volgende stap is")


def synthetic_rows(n: int, seed: int = 2026) -> dict[str, list[dict]]:
    rnd = random.Random(seed)
    rows: dict[str, list[dict]] = {k: [] for k in ("Leerlingen", "Verzorgers", "Factoren", "Onderwijsbehoeften",
                                                   "Toetsen", "Doelen", "Ondersteuning", "Trajecten", "Kernteam")}
    for i in range(n):
        nr = f"{100000 + i}"
        tussen, achter = rnd.choice(ACHTERNAMEN)
        rows["Leerlingen"].append(dict(
            leerlingnummer=nr, roepnaam=rnd.choice(ROEPNAMEN), tussenvoegsel=tussen or None, achternaam=achter,
            geboortedatum=dt.date(2010 + i % 4, 1 + i % 12, 1 + i % 28), klas=f"PrO {1 + i % 4}{'ABCD'[i % 4]}",
            leerjaar=1 + i % 4, mentor="P. Jansen", teamleider="R. Peters", datum_inschrijving=dt.date(2025, 9, 1),
            uitstroomrichting=rnd.choice(["arbeid", "vervolgonderwijs", "beschut werk"]),
            uitstroombestemming="Entree-opleiding (mbo-1) of werk in de groenvoorziening",
            onderbouwing_uitstroom=f"De leerling {ZIN}.", ondersteuningsniveau=rnd.choice(["1e lijn", "2e lijn"]),
            invulling_praktijkonderwijs=f"Theorie in kleine stappen; {ZIN}.",
            inbreng_leerling="Ik wil later buiten werken.",
            datum_vaststelling=dt.date(2025, 10, 10), datum_evaluatie=dt.date(2026, 6, 15)))
        for relatie in ("moeder", "vader"):
            rows["Verzorgers"].append(dict(leerlingnummer=nr, naam=f"{relatie.title()} {achter}", relatie=relatie,
                                           gezag="ja", email=f"{relatie}{i}@example.nl", telefoon="06 12345678"))
        for j, domein in enumerate(["cognitief", "didactisch", "sociaal-emotioneel", "werkhouding", "thuissituatie",
                                    "lichamelijk/medisch"]):
            rows["Factoren"].append(dict(leerlingnummer=nr, domein=domein,
                                         soort="bevorderend" if j % 2 else "belemmerend",
                                         omschrijving=f"De leerling {ZIN}."))
        for _ in range(3):
            rows["Onderwijsbehoeften"].append(dict(leerlingnummer=nr, domein="didactisch",
                                                   omschrijving=f"heeft behoefte aan uitleg die {ZIN}"))
        for onderdeel, dle in (("technisch lezen", 30), ("begrijpend lezen", 27), ("spelling", 35),
                               ("inzichtelijk rekenen", 32)):
            rows["Toetsen"].append(dict(leerlingnummer=nr, onderdeel=onderdeel, instrument="Cito LVS",
                                        datum=dt.date(2026, 1, 15), dl=60, dle=dle,
                                        functioneringsniveau="eind groep 5"))
        rows["Toetsen"].append(dict(leerlingnummer=nr, onderdeel="intelligentie", instrument="WISC-V",
                                    datum=dt.date(2025, 3, 1), score=60 + i % 20))
        for j, (plan, domein) in enumerate([("OPP", "werken"), ("OPP", "wonen"), ("OPP", "sociaal-emotioneel"),
                                            ("OPP", "rekenen"), ("IOP", "werken"), ("IOP", "vrije tijd"),
                                            ("IOP", "burgerschap"), ("IOP", "wonen")]):
            rows["Doelen"].append(dict(leerlingnummer=nr, plan=plan, domein=domein, periode=str(1 + j % 3),
                                       doel=f"Ik werk 20 minuten zelfstandig aan een opdracht en {ZIN[:60]}.",
                                       aanpak=ZIN, wie="mentor", evaluatiedatum=dt.date(2027, 2, 1), status="bezig"))
        for lijn in ("1e lijn", "2e lijn", "3e lijn")[: 1 + i % 3]:
            rows["Ondersteuning"].append(dict(leerlingnummer=nr, lijn=lijn, interventie="Begeleiding bij plannen",
                                              door="mentor", frequentie="wekelijks 30 minuten",
                                              startdatum=dt.date(2026, 9, 1), einddatum=dt.date(2027, 7, 1)))
        for traject in ("Stage groenvoorziening", "Cursus veilig werken", "Workshop koken"):
            rows["Trajecten"].append(dict(leerlingnummer=nr, traject=traject, domein="werken", periode="1",
                                          beoordeling="voldoende", opmerking="Was op tijd en werkte netjes."))
        if i % 5 == 0:
            rows["Kernteam"].append(dict(leerlingnummer=nr, datum_aanmelding=dt.date(2026, 10, 1),
                                         aangemeld_door="P. Jansen", akkoord_teamleider=dt.date(2026, 9, 30),
                                         hulpvraag="Hoe helpen we bij verzuim?", wat_is_al_gedaan=ZIN,
                                         toestemming_ouders="ja", externe_partners="schoolarts"))
    return rows


def write_synthetic(path: Path, n: int) -> Path:
    write_workbook(path, synthetic_rows(n), SCHOOL)
    return path
