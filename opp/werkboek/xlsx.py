"""Read an .xlsx workbook: the container is checked here, then spreadsheet.py reads it (parse_child.py: calamine
or the row-by-row stream)."""

from __future__ import annotations

import zipfile
from pathlib import Path

from ..problems import OppError
from .source import RawWorkbook
from .spreadsheet import XLSX, read_spreadsheet

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .xls, and also a password-protected .xlsx
MAX_UNCOMPRESSED = 500 * 1024 * 1024  # a zip bomb stops here, long before memory runs out


def read_xlsx(path: Path) -> RawWorkbook:
    """Check the container before any parser touches the file, then read it sheet by sheet."""
    check_container(path)
    return read_spreadsheet(path, XLSX)


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
