"""Read a spreadsheet (.xlsx or .ods) sheet by sheet, in a helper process that streams the rows back.

The caller checks the container first (xlsx.check_container, ods.check_container): no parser sees a zip
bomb, an old .xls or an encrypted file. Neither parser expands entities (calamine's fails on the first
undefined one; the .xlsx stream refuses any DTD), so an XML bomb cannot fill memory.

The helper (parse_child.py: the standard library, lxml and python_calamine, nothing of opp) parses a small
sheet with python-calamine, a reader written in Rust that holds a whole sheet, and streams a large .xlsx
sheet row by row with lxml (xlsx_stroom.py; the rule is in parse_child.py). It sends the rows back in
chunks: this process holds one chunk at a time, however large the school, and parsing runs on a second core
while the rows are validated here. A sheet is asked for when the reader first reads it, and the next one in
the reader's order is asked for at once, so the helper parses it while this one streams.

Cells read as openpyxl read them: an empty cell is None, a whole number an int, text as typed (leading
zeros, spaces); a date is a date (a datetime when it has a time). An error cell (#N/A) reads as empty.
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from ..problems import OppError
from .contract import SHEETS, normalize_header
from .source import LazySheet, RawSheet, RawWorkbook

CHILD = Path(__file__).with_name("parse_child.py")
STOP_SECONDS = 5  # how long a helper that was told to stop may take before it is killed
# glibc: large blocks (a sheet's cells) from their own mapping, returned whole when freed, rather than from a
# heap that a raised threshold lets grow with every sheet.
HELPER_ENV = {"MALLOC_MMAP_THRESHOLD_": "131072"}


@dataclass(frozen=True)
class Soort:
    """What kind of spreadsheet, for the messages: which program repairs it and how it is saved."""

    programma: str
    naam: str
    extensie: str


XLSX = Soort("Excel", "Excel-werkboek", ".xlsx")
ODS = Soort("LibreOffice Calc", "rekenblad", ".ods")


class CalamineFout(Exception):
    """calamine failed in the helper process; `soort` is the name of its exception class."""

    def __init__(self, soort: str, bericht: str):
        super().__init__(f"{soort}: {bericht}")
        self.soort = soort


class HelperGestopt(Exception):
    """The helper process ended without a word (killed, out of memory, crashed)."""


def read_spreadsheet(path: Path, soort: Soort) -> RawWorkbook:
    """Open the workbook; sheets are parsed when the reader first asks for their headers or rows."""
    loader = _Loader(path, soort)
    try:
        sheets: dict[str, RawSheet] = {normalize_header(n): LazySheet(n, loader.load_function(n)) for n in loader.names}
        # In the reader's order, so only the first sheet with a header is parsed (School, for a filled-in workbook).
        if not any(any(v is not None for v in sheets[normalize_header(n)].headers) for n in loader.order):
            raise OppError(f"'{path.name}' is leeg. Begin met een leeg werkboek: opp init MAP")
    except BaseException:
        loader.close()
        raise
    return RawWorkbook(bron=str(path), sheets=sheets, close=loader.close)


class _Loader:
    """Talks to the helper process. Sheets stream one after another through one pipe, in the order asked
    for; the rows of a sheet are read before the next sheet is opened (what is left of them is skipped)."""

    def __init__(self, path: Path, soort: Soort):
        self._path, self._soort = path, soort
        self._proc: subprocess.Popen[bytes] | None = subprocess.Popen(
            [sys.executable, "-P", str(CHILD), str(path), str(os.getpid())],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env={**os.environ, **HELPER_ENV})
        self._in_flight: list[str] = []  # asked for, in order, not yet opened here
        self._asked: set[str] = set()
        self._streaming = 0  # the number of the sheet whose rows are in the pipe (0: none)
        self._opened = 0
        try:
            self.names: list[str] = self._expect("bladen")[1]
        except BaseException:
            self.close()
            raise
        self._rank = {normalize_header(s.name): i for i, s in enumerate(SHEETS)}  # the reader's order
        self.order = sorted(self.names, key=lambda n: self._rank.get(normalize_header(n), len(self._rank)))

    def load_function(self, name: str):
        return lambda: self._load(name)

    def _load(self, name: str) -> tuple[list, Iterator[tuple[int, list]]]:
        headers, number = self._open(name)
        return headers, self._rows(name, number)

    def _open(self, name: str) -> tuple[list, int]:
        """Have `name` streaming next in the pipe: (its headers, its number among the sheets opened)."""
        self._skip_rows()
        while self._in_flight and self._in_flight[0] != name:  # asked for ahead, but not read after all
            self._in_flight.pop(0)
            self._expect("kop")
            self._streaming = -1
            self._skip_rows()
        if not self._in_flight:
            self._ask(name)
        self._in_flight.pop(0)
        headers = self._expect("kop")[1]
        self._opened += 1
        self._streaming = self._opened
        following = self.order[self.order.index(name) + 1:]
        nxt = next((n for n in following if n not in self._asked and normalize_header(n) in self._rank), None)
        if nxt is not None and not self._in_flight:
            self._ask(nxt)  # parsed by the helper while this sheet streams
        return headers, self._opened

    def _rows(self, name: str, number: int) -> Iterator[tuple[int, list]]:
        done = skip = 0  # rows handed out; rows to pass over after the sheet was asked for again
        while True:
            if self._streaming != number:  # another sheet was opened before these rows were read: ask again
                _, number = self._open(name)
                skip = done
            message = self._receive()
            if message[0] == "einde":
                self._streaming = 0
                return
            rows = message[1]
            if skip:
                rows, skip = rows[skip:], max(0, skip - len(rows))
            for row in rows:
                done += 1
                yield row

    def _skip_rows(self) -> None:
        while self._streaming:
            if self._receive()[0] == "einde":
                self._streaming = 0

    def _ask(self, name: str) -> None:
        assert self._proc is not None and self._proc.stdin is not None
        self._asked.add(name)
        self._in_flight.append(name)
        with unusable(self._path, self._soort):
            try:
                self._proc.stdin.write(pickle.dumps(name))
                self._proc.stdin.flush()
            except OSError as exc:  # the helper has gone: its last message says why
                raise HelperGestopt() from exc

    def _expect(self, kind: str) -> Any:
        message = self._receive()
        if message[0] != kind:
            raise RuntimeError(f"het leesproces stuurde '{message[0]}' in plaats van '{kind}'")
        return message

    def _receive(self) -> Any:
        assert self._proc is not None
        stdout: IO[bytes] | None = self._proc.stdout
        assert stdout is not None
        with unusable(self._path, self._soort):
            try:
                message = pickle.load(stdout)
            except (EOFError, pickle.UnpicklingError, OSError) as exc:
                raise HelperGestopt() from exc
            if message[0] == "fout":
                raise CalamineFout(message[1], message[2])
        return message

    def close(self) -> None:
        """End the helper (closing its input ends it) and wait for it, so no process is left behind."""
        proc, self._proc = self._proc, None
        if proc is None:
            return
        for pipe in (proc.stdin, proc.stdout):
            try:
                if pipe is not None:
                    pipe.close()
            except OSError:
                pass
        try:
            proc.wait(timeout=STOP_SECONDS)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@contextmanager
def unusable(path: Path, soort: Soort):
    """Every way calamine can fail on a damaged or hostile file becomes one clear OppError."""
    try:
        yield
    except (OppError, KeyboardInterrupt, SystemExit, GeneratorExit):
        raise
    except BaseException as exc:  # calamine's errors, and a Rust panic (a BaseException) on a hostile file
        raise _diagnose(path, soort, exc) from exc


def _diagnose(path: Path, soort: Soort, exc: BaseException) -> OppError:
    """Say why calamine failed, judged from the file itself rather than from calamine's wording."""
    name = path.name
    if isinstance(exc, CalamineFout) and exc.soort == "PasswordError":
        return OppError(f"'{name}' is beveiligd met een wachtwoord. Sla het in {soort.programma} opnieuw op "
                        f"zonder wachtwoord (als {soort.extensie}).")
    damaged, dtd = _inspect(path)
    if damaged:
        return OppError(f"'{name}' is beschadigd en kan niet worden gelezen. Open het in {soort.programma} (dat "
                        f"kan het vaak herstellen) en sla het opnieuw op als {soort.extensie}.")
    if dtd:
        return OppError(f"'{name}' bevat XML die niet veilig te lezen is (bijvoorbeeld een 'XML-bom') en is niet "
                        f"geopend. Sla het werkboek opnieuw op vanuit {soort.programma}.")
    if isinstance(exc, HelperGestopt):
        return OppError(f"Het lezen van '{name}' is onverwacht gestopt (bijvoorbeeld door een tekort aan geheugen). "
                        "Sluit andere programma's en probeer het opnieuw.")
    oorzaak = exc.soort if isinstance(exc, CalamineFout) else type(exc).__name__
    return OppError(f"'{name}' is geen leesbaar {soort.naam} ({oorzaak}). Open het in "
                    f"{soort.programma} en sla het opnieuw op als {soort.extensie}.")


def _inspect(path: Path) -> tuple[bool, bool]:
    """(a part of the zip is damaged, an XML part declares a DTD). Neither Excel nor LibreOffice writes a
    DTD, so one is an attack; only the start is read, as a DTD must come before the first element."""
    try:
        with zipfile.ZipFile(path) as zf:
            if zf.testzip() is not None:
                return True, False
            for info in zf.infolist():
                if info.filename.endswith(".xml") or info.filename.endswith(".rels"):
                    with zf.open(info) as fh:
                        if b"<!DOCTYPE" in fh.read(65536).upper():
                            return False, True
    except Exception:  # a zip that cannot even be tested (zlib, struct, EOF errors) is damaged
        return True, False
    return False, False
