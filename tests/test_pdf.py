"""PDF export through LibreOffice: one call per core, every PDF checked, what a call missed retried, failures
named, a clear hint when LibreOffice is missing."""

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest
from docx import Document
from pypdf import PdfReader, PdfWriter

from opp import bewaker
from opp.invoer import open_invoer
from opp.render import pdf as pdf_module
from opp.render import pdf_uno
from opp.render.documents import render
from opp.render.pdf import INSTALL_HINT, convert_to_pdf, pdf_is_whole
from render_helpers import DATUM, leerling, ouder, own_templates, workbook

needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None,
                                   reason="LibreOffice (soffice) is niet geïnstalleerd; .ci/run installeert het")


@pytest.fixture
def convert_to(monkeypatch):
    """The path without python3-uno: one `soffice --convert-to` call per core."""
    monkeypatch.setattr(pdf_module, "uno_python", lambda: None)


@pytest.mark.libreoffice
@needs_soffice
def test_pdf_beside_every_document_with_sensible_pages(tmp_path):
    pupils = [leerling(f"{i:03d}", roepnaam=f"Kind{i}", klas=f"K{i % 2}") for i in range(3)]
    wb = workbook(tmp_path, pupils, [ouder(p["leerlingnummer"]) for p in pupils])
    result = render(open_invoer(wb, DATUM), templates=own_templates(tmp_path / "tpl"), jobs=2, pdf=True,
                    uit=tmp_path / "uit", documenten=["opp", "iop"])
    assert len(result.pdf) == 6 and not result.pdf_mislukt
    for docx in result.geschreven:
        pdf = docx.with_suffix(".pdf")
        reader = PdfReader(pdf)
        assert 1 <= len(reader.pages) <= 3
        assert "Kind" in reader.pages[0].extract_text()


@pytest.mark.libreoffice
@needs_soffice
def test_pdf_asked_later_is_made_for_unchanged_documents_once(tmp_path):
    """Rendered without --pdf, then with: the documents are unchanged (not written again), but each gets the
    PDF it lacks; a third run finds every PDF there and converts nothing."""
    pupils = [leerling(f"{i:03d}", roepnaam=f"Kind{i}") for i in range(2)]
    wb = workbook(tmp_path, pupils, [ouder(p["leerlingnummer"]) for p in pupils])
    kwargs = dict(templates=own_templates(tmp_path / "tpl"), uit=tmp_path / "uit", documenten=["opp"])
    eerst = render(open_invoer(wb, DATUM), **kwargs)
    assert len(eerst.geschreven) == 2 and not list((tmp_path / "uit").glob("*.pdf"))
    later = render(open_invoer(wb, DATUM), pdf=True, **kwargs)
    assert later.geschreven == [] and sorted(later.ongewijzigd) == sorted(eerst.geschreven)
    assert sorted(later.pdf) == sorted(d.with_suffix(".pdf") for d in eerst.geschreven) and not later.pdf_mislukt
    assert all(pdf_is_whole(p) for p in later.pdf)
    nogmaals = render(open_invoer(wb, DATUM), pdf=True, **kwargs)
    assert nogmaals.geschreven == [] and nogmaals.pdf == []


@pytest.mark.libreoffice
@needs_soffice
def test_a_failing_conversion_is_retried_alone_and_named_and_the_rest_arrive(tmp_path, monkeypatch, convert_to):
    good = own_templates(tmp_path / "tpl") / "opp.docx"
    copy = tmp_path / "docs" / "goed.docx"
    copy.parent.mkdir()
    shutil.copyfile(good, copy)
    broken = tmp_path / "docs" / "kapot.docx"
    broken.write_bytes(b"PK\x03\x04 dit is geen document")
    calls = _spy_calls(monkeypatch)
    result = convert_to_pdf([copy, broken], jobs=1)
    assert result.mislukt == [broken]
    assert result.pdf == [copy.with_suffix(".pdf")] and pdf_is_whole(copy.with_suffix(".pdf"))
    assert calls == [[copy, broken], [broken]]  # the one it failed on, retried alone, then named


