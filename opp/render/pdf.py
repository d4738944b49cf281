"""PDF through LibreOffice at its own pace: one office per core, started once per run.

With python3-uno (pdf_uno.py) each office is started at the very beginning, from a copy of a warm profile
(lo_profiel.py), and is driven through UNO: it takes what is waiting in one queue as soon as it is written,
so its start-up overlaps opp's own work and no office waits while another has a longer share. Documents of
one template waiting together go as one bundle (pdf_bundel.py), which saves LibreOffice about a quarter of
each document's cost; a bundle that goes wrong is converted again document by document. Without it, each
core's share goes to `soffice --convert-to` in one call once it is complete.

Starting LibreOffice costs about ten documents' worth of work, so it is paid once per core, not per batch.
Every PDF is checked as it arrives (an office given hundreds of files has been seen to stop early without a
word). What a call did not make is retried: the first missing document alone, since it may be what stopped
the office, the rest together again. A document that fails alone is named, never lost. An office that makes
no next PDF for SECONDS_PER_DOCUMENT is stuck: it is ended and the same retry applies (through UNO: that
document is tried once more alone at the end, in a new office, and named if it fails again).
"""

from __future__ import annotations

import errno
import itertools
import os
import queue
import re
import shutil
import subprocess
import tempfile
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from ..files import OWNER_ONLY
from ..problems import SchijfVol, is_schijf_vol
from ..processen import bewaakt
from .lo_profiel import kopieer_profiel, warm_profiel
from .pdf_bundel import sleutel, splits, voeg_samen
from .pdf_uno import OK, Kantoor, soffice, uno_python
from .pdf_uno import kernen as _kernen
from .pdf_uno import neem_voorgestart as _neem_voorgestart

INSTALL_HINT = ("LibreOffice is niet gevonden, dus er zijn geen PDF's gemaakt (de .docx-bestanden staan er wel). "
                "Installeer het, bijvoorbeeld: sudo apt-get install libreoffice-writer-nogui fonts-crosextra-carlito "
                "python3-uno")
STARTUP_SECONDS = 60  # the longest wait for a call's first PDF (start, profile, first document)
SECONDS_PER_DOCUMENT = 20  # ... and for each next one: longer and the office is stuck
POLL_SECONDS = 0.05
ONDERWEG = 2  # bundles handed to one office at once: it starts on the next while opp checks the last
# Bundles (pdf_bundel.py): at most NEEM documents taken from the queue at once, grouped per template, each
# group cut into bundles of at most BUNDEL. A document in a bundle of 16 costs an office about 0.77 of one
# converted alone, and longer bundles get slower again (`python benchmarks/bundel.py`, two runs: 1: 110-116 ms
# a document, 8: 85-90, 16: 83-89, 24: 86-88, 48: 85-91, 96: 92-95 ms).
NEEM, BUNDEL = 48, 16
OPGEVEN_NA = 3  # documents in a row that fail alone with nothing made in between: LibreOffice itself fails
FULL_BELOW = 1 << 20  # bytes free below which a silent LibreOffice failure is a full disk

Progress = Callable[[int], None]


@dataclass
class PdfResultaat:
    pdf: list[Path] = field(default_factory=list)
    mislukt: list[Path] = field(default_factory=list)
    melding: str | None = None


def convert_to_pdf(docx_files: list[Path], jobs: int | None = None,
                   progress: Progress | None = None) -> PdfResultaat:
    """A PDF beside each .docx. Missing LibreOffice is not an error of the documents: it is reported."""
    with PdfOmzetter(len(docx_files), jobs, progress) as omzetter:
        for docx in docx_files:
            omzetter.erbij(docx)
    return omzetter.resultaat


