"""`opp check`: exit codes 0/1/2, one clear line for unusable input, --json equal to the library's report."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from conftest import DATA, DATUM, klas
from opp.cli import cli
from opp.data import demo_folder
from opp.invoer import open_invoer
from opp.problems import OppError
from test_werkboek_unusable import GOOD_CSV, UNUSABLE


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.mark.parametrize("name", sorted(UNUSABLE))
def test_unusable_input_exits_2_with_one_line(name):
    result = run("check", str(DATA / name), "--datum", "22-11-2026")
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Fout: ") and UNUSABLE[name] in lines[0]
    assert "Traceback" not in result.output


def test_debug_shows_the_traceback():
    with pytest.raises(OppError, match="bestaat niet"):
        run("--debug", "check", str(DATA / "bestaat-niet.xlsx"))


def test_valid_workbook_exits_0_with_a_summary():
    result = run("check", str(DATA / "csv-puntkomma"), "--datum", "22-11-2026")
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "2 leerlingen, 0 fouten, 0 waarschuwingen"


def test_data_problems_exit_1_with_located_lines():
    result = run("check", str(DATA / "fouten.xlsx"), "--datum", "22-11-2026")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert ("fout  Blad 'Doelen', rij 2, kolom 'Status': 'klaar' is geen geldige keuze (kies uit: nog niet "
            "gestart, bezig, behaald, deels behaald, niet behaald)  [ongeldige-keuze]") in [ln.strip() for ln in lines]
    assert any("Blad 'Leerlingen', rij 2, kolom 'Geboortedatum': '31-02-2012'" in ln for ln in lines)
    assert any("[privacy-kolom-genegeerd]" in ln and ln.strip().startswith("waarschuwing") for ln in lines)
    assert lines[-1] == "2 leerlingen, 3 fouten, 1 waarschuwing"
    assert "999999990" not in result.output  # the BSN in the file


@pytest.mark.parametrize("path", [DATA / "fouten.xlsx", DATA / GOOD_CSV[0], demo_folder() / "werkboek.xlsx"],
                         ids=["fouten", "csv", "demo"])
def test_json_equals_the_library_report(path):
    result = run("check", str(path), "--datum", "22-11-2026", "--json")
    assert json.loads(result.output) == open_invoer(path, DATUM).report.to_dict()
    assert result.exit_code == (0 if open_invoer(path, DATUM).report.ok else 1)


def test_json_of_a_workbook_with_warnings_only(maak_werkboek):
    rows = klas()
    rows["Doelen"][0]["status"] = "behaald"
    result = run("check", str(maak_werkboek(rows)), "--datum", "22-11-2026", "--json")
    data = json.loads(result.output)
    assert result.exit_code == 0 and data["ok"] is True
    assert data["aantal_waarschuwingen"] == 1 and data["problemen"][0]["code"] == "evaluatie-ontbreekt"
    assert data["problemen"][0]["tekst"].startswith("Blad 'Doelen', rij 2, kolom 'Evaluatie': ")


def test_datum_decides_ages(maak_werkboek):
    import datetime as dt
    rows = klas()
    rows["Leerlingen"][0]["geboortedatum"] = dt.date(2016, 12, 1)
    path = str(maak_werkboek(rows))
    assert run("check", path, "--datum", "22-11-2026").exit_code == 1
    assert run("check", path, "--datum", "2026-12-01").exit_code == 0


def test_unreadable_datum_option_is_a_usage_error(maak_werkboek):
    result = CliRunner().invoke(cli, ["check", str(maak_werkboek()), "--datum", "morgen"])
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_python_dash_m_opp_runs_check():
    import subprocess
    import sys
    done = subprocess.run([sys.executable, "-m", "opp", "check", str(DATA / "oud.xls")], capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 2 and done.stderr.startswith("Fout: ") and "Traceback" not in done.stderr


def test_output_read_by_a_reader_that_stops_says_nothing_more():
    """`opp check werkboek.xlsx | head -1`: the reader closes the pipe; that is no failure of opp to report."""
    import subprocess
    import sys
    with subprocess.Popen([sys.executable, "-m", "opp", "check", str(DATA / "fouten.xlsx"), "--datum",
                           "22-11-2026"], stdout=subprocess.PIPE, stderr=subprocess.PIPE) as proces:
        assert proces.stdout is not None and proces.stderr is not None
        proces.stdout.close()  # nobody reads: the first line written finds the pipe closed
        fouten = proces.stderr.read().decode()
        assert proces.wait(timeout=60) == 2
    assert fouten == ""


def test_a_working_folder_points_at_its_workbook(tmp_path):
    assert run("init", str(tmp_path / "school")).exit_code == 0
    result = run("check", str(tmp_path / "school"))
    assert result.exit_code == 2
    # The workbook is named, and no command: the same folder given to `opp render` must not be told to check.
    assert f"Bedoelt u het werkboek '{tmp_path / 'school' / 'werkboek.xlsx'}'?" in result.stderr
    assert "opp check" not in result.stderr
