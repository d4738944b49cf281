"""How values look in a document: Dutch dates, numbers with a decimal comma, 'Geen gegevens ingevuld'."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..rules.signers import Ondertekenaar

LEEG = "Geen gegevens ingevuld"
MAANDEN = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
           "november", "december"]


def datum_nl(value: dt.date | None, leeg: str = LEEG) -> str:
    """12 maart 2026."""
    if value is None:
        return leeg
    return f"{value.day} {MAANDEN[value.month - 1]} {value.year}"


def termijn_nl(dagen: int) -> str:
    """A term in days as a person says it: 42 -> 'zes weken', 35 -> 'vijf weken', 30 -> '30 dagen'."""
    woorden = {1: "één week", 2: "twee weken", 3: "drie weken", 4: "vier weken", 5: "vijf weken", 6: "zes weken",
               7: "zeven weken", 8: "acht weken", 9: "negen weken", 10: "tien weken"}
    if dagen % 7 == 0 and dagen // 7 in woorden:
        return woorden[dagen // 7]
    return f"{dagen} {'dag' if dagen == 1 else 'dagen'}"


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


def functie_tekst(ondertekenaar: Ondertekenaar) -> str:
    """What stands under a signature line: 'moeder', 'mentor', 'wettelijk vertegenwoordiger (curatele)'."""
    from ..rules.signers import Rol

    if ondertekenaar.rol is Rol.VERTEGENWOORDIGER:
        return f"wettelijk vertegenwoordiger ({ondertekenaar.functie})"
    return ondertekenaar.functie
