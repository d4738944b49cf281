"""A school year of one pupil, through the CLI as a school would run it: enrolment, a concept, a complete
plan offered ter instemming, signed (vastgesteld), a goal changed (asked again), a phone number changed
(no new consent), the yearly evaluation and the next school year."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import openpyxl
from click.testing import CliRunner

from opp.cli import cli
from opp.werkboek.blank import write_workbook
from tracker_helpers import SCHOOL, rijen

INSCHRIJVING = dt.date(2026, 9, 1)
MOEDER, VADER = "mw. A. Jansen", "dhr. B. Jansen"
SCHOOLJAAR_1 = dict(SCHOOL, schooljaar="2026-2027")


def werkboek(map_: Path, *, compleet=True, doel="Werkt 20 minuten zelfstandig aan een opdracht.",
             telefoon="06 1234 5678", school=SCHOOLJAAR_1, **leerling_extra) -> Path:
    """Lisa Jansen (13), enrolled on 1 September 2026, two parents with gezag. Without `compleet` her OPP
    lacks the parts a mentor fills in last: the handelingsdeel, the factors and her own view."""
    leerling = {
        "leerlingnummer": "2601", "roepnaam": "Lisa", "achternaam": "Jansen", "geboortedatum": dt.date(2013, 3, 4),
        "klas": "PrO 1A", "mentor": "dhr. P. de Vries", "datum_inschrijving": INSCHRIJVING,
        "uitstroomrichting": "arbeid", "uitstroombestemming": "Werk in de horeca",
        "onderbouwing_uitstroom": "Werkt graag met mensen.", "invulling_praktijkonderwijs": "Stage keuken.",
        **({"inbreng_leerling": "Ik wil koken."} if compleet else {}), **leerling_extra,
    }
    rows = {
        "Leerlingen": [leerling],
        "Verzorgers": [{"leerlingnummer": "2601", "naam": MOEDER, "relatie": "moeder", "gezag": "ja",
                        "telefoon": telefoon},
                       {"leerlingnummer": "2601", "naam": VADER, "relatie": "vader", "gezag": "ja"}],
        "Ondersteuning": [{"leerlingnummer": "2601", "lijn": "1e lijn", "interventie": "Taakkaart"}],
    }
    if compleet:
        rows["Factoren"] = [{"leerlingnummer": "2601", "domein": "werkhouding", "soort": s,
                             "omschrijving": "Werkt netjes."} for s in ("bevorderend", "belemmerend")]
        rows["Doelen"] = [{"leerlingnummer": "2601", "plan": "OPP", "domein": "werken", "doel": doel}]
    pad = map_ / "werkboek.xlsx"
    write_workbook(pad, rows=rows, school=school)
    return pad


def opp(*args, ok=(0,)) -> dict | str:
    """Run the CLI; JSON when asked for."""
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    assert result.exit_code in ok, result.output
    return json.loads(result.output) if "--json" in args else result.output


def datum(d: dt.date) -> str:
    return d.strftime("%d-%m-%Y")


def tracker_rijen(tracker: Path) -> list[dict]:
    return rijen(tracker) if tracker.exists() else []


def ouderrij(tracker: Path, naam: str, **waar) -> dict:
    gevonden = [r for r in tracker_rijen(tracker) if r["Ondertekenaar"] == naam
                and all(r[k] == v for k, v in waar.items())]
    assert len(gevonden) == 1, gevonden
    return gevonden[0]


def typ(tracker: Path, rij: int, **waarden) -> None:
    """The secretary types into the tracker (with openpyxl, as in Excel) and saves it."""
    wb = openpyxl.load_workbook(tracker, rich_text=True)
    ws = wb["Ondertekening"]
    kop = {c.value: c.column for c in ws[1] if c.value}
    for naam, waarde in waarden.items():
        cell = ws.cell(rij, kop[naam.replace("_", " ").capitalize()])
        cell.value = waarde
        if isinstance(waarde, dt.date):
            cell.number_format = "dd-mm-yyyy"
    wb.save(tracker)


def tabeltekst(map_: Path, versie: int) -> str:
    """The text of the tables of that OPP version (where 'Eerste OPP vastgesteld op' is)."""
    from docx import Document

    (pad,) = [p for p in map_.rglob("*OPP*.docx") if json.loads(Document(p).core_properties.identifier)["versie"]
              == versie]
    return " ".join(c.text for t in Document(pad).tables for r in t.rows for c in r.cells).replace("\xa0", " ")


def wijzigingen_sectie(map_: Path, versie: int) -> str:
    """The text of the section 'Wijzigingen sinds de versie waarmee u instemde' in that OPP version, or ''."""
    from docx import Document

    from opp.render.wijzigingen_tekst import TITEL

    (pad,) = [p for p in map_.rglob("*OPP*.docx") if json.loads(Document(p).core_properties.identifier)["versie"]
              == versie]
    tekst = [p.text.replace("\xa0", " ") for p in Document(pad).paragraphs]  # dates do not break
    if TITEL not in tekst:
        return ""
    begin = tekst.index(TITEL)
    return "\n".join(tekst[begin:tekst.index("Ondertekening", begin)])


def versies(wb: Path) -> list[tuple]:
    data = opp("versies", wb, "--json")
    return [(v["versie"], v["status"]) for v in data["versies"] if v["document"] == "opp"]


def test_a_school_year_of_one_pupil(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    tracker = tmp_path / "output" / "2026-2027" / "ondertekening.xlsx"

    # Enrolment, and a plan still being written: a concept. `opp check` names every missing part by code,
    # and the round asks no signature for it.
    wb = werkboek(tmp_path, compleet=False)
    check = opp("check", wb, "--json", ok=(0, 1))
    codes = {(i["code"], i["blad"]) for i in check["problemen"] if i["leerlingnummer"] == "2601"}
    assert {("handelingsdeel-ontbreekt", "Doelen"), ("bevorderende-factoren-ontbreken", "Factoren"),
            ("belemmerende-factoren-ontbreken", "Factoren"), ("inbreng-leerling-ontbreekt", "Leerlingen")} <= codes
    opp("tracker", "sync", wb, "--datum", datum(dt.date(2026, 9, 20)))
    assert tracker_rijen(tracker) == []

    # Complete: version 1, offered ter instemming; the round asks both parents for version 1.
    wb = werkboek(tmp_path)
    opp("render", wb, "--document", "opp", "--datum", datum(dt.date(2026, 10, 1)))
    assert versies(wb) == [(1, "ter instemming")]
    opp("tracker", "sync", wb, "--datum", datum(dt.date(2026, 10, 1)))
    assert {(r["Ondertekenaar"], r["Versie"]) for r in tracker_rijen(tracker)} >= {(MOEDER, 1), (VADER, 1)}

    # Sent and signed: the secretary types the dates; the next sync records who agreed and sets the plan.
    for naam in (MOEDER, VADER):
        typ(tracker, ouderrij(tracker, naam)["_rij"], verstuurd_op=dt.date(2026, 10, 2),
            ontvangen_op=dt.date(2026, 10, 9), besluit="akkoord")
    uit = opp("tracker", "sync", wb, "--datum", datum(dt.date(2026, 10, 12)))
    assert "OPP van 2601 versie 1 is vastgesteld" in uit
    assert versies(wb) == [(1, "vastgesteld")]
    data = opp("versies", wb, "--json")
    assert sorted((i["rol"], i["naam"], i["besluit"], i["datum"]) for i in data["versies"][0]["instemming"]) == [
        ("ouder", VADER, "akkoord", "2026-10-09"), ("ouder", MOEDER, "akkoord", "2026-10-09")]
    assert f"ouder {MOEDER}, 9 oktober 2026" in opp("versies", wb)

    # A goal changed: version 2. The signed rows of version 1 stay as history; new rows ask again.
    wb = werkboek(tmp_path, doel="Werkt 30 minuten zelfstandig aan een opdracht.")
    opp("render", wb, "--document", "opp", "--datum", datum(dt.date(2026, 11, 2)))
    assert versies(wb) == [(1, "vervangen"), (2, "ter instemming")]
    # It tells the parents what changed since the version they agreed to, and when they agreed.
    sectie = wijzigingen_sectie(tmp_path / "output", 2)
    assert "versie 1" in sectie and "9 oktober 2026" in sectie
    assert "Werkt 20 minuten" in sectie and "Werkt 30 minuten" in sectie
    # The workbook leaves Datum eerste vaststelling empty: the register's first consent fills it (issue 12).
    assert "9 oktober 2026 (volgens het register van opp)" in tabeltekst(tmp_path / "output", 2)
    opp("tracker", "sync", wb, "--datum", datum(dt.date(2026, 11, 2)))
    for naam in (MOEDER, VADER):
        oud, nieuw = ouderrij(tracker, naam, Versie=1), ouderrij(tracker, naam, Versie=2)
        assert oud["Vervallen"] == "vervangen" and oud["Ontvangen op"].date() == dt.date(2026, 10, 9)
        assert nieuw["Opnieuw"] == "ja" and nieuw["Ontvangen op"] is None
    status = opp("tracker", "status", "--tracker", tracker, "--datum", datum(dt.date(2026, 11, 2)), "--json")
    assert sorted((o["leerlingnummer"], o["document"], o["ondertekenaar"], o["versie"])
                  for o in status["opnieuw_nodig"]) == [("2601", "OPP handelingsdeel", VADER, 2),
                                                        ("2601", "OPP handelingsdeel", MOEDER, 2)]
    assert status["totaal"]["opnieuw_nodig"] == 2 and status["totaal"]["vervangen"] == 2
    # The consent of version 1 still says what was agreed, and when (the what-changed section reads it).
    assert [i["versie"] for i in opp("versies", wb, "--json")["versies"] if i["instemming"]] == [1]

    # Both sign version 2.
    for naam in (MOEDER, VADER):
        typ(tracker, ouderrij(tracker, naam, Versie=2)["_rij"], verstuurd_op=dt.date(2026, 11, 3),
            ontvangen_op=dt.date(2026, 11, 10))
    opp("tracker", "sync", wb, "--datum", datum(dt.date(2026, 11, 12)))
    assert versies(wb) == [(1, "vervangen"), (2, "vastgesteld")]

    # A phone number changed: version 3, no new consent asked; the rows still say version 2 was signed.
    wb = werkboek(tmp_path, doel="Werkt 30 minuten zelfstandig aan een opdracht.", telefoon="06 8765 4321")
    opp("render", wb, "--document", "opp", "--datum", datum(dt.date(2026, 12, 1)))
    voor = len(tracker_rijen(tracker))
    uit = opp("tracker", "sync", wb, "--datum", datum(dt.date(2026, 12, 1)))
    assert "opnieuw nodig" not in uit and len(tracker_rijen(tracker)) == voor
    assert ouderrij(tracker, MOEDER, Versie=2)["Vervallen"] is None
    assert versies(wb) == [(1, "vervangen"), (2, "vervangen"), (3, "vastgesteld")]
    assert wijzigingen_sectie(tmp_path / "output", 3) == ""  # its handelingsdeel is the one agreed to

    # The yearly evaluation with the parents: a new version (its date is in the plan), the same
    # handelingsdeel, so still vastgesteld; the report counts it as evaluated within twelve months.
    wb = werkboek(tmp_path, doel="Werkt 30 minuten zelfstandig aan een opdracht.", telefoon="06 8765 4321",
                  datum_oogo=dt.date(2026, 9, 28), datum_eerste_vaststelling=dt.date(2026, 10, 9),
                  datum_vaststelling=dt.date(2026, 11, 10), datum_evaluatie=dt.date(2027, 6, 15))
    uit = opp("render", wb, "--document", "opp", "--datum", datum(dt.date(2027, 6, 16)))
    assert "eerste-vaststelling-strijdig-met-register" not in uit  # typed as the register knows it
    assert "volgens het register" not in tabeltekst(tmp_path / "output", 4)  # the typed date is printed
    opp("tracker", "sync", wb, "--datum", datum(dt.date(2027, 6, 16)))
    assert versies(wb)[-1] == (4, "vastgesteld")
    assert len([r for r in tracker_rijen(tracker) if r["Opnieuw"] == "ja"]) == 2  # nothing new asked
    rapport = opp("rapport", wb, "--datum", datum(dt.date(2027, 6, 16)), "--uit", tmp_path / "rapport", "--json")
    assert rapport["cijfers"]["plannen"] == {
        "leerlingen": 1, "eerste_op_tijd": 1, "eerste_te_laat": 0, "eerste_onbekend": 0, "geevalueerd": 1,
        "instemming": 1, "concept": 0, "niet_in_register": 0}
    termijnen = openpyxl.load_workbook(tmp_path / "rapport" / "rapport.xlsx")["Termijnen"]
    assert any(str(c.value).startswith("Het OPP") for c in termijnen["A"])

    # The next school year: a new round in its own tracker asks for the current version; the register
    # keeps what was agreed.
    wb = werkboek(tmp_path, doel="Werkt 30 minuten zelfstandig aan een opdracht.", telefoon="06 8765 4321",
                  school=dict(SCHOOL, schooljaar="2027-2028"), datum_oogo=dt.date(2026, 9, 28),
                  datum_eerste_vaststelling=dt.date(2026, 10, 9), datum_vaststelling=dt.date(2026, 11, 10),
                  datum_evaluatie=dt.date(2027, 6, 15))
    opp("tracker", "sync", wb, "--datum", datum(dt.date(2027, 9, 15)))
    nieuw_jaar = tmp_path / "output" / "2027-2028" / "ondertekening.xlsx"
    assert {(r["Ondertekenaar"], r["Versie"]) for r in tracker_rijen(nieuw_jaar)} >= {(MOEDER, 4), (VADER, 4)}
    assert versies(wb)[-1] == (4, "vastgesteld")
    assert len(opp("versies", wb, "--json")["versies"][1]["instemming"]) == 2  # version 2's consent stays
