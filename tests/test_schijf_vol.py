"""A full disk (or a full temp folder) is one SchijfVol naming the folder, exit 2, no traceback, and no
empty or truncated .docx/.pdf/.xlsx/.zip left behind (issue 11, nothing half-done).

Every writer is tested twice: with a write made to raise ENOSPC, and on a real 2 MB-class tmpfs where the
machine allows mounting one (CI runs as root)."""

from __future__ import annotations

import errno
import pathlib
import shutil
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from opp.cli import cli
from opp.data import demo_folder
from opp.files import atomic_write
from opp.invoer import open_invoer
from opp.problems import SchijfVol
from opp.render.documents import render
from opp.werkboek.reader import read_werkboek
from render_helpers import DATUM, own_templates, workbook
from test_geen_wezen import _geen_kapotte_bestanden


def _enospc(*_args, **_kwargs):
    raise OSError(errno.ENOSPC, "No space left on device")


def _geen_tmp(folder: Path) -> None:
    assert not [p for p in folder.rglob("*.tmp") if p.is_file()], "een tijdelijk bestand bleef staan"


@pytest.mark.parametrize("code", [errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)])
def test_atomic_write_names_the_folder_and_leaves_nothing(tmp_path, code):
    def write(tmp):
        Path(tmp).write_bytes(b"half")
        raise OSError(code, "vol")

    with pytest.raises(SchijfVol) as info:
        atomic_write(tmp_path / "a.docx", write)
    assert info.value.map == tmp_path and not info.value.tijdelijk
    assert list(tmp_path.iterdir()) == []


def test_render_with_a_full_disk(tmp_path, monkeypatch):
    wb = workbook(tmp_path)
    tpl = own_templates(tmp_path / "tpl")
    monkeypatch.setattr(pathlib.Path, "write_bytes", _enospc)
    with pytest.raises(SchijfVol) as info:
        render(open_invoer(wb, DATUM), uit=tmp_path / "uit", templates=tpl, jobs=1)
    assert info.value.map == tmp_path / "uit"
    assert not list((tmp_path / "uit").rglob("*.docx"))
    _geen_tmp(tmp_path / "uit")


def _openpyxl_vol(monkeypatch):
    """openpyxl's save fails halfway and leaves its ZipFile open (its __del__ must not print a traceback)."""
    from openpyxl.writer.excel import ExcelWriter

    def write_data(self):
        self._archive.writestr("half.xml", b"<x/>")
        _enospc()

    monkeypatch.setattr(ExcelWriter, "write_data", write_data)


def test_tracker_save_with_a_full_disk_keeps_the_old_tracker(tmp_path, monkeypatch):
    from opp.tracker.sync import sync_tracker

    wb = workbook(tmp_path)
    tracker = tmp_path / "ronde" / "t.xlsx"
    tracker.parent.mkdir()  # a new tracker is made only in a folder that exists
    sync_tracker(open_invoer(wb, DATUM), tracker)
    voor = tracker.read_bytes()
    _openpyxl_vol(monkeypatch)
    with pytest.raises(SchijfVol) as info:
        sync_tracker(open_invoer(wb, DATUM), tracker)
    assert info.value.map == tracker.parent
    assert tracker.read_bytes() == voor
    _geen_tmp(tmp_path)


def test_report_with_a_full_disk(tmp_path, monkeypatch):
    from opp.rapport import maak_rapport

    wb = workbook(tmp_path)
    _openpyxl_vol(monkeypatch)
    with pytest.raises(SchijfVol) as info:
        maak_rapport(open_invoer(wb, DATUM), tmp_path / "rapport")
    assert info.value.map == tmp_path / "rapport"
    assert not (tmp_path / "rapport" / "rapport.xlsx").exists()
    _geen_tmp(tmp_path)


def test_dossier_zip_with_a_full_disk(tmp_path, monkeypatch):
    from opp.dossier import maak_alle_dossiers

    werk = tmp_path / "werk"
    shutil.copytree(demo_folder(), werk)
    echt = zipfile.ZipFile.writestr

    def writestr(self, *args, **kwargs):  # only the dossier's zip on disk: a .docx is zipped in memory
        if str(self.filename or "").endswith(".zip.tmp"):
            _enospc()
        return echt(self, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "writestr", writestr)
    with pytest.raises(SchijfVol) as info:
        maak_alle_dossiers(open_invoer(werk / "werkboek.xlsx", DATUM), tmp_path / "tlv")
    assert info.value.map == tmp_path / "tlv"
    assert not list((tmp_path / "tlv").glob("*.zip"))
    _geen_tmp(tmp_path / "tlv")


