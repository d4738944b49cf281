"""`opp rapport` on the command line: summary, exit codes, --json, --anoniem, --force, the default folder,
and the signing tracker."""

from __future__ import annotations

import datetime as dt
import json
import types
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from opp.cli import cli
from opp.invoer import open_invoer
from opp.rapport import maak_rapport
from rapport_helpers import DATUM, maak_werkboek

DATUM_ARG = DATUM.strftime("%d-%m-%Y")


@pytest.fixture
def werkboek(tmp_path) -> Path:
    return maak_werkboek(tmp_path / "werkboek.xlsx")


def rapport(*args):
    return CliRunner().invoke(cli, ["rapport", *map(str, args)], catch_exceptions=False)


def test_prints_a_short_dutch_summary(werkboek, tmp_path):
    result = rapport(werkboek, "--datum", DATUM_ARG, "--uit", tmp_path / "uit")
    assert result.exit_code == 0, result.output
    assert "Rapport Praktijkschool Het Anker, schooljaar 2025-2026, op 02-03-2026: 10 leerlingen." in result.output
    assert "1e lijn 80% (norm 80% tot 85%: binnen de norm)" in result.output
    assert "3e lijn 10% (norm hoogstens 5%: boven de norm)" in result.output
    assert "Doelen: 3 van 8 behaald (37,5%)." in result.output
    assert "1 OPP niet op tijd vastgesteld" in result.output
    assert "2 OPP's niet geëvalueerd in het afgelopen jaar" in result.output
    assert "2 aanmeldingen kernteam dit schooljaar" in result.output
    assert (tmp_path / "uit" / "rapport.xlsx").is_file()


def test_json_equals_the_library_result(werkboek, tmp_path):
    uit = tmp_path / "uit"
    result = rapport(werkboek, "--datum", DATUM_ARG, "--uit", uit, "--json")
    assert result.exit_code == 0, result.output
    uitvoer = json.loads(result.output)
    bibliotheek = maak_rapport(open_invoer(werkboek, DATUM), uit, force=True)
    assert uitvoer == bibliotheek.to_dict()
    assert uitvoer["cijfers"]["doelen"]["behaald"] == 3


def test_refuses_to_overwrite_and_names_the_file_and_the_flag(werkboek, tmp_path):
    uit = tmp_path / "uit"
    assert rapport(werkboek, "--datum", DATUM_ARG, "--uit", uit).exit_code == 0
    result = CliRunner().invoke(cli, ["rapport", str(werkboek), "--datum", DATUM_ARG, "--uit", str(uit)])
    assert result.exit_code == 2
    assert f"Fout: '{uit / 'rapport.xlsx'}' bestaat al en wordt niet overschreven. Gebruik --force" in result.output
    assert rapport(werkboek, "--datum", DATUM_ARG, "--uit", uit, "--force").exit_code == 0


def test_anoniem_leaves_the_confidential_sheets_out(werkboek, tmp_path):
    result = rapport(werkboek, "--datum", DATUM_ARG, "--uit", tmp_path / "uit", "--anoniem")
    assert result.exit_code == 0, result.output
    assert "de vertrouwelijke lijsten met namen zijn weggelaten" in result.output
    wb = openpyxl.load_workbook(tmp_path / "uit" / "rapport.xlsx")
    assert not [n for n in wb.sheetnames if n.startswith("Vertrouwelijk")]


def test_default_folder_is_output_schooljaar_rapport(werkboek, tmp_path, monkeypatch):
    # monkeypatch.chdir, not CliRunner.isolated_filesystem: click 8.2+ deprecates the latter.
    cwd = tmp_path / "werkmap"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    result = rapport(werkboek, "--datum", DATUM_ARG)
    assert result.exit_code == 0, result.output
    assert (cwd / "output" / "2025-2026" / "rapport" / "rapport.xlsx").is_file()
    assert (cwd / "output" / "2025-2026" / "rapport" / "grafiek_uitstroom.png").is_file()


def test_exit_1_when_errors_skip_pupils(tmp_path):
    werkboek = maak_werkboek(tmp_path / "werkboek.xlsx", met_fout=True)
    result = rapport(werkboek, "--datum", DATUM_ARG, "--uit", tmp_path / "uit")
    assert result.exit_code == 1, result.output
    assert "1 leerling is overgeslagen door fouten in het werkboek" in result.output
    assert f"opp check {werkboek}" in result.output
    assert (tmp_path / "uit" / "rapport.xlsx").is_file()


