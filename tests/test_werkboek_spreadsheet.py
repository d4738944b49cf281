"""The spreadsheet reader (python-calamine): cells read as openpyxl read them, .ods as .xlsx, XML bombs harmless."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from conftest import DATA, DATUM, enig, klas, lees, plaats
from opp.cli import cli
from opp.data import demo_folder
from opp.problems import OppError
from opp.werkboek.reader import read_raw, read_werkboek
from render_helpers import document_text

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
from make_corpus import BILLION_LAUGHS  # noqa: E402


def _raw(path: Path) -> dict:
    with read_raw(path) as raw:
        return {s.name: (list(s.headers), list(s.rows)) for s in raw.sheets.values()}


def _odd_workbook(path: Path) -> Path:
    """Everything a typed workbook holds that a reader can get wrong."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Blad"
    ws["B1"], ws["D1"] = "Kop B", "Kop D"  # column A empty, a gap in the header row
    ws["B2"], ws["C2"], ws["D2"], ws["E2"] = "000123", 123, 1.5, True
    ws["B3"], ws["C3"], ws["D3"] = dt.date(2026, 3, 12), dt.datetime(2026, 3, 12, 10, 30), "12-03-2026"
    ws["E3"] = "   "  # only spaces: the row still has data
    ws["B4"] = "   "  # a row of only spaces is empty
    ws["B6"], ws["C6"] = 2 ** 40, -3  # row 5 empty
    ws["B7"] = "samengevoegd"
    ws.merge_cells("B7:D8")
    ws["C9"] = "regel 1\nregel 2"
    late = wb.create_sheet("Laat")  # the first cell in C3: rows and columns keep their Excel numbers
    late["C3"] = "x"
    wb.create_sheet("Leeg")
    wb.save(path)
    return path


def _openpyxl_rows(path: Path) -> dict:
    """What the reader gave before calamine: openpyxl's read-only rows, empty rows dropped."""
    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    out = {}
    for ws in wb.worksheets:
        rows = list(ws.iter_rows(values_only=True))
        headers = list(rows[0]) if rows else []
        body = [(n, list(r)) for n, r in enumerate(rows[1:], start=2)
                if any(v is not None and str(v).strip() for v in r)]
        out[ws.title] = (headers, body)
    wb.close()
    return out


def _same(value):
    """openpyxl gives a date cell as a datetime at midnight; calamine as a date. Trailing empties do not count."""
    if isinstance(value, list):
        value = [_same(v) for v in value]
        while value and value[-1] is None:
            value.pop()
        return value
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        return value.date()
    return value


def test_cells_read_as_openpyxl_read_them(tmp_path):
    path = _odd_workbook(tmp_path / "w.xlsx")
    ours, theirs = _raw(path), _openpyxl_rows(path)
    assert ours.keys() == theirs.keys()
    for name in ours:
        headers, rows = ours[name]
        assert _same(headers) == _same(theirs[name][0]), name
        assert [(n, _same(r)) for n, r in rows] == [(n, _same(r)) for n, r in theirs[name][1]], name
        for (_, ours_row), (_, their_row) in zip(rows, theirs[name][1], strict=True):
            # Trailing empty cells do not count (the .xlsx reader streams rows without padding them).
            assert [type(_same(v)) for v in _same(ours_row)] == [type(_same(v)) for v in _same(their_row)]
    headers, rows = ours["Blad"]
    assert headers[:4] == [None, "Kop B", None, "Kop D"]
    assert dict(rows)[2][1:5] == ["000123", 123, 1.5, True]  # leading zeros kept; a whole number is an int
    assert dict(rows)[3][1:5] == [dt.date(2026, 3, 12), dt.datetime(2026, 3, 12, 10, 30), "12-03-2026", "   "]
    assert [n for n, _ in rows] == [2, 3, 6, 7, 9]  # rows 4 (spaces), 5 and 8 (merged, empty) skipped
    assert dict(rows)[9][2] == "regel 1\nregel 2"
    assert _same(ours["Laat"][0]) == [] and ours["Laat"][1] == [(3, [None, None, "x"])]
    assert ours["Leeg"] == ([], [])


def test_an_error_cell_reads_as_empty(tmp_path):
    """calamine gives no value for #N/A (openpyxl gave the text '#N/A', which could end up in a document)."""
    rows = klas("001")
    path = tmp_path / "w.xlsx"
    from opp.werkboek.blank import write_workbook
    write_workbook(path, rows, {"naam": "S", "samenwerkingsverband": "SWV", "schooljaar": "2026-2027",
                                "schooltype": "praktijkonderwijs"})
    wb = openpyxl.load_workbook(path)
    wb["Leerlingen"]["I2"] = "#N/A"  # Mentor*
    wb["Leerlingen"]["I2"].data_type = "e"
    wb.save(path)
    issue = enig(lees(path).report, "waarde-ontbreekt")
    assert plaats(issue) == ("Leerlingen", 2, "Mentor")


