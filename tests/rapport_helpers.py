"""A small hand-made workbook for the report tests, with answers known by hand.

Report date DATUM = 02-03-2026 (school year from 01-08-2025). Ten pupils in three classes:

- Uitstroom: arbeid 6, vervolgonderwijs 2, beschut werk 1, dagbesteding 1.
- Highest support line: 1e 8, 2e 1 (pupil 9, by a support row), 3e 1 (pupil 10) -> 80% (exactly the norm's
  lower bound: within) and 10% third line (above the 5% maximum).
- Goals: 8, of which 3 behaald. OPP 5 (3 behaald), IOP 3 (0 behaald).
- Deadlines on DATUM:
  - OPP not set: pupil 5 (enrolled 18-01-2026, day 43). Pupil 3 (enrolled 19-01-2026, day 42) is in time.
  - Not evaluated within a year: pupil 7 (evaluated 01-03-2025) and pupil 8 (set 01-10-2024, never
    evaluated). Pupil 6 (evaluated 02-03-2025, exactly one year) is in time.
  - TLV ending within 6 months: pupil 9 (ends 02-09-2026, exactly 6 months). Pupil 10 ends a day later;
    pupil 1's TLV ends soon but a renewal with a later end date is entered.
  - Kernteam this school year: pupils 9 (01-08-2025) and 10, both in PrO 3A; pupil 4 (31-07-2025) and
    pupil 2 (03-03-2026, after the report date) do not count.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from opp.werkboek.blank import write_workbook

D = dt.date
DATUM = D(2026, 3, 2)

SCHOOL = {
    "naam": "Praktijkschool Het Anker",
    "samenwerkingsverband": "SWV Testregio",
    "schooljaar": "2025-2026",
    "schooltype": "praktijkonderwijs",
    "zorgcoordinator": "mw. Zorg",
}

# nr, roepnaam, achternaam, klas, leerjaar, richting, niveau, inschrijving, vaststelling, evaluatie
_LEERLINGEN = [
    ("0900101", "Aukje", "Zwanenburg", "PrO 1A", 1, "arbeid", "1e lijn", D(2024, 8, 20), D(2024, 9, 20),
     D(2025, 10, 1)),
    ("0900102", "Bjorn", "Kuipers", "PrO 1A", 1, "arbeid", "1e lijn", D(2024, 8, 20), D(2024, 9, 20), D(2025, 10, 1)),
    ("0900103", "Cato", "Hofstede", "PrO 1A", 1, "vervolgonderwijs", "1e lijn", D(2026, 1, 19), None, None),
    ("0900104", "Dirkje", "Wijnberg", "PrO 2A", 2, "arbeid", "1e lijn", D(2024, 8, 20), D(2024, 9, 20), D(2025, 10, 1)),
    ("0900105", "Eelco", "Postma", "PrO 2A", 2, "beschut werk", "1e lijn", D(2026, 1, 18), None, None),
    ("0900106", "Femke", "Terpstra", "PrO 2A", 2, "arbeid", "1e lijn", D(2023, 8, 20), D(2023, 9, 20), D(2025, 3, 2)),
    ("0900107", "Gijsbert", "Bouwhuis", "PrO 3A", 3, "vervolgonderwijs", "1e lijn", D(2023, 8, 20), D(2023, 9, 20),
     D(2025, 3, 1)),
    ("0900108", "Hiske", "Veenstra", "PrO 3A", 3, "dagbesteding", "1e lijn", D(2024, 8, 20), D(2024, 10, 1), None),
    ("0900109", "Idske", "Dijkhuis", "PrO 3A", 3, "arbeid", "1e lijn", D(2023, 8, 20), D(2023, 9, 20), D(2025, 10, 1)),
    ("0900110", "Jeltje", "Hoekstra", "PrO 3A", None, "arbeid", None, D(2023, 8, 20), D(2023, 9, 20), D(2025, 10, 1)),
]

# The pupil with an error in the variant `met_fout=True`: skipped, never in the report.
FOUT_LEERLING = ("0900199", "Klaaske", "Oosterhof", "PrO 3A", 3, "onzin", "1e lijn", D(2023, 8, 20), None, None)


def _leerling(rij) -> dict:
    nr, roepnaam, achternaam, klas, leerjaar, richting, niveau, inschrijving, vaststelling, evaluatie = rij
    return {
        "leerlingnummer": nr, "roepnaam": roepnaam, "achternaam": achternaam, "geboortedatum": D(2012, 5, 14),
        "klas": klas, "leerjaar": leerjaar, "mentor": f"dhr. Mentor {klas[-2:]}", "datum_inschrijving": inschrijving,
        "uitstroomrichting": richting, "uitstroombestemming": "passend werk of school",
        "onderbouwing_uitstroom": "volgt uit het onderzoek", "ondersteuningsniveau": niveau,
        "invulling_praktijkonderwijs": "theorie in kleine stappen", "datum_vaststelling": vaststelling,
        "datum_evaluatie": evaluatie, "inbreng_leerling": "ik doe mee",
    }


def _doel(nr, plan, domein, status):
    return {"leerlingnummer": nr, "plan": plan, "domein": domein, "doel": "een doel", "status": status,
            "evaluatie": "geëvalueerd" if status else None}


def _kernteam(nr, datum):
    return {"leerlingnummer": nr, "datum_aanmelding": datum, "aangemeld_door": "mentor",
            "akkoord_teamleider": datum, "hulpvraag": "een vraag", "wat_is_al_gedaan": "gesprekken",
            "toestemming_ouders": "ja", "datum_toestemming": datum}


def _tlv(nr, soort, einddatum, aanvraag="eerste", categorie=None):
    return {"leerlingnummer": nr, "soort": soort, "categorie": categorie, "aanvraag": aanvraag,
            "einddatum": einddatum, "motivatie_school": "leerachterstand"}


def rows(met_fout: bool = False) -> dict[str, list[dict]]:
    leerlingen = _LEERLINGEN + ([FOUT_LEERLING] if met_fout else [])
    return {
        "Leerlingen": [_leerling(r) for r in leerlingen],
        "Verzorgers": [{"leerlingnummer": r[0], "naam": "mw. Ouder", "relatie": "moeder", "gezag": "ja"}
                       for r in leerlingen],
        # Factors for everyone (they count in no figure), so the pupils with an OPP goal and a support row
        # have a complete OPP and rows in the signing round.
        "Factoren": [{"leerlingnummer": r[0], "domein": "werkhouding", "soort": soort, "omschrijving": "een factor"}
                     for r in leerlingen for soort in ("bevorderend", "belemmerend")],
        "Doelen": [
            _doel("0900101", "OPP", "wonen", "behaald"),
            _doel("0900101", "OPP", "werken", "bezig"),
            _doel("0900102", "OPP", "werken", "behaald"),
            _doel("0900102", "IOP", "werken", "niet behaald"),
            _doel("0900104", "IOP", "vrije tijd", "deels behaald"),
            _doel("0900104", "OPP", "burgerschap", "nog niet gestart"),
            _doel("0900107", "OPP", "werken", "behaald"),
            _doel("0900107", "IOP", "wonen", None),
        ],
        "Ondersteuning": [
            {"leerlingnummer": "0900101", "lijn": "1e lijn", "interventie": "extra instructie"},
            {"leerlingnummer": "0900104", "lijn": "1e lijn", "interventie": "extra instructie"},
            {"leerlingnummer": "0900109", "lijn": "2e lijn", "interventie": "faalangsttraining"},
            {"leerlingnummer": "0900110", "lijn": "3e lijn", "interventie": "ambulante begeleiding", "extern": "ja"},
        ],
        "Kernteam": [
            _kernteam("0900109", D(2025, 8, 1)),
            _kernteam("0900110", D(2025, 11, 15)),
            _kernteam("0900104", D(2025, 7, 31)),
            _kernteam("0900102", D(2026, 3, 3)),
        ],
        "TLV": [
            _tlv("0900109", "pro", D(2026, 9, 2)),
            _tlv("0900110", "vso", D(2026, 9, 3), categorie="hoog"),
            _tlv("0900101", "pro", D(2026, 7, 31)),
            _tlv("0900101", "pro", D(2030, 7, 31), aanvraag="verlenging"),
        ],
    }


def maak_werkboek(path: Path, met_fout: bool = False) -> Path:
    write_workbook(path, rows=rows(met_fout), school=SCHOOL)
    return path


def namen_en_nummers(met_fout: bool = False) -> list[str]:
    """Every name part and pupil number that must not appear in a shareable sheet."""
    leerlingen = _LEERLINGEN + ([FOUT_LEERLING] if met_fout else [])
    return [deel for r in leerlingen for deel in (r[0], r[1], r[2])]