def test_a_pdf_libreoffice_did_not_finish_is_removed_and_a_full_disk_named(tmp_path, monkeypatch):
    from opp.render import pdf

    docx = own_templates(tmp_path / "docs")
    files = sorted(docx.glob("*.docx"))

    def half_pdf(command, *_):  # LibreOffice stops halfway without a word, as on a full disk
        outdir = Path(command[command.index("--outdir") + 1])
        for f in command[command.index("--outdir") + 2:]:
            (outdir / f"{Path(f).stem}.pdf").write_bytes(b"%PDF-1.7\n1 0 obj")

    monkeypatch.setattr(pdf, "soffice", lambda: "soffice")
    monkeypatch.setattr(pdf, "uno_python", lambda: None)  # the --convert-to path (test_pdf.py has the UNO one)
    monkeypatch.setattr(pdf, "_run_guarded", half_pdf)
    monkeypatch.setattr(pdf, "FULL_BELOW", 0)  # first: space enough, so it is a failed conversion
    result = pdf.convert_to_pdf(files, jobs=1)
    assert result.pdf == [] and result.mislukt == files
    assert not list(docx.rglob("*.pdf"))  # never counted, never left
    monkeypatch.setattr(pdf, "FULL_BELOW", 1 << 62)  # then: no space left
    with pytest.raises(SchijfVol) as info:
        pdf.convert_to_pdf(files, jobs=1)
    assert info.value.map == docx and not list(docx.rglob("*.pdf"))


def test_pdf_is_whole_only_for_a_finished_pdf(tmp_path):
    from pypdf import PdfWriter

    from opp.render.pdf import pdf_is_whole

    goed = tmp_path / "goed.pdf"
    writer = PdfWriter()
    writer.add_blank_page(100, 100)
    with open(goed, "wb") as fh:
        writer.write(fh)
    assert pdf_is_whole(goed)
    zonder_pagina = tmp_path / "zonder.pdf"
    with open(zonder_pagina, "wb") as fh:
        PdfWriter().write(fh)
    heel = goed.read_bytes()
    xref = int(heel.rsplit(b"startxref", 1)[1].split()[0])
    verschoven = heel.replace(f"startxref\n{xref}".encode(), f"startxref\n{xref - 7}".encode())
    for naam, data in [("leeg.pdf", b""), ("geen.pdf", b"hallo"), ("half.pdf", heel[:-40]),
                       ("eof.pdf", b"%PDF-1.7\n%%EOF\n"), ("midden.pdf", heel[:len(heel) // 2] + heel[-60:]),
                       ("xref.pdf", verschoven), ("zonder.pdf", zonder_pagina.read_bytes())]:
        (tmp_path / naam).write_bytes(data)
        assert not pdf_is_whole(tmp_path / naam), naam
    assert not pdf_is_whole(tmp_path / "ontbreekt.pdf")


def test_a_full_temp_folder_while_reading(tmp_path, monkeypatch):
    from opp.werkboek import store

    echt = sqlite3.connect

    class Vol:
        def __init__(self, *args, **kwargs):
            self._db = echt(*args, **kwargs)

        def execute(self, *args):
            return self._db.execute(*args)

        def executemany(self, *args):
            raise sqlite3.OperationalError("database or disk is full")

        def close(self):
            self._db.close()

    wb = workbook(tmp_path)
    monkeypatch.setattr(store.sqlite3, "connect", Vol)
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    with pytest.raises(SchijfVol) as info:
        read_werkboek(wb, DATUM)
    assert info.value.tijdelijk


def test_cli_full_disk_is_one_dutch_line_exit_2(tmp_path, monkeypatch):
    wb = workbook(tmp_path)
    monkeypatch.setattr(pathlib.Path, "write_bytes", _enospc)
    result = CliRunner().invoke(cli, ["render", str(wb), "--uit", str(tmp_path / "uit"), "--jobs", "1",
                                      "--templates", str(own_templates(tmp_path / "tpl"))])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and str(tmp_path / "uit") in result.output
    assert result.output.count("Fout:") == 1


# --- a real full disk: a small tmpfs -----------------------------------------------------------------------

@pytest.fixture
def klein(tmp_path):
    """Mount a tmpfs of the given size; skipped where mounting is not allowed (not root, no tmpfs)."""
    mounts = []

    def mount(naam: str, size: str, vrij_laten: int | None = None) -> Path:
        pad = tmp_path / naam
        pad.mkdir()
        if not sys.platform.startswith("linux") or shutil.which("mount") is None:
            pytest.skip("een kleine schijf (tmpfs) kan hier niet worden gemaakt")
        gedaan = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(pad)],
                                capture_output=True)
        if gedaan.returncode != 0:
            pytest.skip("tmpfs mounten mag hier niet (alleen als root); de monkeypatch-tests hierboven dekken het")
        mounts.append(pad)
        if vrij_laten is not None:  # fill it up to this many free bytes
            vrij = shutil.disk_usage(pad).free
            (pad / ".vulling").write_bytes(b"\0" * max(0, vrij - vrij_laten))
        return pad

    yield mount
    for pad in mounts:
        subprocess.run(["umount", "-l", str(pad)], check=False)


