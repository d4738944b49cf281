"""How values look in a document: Dutch dates, numbers with a decimal comma, 'Geen gegevens ingevuld'."""

from __future__ import annotations

import datetime as dt

LEEG = "Geen gegevens ingevuld"
MAANDEN = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
           "november", "december"]


def datum_nl(value: dt.date | None, leeg: str = LEEG) -> str:
    """12 maart 2026."""
    if value is None:
        return leeg
    return f"{value.day} {MAANDEN[value.month - 1]} {value.year}"


def getal_nl(value: float | None, decimalen: int = 0, leeg: str = "") -> str:
    if value is None:
        return leeg
    if decimalen == 0 and float(value).is_integer():
        return str(int(value))
    return f"{value:.{decimalen or 1}f}".replace(".", ",")


def tekst(value, leeg: str = LEEG) -> str:
    if value is None:
        return leeg
    text = str(value).strip()
    return text or leeg
