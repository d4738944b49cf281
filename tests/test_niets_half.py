"""Nothing half-done (issue 11): spawn renders the same documents, a replaced document loses its old PDF,
the tracker is never written over a save it did not read, temp files of killed syncs are cleared, a workbook
open in Excel is named, and library warnings reach the user as one Dutch line."""

from __future__ import annotations

import json
import os
import time

import openpyxl
import pytest
from click.testing import CliRunner

from opp.cli import cli
from opp.invoer import open_invoer
from opp.problems import OppError
from opp.render.documents import render
from opp.tracker.layout import BLAD
from opp.tracker.sync import sync_tracker
from opp.werkboek.reader import read_werkboek
from render_helpers import DATUM, compleet_plan, leerling, ouder, own_templates, workbook


def test_spawn_renders_byte_identical_documents(tmp_path, monkeypatch):
    from opp import processen

    pupils = [leerling(f"{i:03d}", roepnaam=f"Kind{i}") for i in range(4)]
    wb = workbook(tmp_path, pupils, [ouder(p["leerlingnummer"]) for p in pupils])
    tpl = own_templates(tmp_path / "tpl")
    # each its own register: a shared one would find the second run's documents unchanged (and write none)
    standaard = render(open_invoer(wb, DATUM), uit=tmp_path / "standaard", templates=tpl, jobs=2,
                       register=tmp_path / "standaard" / "r.sqlite")
    monkeypatch.setattr(processen, "START_METHOD", "spawn")
    assert processen.context().get_start_method() == "spawn"
    spawn = render(open_invoer(wb, DATUM), uit=tmp_path / "spawn", templates=tpl, jobs=2,
                   register=tmp_path / "spawn" / "r.sqlite")
    assert len(spawn.geschreven) == len(standaard.geschreven) == 8  # OPP and IOP; no kernteam referral
    for a, b in zip(standaard.geschreven, spawn.geschreven, strict=True):
        assert a.name == b.name and a.read_bytes() == b.read_bytes()


def test_render_force_without_pdf_removes_the_old_pdf(tmp_path):
    """--force replaces a file the versions register does not know (here: written without it); the old
    PDF beside it goes first. A document the register knows is not rewritten, so its PDF stays current."""
    wb = workbook(tmp_path)
    tpl = own_templates(tmp_path / "tpl")
    eerste = render(open_invoer(wb, DATUM), uit=tmp_path / "uit", templates=tpl, jobs=1, documenten=["opp"],
                    register=False)
    oud = eerste.geschreven[0].with_suffix(".pdf")
    oud.write_bytes(b"%PDF- oud, zonder de naam van moeder")
    tweede = render(open_invoer(wb, DATUM), uit=tmp_path / "uit", templates=tpl, jobs=1, documenten=["opp"], force=True)
    assert tweede.pdf_verwijderd == [oud] and not oud.exists()
    assert tweede.to_dict()["pdf_verwijderd"] == [str(oud)]
    eerste.geschreven[0].write_bytes(b"niet door opp geschreven")  # unknown again, also to a rebuilt register
    (tmp_path / "opp-register.sqlite").unlink()
    oud.write_bytes(b"%PDF- oud")
    uitvoer = CliRunner().invoke(cli, ["render", str(wb), "--uit", str(tmp_path / "uit"), "--templates", str(tpl),
                                       "--document", "opp", "--force", "--jobs", "1", "--datum", "22-11-2026"],
                                 catch_exceptions=False)
    assert uitvoer.exit_code == 0 and "1 oude PDF verwijderd" in uitvoer.output and not oud.exists()


# --- the tracker and a save by the secretary during a sync ----------------------------------------------------

def _haar_opslag(tracker, tekst):
    """The secretary types a remark and saves (openpyxl stands in for Excel)."""
    wb = openpyxl.load_workbook(tracker)
    ws = wb[BLAD]
    kolom = [c.value for c in ws[1]].index("Opmerking") + 1
    ws.cell(2, kolom, tekst)
    wb.save(tracker)
    return kolom


