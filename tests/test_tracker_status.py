"""The status rules (Python and formula side by side) at their boundaries, and `opp tracker status`."""

from __future__ import annotations

import datetime as dt
import json

import openpyxl
import pytest
from click.testing import CliRunner
from openpyxl.utils.datetime import to_excel

from opp.cli import cli
from opp.invoer import open_invoer
from opp.problems import OppError
from opp.settings import Settings
from opp.tracker import Status, sync_tracker, tracker_overzicht, tracker_statussen, zoek_tracker
from opp.tracker.status import Cellen, Invoer, bepaal_status, status_formule
from tracker_helpers import RONDE, Secretaresse, schrijf_werkboek, standaard_klas, vind

VANDAAG = dt.date(2026, 11, 1)


def status(datum=VANDAAG, n=14, **invoer) -> Status:
    return bepaal_status(Invoer(**invoer), datum, n)


@pytest.mark.parametrize("dagen, verwacht", [
    (0, Status.VERSTUURD), (13, Status.VERSTUURD), (14, Status.VERSTUURD),  # exactly N days: not yet late
    (15, Status.TE_LAAT), (200, Status.TE_LAAT), (-3, Status.VERSTUURD),  # a date in the future is not late
])
def test_overdue_boundary(dagen, verwacht):
    verstuurd = VANDAAG - dt.timedelta(days=dagen)
    assert status(verstuurd_op=verstuurd) is verwacht
    assert status(verstuurd_op=dt.datetime.combine(verstuurd, dt.time())) is verwacht  # how openpyxl reads dates


def test_overdue_follows_the_setting_and_a_time_of_day_as_excel_does():
    sent = VANDAAG - dt.timedelta(days=7)
    assert status(n=7, verstuurd_op=sent) is Status.VERSTUURD
    assert status(n=6, verstuurd_op=sent) is Status.TE_LAAT
    # Excel: TODAY() - (date + 12:00) = 6.5 days: more than 6, not more than 7.
    middag = dt.datetime.combine(sent, dt.time(12))
    assert status(n=6, verstuurd_op=middag) is Status.TE_LAAT
    assert status(n=7, verstuurd_op=middag) is Status.VERSTUURD
    # An Excel serial number without date format counts as a date; text counts as sent, never as late.
    assert status(n=6, verstuurd_op=float(to_excel(VANDAAG)) - 7) is Status.TE_LAAT
    assert status(verstuurd_op="vorige week") is Status.VERSTUURD


def test_the_order_of_the_rules():
    oud = VANDAAG - dt.timedelta(days=60)
    assert status() is Status.NIET_VERSTUURD
    assert status(vervallen="ja", besluit="akkoord", ontvangen_op=oud) is Status.VERVALLEN
    assert status(besluit="niet akkoord", ontvangen_op=oud, verstuurd_op=oud) is Status.GEEN_INSTEMMING
    assert status(besluit="Niet Akkoord") is Status.GEEN_INSTEMMING  # Excel compares text case-insensitively
    assert status(besluit="akkoord") is Status.GETEKEND
    assert status(ontvangen_op=oud, verstuurd_op=oud) is Status.GETEKEND  # received, no decision typed
    assert status(besluit="akkoord ", verstuurd_op=oud) is Status.TE_LAAT  # like Excel: no trimming
    assert status(vervallen="") is Status.NIET_VERSTUURD


def test_one_parent_suffices_only_with_the_setting_and_never_over_a_typed_answer():
    kwargs = dict(een_ouder_volstaat=True, andere_ouder_getekend=True)
    assert bepaal_status(Invoer(), VANDAAG, 14, **kwargs) is Status.NIET_NODIG
    assert bepaal_status(Invoer(verstuurd_op=VANDAAG - dt.timedelta(days=40)), VANDAAG, 14, **kwargs) is \
        Status.NIET_NODIG
    assert bepaal_status(Invoer(besluit="niet akkoord"), VANDAAG, 14, **kwargs) is Status.GEEN_INSTEMMING
    assert bepaal_status(Invoer(), VANDAAG, 14, een_ouder_volstaat=False, andere_ouder_getekend=True) is \
        Status.NIET_VERSTUURD
    assert Invoer(besluit="akkoord").is_getekend and not Invoer(besluit="akkoord", vervallen="ja").is_getekend
    assert not Invoer(ontvangen_op=VANDAAG, besluit="niet akkoord").is_getekend


