"""Field types shared by the models: how a workbook cell becomes a value.

Each type accepts what Excel or a CSV gives (numbers, datetimes, text) and raises a PydanticCustomError
with a stable error type that the reader turns into a located Dutch Issue.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated

from pydantic import BeforeValidator, Field
from pydantic_core import PydanticCustomError

EXCEL_MAX_CELL = 32767
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

_DATE_PATTERNS = [
    (re.compile(r"^(\d{1,2})-(\d{1,2})-(\d{4})$"), "dmy"),
    (re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$"), "dmy"),
    (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"), "ymd"),
]


def parse_datum(value):
    """Real Excel dates, dd-mm-jjjj, d-m-jjjj, dd/mm/jjjj or jjjj-mm-dd. Nothing else is guessed."""
    if value is None or isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        # An ISO timestamp as written by other tools ("2026-03-12 00:00:00") keeps its date part.
        text = re.sub(r"[ T]00:00(:00)?$", "", text)
        for pattern, order in _DATE_PATTERNS:
            m = pattern.match(text)
            if m:
                a, b, c = (int(g) for g in m.groups())
                day, month, year = (a, b, c) if order == "dmy" else (c, b, a)
                try:
                    return dt.date(year, month, day)
                except ValueError:
                    break
    raise PydanticCustomError(
        "opp_datum",
        "'{waarde}' is geen geldige datum (gebruik dd-mm-jjjj, bijvoorbeeld 12-03-2026)",
        {"waarde": str(value)[:40]},
    )


def parse_tekst(value):
    """Text cells: strip, keep inner line breaks, turn numbers into text without '.0'."""
    if value.__class__ is str and value.isprintable() and len(value) <= EXCEL_MAX_CELL:
        return value.strip() or None  # the common cell: one line without control characters (read fast)
    if value is None:
        return None
    if isinstance(value, bool):
        raise PydanticCustomError("opp_type", "verwacht tekst")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, (dt.date, dt.datetime)):
        raise PydanticCustomError("opp_type", "verwacht tekst, maar de cel bevat een datum")
    if not isinstance(value, str):
        raise PydanticCustomError("opp_type", "verwacht tekst")
    text = value.replace("\r\n", "\n").replace("\r", "\n")
    # Control characters are invalid in the XML of a document (and \a or \f would split paragraphs).
    text = _CONTROL.sub("", text).strip()
    if len(text) > EXCEL_MAX_CELL:
        raise PydanticCustomError(
            "opp_te_lang",
            "de tekst is {lengte} tekens lang; een cel mag er hoogstens {max} bevatten",
            {"lengte": len(text), "max": EXCEL_MAX_CELL},
        )
    return text or None


def parse_getal(value):
    """Numbers: Excel numbers, or text with a decimal comma ("72" or "0,5")."""
    if value is None or isinstance(value, bool):
        if isinstance(value, bool):
            raise PydanticCustomError("opp_type", "verwacht een getal")
        return None
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, str):
        text = value.strip().replace(",", ".")
        if not text:
            return None
        try:
            return float(text)
        except ValueError:
            pass
    raise PydanticCustomError("opp_type", "'{waarde}' is geen getal", {"waarde": str(value)[:40]})


Datum = Annotated[dt.date, BeforeValidator(parse_datum)]
Tekst = Annotated[str, BeforeValidator(parse_tekst)]
Getal = Annotated[float, BeforeValidator(parse_getal)]
# The constraint before the validator: pydantic then checks it in the str schema itself, not in a Python
# function per row (parse_tekst runs first either way).
Leerlingnummer = Annotated[
    str,
    Field(min_length=1, description="Het leerlingnummer van de school (tekst; voorloopnullen blijven staan)."),
    BeforeValidator(parse_tekst),
]
