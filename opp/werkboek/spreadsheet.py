"""Read a spreadsheet (.xlsx or .ods) with python-calamine, a reader written in Rust, sheet by sheet.

The caller checks the container first (xlsx.check_container, ods.check_container): calamine never sees a
zip bomb, an old .xls or an encrypted file. calamine's XML parser does not expand entities, so an XML bomb
fails on its first undefined entity instead of filling memory.

A sheet is parsed when the reader first asks for it, and the next sheet in the reader's order is parsed in
a background thread while this one is validated (calamine releases the GIL while it parses). At most two
sheets are held as Rust cells; their rows become Python lists one at a time.

Cells read as openpyxl read them: an empty cell is None, a whole number an int, text as typed (leading
zeros, spaces); a date is a date (a datetime when it has a time). An error cell (#N/A) reads as empty.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import python_calamine as pc

from ..problems import OppError
from .contract import SHEETS, normalize_header
from .source import LazySheet, RawWorkbook

WHOLE = 2.0 ** 53  # floats up to here are exact integers: Excel stores every number as a float


@dataclass(frozen=True)
class Soort:
    """What kind of spreadsheet, for the messages: which program repairs it and how it is saved."""

    programma: str
    naam: str
    extensie: str


XLSX = Soort("Excel", "Excel-werkboek", ".xlsx")
ODS = Soort("LibreOffice Calc", "rekenblad", ".ods")


def read_spreadsheet(path: Path, soort: Soort) -> RawWorkbook:
    """Open the workbook; sheets are parsed when the reader first asks for their headers or rows."""
    with unusable(path, soort):
        wb = pc.CalamineWorkbook.from_path(str(path))
    names = [m.name for m in wb.sheets_metadata if m.typ == pc.SheetTypeEnum.WorkSheet]  # not chart sheets
    loader = _Loader(path, soort, wb, names)
    try:
        sheets = {normalize_header(name): LazySheet(name, loader.load_function(name)) for name in names}
        # In the reader's order, so only the first sheet with a header is parsed (School, for a filled-in workbook).
        if not any(any(v is not None for v in sheets[normalize_header(n)].headers) for n in loader.order):
            raise OppError(f"'{path.name}' is leeg. Begin met een leeg werkboek: opp init MAP")
    except BaseException:
        loader.close()
        raise
    return RawWorkbook(bron=str(path), sheets=sheets, close=loader.close)


class _Loader:
    """Parses sheets in one worker thread (a calamine workbook is used by one thread at a time), one
    sheet ahead of the reader, in the order the reader reads them (the contract's)."""

    def __init__(self, path: Path, soort: Soort, wb: pc.CalamineWorkbook, names: list[str]):
        self._path, self._soort, self._wb = path, soort, wb
        rank = {normalize_header(s.name): i for i, s in enumerate(SHEETS)}
        self.order = sorted(names, key=lambda n: rank.get(normalize_header(n), len(rank)))
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="opp-werkboek")
        self._pending: dict[str, Future] = {}
        self._asked: set[str] = set()

    def load_function(self, name: str):
        return lambda: self._load(name)

    def _load(self, name: str) -> tuple[list, Iterator[tuple[int, list]]]:
        future = self._pending.pop(name, None) or self._pool.submit(self._wb.get_sheet_by_name, name)
        self._asked.add(name)
        following = self.order[self.order.index(name) + 1:]
        nxt = next((n for n in following if n not in self._asked and n not in self._pending), None)
        if nxt is not None and not self._pending:
            self._pending[nxt] = self._pool.submit(self._wb.get_sheet_by_name, nxt)
        with unusable(self._path, self._soort):
            sheet = future.result()
        if sheet.start is None:  # no cell at all
            return [], iter(())
        rows = _rows(sheet.iter_rows(), sheet.start[1])
        _, headers = next(rows, (1, []))
        return headers, _non_empty(rows)

    def close(self) -> None:
        for future in self._pending.values():
            future.cancel()
        self._pending.clear()
        self._pool.shutdown(wait=True)
        self._wb.close()


def _rows(rows, first_column: int) -> Iterator[tuple[int, list]]:
    """Every row with its Excel number. calamine starts a row at the first column that holds a cell
    (padding is added back, so indexes are columns from A) and pads the rows above the first cell."""
    pad = [None] * first_column
    for number, row in enumerate(rows, start=1):
        values = [None if v == "" else int(v) if v.__class__ is float and v.is_integer() and -WHOLE < v < WHOLE
                  else v for v in row]
        yield number, (pad + values if pad else values)


def _non_empty(rows: Iterator[tuple[int, list]]) -> Iterator[tuple[int, list]]:
    """Rows with at least one cell that is not empty or only spaces."""
    for number, values in rows:
        for v in values:
            if v is not None and (v.__class__ is not str or v.strip()):
                yield number, values
                break


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
    if isinstance(exc, pc.PasswordError):
        return OppError(f"'{name}' is beveiligd met een wachtwoord. Sla het in {soort.programma} opnieuw op "
                        f"zonder wachtwoord (als {soort.extensie}).")
    damaged, dtd = _inspect(path)
    if damaged:
        return OppError(f"'{name}' is beschadigd en kan niet worden gelezen. Open het in {soort.programma} (dat "
                        f"kan het vaak herstellen) en sla het opnieuw op als {soort.extensie}.")
    if dtd:
        return OppError(f"'{name}' bevat XML die niet veilig te lezen is (bijvoorbeeld een 'XML-bom') en is niet "
                        f"geopend. Sla het werkboek opnieuw op vanuit {soort.programma}.")
    return OppError(f"'{name}' is geen leesbaar {soort.naam} ({type(exc).__name__}). Open het in "
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
