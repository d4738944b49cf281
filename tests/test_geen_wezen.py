"""SIGKILL at a random moment leaves no process behind and no broken file (issue 11, nothing half-done).

Each run starts opp on the demo class in a subprocess under tests/sigkill_harness.py, kills it with SIGKILL
after a seeded random delay, and asserts that within a few seconds no descendant (render workers, the fork
server, LibreOffice and what it started) is still running, and that every document in the output opens.
Temp files and folders (a name starting with '.' and ending in '.tmp') may be left; they are not documents.
"""

from __future__ import annotations

import json
import random
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
from docx import Document
from pypdf import PdfReader

from opp.data import demo_folder

HARNESS = Path(__file__).with_name("sigkill_harness.py")
TIJDELIJK = re.compile(r"\..*\.tmp")
WACHT = 5.0  # seconds a survivor gets to end after the kill

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"),
                                reason="de test volgt processen via /proc (Linux)")
needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None,
                                   reason="LibreOffice (soffice) is niet geïnstalleerd; .ci/run installeert het")


def _werkmap(tmp_path: Path) -> Path:
    werk = tmp_path / "werk"
    shutil.copytree(demo_folder(), werk)
    (tmp_path / "tmp").mkdir()
    return werk


def _kill(tmp_path: Path, werk: Path, args: list[str], seed: int, langste: float, na_kind: bool) -> dict:
    delay = random.Random(seed).uniform(0.0 if na_kind else 0.3, langste)
    env = {"TMPDIR": str(tmp_path / "tmp"), "PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": str(tmp_path)}
    command = [sys.executable, str(HARNESS), f"{delay:.2f}", str(WACHT), *(["--na-kind"] if na_kind else []), "--",
               sys.executable, "-m", "opp", *args]
    out = subprocess.run(command, cwd=werk, env=env, capture_output=True, text=True, timeout=300, check=True)
    uitkomst = json.loads(out.stdout.strip().splitlines()[-1])
    if "fout" in uitkomst:
        pytest.skip(f"kan processen hier niet volgen: {uitkomst['fout']}")
    return uitkomst


def _geen_kapotte_bestanden(folder: Path) -> int:
    """Every .docx/.pdf/.xlsx/.zip outside temp names opens; returns how many were checked."""
    geteld = 0
    for pad in folder.rglob("*"):
        if not pad.is_file() or any(TIJDELIJK.fullmatch(deel) for deel in pad.relative_to(folder).parts):
            continue
        suffix = pad.suffix.lower()
        if suffix == ".docx":
            Document(str(pad))
        elif suffix == ".pdf":
            assert len(PdfReader(pad).pages) > 0, pad
        elif suffix == ".xlsx":
            openpyxl.load_workbook(pad).close()
        elif suffix == ".zip":
            with zipfile.ZipFile(pad) as zf:
                assert zf.testzip() is None, pad
        else:
            continue
        geteld += 1
    return geteld


# name -> (arguments, longest delay in seconds, whether the delay counts from the first child process)
COMMANDS = {
    "render": (["render", "werkboek.xlsx", "--datum", "22-11-2026", "--jobs", "2", "--uit", "uit"], 1.5, True),
    "tracker": (["tracker", "sync", "werkboek.xlsx", "--datum", "22-11-2026", "--tracker", "uit/t.xlsx"], 3.0, False),
}
SOFFICE_COMMANDS = {
    "render-pdf": (["render", "werkboek.xlsx", "--datum", "22-11-2026", "--jobs", "2", "--uit", "uit", "--pdf"], 8.0,
                   True),
    "dossier": (["dossier", "werkboek.xlsx", "--alle", "--pdf", "--datum", "22-11-2026", "--uit", "uit"], 5.0, True),
}


