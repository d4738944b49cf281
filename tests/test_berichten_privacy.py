"""Messages locate a problem without repeating personal data.

Every command runs on the bad-input corpus and on the demo with cells mutated to hold the demo's own
personal data in the wrong place (an e-mail address in a choice column, an assessment sentence in a date
column, a pupil's name in a number column, ...); no message may contain a name, an e-mail address, a
phone number or a free-text sentence of the workbook.
"""

from __future__ import annotations

import csv
import itertools
import shutil
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from conftest import DATA, klas, lees
from opp.cli import cli
from opp.data import demo_folder
from opp.werkboek.contract import SHEETS, normalize_header

DATUM = "22-11-2026"
DEMO = demo_folder() / "werkboek.xlsx"
SCHEMA = {normalize_header(s.name): s for s in SHEETS if not s.key_value}
MIN_VRIJE_TEKST = 30  # a cell this long is free text; its start must never appear in a message


def persoonsgegevens(rijen_per_blad: dict[str, list[dict]]) -> dict[str, set[str]]:
    """Names, e-mail addresses, phone numbers and free text of a workbook, read as header -> value rows."""
    gevonden: dict[str, set[str]] = {"namen": set(), "contact": set(), "tekst": set()}
    for blad, rijen in rijen_per_blad.items():
        for rij in rijen:
            waarden = {normalize_header(k): str(v).strip() for k, v in rij.items() if k and v not in (None, "")}
            if blad == "leerlingen" and "roepnaam" in waarden and "achternaam" in waarden:
                delen = [waarden["roepnaam"], waarden.get("tussenvoegsel", ""), waarden["achternaam"]]
                gevonden["namen"].add(" ".join(d for d in delen if d))
                gevonden["namen"].add(f"{waarden['achternaam']}, {waarden['roepnaam']}")
            if blad == "verzorgers" and "naam" in waarden:
                gevonden["namen"].add(waarden["naam"])
            for kop, waarde in waarden.items():
                if "@" in waarde or kop in ("telefoon", "bsn", "adres"):
                    gevonden["contact"].add(waarde)
                elif len(waarde) >= MIN_VRIJE_TEKST:
                    gevonden["tekst"].add(waarde[:MIN_VRIJE_TEKST])
    return gevonden