def test_the_formula_names_every_status_in_the_order_of_the_python_rules():
    formule = status_formule(Cellen("I", "J", "K", "O", "P", "Q", "R"), 7)
    posities = [formule.index(f'"{s}"') for s in (Status.VERVANGEN, Status.VERVALLEN, Status.GEEN_INSTEMMING,
                                                   Status.GETEKEND, Status.NIET_NODIG, Status.NIET_VERSTUURD,
                                                   Status.OPNIEUW_NODIG, Status.TE_LAAT)]
    assert posities == sorted(posities)
    assert "TODAY()-$I7>TeLaatNaDagen" in formule and "COUNTIFS($P:$P,$P7,$Q:$Q,1)" in formule


@pytest.fixture
def getypte_tracker(tmp_path):
    """The standard class synced on RONDE, with the secretary's answers typed in."""
    werkboek = schrijf_werkboek(tmp_path / "werkboek.xlsx", *standaard_klas())
    tracker = tmp_path / "output" / "2026-2027" / "ondertekening.xlsx"
    sync_tracker(open_invoer(werkboek, RONDE), tracker)
    with Secretaresse(tracker) as s:
        s.typ(vind(tracker, "1001", "m. berg")["Sleutel"], "Verstuurd op", dt.date(2026, 10, 1))  # 31 days
        s.typ(vind(tracker, "1001", "j. berg")["Sleutel"], "Verstuurd op", dt.date(2026, 10, 18))  # 14 days
        s.typ(vind(tracker, "1002", "f. amrani")["Sleutel"], "Besluit", "akkoord")
        s.typ(vind(tracker, "1002", "a. amrani")["Sleutel"], "Besluit", "niet akkoord")
        s.typ(vind(tracker, "1003", "daan")["Sleutel"], "Verstuurd op", dt.date(2026, 10, 17))  # 15 days
        s.typ(vind(tracker, "1003", "daan")["Sleutel"], "Opmerking", "tweede brief gestuurd")
    return tracker


def test_overview_per_klas_and_the_overdue_list(getypte_tracker):
    o = tracker_overzicht(getypte_tracker, VANDAAG)
    assert o.te_laat_na_dagen == 14 and not o.een_ouder_volstaat
    assert o.per_klas["PrO 1A"] == {"nodig": 4, "niet_verstuurd": 2, "verstuurd": 1, "te_laat": 1, "getekend": 0,
                                    "geen_instemming": 0, "niet_nodig": 0, "vervallen": 0, "opnieuw_nodig": 0,
                                    "vervangen": 0, "totaal": 4}
    assert o.per_klas["PrO 2B"] == {"nodig": 6, "niet_verstuurd": 3, "verstuurd": 0, "te_laat": 1, "getekend": 1,
                                    "geen_instemming": 1, "niet_nodig": 0, "vervallen": 0, "opnieuw_nodig": 0,
                                    "vervangen": 0, "totaal": 6}
    assert o.totaal["nodig"] == 10 and o.totaal["te_laat"] == 2 and o.totaal["totaal"] == 10
    assert [(t.leerlingnummer, t.ondertekenaar, t.verstuurd_op, t.dagen) for t in o.te_laat] == [
        ("1001", "mw. M. Berg", dt.date(2026, 10, 1), 31),
        ("1003", "Daan Visser", dt.date(2026, 10, 17), 15),
    ]
    assert (o.te_laat[0].naam, o.te_laat[0].klas, o.te_laat[0].document) == ("Sanne Berg", "PrO 1A",
                                                                              "OPP handelingsdeel")
    # A day later the father's letter is late too; with 30 days only the mother's.
    assert tracker_overzicht(getypte_tracker, VANDAAG + dt.timedelta(days=1)).totaal["te_laat"] == 3
    assert [t.leerlingnummer for t in tracker_overzicht(getypte_tracker, VANDAAG, 30).te_laat] == ["1001"]


