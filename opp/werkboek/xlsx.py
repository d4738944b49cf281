"""Read an .xlsx workbook into raw sheets, turning every way a file can be unusable into one OppError."""

from __future__ import annotations

import warnings
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from defusedxml import DefusedXmlException
from openpyxl.reader.excel import ExcelReader
from openpyxl.xml import DEFUSEDXML

from ..problems import OppError
from .contract import normalize_header
from .source import RawSheet, RawWorkbook

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .xls, and also a password-protected .xlsx
MAX_UNCOMPRESSED = 500 * 1024 * 1024  # a zip bomb stops here, long before memory runs out

assert DEFUSEDXML, "openpyxl must parse with defusedxml (install defusedxml)"


def read_xlsx(path: Path) -> RawWorkbook:
    """Open the workbook and read each sheet's header row; data rows stream while they are used."""
    check_container(path)
    fh = open(path, "rb")  # ours to close: openpyxl leaves the file open when it fails halfway

    def close() -> None:
        try:
            if wb is not None:  # always set once close() is handed out
                wb.close()
        finally:
            fh.close()

    wb = None
    try:
        with _unusable(path):
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # data-validation/extension warnings mean nothing for reading
                reader = ExcelReader(fh, read_only=True, data_only=True)
                reader.read()
                wb = reader.wb
            sheets = {}
            for ws in wb.worksheets:
                rows = ws.iter_rows(values_only=True)
                headers = list(next(rows, ()) or ())
                sheets[normalize_header(ws.title)] = RawSheet(ws.title, headers, _stream(path, rows))
        if not sheets or all(not any(v is not None for v in s.headers) for s in sheets.values()):
            raise OppError(f"'{path.name}' is leeg. Begin met een leeg werkboek: opp init MAP")
    except BaseException:
        if wb is not None:
            wb.close()
        fh.close()
        raise
    return RawWorkbook(bron=str(path), sheets=sheets, close=close)


def _stream(path: Path, rows) -> Iterator[tuple[int, list]]:
    """Non-empty rows with their Excel row number; read-only mode parses lazily, so damage can surface here."""
    with _unusable(path):
        for number, values in enumerate(rows, start=2):
            if any(v is not None and str(v).strip() != "" for v in values):
                yield number, list(values)


@contextmanager
def _unusable(path: Path):
    """Every way openpyxl can fail on a damaged or hostile file becomes one clear OppError."""
    try:
        yield
    except OppError:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise OppError(
            f"'{path.name}' is beschadigd en kan niet worden gelezen. Open het in Excel (dat kan het vaak "
            "herstellen) en sla het opnieuw op als .xlsx."
        ) from exc
    except Exception as exc:  # XML syntax errors, missing parts and other parser failures
        if _caused_by(exc, DefusedXmlException):  # openpyxl wraps the refusal in a ValueError
            raise OppError(
                f"'{path.name}' bevat XML die niet veilig te lezen is (bijvoorbeeld een 'XML-bom') en is niet "
                "geopend. Sla het werkboek opnieuw op vanuit Excel."
            ) from exc
        raise OppError(
            f"'{path.name}' is geen leesbaar Excel-werkboek ({type(exc).__name__}). "
            "Open het in Excel en sla het opnieuw op als .xlsx."
        ) from exc


def _caused_by(exc: BaseException | None, kind: type) -> bool:
    seen = set()
    while exc is not None and id(exc) not in seen:
        if isinstance(exc, kind):
            return True
        seen.add(id(exc))
        exc = exc.__cause__ or exc.__context__
    return False


def check_container(path: Path) -> None:
    try:
        with open(path, "rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        raise OppError(f"'{path.name}' kan niet worden geopend ({exc.strerror or type(exc).__name__}). "
                       "Is het bestand nog geopend in Excel, of mist u leesrechten?") from exc
    if head == OLE_MAGIC:
        if path.suffix.lower() == ".xls":
            raise OppError(
                f"'{path.name}' is een oud Excel-bestand (.xls). Open het in Excel en kies "
                "Opslaan als > Excel-werkmap (.xlsx)."
            )
        raise OppError(
            f"'{path.name}' is beveiligd met een wachtwoord (of is een oud .xls-bestand). Haal in Excel "
            "de beveiliging weg (Bestand > Info > Werkmap beveiligen) en sla op als .xlsx."
        )
    if not zipfile.is_zipfile(path):
        raise OppError(f"'{path.name}' is geen Excel-werkboek (.xlsx) of het bestand is beschadigd.")
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
            total = sum(i.file_size for i in zf.infolist())
    except zipfile.BadZipFile as exc:
        raise OppError(f"'{path.name}' is beschadigd en kan niet worden geopend.") from exc
    if "xl/workbook.xml" not in names:
        kind = "een Word-document" if "word/document.xml" in names else "geen Excel-werkboek"
        raise OppError(f"'{path.name}' is {kind}, al eindigt de naam op .xlsx. Kies het werkboek (.xlsx).")
    if total > MAX_UNCOMPRESSED:
        raise OppError(f"'{path.name}' is uitgepakt groter dan 500 MB en wordt niet geopend.")
