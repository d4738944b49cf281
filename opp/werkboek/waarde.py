"""How a message speaks of a wrong cell without repeating personal data.

A message locates a problem (sheet, row, column) and says what is allowed; the cell's own value is
echoed only when it looks like a mistyped choice: short, a word or two, no e-mail address, no number as
long as a phone number or an identity number. Anything else is described by its kind ('een tekst van 58 tekens'): an
assessment sentence or a parent's e-mail address never ends up in a terminal, a log or a JSON report.
"""

from __future__ import annotations

import datetime as dt
import re

from ..taal import aantal

MAX_TONEN = 20
_LANGE_CIJFERREEKS = re.compile(r"\d{7,}")


def toonbaar(waarde, woorden: int = 2) -> str | None:
    """The value as it may be quoted, or None when it may not. `woorden`: a date may be typed as three
    ('3 maart 2026')."""
    if waarde is None or isinstance(waarde, (bool, dt.date)):
        return None
    if isinstance(waarde, float) and waarde.is_integer():
        waarde = int(waarde)
    tekst = str(waarde).strip()
    if (not tekst or len(tekst) > MAX_TONEN or "@" in tekst or len(tekst.split()) > woorden
            or _LANGE_CIJFERREEKS.search(tekst) or sum(c.isdigit() for c in tekst) >= 9
            or not tekst.isprintable() or _lijkt_naam(tekst)):
        return None
    return tekst


def _lijkt_naam(tekst: str) -> bool:
    """'Finn Hoekstra': two words that both start with a capital are more likely a name than a choice."""
    woorden = tekst.split()
    return len(woorden) >= 2 and all(w[:1].isupper() for w in woorden)


def soort(waarde) -> str:
    """What kind of value the cell holds, in a few Dutch words ('een tekst van 58 tekens')."""
    if isinstance(waarde, bool):
        return "een waar/onwaar-waarde"
    if isinstance(waarde, (dt.date, dt.datetime)):
        return "een datum"
    if isinstance(waarde, (int, float)):
        return "een getal"
    tekst = str(waarde).strip()
    if re.fullmatch(r"\S+@\S+", tekst):
        return "een e-mailadres"
    if tekst.replace(" ", "").replace("-", "").replace("+", "").isdigit():
        return f"een nummer van {aantal(sum(c.isdigit() for c in tekst), 'cijfer', 'cijfers')}"
    return f"een tekst van {aantal(len(tekst), 'teken', 'tekens')}"


def aangehaald(waarde, woorden: int = 2) -> str:
    """"'klaar'" when the value may be shown, else its kind: for use as the subject of a sentence."""
    tonen = toonbaar(waarde, woorden)
    return f"'{tonen}'" if tonen is not None else soort(waarde)


def is_nummer(waarde: str) -> bool:
    """Whether a leerlingnummer as typed looks like one: a short word without '@'. Anything else (a name or
    an e-mail address in the wrong column) is not repeated in messages or used to group them."""
    return 0 < len(waarde) <= MAX_TONEN and "@" not in waarde and len(waarde.split()) == 1 and waarde.isprintable()


def nummer(waarde: str) -> str:
    """A leerlingnummer as a message names it: quoted when it looks like one, else by its kind."""
    return f"'{waarde}'" if is_nummer(waarde) else f"({soort(waarde)})"
