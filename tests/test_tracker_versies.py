"""Consent follows the content: a tracker row belongs to a version, a changed handelingsdeel asks again,
and what the secretary typed goes into the register."""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest

from opp.invoer import open_invoer
from opp.register.db import NAAM, Register
from opp.render.documents import render
from opp.rules.instemming import heeft_instemming, zelfde_handelingsdeel
from opp.settings import Settings
from opp.tracker import sync_tracker, tracker_overzicht
from opp.tracker.status import Invoer
from opp.tracker.versies import Actie, Documentversies, volg_versie
from opp.werkboek.blank import write_workbook
from test_tracker_libreoffice import CSV_ALLE_BLADEN, _converteer, _lees_csv
from tracker_helpers import RONDE, SCHOOL, Secretaresse, leerling, rijen, verzorger

MOEDER, VADER = "mw. M. Berg", "dhr. J. Berg"


# ---- the rules, at their boundaries --------------------------------------------------------------

def test_same_handelingsdeel_only_when_both_fingerprints_are_known_and_equal():
    assert zelfde_handelingsdeel("a", "a")
    assert not zelfde_handelingsdeel("a", "b")
    assert not zelfde_handelingsdeel(None, None)  # unknown: cannot tell, so consent is asked again


@pytest.mark.parametrize("besluiten, een_ouder, verwacht", [
    ({}, False, False),
    ({"OUDER:a": "akkoord"}, False, False),  # every parent is asked
    ({"OUDER:a": "akkoord"}, True, True),  # unless one suffices
    ({"OUDER:a": "akkoord", "OUDER:b": "akkoord"}, False, True),
    ({"OUDER:a": "akkoord", "OUDER:b": "niet akkoord"}, True, False),  # a refusal is never outweighed
])
def test_consent_of_the_parents(besluiten, een_ouder, verwacht):
    assert heeft_instemming(["OUDER:a", "OUDER:b"], besluiten, een_ouder) is verwacht


def test_one_parent_never_stands_in_for_the_pupil_or_a_representative():
    nodig = ["LEERLING:daan visser"]
    assert not heeft_instemming(nodig, {"OUDER:a": "akkoord"}, True)
    assert heeft_instemming(nodig, {"LEERLING:daan visser": "akkoord"}, False)
    assert not heeft_instemming([], {}, True)  # nobody to ask is no consent


VERSIES = Documentversies(huidige=3, afdrukken={1: "x", 2: "y", 3: "y"}, status="ter instemming")


@pytest.mark.parametrize("rij_versie, invoer, verwacht", [
    (None, Invoer(), (Actie.GEZET, 3)),  # a tracker from before versions
    (3, Invoer(verstuurd_op=RONDE), (Actie.BLIJFT, 3)),
    (1, Invoer(), (Actie.VERPLAATST, 3)),  # never sent: simply moves
    (1, Invoer(verstuurd_op=RONDE), (Actie.VERVANGEN, 3)),  # sent, handelingsdeel changed since
    (1, Invoer(besluit="niet akkoord"), (Actie.VERVANGEN, 3)),
    (2, Invoer(ontvangen_op=RONDE), (Actie.BLIJFT, 2)),  # signed, same handelingsdeel: says what was signed
    (2, Invoer(), (Actie.VERPLAATST, 3)),
])
def test_what_happens_to_a_row(rij_versie, invoer, verwacht):
    assert volg_versie(rij_versie, invoer, VERSIES) == verwacht


def test_a_row_waits_while_the_register_has_nothing_to_offer():
    assert volg_versie(2, Invoer(), None) == (Actie.WACHT, 2)
    assert volg_versie(None, Invoer(), Documentversies(None, {1: "x"}, "concept")) == (Actie.WACHT, None)


# ---- a class of one pupil through renders and syncs -----------------------------------------------