def _opp(cwd: Path, *args, env: dict | None = None) -> subprocess.CompletedProcess:
    import os

    omgeving = dict(os.environ, **(env or {}))
    return subprocess.run([sys.executable, "-m", "opp", *map(str, args)], cwd=cwd, env=omgeving,
                          capture_output=True, text=True, timeout=300)


def _een_regel(uit: subprocess.CompletedProcess, map_: Path) -> None:
    assert uit.returncode == 2, uit.stdout + uit.stderr
    assert "Traceback" not in uit.stderr and "Exception ignored" not in uit.stderr, uit.stderr
    regels = [r for r in uit.stderr.splitlines() if r.strip()]
    assert len(regels) == 1 and regels[0].startswith("Fout:") and str(map_) in regels[0], uit.stderr


@pytest.fixture
def demo(tmp_path):
    werk = tmp_path / "werk"
    shutil.copytree(demo_folder(), werk)
    return werk


def test_tmpfs_render(demo, klein):
    vol = klein("vol", "256k")
    _een_regel(_opp(demo, "render", "werkboek.xlsx", "--datum", "22-11-2026", "--jobs", "2", "--uit", vol), vol)
    assert _geen_kapotte_bestanden(vol) > 0
    _geen_tmp(vol)


@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is niet geïnstalleerd")
def test_tmpfs_render_pdf(demo, klein):
    vol = klein("vol", "1m")
    _een_regel(_opp(demo, "render", "werkboek.xlsx", "--datum", "22-11-2026", "--pdf", "--uit", vol), vol)
    _geen_kapotte_bestanden(vol)
    _geen_tmp(vol)


def test_tmpfs_tracker(demo, klein, tmp_path):
    vol = klein("vol", "128k")
    tracker = vol / "t.xlsx"
    assert _opp(demo, "tracker", "sync", "werkboek.xlsx", "--datum", "22-11-2026", "--tracker", tracker).returncode == 0
    voor = tracker.read_bytes()
    (vol / ".vulling").write_bytes(b"\0" * max(0, shutil.disk_usage(vol).free - 20_000))
    _een_regel(_opp(demo, "tracker", "sync", "werkboek.xlsx", "--datum", "23-11-2026", "--tracker", tracker), vol)
    assert tracker.read_bytes() == voor
    openpyxl.load_workbook(tracker).close()
    _geen_kapotte_bestanden(vol)


def test_tmpfs_rapport(demo, klein):
    vol = klein("vol", "64k")
    _een_regel(_opp(demo, "rapport", "werkboek.xlsx", "--datum", "22-11-2026", "--uit", vol), vol)
    _geen_kapotte_bestanden(vol)
    _geen_tmp(vol)


def test_tmpfs_dossier(demo, klein):
    vol = klein("vol", "128k")
    _een_regel(_opp(demo, "dossier", "werkboek.xlsx", "--alle", "--datum", "22-11-2026", "--uit", vol), vol)
    _geen_kapotte_bestanden(vol)


def test_tmpfs_full_temp_folder(demo, klein):
    """openpyxl writes each sheet to a temp file first: a full TMPDIR names the temp folder and TMPDIR."""
    tmp = klein("tmp", "64k", vrij_laten=4096)  # room for the probe of tempfile.gettempdir() only (a page)
    uit = _opp(demo, "tracker", "sync", "werkboek.xlsx", "--datum", "22-11-2026", "--tracker", demo / "t.xlsx",
               env={"TMPDIR": str(tmp)})
    _een_regel(uit, tmp)
    assert "TMPDIR" in uit.stderr and not (demo / "t.xlsx").exists()