def test_missing_libreoffice_gives_the_install_hint_and_keeps_docx(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "leeg"))
    wb = workbook(tmp_path)
    result = render(open_invoer(wb, DATUM), templates=own_templates(tmp_path / "tpl"), jobs=1, pdf=True,
                    uit=tmp_path / "uit")
    assert result.pdf_melding == INSTALL_HINT and "apt-get install" in INSTALL_HINT
    assert result.geschreven and all(p.exists() for p in result.geschreven)
    assert result.pdf == []


def _spy_calls(monkeypatch) -> list[list[Path]]:
    """Record the documents of every LibreOffice call (as given: a renamed copy shows under its own name)."""
    calls: list[list[Path]] = []
    real = pdf_module._run_guarded

    def spy(command, *rest):
        calls.append([Path(f) for f in command[command.index("--outdir") + 2:]])
        return real(command, *rest)

    monkeypatch.setattr(pdf_module, "_run_guarded", spy)
    return calls


def _docx(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    document = Document()
    document.add_paragraph(text)
    document.save(path)
    return path


@pytest.mark.libreoffice
@needs_soffice
def test_one_call_per_core_each_with_its_whole_share_across_folders(tmp_path, monkeypatch, convert_to):
    # The same name in two folders (as in two dossiers) must not make one PDF overwrite the other.
    files = [_docx(tmp_path / map_ / f"{naam}.docx", f"{map_} {naam}") for map_ in ("a", "b") for naam in "xyz"]
    calls = _spy_calls(monkeypatch)
    result = convert_to_pdf(files, jobs=2)
    assert not result.mislukt and result.pdf == [f.with_suffix(".pdf") for f in files]
    assert len(calls) == 2 and sorted(len(c) for c in calls) == [3, 3]
    for f in files:
        assert PdfReader(f.with_suffix(".pdf")).pages[0].extract_text().strip() == f"{f.parent.name} {f.stem}"
    assert not list(tmp_path.rglob(".opp-pdf-*"))  # no work folder left


@pytest.mark.libreoffice
@needs_soffice
def test_pdf_page_text_equals_a_per_file_conversion(tmp_path):
    pupils = [leerling(f"{i:03d}", roepnaam=f"Kind{i}", klas=f"K{i % 2}") for i in range(4)]
    wb = workbook(tmp_path, pupils, [ouder(p["leerlingnummer"]) for p in pupils])
    result = render(open_invoer(wb, DATUM), pdf=True, uit=tmp_path / "uit", documenten=["opp", "iop"])
    assert len(result.pdf) == 8 and not result.pdf_mislukt
    steekproef = result.geschreven[::3]  # documents of both classes, both kinds, both shares
    alleen = tmp_path / "per-bestand"
    for docx in steekproef:
        subprocess.run([shutil.which("soffice"), f"-env:UserInstallation={(tmp_path / 'profiel').as_uri()}",
                        "--headless", "--norestore", "--convert-to", "pdf", "--outdir", str(alleen), str(docx)],
                       check=True, capture_output=True, timeout=180)
        ons = [p.extract_text() for p in PdfReader(docx.with_suffix(".pdf")).pages]
        los = [p.extract_text() for p in PdfReader(alleen / f"{docx.stem}.pdf").pages]
        assert ons == los, docx.name
        assert any(p["roepnaam"] in "".join(ons) for p in pupils)


@pytest.mark.libreoffice
@needs_soffice
def test_an_interrupted_call_has_its_missing_documents_retried(tmp_path, monkeypatch, convert_to):
    files = [_docx(tmp_path / "docs" / f"{i}.docx", f"document {i}") for i in range(5)]
    calls: list[list[Path]] = []
    real = pdf_module._run_guarded

    def stops_early(command, *rest):  # the first call ends after two documents, without a word
        start = command.index("--outdir") + 2
        calls.append([Path(f) for f in command[start:]])
        if len(calls) == 1:
            command = command[:start + 2]
        return real(command, *rest)

    monkeypatch.setattr(pdf_module, "_run_guarded", stops_early)
    result = convert_to_pdf(files, jobs=1)
    assert not result.mislukt and result.pdf == [f.with_suffix(".pdf") for f in files]
    assert calls == [files, [files[2]], files[3:]]  # the first missing alone, the rest together again
    for f in files:
        assert PdfReader(f.with_suffix(".pdf")).pages[0].extract_text().strip() == f"document {f.stem}"


FAKE_OFFICE = """#!{python}
import os, shutil, sys, time
args = sys.argv[1:]
uit = args[args.index("--outdir") + 1]
with open({log!r}, "a") as log:
    log.write(str(os.getpid()) + " " + "|".join(os.path.basename(f) for f in args[args.index("--outdir") + 2:]) + "\\n")
for f in args[args.index("--outdir") + 2:]:
    if "hangt" in f:
        time.sleep(600)  # stuck on this document, as LibreOffice can be
    shutil.copyfile({pdf!r}, os.path.join(uit, os.path.basename(f)[:-5] + ".pdf"))
"""


def _lege_pdf(pad: Path) -> Path:
    """A one-page blank PDF: what the fake offices hand back as a converted document."""
    writer = PdfWriter()
    writer.add_blank_page(100, 100)
    with open(pad, "wb") as fh:
        writer.write(fh)
    return pad


def test_a_stuck_office_is_ended_its_document_named_and_the_rest_retried(tmp_path, monkeypatch, convert_to):
    blank = _lege_pdf(tmp_path / "blank.pdf")
    log = tmp_path / "calls.log"
    office = tmp_path / "soffice"
    office.write_text(FAKE_OFFICE.format(python=sys.executable, log=str(log), pdf=str(blank)))
    office.chmod(0o755)
    monkeypatch.setattr(pdf_module, "soffice", lambda: str(office))
    monkeypatch.setattr(pdf_module, "STARTUP_SECONDS", 5)
    monkeypatch.setattr(pdf_module, "SECONDS_PER_DOCUMENT", 1)
    docs = tmp_path / "docs"
    docs.mkdir()
    files = [docs / f"{naam}.docx" for naam in ("a", "b", "hangt", "c", "d")]
    for f in files:
        f.write_bytes(b"PK")
    result = convert_to_pdf(files, jobs=1)
    assert result.mislukt == [files[2]]
    assert result.pdf == [f.with_suffix(".pdf") for f in files if f != files[2]]
    assert all(pdf_is_whole(f.with_suffix(".pdf")) for f in result.pdf)
    regels = [r.split(" ", 1) for r in log.read_text().splitlines()]
    assert [r[1] for r in regels] == ["a.docx|b.docx|hangt.docx|c.docx|d.docx", "hangt.docx", "c.docx|d.docx"]
    for pid, _ in regels:  # every office that hung was ended, none is left running
        assert not os.path.exists(f"/proc/{pid}") or "zombie" in Path(f"/proc/{pid}/status").read_text()


# --- the UNO path: one persistent office per core (python3-uno), documents handed over as they are written ---

needs_uno = pytest.mark.skipif(
    shutil.which("soffice") is None or pdf_uno.uno_python() is None
    or subprocess.run([pdf_uno.SYSTEEM_PYTHON, "-c", "import uno"], capture_output=True).returncode != 0,
    reason="LibreOffice met python3-uno is niet geïnstalleerd; .ci/run installeert het")


def _opgeruimd(seconden: float = 10) -> None:
    """Wait until every guard of an office (bewaker.py) has ended: each cleans up after its office on its way out."""
    uiterlijk = time.monotonic() + seconden
    while time.monotonic() < uiterlijk and any("bewaker.py" in _opdracht(p) for p in Path("/proc").glob("[0-9]*")):
        time.sleep(0.05)


def _opdracht(proces: Path) -> str:
    try:
        return (proces / "cmdline").read_bytes().decode(errors="replace")
    except OSError:  # ended meanwhile
        return ""


def _kantoren_van(ouder: int) -> list[int]:
    """The LibreOffice processes (soffice.bin) started, at any depth, by process `ouder`."""
    kinderen: dict[int, list[int]] = {}
    namen: dict[int, str] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            tekst = stat.read_text()
        except OSError:
            continue
        pid, rest = int(tekst.split(" ", 1)[0]), tekst[tekst.rindex(")") + 2:]  # the name may hold spaces
        kinderen.setdefault(int(rest.split()[1]), []).append(pid)
        namen[pid] = tekst[tekst.index("(") + 1:tekst.rindex(")")]
    gevonden, rij = [], [ouder]
    while rij:
        for kind in kinderen.get(rij.pop(), []):
            rij.append(kind)
            if namen.get(kind) == "soffice.bin":
                gevonden.append(kind)
    return gevonden


@pytest.mark.libreoffice
@needs_uno
def test_uno_an_office_that_dies_midway_is_replaced_and_every_pdf_still_made(tmp_path):
    """The office dies (killed) after its first PDF: the document it had is converted again in a new office,
    and so is the rest; nothing is named as failed, and no office is left."""
    files = [_docx(tmp_path / "docs" / f"{i}.docx", f"document {i}") for i in range(4)]
    gedood: list[int] = []

    def na_een_pdf(_n: int) -> None:
        if not gedood:
            gedood.extend(_kantoren_van(os.getpid()))
            for pid in gedood:
                os.kill(pid, signal.SIGKILL)

    result = convert_to_pdf(files, jobs=1, progress=na_een_pdf)
    assert gedood, "geen LibreOffice gevonden om te stoppen"
    assert not result.mislukt and result.pdf == [f.with_suffix(".pdf") for f in files]
    for f in result.pdf:
        assert PdfReader(f).pages[0].extract_text().strip() == f"document {f.stem}"
    assert _kantoren_van(os.getpid()) == []


@pytest.mark.libreoffice
@needs_uno
def test_uno_a_corrupt_document_is_named_and_the_others_made_without_convert_to(tmp_path, monkeypatch):
    files = [_docx(tmp_path / "docs" / f"{i}.docx", f"document {i}") for i in range(4)]
    files[1].write_bytes(b"PK\x03\x04 dit is geen document")
    calls = _spy_calls(monkeypatch)
    result = convert_to_pdf(files, jobs=2)
    assert result.mislukt == [files[1]] and not files[1].with_suffix(".pdf").exists()
    assert result.pdf == [f.with_suffix(".pdf") for f in files if f != files[1]]
    for f in result.pdf:
        assert PdfReader(f).pages[0].extract_text().strip() == f"document {f.stem}"
    assert calls == []  # all through the offices UNO drives, none through --convert-to
    assert not list(tmp_path.rglob(".opp-pdf-*")) and not list(tmp_path.rglob("*.tmp"))


def test_the_warm_up_document_is_the_template_cut_after_its_first_table(tmp_path):
    kort = pdf_uno.opwarmdocument(pdf_uno.OPWARMEN, tmp_path / "opwarmen.docx")
    assert kort is not None
    document, sjabloon = Document(kort), Document(pdf_uno.OPWARMEN)
    assert len(document.tables) == 1 and len(document.paragraphs) < len(sjabloon.paragraphs)
    assert document.paragraphs[0].text == sjabloon.paragraphs[0].text
    sectie = document.sections[0]
    assert sectie.header.paragraphs[0].text == sjabloon.sections[0].header.paragraphs[0].text
    assert sectie.page_height == sjabloon.sections[0].page_height
    zonder_tabel = _docx(tmp_path / "zonder.docx", "geen tabel")
    assert pdf_uno.opwarmdocument(zonder_tabel, tmp_path / "uit.docx") is None
    assert pdf_uno.opwarmdocument(tmp_path / "weg.docx", tmp_path / "uit.docx") is None
    assert not (tmp_path / "uit.docx").exists()


@pytest.mark.libreoffice
@needs_uno
@pytest.mark.parametrize("opwarmen", ["sjabloon", "kapot", "ontbreekt"])
def test_uno_the_warm_up_document_is_thrown_away_and_never_stands_in_the_way(tmp_path, monkeypatch, opwarmen):
    """Each office converts opp's template once before the first document (LibreOffice's first costs the most);
    its PDF goes at once, and a warm-up document that is broken or missing changes nothing."""
    (tmp_path / "kapot.docx").write_bytes(b"PK\x03\x04 geen document")
    echt = pdf_uno.opwarmdocument
    warm = {"sjabloon": echt, "kapot": lambda _s, _d: tmp_path / "kapot.docx", "ontbreekt": lambda _s, _d: None}
    monkeypatch.setattr(pdf_uno, "opwarmdocument", warm[opwarmen])
    kantoor = pdf_uno.Kantoor(pdf_uno.uno_python() or "", pdf_uno.soffice() or "")
    try:
        assert kantoor.wacht_tot_klaar(60, threading.Event())
        docx = _docx(tmp_path / "docs" / "een.docx", "een")
        assert kantoor.zet_om(docx, tmp_path / "een.pdf", 60, threading.Event()) == pdf_uno.OK
        assert PdfReader(tmp_path / "een.pdf").pages[0].extract_text().strip() == "een"
        assert not list(kantoor.map.glob("*.pdf"))  # the warm-up's PDF is gone before the first document
    finally:
        kantoor.stop()
    assert not kantoor.map.exists()


@pytest.mark.libreoffice
@needs_uno
def test_uno_one_office_each_pdf_its_own_document_also_after_a_failure(tmp_path):
    """One office converts every document in turn: each PDF shows its own document, never the one before,
    also right after a document LibreOffice could not load."""
    files = [_docx(tmp_path / "docs" / f"{i}.docx", f"document {i}") for i in range(5)]
    files[2].write_bytes(b"PK\x03\x04 dit is geen document")
    result = convert_to_pdf(files, jobs=1)
    assert result.mislukt == [files[2]]
    for f in result.pdf:
        assert PdfReader(f).pages[0].extract_text().strip() == f"document {f.stem}"
    assert len(result.pdf) == 4


@pytest.mark.libreoffice
@needs_uno
def test_uno_offices_started_beforehand_are_taken_and_none_is_left(tmp_path):
    files = [_docx(tmp_path / map_ / "OPP.docx", f"{map_}") for map_ in ("a", "b", "c")]
    lo_tijdelijk = set(Path(tempfile.gettempdir()).glob("lu*.tmp"))  # LibreOffice's own temporary folders
    opp_tijdelijk = set(Path(tempfile.gettempdir()).glob("opp-tmp-*"))
    with pdf_uno.voorgestart(True, jobs=2):
        gestart = list(pdf_uno._voorgestart)
        assert len(gestart) == 2
        pids = [k._proces.pid for k in gestart]
        result = convert_to_pdf(files, jobs=2)
        assert pdf_uno._voorgestart == []  # both taken
    assert not result.mislukt and result.pdf == [f.with_suffix(".pdf") for f in files]
    for f in files:  # the same name in three folders: each PDF is its own document's
        assert PdfReader(f.with_suffix(".pdf")).pages[0].extract_text().strip() == f.parent.name
    assert all(k._proces is None and not k.map.exists() for k in gestart)  # ended, profiles removed
    for pid in pids:  # nor the named pipes the offices listened on (a killed office leaves its own)
        assert not list(Path("/tmp").glob(f"OSL_PIPE_{os.getuid()}_opp-{pid}-*"))
    with pdf_uno.voorgestart(True, jobs=1):  # not taken: ended with the block
        ongebruikt = list(pdf_uno._voorgestart)
        assert ongebruikt[0].wacht_tot_klaar(60, threading.Event())
        socket = Path(bewaker.ipc_pad(ongebruikt[0].profiel_url))
        assert socket.exists()  # the office's own socket for other soffice calls, named as LibreOffice names it
    assert all(k._proces is None for k in ongebruikt) and pdf_uno._voorgestart == []
    _opgeruimd()  # the guard cleans up just after it ended the office
    assert not socket.exists()  # an office opp ended leaves nothing in /tmp
    assert set(Path(tempfile.gettempdir()).glob("lu*.tmp")) <= lo_tijdelijk  # its temporary files went with it
    assert set(Path(tempfile.gettempdir()).glob("opp-tmp-*")) <= opp_tijdelijk  # nor the guard's folder for them
    with pdf_uno.voorgestart(True, jobs=2):  # one document: the office it does not need ends at once
        twee = list(pdf_uno._voorgestart)
        with pdf_module.PdfOmzetter(1, jobs=2) as omzetter:
            assert [k._proces is None for k in twee] == [False, True]
            omzetter.erbij(files[0])
    assert omzetter.resultaat.pdf == [files[0].with_suffix(".pdf")] and twee[0]._proces is None


@pytest.mark.libreoffice
@needs_soffice
def test_without_python3_uno_the_convert_to_path_makes_the_pdfs(tmp_path, monkeypatch):
    files = [_docx(tmp_path / "docs" / f"{i}.docx", f"document {i}") for i in range(3)]
    monkeypatch.setattr(pdf_module, "uno_python", lambda: sys.executable)  # a Python without uno
    calls = _spy_calls(monkeypatch)
    result = convert_to_pdf(files, jobs=1)
    assert not result.mislukt and result.pdf == [f.with_suffix(".pdf") for f in files]
    assert calls == [files]


FAKE_CONVERTER = """import json, os, shutil, sys, time
with open({log!r}, "a") as log:
    log.write(str(os.getpid()) + "\\n")
print("klaar", flush=True)
for regel in sys.stdin:
    docx, pdf = json.loads(regel)
    if "hangt" in docx:
        time.sleep(600)  # stuck on this document, as LibreOffice can be
    if "kapot" in docx:
        print("fout", flush=True)
        continue
    shutil.copyfile({pdf!r}, pdf)
    print("ok", flush=True)
"""


def _nep_omzetter(tmp_path, monkeypatch, namen: tuple[str, ...], na_start: str = "") -> tuple[Path, list[Path]]:
    """The UNO path with FAKE_CONVERTER in place of uno_omzetter.py (`na_start`: code it runs before it says
    it is ready); returns its log of started converters and the documents, one per name."""
    blank = _lege_pdf(tmp_path / "blank.pdf")
    log = tmp_path / "kantoren.log"
    fake = tmp_path / "omzetter.py"
    fake.write_text(FAKE_CONVERTER.format(log=str(log), pdf=str(blank)).replace(
        'print("klaar", flush=True)', f'{na_start}print("klaar", flush=True)'))
    monkeypatch.setattr(pdf_module, "soffice", lambda: "soffice")
    monkeypatch.setattr(pdf_module, "uno_python", lambda: sys.executable)
    monkeypatch.setattr(pdf_uno, "SCRIPT", fake)
    monkeypatch.setattr(pdf_module, "SECONDS_PER_DOCUMENT", 1)
    docs = tmp_path / "docs"
    docs.mkdir()
    files = [docs / f"{naam}.docx" for naam in namen]
    for f in files:
        f.write_bytes(b"PK")
    return log, files


def test_uno_a_stuck_office_is_ended_its_document_retried_alone_and_named(tmp_path, monkeypatch):
    """opp's side of the UNO path, with a converter that behaves like a stuck or failing LibreOffice."""
    log, files = _nep_omzetter(tmp_path, monkeypatch, ("a", "hangt", "b", "kapot", "c"))
    docs = files[0].parent
    result = convert_to_pdf(files, jobs=1)
    assert result.mislukt == [files[1], files[3]]
    assert result.pdf == [f.with_suffix(".pdf") for f in files if f not in result.mislukt]
    assert all(pdf_is_whole(f) for f in result.pdf)
    kantoren = log.read_text().split()
    assert len(kantoren) == 3  # the first, one after it hung, one after it hung again on its retry alone
    for pid in kantoren:  # every converter was ended, none is left running
        assert not os.path.exists(f"/proc/{pid}") or "zombie" in Path(f"/proc/{pid}/status").read_text()
    assert not list(docs.glob(".*"))  # no work folder left


def test_uno_an_office_that_no_longer_starts_names_the_rest_without_waiting_for_each(tmp_path, monkeypatch):
    # Only the first start comes up; every later one fails at once, as a LibreOffice broken mid-run would.
    log = tmp_path / "kantoren.log"
    log, files = _nep_omzetter(tmp_path, monkeypatch, ("a", "hangt", "b", "c", "d", "e"),
                               na_start=f"if len(open({str(log)!r}).read().split()) > 1:\n    sys.exit(3)\n")
    result = convert_to_pdf(files, jobs=1)
    assert result.pdf == [files[0].with_suffix(".pdf")] and result.mislukt == files[1:]
    assert len(log.read_text().split()) == 1 + pdf_module.OPGEVEN_NA  # the first, then three that never came


@pytest.mark.parametrize("args, pdf", [
    (["render", "w.xlsx", "--pdf"], True), (["--debug", "render", "w.xlsx", "--klas", "2B", "--pdf"], True),
    (["render", "w.xlsx"], False), (["check", "w.xlsx"], False), (["render", "w.xlsx", "--pdf", "--help"], False),
    (["render", "w.xlsx", "--pdf", "--jobs", "1"], False), ([], False)])
def test_the_entry_point_starts_offices_first_only_for_render_with_pdf(args, pdf):
    from opp.start import maakt_pdf

    assert maakt_pdf(args) is pdf


@pytest.mark.libreoffice
@needs_uno
def test_opp_render_pdf_as_typed_uses_the_offices_started_first_and_leaves_none(tmp_path):
    """`python -m opp render --pdf`: offices started before the command line is read, taken by the command,
    every PDF made, no office (nor its guard or converter) left behind."""
    wb = workbook(tmp_path, [leerling(), leerling(leerlingnummer="002", voornaam="Noor")],
                  Verzorgers=[ouder(), ouder("002")])
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    uit = subprocess.run([sys.executable, "-m", "opp", "render", str(wb), "--uit", str(tmp_path / "uit"), "--pdf",
                          "--document", "opp"], capture_output=True, text=True, env=env, timeout=300)
    assert uit.returncode == 0, uit.stdout + uit.stderr
    docx = sorted((tmp_path / "uit").glob("*.docx"))
    assert len(docx) == 2 and all(pdf_is_whole(f.with_suffix(".pdf")) for f in docx)
    resten = subprocess.run(["pgrep", "-f", str(tmp_path / "cache")], capture_output=True, text=True).stdout
    assert resten == ""  # the offices ran from copies of the profile in this cache: none is left


@pytest.mark.libreoffice
@needs_uno
def test_a_second_block_inside_the_first_starts_no_more_offices():
    with pdf_uno.voorgestart(True, jobs=2):
        eerst = list(pdf_uno._voorgestart)
        with pdf_uno.voorgestart(True, jobs=2):
            assert pdf_uno._voorgestart == eerst  # the command's own block: nothing more started
        assert pdf_uno._voorgestart == eerst  # and the inner block ends none of the outer's
    assert all(k._proces is None for k in eerst) and pdf_uno._voorgestart == []


PIPELINE_CONVERTER = """import json, queue, shutil, sys, threading, time
log = open({log!r}, "a", buffering=1)
regels = queue.Queue()
def lees():
    for regel in sys.stdin:
        log.write("lees " + json.loads(regel)[0].rsplit("/", 1)[-1] + "\\n")
        regels.put(regel)
threading.Thread(target=lees, daemon=True).start()
print("klaar", flush=True)
while True:
    docx, pdf = json.loads(regels.get())
    time.sleep(0.3)  # converting
    shutil.copyfile({pdf!r}, pdf)
    log.write("ok " + docx.rsplit("/", 1)[-1] + "\\n")
    print("ok", flush=True)
"""


def test_uno_the_office_has_the_next_document_before_opp_checks_the_last(tmp_path, monkeypatch):
    """Documents are handed over ahead (ONDERWEG): the office starts on the next while opp checks and moves
    the PDF of the last, so it never waits on opp."""
    log, files = _nep_omzetter(tmp_path, monkeypatch, ("a", "b", "c", "d"))
    blank = tmp_path / "blank.pdf"
    (tmp_path / "omzetter.py").write_text(PIPELINE_CONVERTER.format(log=str(log), pdf=str(blank)))
    log.write_text("")
    with pdf_module.PdfOmzetter(len(files), jobs=1) as omzetter:
        for f in files:
            omzetter.erbij(f)
    assert omzetter.resultaat.pdf == [f.with_suffix(".pdf") for f in files] and not omzetter.resultaat.mislukt
    regels = log.read_text().split("\n")
    for eerder, later in zip(files, files[1:], strict=False):  # the next was read before the last was done
        assert regels.index(f"lees {later.name}") < regels.index(f"ok {eerder.name}")
    assert all(pdf_is_whole(f.with_suffix(".pdf")) for f in files)