def test_a_missing_workbook_is_one_clear_line(tmp_path):
    result = CliRunner().invoke(cli, ["rapport", str(tmp_path / "nergens.xlsx"), "--uit", str(tmp_path)])
    assert result.exit_code == 2
    assert "bestaat niet" in result.output and "Traceback" not in result.output


def test_a_missing_tracker_is_one_clear_line(werkboek, tmp_path):
    result = CliRunner().invoke(cli, ["rapport", str(werkboek), "--datum", DATUM_ARG, "--uit", str(tmp_path / "uit"),
                                      "--tracker", str(tmp_path / "geen.xlsx")])
    assert result.exit_code == 2
    assert "De ondertekenlijst" in result.output and "geen.xlsx" in result.output


# -- signatures overdue ---------------------------------------------------------------------------------------

def test_overdue_signatures_from_the_tracker_interface(werkboek, tmp_path, monkeypatch):
    """The report's side of the tracker: what tracker_overzicht returns lands on the right sheets."""
    gevraagd = {}
    rij = types.SimpleNamespace(leerlingnummer="0900104", naam="Dirkje Wijnberg", klas="PrO 2A", document="OPP",
                                ondertekenaar="mw. Ouder", verstuurd_op=dt.date(2026, 2, 1), dagen=29)

    def tracker_overzicht(tracker, datum, te_laat_na_dagen=14):
        gevraagd.update(tracker=tracker, datum=datum, dagen=te_laat_na_dagen)
        return types.SimpleNamespace(te_laat=[rij], totaal={"verstuurd": 3, "getekend": 5, "label": "tekst"})

    monkeypatch.setattr("opp.rapport.maak.tracker_overzicht", tracker_overzicht)
    tracker = tmp_path / "ondertekenlijst.xlsx"
    tracker.write_bytes(b"")
    (werkboek.parent / "opp.toml").write_text("[tracker]\nte_laat_na_dagen = 21\n", encoding="utf-8")

    resultaat = maak_rapport(open_invoer(werkboek, DATUM), tmp_path / "uit", tracker=tracker)
    assert gevraagd == {"tracker": tracker, "datum": DATUM, "dagen": 21}
    assert resultaat.cijfers["termijnen"]["handtekeningen"] == {
        "te_laat": 1, "te_laat_na_dagen": 21, "totaal": {"verstuurd": 3, "getekend": 5}}
    assert "1 handtekening te laat" in resultaat.samenvatting[4]
    wb = openpyxl.load_workbook(resultaat.rapport)
    ws = wb["Vertrouwelijk handtekeningen"]
    rijen = [r for r in ws.iter_rows(values_only=True) if r[0] == "0900104"]
    assert rijen == [("0900104", "Dirkje Wijnberg", "PrO 2A", "OPP", "mw. Ouder", dt.datetime(2026, 2, 1), 29)]
    assert "Wijnberg" not in repr([c.value for row in wb["Termijnen"].iter_rows() for c in row])

    anoniem = maak_rapport(open_invoer(werkboek, DATUM), tmp_path / "anoniem", tracker=tracker, anoniem=True)
    assert "Vertrouwelijk handtekeningen" not in openpyxl.load_workbook(anoniem.rapport).sheetnames


def test_overdue_signatures_from_a_real_tracker(werkboek, tmp_path):
    """End to end with the tracker of the signing round: one form sent 30 days ago is overdue."""
    from opp.tracker.sync import sync_tracker

    tracker = tmp_path / "ondertekening.xlsx"
    sync_tracker(open_invoer(werkboek, DATUM), tracker)
    wb = openpyxl.load_workbook(tracker)
    ws = wb.worksheets[0]
    kop = {str(c.value).strip().lower(): c.column for c in ws[1] if c.value}
    nummer = ws.cell(2, kop["leerlingnummer"]).value
    ws.cell(2, kop["verstuurd op"], DATUM - dt.timedelta(days=30)).number_format = "dd-mm-yyyy"
    wb.save(tracker)

    resultaat = maak_rapport(open_invoer(werkboek, DATUM), tmp_path / "uit", tracker=tracker)
    handtekeningen = resultaat.cijfers["termijnen"]["handtekeningen"]
    assert handtekeningen["te_laat"] == 1
    assert handtekeningen["totaal"]
    rapport = openpyxl.load_workbook(resultaat.rapport)
    rijen = [r for r in rapport["Vertrouwelijk handtekeningen"].iter_rows(values_only=True) if r[0] == nummer]
    assert len(rijen) == 1 and rijen[0][-1] == 30