class PdfOmzetter:
    """Takes documents as they are written. Through UNO each office takes the next one from a queue at once;
    with --convert-to, as soon as one core's share (total / cores) is complete, that share goes to a
    LibreOffice of its own. Either way writing the rest overlaps with converting the first.

    Use as a context manager: leaving it converts what is left, waits, and fills `resultaat`; leaving it
    on an exception ends every office at once."""

    def __init__(self, totaal: int, jobs: int | None = None, progress: Progress | None = None) -> None:
        self.office = soffice()
        self.resultaat = PdfResultaat(melding=None if self.office else INSTALL_HINT)
        jobs = max(1, min(jobs or _kernen(), totaal or 1))
        self._deel = -(-max(totaal, 1) // jobs)  # documents per call, rounded up: one call per core
        self._progress = progress
        self._alle: list[Path] = []
        self._wachtend: list[Path] = []
        self._calls: list[Future] = []
        self._stop = threading.Event()
        self._profielen = tempfile.TemporaryDirectory(prefix="opp-lo-")
        # One profile per thread, kept for all its calls: two offices cannot share one.
        self._lokaal, self._nummers = threading.local(), itertools.count()
        self._pool = ThreadPoolExecutor(max_workers=jobs, thread_name_prefix="opp-pdf")
        # Through UNO: each office takes the next document as soon as it is written (a queue, not shares).
        self._python = uno_python() if self.office else None
        self._rij: queue.Queue[Path | None] = queue.Queue()
        self._jobs, self._totaal, self._genomen, self._teller = jobs, totaal, 0, threading.Lock()
        self._warm = warm_profiel(self.office) if self.office else None
        if self._python and self.office:
            kantoren = _neem_voorgestart(jobs)
            kantoren += [Kantoor(self._python, self.office, self._warm) for _ in range(jobs - len(kantoren))]
            self._calls = [self._pool.submit(self._uno, kantoor) for kantoor in kantoren]

    def erbij(self, docx: Path) -> None:
        self._alle.append(docx)
        if self.office is None:
            return
        if self._python:
            self._rij.put(docx)
            return
        self._wachtend.append(docx)
        if len(self._wachtend) >= self._deel:
            self._start()

    def __enter__(self) -> PdfOmzetter:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        for _ in self._calls if self._python else ():
            self._rij.put(None)  # each office's end of the queue (also after an exception: none waits on)
        try:
            if exc_type is None:
                self._start()
                mislukt = {f for call in self._calls for f in call.result()}
                self.resultaat.mislukt = [f for f in self._alle if f in mislukt]
                if self.office:
                    self.resultaat.pdf = [f.with_suffix(".pdf") for f in self._alle if f not in mislukt]
        finally:
            self._stop.set()  # an exception (here or in the caller): every office still running ends now
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._profielen.cleanup()
            if exc_type is not None:  # a document the caller took back keeps no PDF either
                for docx in self._alle:
                    if not docx.exists():
                        docx.with_suffix(".pdf").unlink(missing_ok=True)

    def _uno(self, kantoor: Kantoor) -> list[Path]:
        """Convert documents from the queue in one office; return what failed alone.

        Up to ONDERWEG documents are handed over at once, so the office starts on the next while opp checks
        and moves the last one's PDF. A document LibreOffice failed on, or on which its office died or got
        stuck (that office is ended and another started; what it still had is tried again too), is tried once
        more at the end, alone; failing again, it is named. Without an office that ever becomes ready (no
        python3-uno), the rest goes through --convert-to. Documents of one template waiting together go as one
        bundle (see _bundels); what goes wrong with a bundle is tried again alone, document by document."""
        opnieuw: list[Path] = []
        onderweg: deque[tuple[list[Path], Path]] = deque()  # (bundle, its work folder): handed over, not answered
        try:
            eerste = self._rij.get()
            if eerste is None:  # nothing to convert: no need to wait for the office
                return []
            if not kantoor.wacht_tot_klaar(STARTUP_SECONDS, self._stop):
                kantoor.stop()
                rest = [eerste, *iter(self._rij.get, None)]
                return [] if self._stop.is_set() else self._zet_om(rest)
            for groep in self._bundels(eerste):
                if self._stop.is_set():
                    continue
                kantoor = self._geef(kantoor, groep, onderweg, opnieuw)
                # Wait for an answer when enough is on its way, or when no next document is written yet.
                while len(onderweg) >= ONDERWEG or (onderweg and self._rij.empty()):
                    kantoor = self._wacht_op(kantoor, onderweg, opnieuw)
            while onderweg and not self._stop.is_set():
                kantoor = self._wacht_op(kantoor, onderweg, opnieuw)
            mislukt, op_rij = [], 0
            for docx in opnieuw:
                if self._stop.is_set():
                    break
                if op_rij >= OPGEVEN_NA or not self._uno_een(kantoor, docx):
                    mislukt.append(docx)  # several in a row: LibreOffice itself fails, trying costs only time
                    op_rij += 1
                    kantoor = self._vervang_als_weg(kantoor)
                else:
                    op_rij = 0
            return mislukt
        finally:
            kantoor.stop()
            for _docx, werk in onderweg:  # stopped midway
                shutil.rmtree(werk, ignore_errors=True)

    def _bundels(self, eerste: Path) -> Iterator[list[Path]]:
        """The documents from the queue (starting with `eerste`, until its end) in bundles: each time, what is
        waiting, grouped by template (pdf_bundel.sleutel) in the order written; a document that cannot be
        bundled goes alone. At most a share of what is still to come is taken at once (NEEM at the most), so
        near the end no office has a long bundle left while another has nothing; a group longer than BUNDEL
        is cut into bundles of about equal length."""
        genomen: list[Path | None] = [eerste]
        while genomen[0] is not None:
            grootte = self._bundelgrootte()
            while len(genomen) < grootte and genomen[-1] is not None:
                try:
                    genomen.append(self._rij.get_nowait())
                except queue.Empty:
                    break
            einde = genomen[-1] is None
            documenten = [d for d in genomen if d is not None]
            with self._teller:
                self._genomen += len(documenten)
            groepen: dict[str | Path, list[Path]] = {}
            for docx in documenten:
                groepen.setdefault(sleutel(docx) or docx, []).append(docx)
            for groep in groepen.values():
                yield from _verdeel(groep, -(-len(groep) // BUNDEL))
            genomen = [None] if einde else [self._rij.get()]

    def _bundelgrootte(self) -> int:
        with self._teller:
            rest = self._totaal - self._genomen
        return max(1, min(NEEM, rest // self._jobs))

    def _geef(self, kantoor: Kantoor, groep: list[Path], onderweg: deque[tuple[list[Path], Path]],
              opnieuw: list[Path]) -> Kantoor:
        """Hand a document, or a bundle of them merged into one, to the office; one that cannot take it is
        replaced (see _weg). A bundle that cannot be merged is tried again at the end, alone."""
        werk = _opnieuw_te_maken(groep)
        docx = groep[0]
        if len(groep) > 1:
            docx = werk / "bundel.docx"
            try:
                voeg_samen(groep, docx)
            except (OSError, KeyError, ValueError):  # lxml's syntax error is a ValueError
                shutil.rmtree(werk, ignore_errors=True)
                opnieuw.extend(groep)
                return kantoor
        if kantoor.stuur(docx, werk / "pdf.pdf", bladwijzers=len(groep) > 1):
            onderweg.append((groep, werk))
            return kantoor
        shutil.rmtree(werk, ignore_errors=True)
        opnieuw.extend(groep)
        return self._weg(kantoor, onderweg, opnieuw)

    def _wacht_op(self, kantoor: Kantoor, onderweg: deque[tuple[list[Path], Path]],
                  opnieuw: list[Path]) -> Kantoor:
        """The oldest bundle on its way: its PDFs checked and put in place, or its documents kept to try again."""
        groep, werk = onderweg.popleft()
        if self._afronden(kantoor.uitkomst(SECONDS_PER_DOCUMENT * len(groep), self._stop), groep, werk, kantoor):
            return kantoor
        opnieuw.extend(groep)
        return kantoor if kantoor.levend() else self._weg(kantoor, onderweg, opnieuw)

    def _weg(self, kantoor: Kantoor, onderweg: deque[tuple[list[Path], Path]], opnieuw: list[Path]) -> Kantoor:
        """An office that died or got stuck: what it still had is tried again at the end; a new one takes over."""
        while onderweg:
            groep, werk = onderweg.popleft()
            shutil.rmtree(werk, ignore_errors=True)
            opnieuw.extend(groep)
        return self._vervang_als_weg(kantoor)

    def _vervang_als_weg(self, kantoor: Kantoor) -> Kantoor:
        """A new office for one that died or got stuck; after OPGEVEN_NA in a row that never came up, none:
        what is left then fails at once and is named, instead of waiting for each start in turn."""
        if kantoor.levend() or self._stop.is_set() or kantoor.mislukte_starts >= OPGEVEN_NA:
            return kantoor  # alive, or stopping (the caller ends it), or LibreOffice no longer starts
        kantoor.stop()
        nieuw = Kantoor(self._python or "", self.office or "", self._warm)
        if not nieuw.wacht_tot_klaar(STARTUP_SECONDS, self._stop):
            nieuw.mislukte_starts = kantoor.mislukte_starts + 1
        return nieuw

    def _uno_een(self, kantoor: Kantoor, docx: Path) -> bool:
        """One document through the office, alone; True when its PDF is whole and in place."""
        werk = _opnieuw_te_maken([docx])
        return self._afronden(kantoor.zet_om(docx, werk / "pdf.pdf", SECONDS_PER_DOCUMENT, self._stop),
                              [docx], werk, kantoor)

    def _afronden(self, uitkomst: str, groep: list[Path], werk: Path, kantoor: Kantoor) -> bool:
        """After the office's answer: True when the PDF in `werk` is whole and now beside its document, or,
        for a bundle, split into a whole PDF beside each of its documents."""
        try:
            tijdelijk = werk / "pdf.pdf"
            delen = [tijdelijk] if len(groep) == 1 else [werk / f"deel{i}.pdf" for i in range(len(groep))]
            if (uitkomst == OK and pdf_is_whole(tijdelijk)
                    and (len(groep) == 1 or splits(tijdelijk, delen)) and all(map(pdf_is_whole, delen))):
                for deel, docx in zip(delen, groep, strict=True):
                    _zet_neer(deel, docx.with_suffix(".pdf"))
                if self._progress:
                    self._progress(len(groep))
                return True
            # LibreOffice says nothing when the disk is full: a failure with (next to) no space left is that.
            if _full(groep[0].parent):
                raise SchijfVol(groep[0].parent)
            if _full(kantoor.map):
                raise SchijfVol(kantoor.map, tijdelijk=True)
            return False
        finally:
            shutil.rmtree(werk, ignore_errors=True)

    def _start(self) -> None:
        deel, self._wachtend = self._wachtend, []
        if deel:
            self._calls.append(self._pool.submit(self._zet_om, deel))

    def _profiel(self) -> Path:
        if not hasattr(self._lokaal, "profiel"):
            self._lokaal.profiel = Path(self._profielen.name) / f"profiel{next(self._nummers)}"
            kopieer_profiel(self._warm, self._lokaal.profiel)
        return self._lokaal.profiel

    def _zet_om(self, deel: list[Path]) -> list[Path]:
        """Convert one share in one call, then retry what is missing; return what failed alone."""
        profiel, mislukt, rest, op_rij = self._profiel(), [], deel, 0
        while rest and not self._stop.is_set():
            ontbreekt = _aanroep(self.office or "", rest, profiel, self._progress, self._stop)
            if not ontbreekt:
                break
            if len(rest) == 1:
                mislukt += ontbreekt
                break
            if len(ontbreekt) < len(rest):
                op_rij = 0
            verdacht, rest = ontbreekt[0], ontbreekt[1:]
            if _aanroep(self.office or "", [verdacht], profiel, self._progress, self._stop):
                mislukt.append(verdacht)
                op_rij += 1
                if op_rij >= OPGEVEN_NA:  # every start fails: retrying one by one would only cost time
                    mislukt += rest
                    break
            else:
                op_rij = 0
        return mislukt


def _aanroep(office: str, files: list[Path], profiel: Path, progress: Progress | None,
             stop: threading.Event) -> list[Path]:
    """One LibreOffice call on `files` (any folders); return, in order, those without a whole PDF after it.

    LibreOffice writes into a hidden work folder beside the first document; each PDF moves into place as
    soon as it is whole, so a killed or failed call never leaves a broken PDF under a document's name."""
    for f in files:  # a stale PDF must not pass for a fresh one
        f.with_suffix(".pdf").unlink(missing_ok=True)
    folder = files[0].parent
    werk = _werkmap(folder)
    try:
        namen = _unieke_namen(files, werk)
        open_: dict[str, Path] = {f"{stem}.pdf": docx for stem, (docx, _) in namen.items()}

        def oogst() -> bool:
            """Move every PDF that is whole into place; True when one did."""
            klaar = [naam for naam in open_.keys() & set(os.listdir(werk)) if pdf_is_whole(werk / naam)]
            for naam in klaar:
                _zet_neer(werk / naam, open_.pop(naam).with_suffix(".pdf"))
            if klaar and progress:
                progress(len(klaar))
            return bool(klaar)

        command = [office, f"-env:UserInstallation={profiel.resolve().as_uri()}", "--headless", "--norestore",
                   "--convert-to", "pdf", "--outdir", str(werk), *(str(invoer) for _, invoer in namen.values())]
        _run_guarded(command, oogst, stop)
        oogst()
        ontbreekt = list(open_.values())
        # LibreOffice says nothing when the disk is full: a failure with (next to) no space left is that.
        if ontbreekt and _full(werk):
            raise SchijfVol(folder)
        if ontbreekt and _full(profiel.parent):
            raise SchijfVol(profiel.parent, tijdelijk=True)
        return ontbreekt
    finally:
        shutil.rmtree(werk, ignore_errors=True)


def _verdeel(groep: list[Path], stukken: int) -> list[list[Path]]:
    """`groep` in `stukken` consecutive parts of about equal length, in order."""
    grootte, rest = divmod(len(groep), stukken)
    uit, begin = [], 0
    for k in range(stukken):
        eind = begin + grootte + (k < rest)
        uit.append(groep[begin:eind])
        begin = eind
    return uit


def _opnieuw_te_maken(groep: list[Path]) -> Path:
    """Before documents go to an office: their old PDFs removed (a stale PDF must not pass for a fresh one),
    and a work folder for the new ones, where LibreOffice's own temp files go too, and go with it."""
    for docx in groep:
        docx.with_suffix(".pdf").unlink(missing_ok=True)
    return _werkmap(groep[0].parent)


def _werkmap(folder: Path) -> Path:
    """A hidden work folder beside the documents, where LibreOffice writes before a PDF is checked."""
    try:
        return Path(tempfile.mkdtemp(prefix=".opp-pdf-", suffix=".tmp", dir=folder))
    except OSError as exc:
        if is_schijf_vol(exc):
            raise SchijfVol(folder) from None
        raise


def _unieke_namen(files: list[Path], werk: Path) -> dict[str, tuple[Path, Path]]:
    """Output name (stem) -> (document, the file LibreOffice is given). soffice writes every PDF of a call
    into one folder, named after the document: a name that occurs twice (two dossiers' 'OPP.docx') gets a
    linked copy under a free name."""
    namen: dict[str, tuple[Path, Path]] = {}
    for docx in files:
        stem, n = docx.stem, 1
        while stem in namen:
            n += 1
            stem = f"{docx.stem} ({n})"
        invoer = docx
        if n > 1:
            invoer = werk / "in" / f"{stem}{docx.suffix}"
            invoer.parent.mkdir(mode=0o700, exist_ok=True)
            try:
                os.link(docx, invoer)
            except OSError:  # another file system, or no hard links there
                shutil.copyfile(docx, invoer)
        namen[stem] = (docx, invoer)
    return namen


def _zet_neer(gemaakt: Path, doel: Path) -> None:
    """Move a finished PDF to its place in one step (a copy first when the place is on another disk)."""
    try:
        try:
            os.replace(gemaakt, doel)
        except OSError as exc:
            if exc.errno != errno.EXDEV:
                raise
            tijdelijk = doel.with_name(f".{doel.name}.tmp")
            with open(gemaakt, "rb") as bron, os.fdopen(
                    os.open(tijdelijk, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, OWNER_ONLY), "wb") as uit:
                shutil.copyfileobj(bron, uit)
            os.replace(tijdelijk, doel)
    except OSError as exc:
        if is_schijf_vol(exc):
            raise SchijfVol(doel.parent) from None
        raise


def _run_guarded(command: list[str], oogst: Callable[[], bool], stop: threading.Event) -> None:
    """Run LibreOffice under the guard, which ends it (and what it started) when opp ends or gives up.

    While it runs, `oogst` takes in each PDF it finishes; without a next PDF in time, or when `stop` is
    set, the office is ended (leaving the block closes the guard's stdin) and what did arrive is kept."""
    with subprocess.Popen(bewaakt(command), stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                          stderr=subprocess.DEVNULL) as guard:
        uiterlijk = time.monotonic() + STARTUP_SECONDS
        while not stop.is_set():
            try:
                guard.wait(timeout=POLL_SECONDS)
                return
            except subprocess.TimeoutExpired:
                pass
            if oogst():
                uiterlijk = time.monotonic() + SECONDS_PER_DOCUMENT
            elif time.monotonic() > uiterlijk:
                return


def _full(folder: Path) -> bool:
    try:
        return shutil.disk_usage(folder).free < FULL_BELOW
    except OSError:
        return False


def pdf_is_whole(pdf: Path) -> bool:
    """A PDF LibreOffice finished: it starts with %PDF-, has a page, and ends with its trailer, whose last
    cross-reference is where it says it is. LibreOffice writes that trailer last, so a PDF cut off anywhere
    (a killed office, a full disk) fails here; read without a PDF library, which would cost more than a
    document's conversion takes of opp (about 0.13 s to import and 1.5 ms a PDF)."""
    try:
        with open(pdf, "rb") as fh:
            data = fh.read()
    except OSError:
        return False
    staart = _STARTXREF.search(data, max(0, len(data) - 1024))
    if not data.startswith(b"%PDF-") or staart is None:
        return False
    xref = int(staart[1])
    return (xref < staart.start() and _XREF.match(data, xref) is not None
            and _PAGINA.search(data) is not None)


_STARTXREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")
_XREF = re.compile(rb"xref\s|\d+\s+\d+\s+obj\b")  # a table, or a cross-reference stream's object
_PAGINA = re.compile(rb"/Type\s*/Page(?![A-Za-z])")
