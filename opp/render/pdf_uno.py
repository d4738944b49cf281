"""opp's side of a persistent LibreOffice driven through UNO (uno_omzetter.py, under the system Python).

A `Kantoor` is started before opp has a document to give it, so LibreOffice's start-up (about a second)
overlaps reading the workbook and writing the documents; it then takes one document at a time, as they
are written. Without python3-uno (or the system Python) it never becomes ready and PdfOmzetter falls back
to one `soffice --convert-to` call per core (pdf.py).
"""

from __future__ import annotations

import json
import os
import queue
import re
import shutil
import subprocess
import tempfile
import threading
import time
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .lo_profiel import kopieer_profiel, warm_profiel

SCRIPT = Path(__file__).with_name("uno_omzetter.py")
BEWAKER = Path(__file__).resolve().parent.parent / "bewaker.py"
SYSTEEM_PYTHON = "/usr/bin/python3"  # Debian's, where python3-uno puts `uno`
# Each office converts a short document once before its first one, while opp still reads the workbook:
# LibreOffice's first document costs the most (Writer, its filters, the fonts, the PDF export). The start of
# opp's own template up to its first table, with its styles, header and footer: about a tenth of a document.
OPWARMEN = Path(__file__).resolve().parent.parent / "templates" / "opp.docx"
POLL_SECONDS = 0.05