def _run(tmp_path, naam, seed, commands):
    werk = _werkmap(tmp_path)
    args, langste, na_kind = commands[naam]
    if naam == "tracker":  # a tracker to update, so the kill can land in the middle of a rewrite
        (werk / "uit").mkdir(exist_ok=True)  # a new tracker is made only in a folder that exists
        subprocess.run([sys.executable, "-m", "opp", *args], cwd=werk, check=True, capture_output=True)
    uitkomst = _kill(tmp_path, werk, args, seed, langste, na_kind)
    assert uitkomst["overlevers"] == [], f"processen overleefden de kill: {uitkomst['overlevers']}"
    _geen_kapotte_bestanden(werk)


@linux_only
@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("naam", sorted(COMMANDS))
def test_sigkill_leaves_no_process_and_no_broken_file(tmp_path, naam, seed):
    _run(tmp_path, naam, seed, COMMANDS)


@linux_only
@needs_soffice
@pytest.mark.libreoffice
@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("naam", sorted(SOFFICE_COMMANDS))
def test_sigkill_during_pdf_leaves_no_libreoffice_and_no_broken_pdf(tmp_path, naam, seed):
    _run(tmp_path, naam, seed, SOFFICE_COMMANDS)


def _heeft_uno() -> bool:
    from opp.render.pdf_uno import uno_python

    python = uno_python()
    return bool(python) and subprocess.run([python, "-c", "import uno"], capture_output=True).returncode == 0


@linux_only
@needs_soffice
@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None or not _heeft_uno(),
                    reason="python3-uno is niet geïnstalleerd; .ci/run installeert het")
@pytest.mark.parametrize("seed", [4, 5])
def test_sigkill_during_the_uno_path_leaves_no_converter_and_no_office(tmp_path, seed):
    """With python3-uno `render --pdf` starts its converters and offices first (the harness's first child):
    a kill during their start-up or during the conversion leaves none of them, nor a broken PDF."""
    _run(tmp_path, "render-pdf", seed, SOFFICE_COMMANDS)


def test_the_file_check_catches_a_truncated_document(tmp_path):
    """The check above is not blind: a truncated .docx or an empty PDF under a document's name fails it."""
    from render_helpers import mini_template

    docx = mini_template(tmp_path / "a.docx")
    docx.write_bytes(docx.read_bytes()[:200])
    with pytest.raises(Exception):  # noqa: B017  (any reader's error: the check is not blind)
        _geen_kapotte_bestanden(tmp_path)
    docx.unlink()
    (tmp_path / "b.pdf").write_bytes(b"")
    with pytest.raises(Exception):  # noqa: B017  (any reader's error: the check is not blind)
        _geen_kapotte_bestanden(tmp_path)
    (tmp_path / "b.pdf").unlink()
    (tmp_path / ".b.x1y2z3w4.pdf.tmp").write_bytes(b"")  # a temp file is not a document
    assert _geen_kapotte_bestanden(tmp_path) == 0


@linux_only
@pytest.mark.parametrize("beeindigd", [True, False])
def test_the_guard_removes_its_commands_temporary_folder_however_it_ended(tmp_path, beeindigd):
    """A command run under the guard (opp/bewaker.py) gets a temporary folder of its own (TMPDIR), removed when
    the guard ended the command (opp closed the pipe) and when it ended alone."""
    from opp.processen import bewaakt

    # The command says where its folder is only once it made something there; one that ends alone may be gone,
    # folder and all, before this test looks, so the command itself checks that its folder held what it made.
    script = 'mkdir "$TMPDIR/lu1.tmp" && test -d "$TMPDIR/lu1.tmp" && echo "$TMPDIR" && ' + \
        ("sleep 60" if beeindigd else "true")
    guard = subprocess.Popen(bewaakt(["sh", "-c", script]), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             env={"PATH": "/usr/bin:/bin", "TMPDIR": str(tmp_path)})
    assert guard.stdout is not None and guard.stdin is not None
    try:
        map_ = Path(guard.stdout.readline().decode().strip())
        assert map_.parent == tmp_path and map_.name.startswith("opp-tmp-")
        if beeindigd:
            assert (map_ / "lu1.tmp").is_dir()
    finally:
        guard.stdin.close()  # opp is done (or gone)
        guard.wait(timeout=10)
        guard.stdout.close()
    assert not map_.exists()
