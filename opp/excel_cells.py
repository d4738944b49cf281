"""Write a value into a cell so that text always stays text (OWASP ASVS 1.2.10, formula injection).

openpyxl turns any string starting with '=' into a formula, and Excel re-reads a cell starting with
'=', '+', '-', '@', a tab or a carriage return as a formula once someone edits it. Every value the
tracker, the report and the workbook writer put in a cell goes through `zet`: text is stored as a string cell
and, when it starts with one of those characters, gets Excel's quote prefix (the invisible apostrophe), so it
can never run.
"""

from __future__ import annotations

import datetime as dt

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

GEVAARLIJKE_BEGINTEKENS = ("=", "+", "-", "@", "\t", "\r")
DATUMNOTATIE = "dd-mm-yyyy"


def zet(cell, value) -> None:
    """Put `value` into `cell`: text as text, dates as dates, numbers as numbers, None as empty."""
    if isinstance(value, str):
        text = ILLEGAL_CHARACTERS_RE.sub("", value)  # control characters would make the file invalid
        cell.value = text
        cell.data_type = "s"  # undo openpyxl's '=' -> formula
        gevaarlijk = text.startswith(GEVAARLIJKE_BEGINTEKENS)
        if gevaarlijk or cell.quotePrefix:
            cell.quotePrefix = gevaarlijk
        return
    if isinstance(value, (dt.date, dt.datetime)):
        cell.value = value
        cell.number_format = DATUMNOTATIE
        return
    if value is not None and not isinstance(value, (int, float)):
        raise TypeError(f"unsupported cell value {type(value).__name__}")
    cell.value = value


def zet_formule(cell, formule: str) -> None:
    """The only way opp writes a formula: our own, built from our own column letters."""
    if not formule.startswith("="):
        raise ValueError("a formula starts with '='")
    cell.value = formule