def schrijf(map_: Path, doel: str = "Werkt 20 minuten zelfstandig.", telefoon: str = "06 1234 5678") -> Path:
    """One pupil (Sanne, 14) with two parents with gezag and a complete OPP."""
    ouders = [dict(verzorger("1001", MOEDER, "moeder"), telefoon=telefoon), verzorger("1001", VADER, "vader")]
    rows = {
        "Leerlingen": [leerling("1001", "Sanne", "Berg", dt.date(2012, 5, 14))], "Verzorgers": ouders,
        "Factoren": [{"leerlingnummer": "1001", "domein": "werkhouding", "soort": s, "omschrijving": "Werkt netjes."}
                     for s in ("bevorderend", "belemmerend")],
        "Ondersteuning": [{"leerlingnummer": "1001", "lijn": "1e lijn", "interventie": "Taakkaart"}],
        "Doelen": [{"leerlingnummer": "1001", "plan": "OPP", "domein": "werken", "doel": doel}],
    }
    pad = map_ / "werkboek.xlsx"
    write_workbook(pad, rows=rows, school=SCHOOL)
    return pad


def maak(wb: Path, datum: dt.date = RONDE) -> None:
    with open_invoer(wb, datum) as invoer:
        render(invoer, uit=wb.parent / "uit", jobs=1, documenten=["opp"])


def sync(wb: Path, datum: dt.date = RONDE, settings: Settings | None = None):
    with open_invoer(wb, datum, settings) as invoer:
        return sync_tracker(invoer, wb.parent / "ondertekening.xlsx")


def rij(wb: Path, naam: str, versie: int | None = None) -> dict:
    gevonden = [r for r in rijen(wb.parent / "ondertekening.xlsx")
                if r["Ondertekenaar"] == naam and (versie is None or r["Versie"] == versie)]
    assert len(gevonden) == 1, gevonden
    return gevonden[0]


def register(wb: Path):
    """The versions (without the moment of writing, which a rebuild takes from the file) and the consents."""
    with Register(wb.parent / NAAM) as reg:
        return [replace(v, geschreven="") for v in reg.versies()], reg.instemmingen()


def test_rows_wait_for_a_render_then_get_its_version(tmp_path):
    wb = schrijf(tmp_path)
    eerst = sync(wb)
    assert eerst.wacht_op_render == ["1001"]
    assert rij(wb, MOEDER)["Versie"] is None  # nothing invented
    assert any("wachten op: opp render" in r for r in eerst.samenvatting())

    maak(wb)
    daarna = sync(wb)
    assert daarna.wacht_op_render == [] and daarna.versie_gezet == 4  # two parents, the pupil, the mentor
    assert {r["Versie"] for r in rijen(wb.parent / "ondertekening.xlsx")} == {1}


def test_a_changed_handelingsdeel_keeps_the_sent_row_as_history_and_asks_again(tmp_path):
    wb = schrijf(tmp_path)
    maak(wb)
    tracker = tmp_path / "ondertekening.xlsx"
    sync(wb)
    with Secretaresse(tracker) as s:
        s.typ(rij(wb, MOEDER)["Sleutel"], "Verstuurd op", dt.date(2026, 10, 2))
        s.typ(rij(wb, MOEDER)["Sleutel"], "Opmerking", "brief mee met Sanne")

    schrijf(tmp_path, doel="Werkt 30 minuten zelfstandig.")  # a goal changed: version 2
    maak(wb, RONDE + dt.timedelta(days=7))
    result = sync(wb, RONDE + dt.timedelta(days=7))

    oud, nieuw = rij(wb, MOEDER, 1), rij(wb, MOEDER, 2)
    assert (oud["Verstuurd op"].date(), oud["Opmerking"]) == (dt.date(2026, 10, 2), "brief mee met Sanne")  # kept
    assert oud["Vervallen"] == "vervangen" and nieuw["Opnieuw"] == "ja" and nieuw["Verstuurd op"] is None
    assert rij(wb, VADER)["Versie"] == 2  # never sent: simply moved, no second row
    wijziging = {(w.rij, w.actie) for w in result.versiewijzigingen}
    assert (oud["_rij"], "vervangen") in wijziging and (rij(wb, VADER)["_rij"], "verplaatst") in wijziging
    assert result.opnieuw_nodig == 1
    assert any(f"Rij {oud['_rij']} " in r and f"rij {nieuw['_rij']} vraagt opnieuw" in r
               for r in result.samenvatting())

    overzicht = tracker_overzicht(tracker, RONDE + dt.timedelta(days=7))
    assert overzicht.totaal["vervangen"] == 1 and overzicht.totaal["opnieuw_nodig"] == 1
    assert [(o.leerlingnummer, o.document, o.ondertekenaar, o.versie) for o in overzicht.opnieuw_nodig] == [
        ("1001", "OPP handelingsdeel", MOEDER, 2)]
    assert overzicht.to_dict()["opnieuw_nodig"] == [{"leerlingnummer": "1001", "document": "OPP handelingsdeel",
                                                     "ondertekenaar": MOEDER, "versie": 2}]
    assert any(r.startswith("Opnieuw te tekenen") and "(1)" in r for r in overzicht.samenvatting())

    # The Status formula agrees with Python: the history row shows vervangen, the new one opnieuw nodig.
    ws = openpyxl.load_workbook(tracker)["Ondertekening"]
    kop = {c.value: c.column for c in ws[1]}
    formule = ws.cell(oud["_rij"], kop["Status"]).value
    assert formule.startswith('=IF($') and '"vervangen"' in formule and '"opnieuw nodig"' in formule

    # A second sync changes nothing more.
    again = sync(wb, RONDE + dt.timedelta(days=7))
    assert (again.toegevoegd, again.versiewijzigingen, again.opnieuw_nodig) == (0, [], 0)