OK, FOUT, WEG = "ok", "fout", "weg"  # converted; LibreOffice failed on it; the office died, got stuck or never came


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def kernen() -> int:
    """The cores this process may use (at least one)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def uno_python() -> str | None:
    """The Python that can drive LibreOffice (None: use --convert-to). Whether it imports uno shows when the
    converter starts: asking first would cost a Python start on every run."""
    return SYSTEEM_PYTHON if os.access(SYSTEEM_PYTHON, os.X_OK) else None


class Kantoor:
    """One LibreOffice through one converter process, with a profile of its own (two offices cannot share one)."""

    def __init__(self, python: str, office: str, warm: Path | None = None) -> None:
        self.map = Path(tempfile.mkdtemp(prefix="opp-lo-"))  # owner-only; removed when it stops
        profiel = self.map / "profiel"
        self.profiel_url = profiel.resolve().as_uri()
        kopieer_profiel(warm, profiel)
        self._weg = False  # died, got stuck, or never came: not to be given another document
        self.mislukte_starts = 0  # offices in a row, ending with this one, that never came up
        self._regels: queue.Queue[str | None] = queue.Queue()
        self.klaar = False  # the office took documents (its start-up is over)
        try:
            opwarmen = opwarmdocument(OPWARMEN, self.map / "opwarmen.docx")
            self._proces: subprocess.Popen | None = subprocess.Popen(
                [python, str(SCRIPT), str(BEWAKER), office, self.profiel_url,
                 *([str(opwarmen)] if opwarmen else [])],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        except OSError:
            self._proces = None
            return
        self._lezer = threading.Thread(target=self._lees, args=(self._proces.stdout,), name="opp-kantoor",
                                       daemon=True)
        self._lezer.start()

    def _lees(self, uit) -> None:
        try:
            for regel in uit:
                self._regels.put(regel.decode("utf-8", "replace").strip())
        except (OSError, ValueError):  # closed under it: the converter is being ended
            pass
        self._regels.put(None)  # the converter ended

    def _antwoord(self, seconden: float, stop: threading.Event) -> str | None:
        uiterlijk = time.monotonic() + seconden
        while not stop.is_set() and time.monotonic() < uiterlijk:
            try:
                return self._regels.get(timeout=POLL_SECONDS)
            except queue.Empty:
                pass
        return None

    def wacht_tot_klaar(self, seconden: float, stop: threading.Event) -> bool:
        if not self.klaar and self._proces is not None:
            self.klaar = self._antwoord(seconden, stop) == "klaar"
            self._weg = not self.klaar
        return self.klaar

    def zet_om(self, docx: Path, pdf: Path, seconden: float, stop: threading.Event) -> str:
        """Convert `docx` into `pdf`; WEG when the office died or made nothing within `seconden`."""
        return self.uitkomst(seconden, stop) if self.stuur(docx, pdf) else WEG

    def stuur(self, docx: Path, pdf: Path, bladwijzers: bool = False) -> bool:
        """Hand `docx` over, to be stored as `pdf`, without waiting: the converter takes the requests in
        order, so the office can start on the next document while opp still checks the last one's PDF.
        `bladwijzers`: the document's bookmarks become named destinations in the PDF (a bundle).
        False when the office cannot take it (it is then gone)."""
        if self._proces is None or self._proces.stdin is None or not self.klaar:
            self._weg = True
            return False
        try:
            verzoek = [str(docx.resolve()), str(pdf.resolve()), *([True] if bladwijzers else [])]
            self._proces.stdin.write(json.dumps(verzoek).encode() + b"\n")
            self._proces.stdin.flush()
        except OSError:  # the converter has gone
            self._weg = True
            return False
        return True

    def uitkomst(self, seconden: float, stop: threading.Event) -> str:
        """The outcome of the oldest document handed over and not yet answered: OK, FOUT, or WEG when the
        office died or answered nothing within `seconden` (it is then not given another document)."""
        antwoord = self._antwoord(seconden, stop)
        if antwoord in (OK, FOUT):
            return antwoord
        self._weg = True
        return WEG

    def levend(self) -> bool:
        return self.klaar and not self._weg and self._proces is not None and self._proces.poll() is None

    def stop(self) -> None:
        """End the converter now; its guard then ends the office and all it started."""
        if self._proces is None:
            shutil.rmtree(self.map, ignore_errors=True)
            return
        try:
            if self._proces.stdin:
                self._proces.stdin.close()
        except OSError:
            pass
        self._proces.kill()
        self._proces.wait()
        self._lezer.join(timeout=1)  # its pipe ends with the converter
        if self._proces.stdout:
            self._proces.stdout.close()
        self._proces = None
        shutil.rmtree(self.map, ignore_errors=True)


def opwarmdocument(sjabloon: Path, doel: Path) -> Path | None:
    """`sjabloon` cut short after its first table (all else kept), written to `doel`; None when it cannot be
    (a missing or odd template only costs the office its warm-up)."""
    try:
        with zipfile.ZipFile(sjabloon) as bron, zipfile.ZipFile(doel, "w", zipfile.ZIP_DEFLATED) as uit:
            for info in bron.infolist():
                data = bron.read(info)
                if info.filename == "word/document.xml":
                    xml = data.decode("utf-8")
                    sectie = _SECTIE.search(xml)
                    einde = xml.find("</w:tbl>")
                    if sectie is None or einde < 0:
                        raise ValueError("geen tabel of sectie")
                    data = (xml[:einde + len("</w:tbl>")] + "<w:p/>" + sectie[1] + "</w:body></w:document>").encode()
                uit.writestr(info, data)
    except (OSError, ValueError, zipfile.BadZipFile, UnicodeDecodeError):
        doel.unlink(missing_ok=True)
        return None
    return doel


# The body's own (last) section: page size, margins, header and footer.
_SECTIE = re.compile(r"(<w:sectPr\b(?:(?!<w:sectPr\b).)*</w:sectPr>)\s*</w:body>", re.S)


# Offices started at the very beginning of a command, before the workbook is read (see `voorgestart`).
_voorgestart: list[Kantoor] = []
_slot = threading.Lock()


@contextmanager
def voorgestart(aan: bool, jobs: int | None = None) -> Iterator[None]:
    """Start one office per core now; a PdfOmzetter made inside this block takes them, so their start-up
    overlaps everything the command does before its first document. What is not taken ends with the block.
    Inside a block that started them already (opp/start.py), nothing more is started."""
    office, python = soffice(), uno_python()
    kantoren = []
    with _slot:
        al_gestart = bool(_voorgestart)
    if aan and office and python and not al_gestart:
        warm = warm_profiel(office)
        kantoren = [Kantoor(python, office, warm) for _ in range(jobs or kernen())]
    with _slot:
        _voorgestart.extend(kantoren)
    try:
        yield
    finally:
        with _slot:
            for kantoor in kantoren:
                if kantoor in _voorgestart:
                    _voorgestart.remove(kantoor)
                    kantoor.stop()


def neem_voorgestart(aantal: int) -> list[Kantoor]:
    """Up to `aantal` of the offices started beforehand; the caller stops them. The others are ended now
    (fewer documents than cores): one command converts once, and an idle office's start-up costs a core."""
    with _slot:
        genomen, rest = _voorgestart[:aantal], _voorgestart[aantal:]
        _voorgestart.clear()
    for kantoor in rest:
        kantoor.stop()
    return genomen
