"""Read an .ods workbook (LibreOffice Calc): the container is checked here, then spreadsheet.py reads it.

The sheets and columns are those of the .xlsx workbook; a school on LibreOffice works in its own format.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from ..problems import OppError
from . import xlsx
from .source import RawWorkbook
from .spreadsheet import ODS, read_spreadsheet

MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"


def read_ods(path: Path) -> RawWorkbook:
    """Check the container before calamine touches the file, then read it."""
    check_container(path)
    return read_spreadsheet(path, ODS)


def check_container(path: Path) -> None:
    """The guards of xlsx.check_container for an OpenDocument file: a zip within the size limit, a
    spreadsheet and not another document, not encrypted (calamine cannot read an encrypted .ods)."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        raise OppError(f"'{path.name}' kan niet worden geopend ({exc.strerror or type(exc).__name__}). "
                       "Is het bestand nog geopend in LibreOffice, of mist u leesrechten?") from exc
    if head == xlsx.OLE_MAGIC or not zipfile.is_zipfile(path):
        raise OppError(f"'{path.name}' is geen rekenblad (.ods) of het bestand is beschadigd. Open het in "
                       "LibreOffice Calc en sla het opnieuw op als .ods.")
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
            total = sum(i.file_size for i in zf.infolist())
            mimetype = zf.read("mimetype").strip() if "mimetype" in names else b""
            manifest = zf.read("META-INF/manifest.xml") if "META-INF/manifest.xml" in names else b""
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        raise OppError(f"'{path.name}' is beschadigd en kan niet worden geopend.") from exc
    if total > xlsx.MAX_UNCOMPRESSED:
        raise OppError(f"'{path.name}' is uitgepakt groter dan 500 MB en wordt niet geopend.")
    if "xl/workbook.xml" in names:
        raise OppError(f"'{path.name}' is een Excel-werkboek, al eindigt de naam op .ods. Geef het de naam .xlsx.")
    if mimetype != MIMETYPE or "content.xml" not in names:
        kind = "een tekstdocument" if mimetype.endswith(b".text") else "geen rekenblad"
        raise OppError(f"'{path.name}' is {kind}, al eindigt de naam op .ods. Kies het werkboek (.ods of .xlsx).")
    if b"encryption-data" in manifest:
        raise OppError(f"'{path.name}' is beveiligd met een wachtwoord. Sla het in LibreOffice Calc opnieuw op "
                       "zonder wachtwoord (Bestand > Opslaan als, zet 'Opslaan met wachtwoord' uit).")