def test_signed_rows_keep_their_version_when_only_a_phone_number_changed(tmp_path):
    wb = schrijf(tmp_path)
    maak(wb)
    tracker = tmp_path / "ondertekening.xlsx"
    sync(wb)
    with Secretaresse(tracker) as s:
        for naam in (MOEDER, VADER):
            s.typ(rij(wb, naam)["Sleutel"], "Verstuurd op", dt.date(2026, 10, 2))
            s.typ(rij(wb, naam)["Sleutel"], "Ontvangen op", dt.date(2026, 10, 3))
        s.typ(rij(wb, MOEDER)["Sleutel"], "Besluit", "akkoord")
    result = sync(wb)
    assert result.vastgesteld == [("1001", "opp", 1)] and result.instemmingen == 2
    versies, instemmingen = register(wb)
    assert [(v.versie, v.status) for v in versies] == [(1, "vastgesteld")]
    assert {(i.ondertekenaar, i.versie, i.besluit, i.datum) for i in instemmingen} == {
        ("OUDER:mw. m. berg", 1, "akkoord", dt.date(2026, 10, 3)),
        ("OUDER:dhr. j. berg", 1, "akkoord", dt.date(2026, 10, 3))}

    schrijf(tmp_path, telefoon="06 9999 0000")  # outside the handelingsdeel: version 2, no new consent
    maak(wb, RONDE + dt.timedelta(days=7))
    result = sync(wb, RONDE + dt.timedelta(days=7))
    assert rij(wb, MOEDER)["Versie"] == 1 and rij(wb, VADER)["Versie"] == 1  # still says what was signed
    assert result.opnieuw_nodig == 0
    assert {(w.ondertekenaar, w.van, w.naar, w.actie) for w in result.versiewijzigingen} == {
        ("Sanne Berg", 1, 2, "verplaatst"), ("dhr. P. Jansen", 1, 2, "verplaatst")}  # never sent: they move
    assert len(rijen(tracker)) == 4
    versies, _ = register(wb)
    assert [(v.versie, v.status) for v in versies] == [(1, "vervangen"), (2, "vastgesteld")]


def test_one_parent_suffices_with_the_setting_and_a_refusal_blocks(tmp_path):
    wb = schrijf(tmp_path)
    maak(wb)
    tracker = tmp_path / "ondertekening.xlsx"
    een = Settings.model_validate({"ondertekening": {"een_ouder_volstaat": True}})
    sync(wb, settings=een)
    with Secretaresse(tracker) as s:
        s.typ(rij(wb, VADER)["Sleutel"], "Besluit", "niet akkoord")
    assert sync(wb, settings=een).vastgesteld == []
    with Secretaresse(tracker) as s:
        s.typ(rij(wb, VADER)["Sleutel"], "Besluit", None)
        s.typ(rij(wb, MOEDER)["Sleutel"], "Ontvangen op", dt.date(2026, 10, 5))
    assert sync(wb).vastgesteld == []  # without the setting the father is still asked
    assert sync(wb, settings=een).vastgesteld == [("1001", "opp", 1)]


