"""Small workbooks for the tracker tests, and the secretary: she edits the tracker with openpyxl as she
would in Excel (typing, sorting, hiding, her own column), always finding columns by their header."""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path

import openpyxl
from openpyxl.formula.translate import Translator

from opp.werkboek.blank import write_workbook

RONDE = dt.date(2026, 10, 1)

SCHOOL = {
    "naam": "Praktijkschool De Linde",
    "samenwerkingsverband": "SWV VO Utrecht",
    "schooljaar": "2026-2027",
    "schooltype": "praktijkonderwijs",
    "zorgcoordinator": "dhr. K. Bakker",
}


def leerling(nr: str, roepnaam: str, achternaam: str, geboortedatum: dt.date, klas: str = "PrO 1A", **extra) -> dict:
    row = {
        "leerlingnummer": nr, "roepnaam": roepnaam, "achternaam": achternaam, "geboortedatum": geboortedatum,
        "klas": klas, "mentor": "dhr. P. Jansen", "datum_inschrijving": dt.date(2025, 9, 1),
        "uitstroomrichting": "arbeid", "uitstroombestemming": "Werk in de groenvoorziening",
        "onderbouwing_uitstroom": "Werkt graag buiten.", "invulling_praktijkonderwijs": "Stage groen.",
        "inbreng_leerling": "Ik werk graag buiten.",
    }
    row.update(extra)
    return row


def verzorger(nr: str, naam: str, relatie: str = "moeder", gezag: str = "ja", email: str | None = None) -> dict:
    return {"leerlingnummer": nr, "naam": naam, "relatie": relatie, "gezag": gezag, "email": email}


def schrijf_werkboek(path: Path, leerlingen: list[dict], verzorgers: list[dict], school: dict | None = None,
                     **bladen: list[dict]) -> Path:
    """A workbook whose pupils each have a complete OPP (a concept would get no rows in the round); `bladen`:
    rows of other sheets (Kernteam, TLV, ...)."""
    nrs = [ll["leerlingnummer"] for ll in leerlingen]
    rows = {
        "Leerlingen": leerlingen, "Verzorgers": verzorgers,
        "Factoren": [{"leerlingnummer": nr, "domein": "werkhouding", "soort": soort, "omschrijving": "Werkt netjes."}
                     for nr in nrs for soort in ("bevorderend", "belemmerend")],
        "Ondersteuning": [{"leerlingnummer": nr, "lijn": "1e lijn", "interventie": "Taakkaart"} for nr in nrs],
        "Doelen": [{"leerlingnummer": nr, "plan": "OPP", "domein": "werken", "doel": "Werkt zelfstandig."}
                   for nr in nrs],
        **bladen,
    }
    write_workbook(path, rows=rows, school=school or SCHOOL)
    return path


def standaard_klas() -> tuple[list[dict], list[dict]]:
    """Three pupils: two parents each for the first two; the third is 18 and signs himself."""
    leerlingen = [
        leerling("1001", "Sanne", "Berg", dt.date(2012, 5, 14), "PrO 1A"),
        leerling("1002", "Mo", "Amrani", dt.date(2011, 2, 3), "PrO 2B"),
        leerling("1003", "Daan", "Visser", dt.date(2008, 1, 1), "PrO 2B"),
    ]
    verzorgers = [
        verzorger("1001", "mw. M. Berg", "moeder", email="m.berg@example.nl"),
        verzorger("1001", "dhr. J. Berg", "vader"),
        verzorger("1002", "mw. F. Amrani", "moeder"),
        verzorger("1002", "dhr. A. Amrani", "vader"),
        verzorger("1003", "mw. T. Visser", "moeder"),
    ]
    return leerlingen, verzorgers


# ---- reading the tracker back --------------------------------------------------------------------

def kolommen(ws) -> dict[str, int]:
    return {str(c.value).strip(): c.column for c in ws[1] if c.value is not None}


def rijen(path: Path, blad: str = "Ondertekening") -> list[dict]:
    """Every row with a key: {header: value, '_rij': row number, '_verborgen': hidden?, '_sleutel': [..]}."""
    wb = openpyxl.load_workbook(path)
    ws = wb[blad]
    kol = kolommen(ws)
    result = []
    for r in range(2, ws.max_row + 1):
        sleutel = ws.cell(r, kol["Sleutel"]).value
        if not sleutel:
            continue
        row = {kop: ws.cell(r, c).value for kop, c in kol.items()}
        row["_rij"] = r
        row["_verborgen"] = bool(ws.row_dimensions[r].hidden)
        row["_sleutel"] = json.loads(sleutel)
        result.append(row)
    return result