def test_a_save_during_the_sync_is_kept(tmp_path, monkeypatch):
    from opp.tracker import sync as sync_module

    # A complete OPP: a concept would have no rows in the round.
    wb = workbook(tmp_path, [leerling(inbreng_leerling="Ik werk graag buiten.")], **compleet_plan())
    tracker = tmp_path / "t.xlsx"
    sync_tracker(open_invoer(wb, DATUM), tracker)
    echt = sync_module.schrijf_overzicht
    keer = []

    def tussendoor(*args, **kwargs):  # between the sync's read and its write
        echt(*args, **kwargs)
        if not keer:
            keer.append(_haar_opslag(tracker, "gebeld met moeder"))

    monkeypatch.setattr(sync_module, "schrijf_overzicht", tussendoor)
    result = sync_tracker(open_invoer(wb, DATUM), tracker)
    assert result.opnieuw and keer
    ws = openpyxl.load_workbook(tracker)[BLAD]
    assert ws.cell(2, keer[0]).value == "gebeld met moeder"
    assert result.rijen == ws.max_row - 1


def test_a_tracker_saved_again_and_again_stops_naming_the_backup(tmp_path, monkeypatch):
    from opp.tracker import sync as sync_module

    wb = workbook(tmp_path)
    tracker = tmp_path / "t.xlsx"
    sync_tracker(open_invoer(wb, DATUM), tracker)
    echt = sync_module.schrijf_overzicht
    teller = iter(range(100))

    def steeds(*args, **kwargs):
        echt(*args, **kwargs)
        _haar_opslag(tracker, f"opslag {next(teller)}")

    monkeypatch.setattr(sync_module, "schrijf_overzicht", steeds)
    with pytest.raises(OppError, match=r"t\.backup-"):
        sync_tracker(open_invoer(wb, DATUM), tracker)
    ws = openpyxl.load_workbook(tracker)[BLAD]
    assert "opslag 1" in [c.value for c in ws[2]]  # her last save is what is on disk


def test_a_sync_clears_temp_files_of_interrupted_syncs(tmp_path):
    wb = workbook(tmp_path)
    tracker = tmp_path / "t.xlsx"
    oud = [tmp_path / ".t.abcd1234.xlsx.tmp", tmp_path / ".t.backup-20261122-101010.zz99yy88.xlsx.tmp"]
    vers = tmp_path / ".t.new00000.xlsx.tmp"  # another sync may be writing it right now
    anders = [tmp_path / ".ander.abcd1234.xlsx.tmp", tmp_path / "t.xlsx.tmp"]
    for pad in [*oud, vers, *anders]:
        pad.write_bytes(b"half")
    lang_geleden = time.time() - 3600
    for pad in [*oud, *anders]:
        os.utime(pad, (lang_geleden, lang_geleden))
    result = sync_tracker(open_invoer(wb, DATUM), tracker)
    assert sorted(result.tijdelijk_verwijderd) == sorted(oud)
    assert not any(p.exists() for p in oud) and vers.exists() and all(p.exists() for p in anders)


# --- a workbook open in Excel, and library warnings -----------------------------------------------------------

def test_a_workbook_open_in_excel_is_a_warning(tmp_path):
    wb = workbook(tmp_path)
    assert not [i for i in read_werkboek(wb, DATUM).report.issues if i.code == "werkboek-geopend"]
    (tmp_path / "~$werkboek.xlsx").write_bytes(b"\x0bExcel-eigenaar")
    report = read_werkboek(wb, DATUM).report
    geopend = [i for i in report.issues if i.code == "werkboek-geopend"]
    assert len(geopend) == 1 and not geopend[0].is_fout and report.ok
    uitvoer = CliRunner().invoke(cli, ["check", str(wb), "--datum", "22-11-2026"], catch_exceptions=False)
    assert "[werkboek-geopend]" in uitvoer.output and uitvoer.exit_code == 0
    uitvoer = CliRunner().invoke(cli, ["render", str(wb), "--uit", str(tmp_path / "uit"), "--jobs", "1",
                                       "--datum", "22-11-2026"], catch_exceptions=False)
    assert uitvoer.exit_code == 0 and "~$werkboek.xlsx" in uitvoer.output
    result = sync_tracker(open_invoer(wb, DATUM), tmp_path / "t.xlsx")
    assert any("~$werkboek.xlsx" in w for w in result.waarschuwingen)