def test_a_deleted_register_gets_its_versions_and_consents_back(tmp_path):
    wb = schrijf(tmp_path)
    maak(wb)
    tracker = tmp_path / "ondertekening.xlsx"
    sync(wb)
    with Secretaresse(tracker) as s:
        for naam in (MOEDER, VADER):
            s.typ(rij(wb, naam)["Sleutel"], "Ontvangen op", dt.date(2026, 10, 3))
    sync(wb)
    voor = register(wb)
    (tmp_path / NAAM).unlink()
    result = sync(wb)  # rebuilt from the documents, then the tracker gives the consents back
    assert result.register_melding and "opnieuw opgebouwd" in result.register_melding
    assert register(wb) == voor
    assert voor[0][0].status == "vastgesteld"


@pytest.mark.libreoffice
def test_libreoffice_shows_vervangen_and_opnieuw_nodig_as_python_does(tmp_path):
    """The Status formula, recalculated by LibreOffice, agrees with Python on the history and the new rows."""
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) staat niet op het PATH")
    wb = schrijf(tmp_path)
    maak(wb)
    tracker = tmp_path / "ondertekening.xlsx"
    sync(wb)
    with Secretaresse(tracker) as s:
        s.typ(rij(wb, MOEDER)["Sleutel"], "Ontvangen op", dt.date(2026, 10, 3))
    schrijf(tmp_path, doel="Werkt 30 minuten zelfstandig.")
    maak(wb, RONDE + dt.timedelta(days=7))
    sync(wb, RONDE + dt.timedelta(days=7))

    proces = _converteer(soffice, tracker, tmp_path / "lo", tmp_path / "profiel", CSV_ALLE_BLADEN)
    bladen = {p.stem.removeprefix("ondertekening-"): p for p in (tmp_path / "lo").glob("*.csv")}
    assert "Ondertekening" in bladen, proces.stdout + proces.stderr
    csv_rijen = _lees_csv(bladen["Ondertekening"])
    kop = csv_rijen[0]
    berekend = {(r[kop.index("Ondertekenaar")], r[kop.index("Versie")]): r[kop.index("Status")]
                for r in csv_rijen[1:] if len(r) > kop.index("Sleutel") and r[kop.index("Sleutel")]}
    assert berekend == {(MOEDER, "1"): "vervangen", (MOEDER, "2"): "opnieuw nodig",
                        (VADER, "2"): "niet verstuurd", ("Sanne Berg", "2"): "niet verstuurd",
                        ("dhr. P. Jansen", "2"): "niet verstuurd"}
    python = tracker_overzicht(tracker, dt.date.today()).totaal
    assert (python["vervangen"], python["opnieuw_nodig"], python["niet_verstuurd"]) == (1, 1, 3)


def test_a_tracker_from_before_versions_gets_the_columns_and_keeps_what_was_typed(tmp_path):
    wb = schrijf(tmp_path)
    tracker = tmp_path / "ondertekening.xlsx"
    sync(wb)
    oud = openpyxl.load_workbook(tracker)
    ws = oud["Ondertekening"]
    for kop in ("Opnieuw", "Versie"):  # the layout of the first round: no version columns
        ws.delete_cols(next(c.column for c in ws[1] if c.value == kop))
    oud.save(tracker)
    with Secretaresse(tracker) as s:
        s.typ(rij(wb, MOEDER)["Sleutel"], "Ontvangen op", dt.date(2026, 10, 3))
    assert tracker_overzicht(tracker, RONDE).totaal["getekend"] == 1  # still read without them

    maak(wb)
    result = sync(wb)
    kop = [c.value for c in openpyxl.load_workbook(tracker)["Ondertekening"][1]]
    assert kop[-2:] == ["Versie", "Opnieuw"]  # added after her last column
    assert result.versie_gezet == 4 and {r["Versie"] for r in rijen(tracker)} == {1}
    assert rij(wb, MOEDER)["Ontvangen op"].date() == dt.date(2026, 10, 3)
    assert result.instemmingen == 1 and tracker_overzicht(tracker, RONDE).totaal["getekend"] == 1