def lees_rijen(pad: Path) -> dict[str, list[dict]]:
    """The rows of an .xlsx or a CSV folder as dicts, as far as the file can be read at all."""
    try:
        if pad.is_dir():
            return {normalize_header(p.stem): list(csv.DictReader(p.read_text("utf-8-sig").splitlines(),
                                                                  delimiter=";" if ";" in p.read_text("utf-8-sig")
                                                                  .split("\n", 1)[0] else ","))
                    for p in pad.glob("*.csv")}
        wb = openpyxl.load_workbook(pad, read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - a corpus file that is unreadable on purpose
        return {}
    rijen = {}
    for ws in wb.worksheets:
        alle = list(ws.iter_rows(values_only=True))
        if alle:
            koppen = [str(k or "").rstrip("*").strip() for k in alle[0]]
            rijen[normalize_header(ws.title)] = [dict(zip(koppen, r, strict=False)) for r in alle[1:]]
    wb.close()
    return rijen


DEMO_DATA = persoonsgegevens(lees_rijen(DEMO))
DEMO_RIJEN = lees_rijen(DEMO)
VERKEERD = [
    next(v for v in DEMO_DATA["contact"] if "@" in v),  # a parent's e-mail address
    next(r["Onderbouwing uitstroom"] for r in DEMO_RIJEN["leerlingen"]),  # an assessment sentence
    "Finn Hoekstra",  # a pupil's name
    next(str(r["Telefoon"]) for r in DEMO_RIJEN["verzorgers"] if r.get("Telefoon")),  # a phone number
    next(r["Naam"] for r in DEMO_RIJEN["verzorgers"]),  # a parent's name
    next(r["Evaluatie"] for r in DEMO_RIJEN["doelen"] if r.get("Evaluatie")),  # an evaluation
]


def gemuteerd_demo(map_: Path) -> Path:
    """The demo workbook with its own personal data in every column where it is wrong (choices, dates,
    numbers) in rows 2 to 4, and as the leerlingnummer of rows 5 to 7 of the other sheets."""
    map_.mkdir(parents=True, exist_ok=True)
    pad = shutil.copyfile(DEMO, map_ / "werkboek.xlsx")
    for naam in ("opp.toml", "bijlagen"):
        bron = demo_folder() / naam
        (shutil.copytree if bron.is_dir() else shutil.copyfile)(bron, map_ / naam)
    wb = openpyxl.load_workbook(pad)
    waarden = itertools.cycle(VERKEERD)
    for ws in wb.worksheets:
        sheet = SCHEMA.get(normalize_header(ws.title))
        if sheet is None:
            continue
        for cel in ws[1]:
            column = sheet.column_by_header(str(cel.value or ""))
            if column is None:
                continue
            getypt = column.choices or column.is_date or column.type in (int, float)
            is_nummer = column.field == "leerlingnummer" and sheet.name != "Leerlingen"
            rijen = range(2, 5) if getypt else range(5, 8) if is_nummer else range(0)  # a valid row: unknown pupil
            for rij in rijen:
                if rij <= ws.max_row:
                    ws.cell(rij, cel.column).value = next(waarden)
    wb.save(pad)
    return pad


def draai(*args) -> str:
    result = CliRunner().invoke(cli, [*map(str, args), "--datum", DATUM], catch_exceptions=False)
    assert result.exit_code in (0, 1, 2), result.output
    return result.output


def gelekt(uitvoer: str, gegevens: dict[str, set[str]], namen: bool = True) -> list[str]:
    soorten = ["contact", "tekst"] + (["namen"] if namen else [])
    tekst = uitvoer.casefold()
    return sorted(w for soort in soorten for w in gegevens[soort] if w.casefold() in tekst)


@pytest.mark.parametrize("pad", sorted(p for p in DATA.iterdir() if p.name != "README.md"), ids=lambda p: p.name)
def test_check_on_the_corpus_quotes_no_personal_data(pad):
    bron = pad.with_suffix(".xlsx") if pad.suffix == ".ods" else pad  # the .ods cases mirror the .xlsx ones
    gegevens = persoonsgegevens(lees_rijen(bron))
    for soort, waarden in DEMO_DATA.items():
        gegevens[soort] |= waarden
    uitvoer = draai("check", pad) + draai("check", pad, "--json")
    assert gelekt(uitvoer, gegevens) == []


def test_every_command_on_the_mutated_demo_quotes_no_personal_data(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    pad = gemuteerd_demo(tmp_path / "school")
    check = draai("check", pad)
    assert "ongeldige-keuze" in check and "ongeldige-datum" in check and "verkeerd-type" in check
    assert "onbekend-leerlingnummer" in check
    uitvoer = {
        "check": check + draai("check", pad, "--json"),
        "render": draai("render", pad, "--jobs", "1", "--uit", tmp_path / "docs"),
        "render opnieuw": draai("render", pad, "--jobs", "1", "--uit", tmp_path / "docs"),  # the refusal
        "tracker": draai("tracker", "sync", pad, "--tracker", tmp_path / "ondertekening.xlsx"),
        "rapport": draai("rapport", pad, "--uit", tmp_path / "rapport"),
    }
    assert "ongewijzigd" in uitvoer["render opnieuw"]
    for commando, tekst in uitvoer.items():
        assert gelekt(tekst, DEMO_DATA) == [], commando
    # The dossier table names the pupils it is about (that is what was asked); nothing else personal.
    dossier = draai("dossier", pad, "--alle", "--uit", tmp_path / "tlv")
    assert gelekt(dossier, DEMO_DATA, namen=False) == []


def test_a_short_choice_like_value_is_still_quoted(maak_werkboek):
    rows = klas()
    rows["Doelen"][0]["status"] = "klaar"
    rows["Leerlingen"][0]["leerjaar"] = "abc"
    rows["Verzorgers"][0]["gezag"] = "m.berg@voorbeeld.example"
    rows["Toetsen"][0]["dl"] = "Finn Hoekstra"
    berichten = {i.kolom: i.bericht for i in lees(maak_werkboek(rows)).report.issues}
    assert berichten["Status"].startswith("'klaar' is geen geldige keuze")
    assert berichten["Leerjaar"] == "'abc' is geen geheel getal"
    assert berichten["Gezag"].startswith("een e-mailadres is geen geldige keuze (kies uit: ja, nee")
    assert berichten["DL"] == "een tekst van 13 tekens is geen getal"