def _datum_buiten_bereik(tmp_path):
    """A Geboortedatum cell with a date format but the number 1e308: openpyxl warns while reading it."""
    pad = workbook(tmp_path)
    wb = openpyxl.load_workbook(pad)
    ws = wb["Leerlingen"]
    kolom = [c.value for c in ws[1]].index(next(c.value for c in ws[1] if str(c.value).startswith("Geboortedatum")))
    cel = ws.cell(2, kolom + 1)
    cel.value, cel.number_format = 1e308, "dd-mm-yyyy"
    wb.save(pad)
    return pad, cel.coordinate


def test_a_date_cell_outside_excels_dates_is_a_located_problem(tmp_path):
    """openpyxl warned about this cell; calamine reads the number, and the check locates it."""
    pad, cel = _datum_buiten_bereik(tmp_path)
    uitvoer = CliRunner().invoke(cli, ["check", str(pad), "--datum", "22-11-2026", "--json"], catch_exceptions=False)
    assert uitvoer.exit_code == 1 and "Warning" not in uitvoer.output
    rapport = json.loads(uitvoer.output)
    assert [(p["code"], p["rij"], p["kolom"]) for p in rapport["problemen"] if p["kolom"] == "Geboortedatum"] == [
        ("ongeldige-datum", int(cel[1:]), "Geboortedatum")]


@pytest.mark.filterwarnings("always::UserWarning")  # the CLI, not the test, is to handle this warning
def test_a_library_warning_is_one_dutch_line(tmp_path, monkeypatch):
    """A warning a library gives during a command (here openpyxl's, as it gives it from its own file)."""
    import warnings

    from opp.werkboek import reader

    origineel = reader.read_raw

    def waarschuwt(pad):
        warnings.warn_explicit("Cell B2 is marked as a date but the serial value 1e+308 is outside the limits for "
                               "dates. The cell will be treated as an error.", UserWarning,
                               "/venv/lib/python3.11/site-packages/openpyxl/worksheet/_reader.py", 223)
        return origineel(pad)

    monkeypatch.setattr(reader, "read_raw", waarschuwt)
    pad = workbook(tmp_path)
    uitvoer = CliRunner().invoke(cli, ["check", str(pad), "--datum", "22-11-2026"], catch_exceptions=False)
    regels = [r for r in uitvoer.output.splitlines() if r.startswith("Let op:")]
    assert len(regels) == 1 and "B2" in regels[0] and "datum" in regels[0], uitvoer.output
    assert "UserWarning" not in uitvoer.output and "site-packages" not in uitvoer.output
    with pytest.warns(UserWarning, match="is marked as a date"):  # --debug: the original, as Python shows it
        debug = CliRunner().invoke(cli, ["--debug", "check", str(pad), "--datum", "22-11-2026"],
                                   catch_exceptions=False)
    assert "Let op:" not in debug.output


def test_an_unknown_warning_names_the_library_without_a_path():
    from opp.waarschuwingen import bibliotheek, vertaal

    pad = "/venv/lib/python3.11/site-packages/docxcompose/composer.py"
    assert bibliotheek(pad) == "docxcompose"
    tekst = vertaal("something odd happened", pad)
    assert "docxcompose" in tekst and "/" not in tekst and "--debug" in tekst