def test_a_chart_sheet_is_not_a_sheet_of_the_workbook(maak_werkboek):
    path = maak_werkboek()
    wb = openpyxl.load_workbook(path)
    wb.create_chartsheet("Grafiek")
    wb.save(path)
    assert "Grafiek" not in _raw(path)
    assert lees(path).report.issues == []


linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"),
                                reason="de test volgt processen via /proc (Linux)")


def _helpers(parent: int) -> list[int]:
    """Living (not zombie) child processes of `parent` that run the parse helper."""
    out = []
    for entry in Path("/proc").iterdir():
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes()
        except (OSError, ValueError):
            continue
        state, ppid = stat.rsplit(")", 1)[1].split()[:2]
        if int(ppid) == parent and state != "Z" and b"parse_child.py" in cmdline:
            out.append(int(entry.name))
    return out


def test_the_helper_process_ends_with_the_workbook(maak_werkboek):
    before = threading.active_count()
    with read_raw(maak_werkboek()) as raw:
        if sys.platform.startswith("linux"):
            assert len(_helpers(os.getpid())) == 1
        for sheet in raw.sheets.values():
            list(sheet.rows)
    assert threading.active_count() == before
    if sys.platform.startswith("linux"):
        assert _helpers(os.getpid()) == []  # ended and waited for: no zombie either


def test_rows_read_in_any_order_are_all_there(maak_werkboek):
    """Sheets stream one after another through one pipe: a sheet opened but read later is asked for again."""
    path = maak_werkboek()
    expected = _raw(path)
    with read_raw(path) as raw:
        sheets = list(raw.sheets.values())
        for sheet in sheets:
            assert sheet.headers is not None  # every sheet opened first
        rows = iter(sheets[-1].rows)
        first = next(rows, None)
        got = {s.name: list(s.rows) for s in reversed(sheets[:-1])}  # read back to front, the last one halfway
        got[sheets[-1].name] = [first, *rows] if first else []
    assert got == {name: rows for name, (_, rows) in expected.items()}


@linux_only
def test_the_helper_process_ends_when_its_reader_is_killed(maak_werkboek):
    probe = ("import sys, time; from opp.werkboek.reader import read_raw\n"
             "raw = read_raw(sys.argv[1]); raw.sheets['leerlingen'].headers; print('open', flush=True); time.sleep(60)")
    with subprocess.Popen([sys.executable, "-c", probe, str(maak_werkboek())], stdout=subprocess.PIPE,
                          text=True) as proc:
        try:
            assert proc.stdout is not None and proc.stdout.readline().strip() == "open"
            (helper,) = _helpers(proc.pid)
        finally:
            proc.kill()  # SIGKILL: no chance to close the workbook
    deadline = time.monotonic() + 5
    while Path(f"/proc/{helper}").exists() and time.monotonic() < deadline:
        stat = Path(f"/proc/{helper}/stat").read_text() if Path(f"/proc/{helper}").exists() else ""
        if stat and stat.rsplit(")", 1)[1].split()[0] == "Z":
            break
        time.sleep(0.05)
    else:
        assert not Path(f"/proc/{helper}").exists(), "het leesproces leeft nog na de kill"


# The parse helper gives a small sheet to calamine and streams a large one (parse_child.CALAMINE_TOT); "0"
# makes it stream every sheet, so both paths meet the damaged and hostile files.
PARSERS = pytest.mark.parametrize("calamine_tot", [None, "0"], ids=["klein-calamine", "alles-stroom"])