def per_sleutel(path: Path) -> dict[str, dict]:
    result = {}
    for row in rijen(path):
        assert row["Sleutel"] not in result, f"key twice: {row['Sleutel']}"
        result[row["Sleutel"]] = row
    return result


def vind(path: Path, nr: str, ondertekenaar: str, soort: str | None = None) -> dict:
    """The one row of pupil `nr` whose signer name contains `ondertekenaar` (case-insensitive)."""
    gevonden = [r for r in rijen(path) if r["_sleutel"][0] == nr and ondertekenaar.lower() in r["_sleutel"][2]
                and (soort is None or r["_sleutel"][3] == soort)]
    assert len(gevonden) == 1, f"{nr}/{ondertekenaar}: {len(gevonden)} rows"
    return gevonden[0]


# ---- the secretary -------------------------------------------------------------------------------

class Secretaresse:
    """Opens the tracker, changes it like a person in Excel, saves it."""

    def __init__(self, path: Path):
        self.path = path
        self.wb = openpyxl.load_workbook(path, rich_text=True)
        self.ws = self.wb["Ondertekening"]

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if exc[0] is None:
            self.wb.save(self.path)

    @property
    def kol(self) -> dict[str, int]:
        return kolommen(self.ws)

    def rij_van(self, sleutel: str) -> int:
        c = self.kol["Sleutel"]
        for r in range(2, self.ws.max_row + 1):
            if self.ws.cell(r, c).value == sleutel:
                return r
        raise AssertionError(f"no row for {sleutel}")

    def typ(self, sleutel: str, kop: str, waarde) -> None:
        cell = self.ws.cell(self.rij_van(sleutel), self.kol[kop])
        cell.value = waarde
        if isinstance(waarde, dt.date):
            cell.number_format = "dd-mm-yyyy"

    def eigen_kolom(self, kop: str) -> int:
        c = self.ws.max_column + 1
        self.ws.cell(1, c).value = kop
        return c

    def verberg(self, sleutel: str) -> None:
        self.ws.row_dimensions[self.rij_van(sleutel)].hidden = True

    def sorteer(self, kop: str | None = None, seed: int | None = None, omgekeerd: bool = True) -> None:
        """Sort the data rows (all columns move together, as Excel's filter sort does; like Excel, a
        formula's relative references move with its row)."""
        ws, max_col = self.ws, self.ws.max_column
        data = []
        for r in range(2, ws.max_row + 1):
            cells = [ws.cell(r, c) for c in range(1, max_col + 1)]
            data.append(([(c.value, c.data_type, c.number_format, c.coordinate) for c in cells],
                         ws.row_dimensions[r].hidden))
        if seed is not None:
            random.Random(seed).shuffle(data)
        else:
            i = self.kol[kop] - 1
            data.sort(key=lambda d: str(d[0][i][0] or ""), reverse=omgekeerd)
        for r, (cells, hidden) in enumerate(data, start=2):
            for c, (value, data_type, number_format, herkomst) in enumerate(cells, start=1):
                cell = ws.cell(r, c)
                if data_type == "f":
                    value = Translator(value, origin=herkomst).translate_formula(cell.coordinate)
                cell.value = value
                if data_type == "s" and value is not None:
                    cell.data_type = "s"
                cell.number_format = number_format
            ws.row_dimensions[r].hidden = hidden

    def verplaats_kolommen(self, a: str, b: str) -> None:
        """Swap two whole columns, header included (she dragged them around)."""
        ca, cb = self.kol[a], self.kol[b]
        for r in range(1, self.ws.max_row + 1):
            x, y = self.ws.cell(r, ca), self.ws.cell(r, cb)
            vx, tx, fx = x.value, x.data_type, x.number_format
            x.value, x.number_format = y.value, y.number_format
            if y.data_type == "s" and y.value is not None:
                x.data_type = "s"
            y.value, y.number_format = vx, fx
            if tx == "s" and vx is not None:
                y.data_type = "s"


def getypt(path: Path, koppen: tuple[str, ...]) -> dict[str, dict]:
    """What was typed per key in the given columns (only keys with something typed)."""
    result = {}
    for row in rijen(path):
        waarden = {k: row.get(k) for k in koppen if row.get(k) not in (None, "")}
        if waarden:
            result[row["Sleutel"]] = waarden
    return result
