"""Read a folder of .csv files (one per sheet, named after the sheet in lower case)."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from ..problems import OppError
from .contract import SHEETS, normalize_header
from .source import RawSheet, RawWorkbook

UTF8_HINT = (
    "Sla het bestand in Excel op via Opslaan als > 'CSV UTF-8 (door komma's gescheiden) (*.csv)'."
)


def read_csv_folder(folder: Path) -> RawWorkbook:
    files = {normalize_header(p.stem): p for p in folder.iterdir() if p.suffix.lower() == ".csv"}
    known = {normalize_header(s.name) for s in SHEETS}
    if not files.keys() & known:
        expected = ", ".join(s.csv_name for s in SHEETS[:3])
        tekst = f"De map '{folder}' bevat geen CSV-bestanden van een werkboek (verwacht onder meer {expected})."
        werkboek = _werkboek_in(folder)
        if werkboek is not None:  # `opp check mijnschool` after `opp init mijnschool`: point at the workbook
            tekst += f" Bedoelt u het werkboek '{werkboek}'? Geef dan dat bestand op in plaats van de map."
        raise OppError(tekst)
    sheets = {}
    for key, path in sorted(files.items()):
        sheets[key] = _read_csv(path)
    return RawWorkbook(bron=str(folder), sheets=sheets)


# What opp itself writes into a folder: never the workbook the user meant (the signing tracker, the report,
# their backups) nor Excel's lock file.
_GEEN_WERKBOEK = re.compile(r"^~\$|ondertekening|tracker|rapport|backup", re.IGNORECASE)


def _werkboek_in(folder: Path) -> Path | None:
    """The workbook a user who named its folder probably meant: werkboek.xlsx, else the only other .xlsx."""
    kandidaten = sorted(p for p in folder.iterdir()
                        if p.suffix.lower() == ".xlsx" and not _GEEN_WERKBOEK.search(p.name))
    if folder / "werkboek.xlsx" in kandidaten:
        return folder / "werkboek.xlsx"
    return kandidaten[0] if len(kandidaten) == 1 else None


def _read_csv(path: Path) -> RawSheet:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise OppError(f"'{path.name}' kan niet worden gelezen ({exc.strerror or type(exc).__name__}). "
                       "Is het bestand nog geopend in Excel, of mist u leesrechten?") from exc
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise OppError(f"'{path.name}' is niet in UTF-8 opgeslagen. {UTF8_HINT}") from exc
    delimiter = _detect_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    headers: list = []
    rows: list[tuple[int, list]] = []
    try:
        for number, values in enumerate(reader, start=1):
            if number == 1:
                headers = values
            elif any(v.strip() for v in values):
                rows.append((number, values))
    except csv.Error as exc:
        raise OppError(f"'{path.name}' is geen geldig CSV-bestand: {exc}.") from exc
    return RawSheet(name=_display_name(path), headers=headers, rows=rows)


def _detect_delimiter(text: str) -> str:
    """Dutch Excel writes ';', others ','. The header line decides: whichever splits it into more cells."""
    first = text.split("\n", 1)[0]
    return ";" if first.count(";") >= first.count(",") and ";" in first else ","


def _display_name(path: Path) -> str:
    for s in SHEETS:
        if normalize_header(s.name) == normalize_header(path.stem):
            return s.name
    return path.stem