@PARSERS
def test_a_damaged_sheet_is_one_clear_error_when_it_is_read(maak_werkboek, tmp_path, monkeypatch, calamine_tot):
    if calamine_tot is not None:
        monkeypatch.setenv("OPP_CALAMINE_TOT", calamine_tot)
    path = maak_werkboek()
    broken = tmp_path / "kapot.xlsx"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(broken, "w") as out:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "xl/worksheets/sheet3.xml":  # Leerlingen: cut off halfway
                data = data[: len(data) // 2]
            out.writestr(info, data)
    with pytest.raises(OppError, match="geen leesbaar Excel-werkboek"):
        lees(broken)


def _with_bomb(path: Path, member: str, padding: int) -> Path:
    """The workbook with one part replaced by a billion-laughs bomb, its DTD after `padding` bytes of comment
    (so the check of a part's start misses it and only the parser stands between the bomb and memory)."""
    comment = b"<!--" + b" " * padding + b"-->" if padding else b""
    declaration, rest = BILLION_LAUGHS.split(b"\n", 1)
    bomb = declaration + b"\n" + comment + rest
    if member.endswith("sharedStrings.xml"):
        bomb = bomb.split(b"<worksheet")[0] + (
            b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">'
            b"<si><t>&lol9;</t></si></sst>")
    out = path.with_name(f"bom-{padding}-{Path(member).stem}.xlsx")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename != member:
                dst.writestr(info, src.read(info.filename))
        dst.writestr(member, bomb)  # calamine reads xl/sharedStrings.xml whenever it is there
    return out


@PARSERS
@pytest.mark.parametrize("member", ["xl/sharedStrings.xml", "xl/worksheets/sheet3.xml"])
@pytest.mark.parametrize("padding", [0, 100_000])
def test_an_xml_bomb_is_refused_without_expanding(maak_werkboek, member, padding, monkeypatch, calamine_tot):
    if calamine_tot is not None:
        monkeypatch.setenv("OPP_CALAMINE_TOT", calamine_tot)
    path = _with_bomb(maak_werkboek(), member, padding)
    # In a process of its own, to measure its memory and its parse helper's: a billion laughs expanded is 3 GB.
    # The process's own peak is its VmHWM: ru_maxrss survives exec on Linux and would count the test run's own
    # peak. The helper's is RUSAGE_CHILDREN (it inherits only this small process's peak).
    probe = ("import resource, sys, datetime as dt; from opp.problems import OppError;"
             "from opp.werkboek.reader import read_werkboek\n"
             "try:\n    read_werkboek(sys.argv[1], dt.date(2026, 11, 22)); print('gelezen')\n"
             "except OppError as e:\n    print(e.bericht)\n"
             "helper = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
             "try:\n    hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM:')][0]\n"
             "    print(max(int(hwm.split()[1]), helper) // 1024)\n"
             "except OSError:\n    print(max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, helper) // 1024)")
    result = subprocess.run([sys.executable, "-c", probe, str(path)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    bericht, megabytes = result.stdout.strip().splitlines()
    assert int(megabytes) < 250
    if padding:  # the DTD is past the part's start: calamine's parser refuses the undefined entity
        assert "geen leesbaar Excel-werkboek" in bericht or "niet veilig te lezen" in bericht
    else:
        assert "niet veilig te lezen" in bericht


def test_fouten_ods_and_xlsx_give_the_same_json(tmp_path):
    runner = CliRunner()
    outputs = [runner.invoke(cli, ["check", str(DATA / name), "--datum", "22-11-2026", "--json"],
                             catch_exceptions=False) for name in ("fouten.xlsx", "fouten.ods")]
    assert outputs[0].exit_code == outputs[1].exit_code == 1
    assert outputs[0].output == outputs[1].output


def test_an_excel_workbook_named_ods_says_so(maak_werkboek, tmp_path):
    renamed = tmp_path / "werkboek.ods"
    shutil.copy(maak_werkboek(), renamed)
    with pytest.raises(OppError, match="is een Excel-werkboek, al eindigt de naam op .ods"):
        lees(renamed)


@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None,
                    reason="LibreOffice (soffice) is niet geïnstalleerd; .ci/run installeert het")
def test_the_demo_saved_by_libreoffice_as_ods_gives_the_same_problems_and_documents(tmp_path):
    xlsx = tmp_path / "werkboek.xlsx"
    shutil.copy(demo_folder() / "werkboek.xlsx", xlsx)
    subprocess.run(["soffice", f"-env:UserInstallation={(tmp_path / 'profiel').as_uri()}", "--headless",
                    "--convert-to", "ods", "--outdir", str(tmp_path / "ods"), str(xlsx)],
                   check=True, capture_output=True, timeout=180)
    ods = tmp_path / "ods" / "werkboek.ods"
    for name in ("opp.toml",):  # the settings and attachments beside the workbook
        shutil.copy(demo_folder() / name, ods.parent / name)
    for extra in demo_folder().iterdir():
        if extra.is_dir():
            shutil.copytree(extra, ods.parent / extra.name)

    a, b = read_werkboek(xlsx, DATUM), read_werkboek(ods, DATUM)
    assert [(i.code, plaats(i)) for i in b.report.issues] == [(i.code, plaats(i)) for i in a.report.issues]
    assert list(b.dossiers) == list(a.dossiers) and len(a.dossiers) == 12
    assert all(b.dossiers[nr] == a.dossiers[nr] for nr in a.dossiers)
    assert b.school == a.school

    texts = []
    for source in (xlsx, ods):
        uit = tmp_path / f"uit-{source.suffix[1:]}"
        result = CliRunner().invoke(cli, ["render", str(source), "--uit", str(uit), "--datum", "22-11-2026"],
                                    catch_exceptions=False)
        assert result.exit_code == 0, result.output
        texts.append({p.relative_to(uit): document_text(p) for p in sorted(uit.rglob("*.docx"))})
    assert len(texts[0]) == 26
    assert texts[0] == texts[1]