def test_overview_reads_the_settings_the_tracker_was_made_with(tmp_path):
    werkboek = schrijf_werkboek(tmp_path / "werkboek.xlsx", *standaard_klas())
    tracker = tmp_path / "t.xlsx"
    settings = Settings.model_validate({"tracker": {"te_laat_na_dagen": 30},
                                        "ondertekening": {"een_ouder_volstaat": True}})
    sync_tracker(open_invoer(werkboek, RONDE, settings), tracker)
    with Secretaresse(tracker) as s:
        s.typ(vind(tracker, "1001", "m. berg")["Sleutel"], "Verstuurd op", VANDAAG - dt.timedelta(days=20))
        s.typ(vind(tracker, "1002", "a. amrani")["Sleutel"], "Ontvangen op", VANDAAG)
    o = tracker_overzicht(tracker, VANDAAG)
    assert (o.te_laat_na_dagen, o.een_ouder_volstaat) == (30, True)
    assert o.totaal["te_laat"] == 0 and o.totaal["niet_nodig"] == 1 and o.totaal["nodig"] == 9
    assert tracker_statussen(tracker, VANDAAG)[vind(tracker, "1002", "f. amrani")["Sleutel"]] is Status.NIET_NODIG


def test_cli_status_prints_the_table_and_json_equals_the_library(getypte_tracker, monkeypatch):
    monkeypatch.chdir(getypte_tracker.parents[2])
    runner = CliRunner()
    uit = runner.invoke(cli, ["tracker", "status", "--datum", "01-11-2026"], catch_exceptions=False)
    assert uit.exit_code == 0, uit.output
    regels = uit.output.splitlines()
    assert regels[0].startswith("Ondertekening op 01-11-2026 (te laat na 14 dagen)")
    assert regels[1].split()[:3] == ["Klas", "Nodig", "Niet"]
    assert regels[4].split() == ["Totaal", "10", "5", "0", "1", "2", "1", "1", "0", "0", "0", "10"]
    assert "Te laat (2):" in regels
    assert any("1001  Sanne Berg (PrO 1A)  OPP handelingsdeel  mw. M. Berg  verstuurd 01-10-2026, 31 dagen" in r
               for r in regels)

    uit = runner.invoke(cli, ["tracker", "status", "--tracker", str(getypte_tracker), "--datum", "2026-11-01",
                              "--json"], catch_exceptions=False)
    assert json.loads(uit.output) == tracker_overzicht(getypte_tracker, VANDAAG).to_dict()


def test_status_without_a_tracker_says_how_to_make_one(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    uit = CliRunner().invoke(cli, ["tracker", "status"], catch_exceptions=False)
    assert uit.exit_code == 2 and "opp tracker sync WERKBOEK" in uit.output
    with pytest.raises(OppError, match="geen tracker"):
        tracker_overzicht(tmp_path / "nergens.xlsx", VANDAAG)


def test_find_tracker_takes_the_latest_school_year(tmp_path):
    for jaar in ("2025-2026", "2026-2027"):
        (tmp_path / "output" / jaar).mkdir(parents=True)
        (tmp_path / "output" / jaar / "ondertekening.xlsx").write_bytes(b"")
    assert zoek_tracker(tmp_path) == tmp_path / "output" / "2026-2027" / "ondertekening.xlsx"


def test_rows_she_added_herself_are_not_counted(getypte_tracker):
    wb = openpyxl.load_workbook(getypte_tracker)
    ws = wb["Ondertekening"]
    ws.append(["9999", "Eigen rij", "PrO 1A"])
    wb.save(getypte_tracker)
    assert tracker_overzicht(getypte_tracker, VANDAAG).totaal["totaal"] == 10
