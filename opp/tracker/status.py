"""The status of one signature row, declared once and written twice: as an Excel formula (so it stays
right while the secretary types) and as Python (for `opp tracker status`, because openpyxl does not
calculate formulas). Both read the same cells with the same rules, in the same order:

1. Vervallen marker "vervangen"                -> vervangen (history: signed or sent for an older
                                                   version whose handelingsdeel has since changed)
1b. Vervallen marker filled otherwise           -> vervallen
2. Besluit "niet akkoord"                       -> geen instemming
3. Besluit "akkoord" or Ontvangen op filled     -> getekend
4. Eén ouder volstaat, this row is a parent's,
   and another parent of the same pupil and
   document has signed (hidden Groep/Getekend)  -> niet nodig
5. Verstuurd op empty                           -> opnieuw nodig when the hidden Opnieuw marker is
                                                   filled (a row for a new version), else niet verstuurd
6. Verstuurd op more than N days before today   -> te laat   (exactly N days: still verstuurd)
7. otherwise                                    -> verstuurd

Comparisons follow Excel: text compares case-insensitively, a cell counts as filled when it is not
empty, and a 'Verstuurd op' that is not a date (text) counts as sent but never as late.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum

from openpyxl.utils.datetime import to_excel

AKKOORD = "akkoord"
NIET_AKKOORD = "niet akkoord"
BESLUITEN = (AKKOORD, NIET_AKKOORD)

# Workbook-level names the formulas read; their cells sit on the Overzicht sheet.
NAAM_TE_LAAT = "TeLaatNaDagen"
NAAM_EEN_OUDER = "EenOuderVolstaat"
JA, NEE = "ja", "nee"
VERVANGEN_MARKERING = "vervangen"  # in the Vervallen column: a row kept as history of an older version


class Status(str, Enum):
    NIET_VERSTUURD = "niet verstuurd"
    OPNIEUW_NODIG = "opnieuw nodig"  # before the ones that are not 'nodig': the chart's columns stay together
    VERSTUURD = "verstuurd"
    TE_LAAT = "te laat"
    GETEKEND = "getekend"
    GEEN_INSTEMMING = "geen instemming"
    NIET_NODIG = "niet nodig"
    VERVALLEN = "vervallen"
    VERVANGEN = "vervangen"

    def __str__(self) -> str:
        return self.value

    @property
    def sleutel(self) -> str:
        """The key in overviews and JSON: 'te_laat', 'geen_instemming', ..."""
        return self.value.replace(" ", "_")

    @property
    def opmaak(self) -> Opmaak:
        return OPMAAK[self]


@dataclass(frozen=True)
class Opmaak:
    vulling: str  # cell fill in the tracker
    letter: str  # font colour in the tracker
    grafiek: str  # bar colour in the Overzicht chart
    uitleg: str  # the legend on the Overzicht sheet


# One place for the names, colours and meaning of every status.
OPMAAK: dict[Status, Opmaak] = {
    Status.NIET_VERSTUURD: Opmaak("F2F2F2", "595959", "A6A6A6", "Nog niet verstuurd: 'Verstuurd op' is leeg."),
    Status.VERSTUURD: Opmaak("DDEBF7", "1F4E79", "5B9BD5", "Verstuurd, nog geen antwoord, nog niet te laat."),
    Status.TE_LAAT: Opmaak("FFC7CE", "9C0006", "C00000",
                           "Verstuurd en langer dan het aantal dagen hierboven zonder antwoord."),
    Status.GETEKEND: Opmaak("C6EFCE", "006100", "70AD47", "Ontvangen of besluit 'akkoord'."),
    Status.GEEN_INSTEMMING: Opmaak("FFEB9C", "9C5700", "FFC000", "Besluit 'niet akkoord': geen instemming."),
    Status.NIET_NODIG: Opmaak("E2EFDA", "375623", "A9D08E",
                              "Eén ouder volstaat en een andere ouder met gezag heeft al getekend."),
    Status.VERVALLEN: Opmaak("D9D9D9", "808080", "7F7F7F",
                             "De leerling of ondertekenaar staat niet meer in het werkboek; de rij blijft bewaard."),
    Status.OPNIEUW_NODIG: Opmaak("F8CBAD", "843C0C", "ED7D31",
                                 "Het handelingsdeel is veranderd nadat er om instemming was gevraagd: "
                                 "deze nieuwe versie moet opnieuw worden getekend."),
    Status.VERVANGEN: Opmaak("D9D9D9", "808080", "BFBFBF",
                             "Een eerdere versie, vervangen door een nieuwere met een ander handelingsdeel; "
                             "de rij blijft bewaard als geschiedenis."),
}

# Statuses that still ask something of the school: everything except vervallen, niet nodig and vervangen.
NODIG = tuple(s for s in Status if s not in (Status.VERVALLEN, Status.NIET_NODIG, Status.VERVANGEN))


# ---- Python: from the typed cells ----------------------------------------------------------------

def _leeg(value) -> bool:
    return value is None or value == ""


def _is(value, text: str) -> bool:
    """Excel's `cell="text"`: only text matches, case-insensitively."""
    return isinstance(value, str) and value.lower() == text


def _getal(value) -> float | None:
    """Excel's view of a cell as a number (ISNUMBER), or None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (dt.datetime, dt.date)):
        return float(to_excel(value))
    if isinstance(value, (int, float)):
        return float(value)
    return None


@dataclass(frozen=True)
class Invoer:
    """The cells of one row that the status depends on, as read from the tracker."""

    verstuurd_op: object = None
    ontvangen_op: object = None
    besluit: object = None
    vervallen: object = None
    opnieuw: object = None  # the hidden Opnieuw marker
    code: object = None  # the hidden Code: a letter with this row's page to sign was made (opp ronde brieven)

    @property
    def is_getekend(self) -> bool:
        """The hidden Getekend column: signed, not refused, not vervallen."""
        return (_leeg(self.vervallen) and not _is(self.besluit, NIET_AKKOORD)
                and (_is(self.besluit, AKKOORD) or not _leeg(self.ontvangen_op)))


def bepaal_status(invoer: Invoer, datum: dt.date, te_laat_na_dagen: int, *,
                  een_ouder_volstaat: bool = False, andere_ouder_getekend: bool = False) -> Status:
    if _is(invoer.vervallen, VERVANGEN_MARKERING):
        return Status.VERVANGEN
    if not _leeg(invoer.vervallen):
        return Status.VERVALLEN
    if _is(invoer.besluit, NIET_AKKOORD):
        return Status.GEEN_INSTEMMING
    if _is(invoer.besluit, AKKOORD) or not _leeg(invoer.ontvangen_op):
        return Status.GETEKEND
    if een_ouder_volstaat and andere_ouder_getekend:
        return Status.NIET_NODIG
    if _leeg(invoer.verstuurd_op):
        return Status.NIET_VERSTUURD if _leeg(invoer.opnieuw) else Status.OPNIEUW_NODIG
    verstuurd = _getal(invoer.verstuurd_op)
    if verstuurd is not None and to_excel(datum) - verstuurd > te_laat_na_dagen:
        return Status.TE_LAAT
    return Status.VERSTUURD


def dagen_sinds(verstuurd_op, datum: dt.date) -> int | None:
    getal = _getal(verstuurd_op)
    return None if getal is None else int(to_excel(datum) - getal)


# ---- Excel: the same rules as formulas -----------------------------------------------------------

@dataclass(frozen=True)
class Cellen:
    """Column letters of the cells the formulas read (found by header, so they follow moved columns)."""

    verstuurd: str
    ontvangen: str
    besluit: str
    vervallen: str
    groep: str
    getekend: str
    opnieuw: str


def getekend_formule(c: Cellen, rij: int) -> str:
    v, o, b = f"${c.vervallen}{rij}", f"${c.ontvangen}{rij}", f"${c.besluit}{rij}"
    return f'=IF(AND({v}="",{b}<>"{NIET_AKKOORD}",OR({b}="{AKKOORD}",{o}<>"")),1,0)'


def status_formule(c: Cellen, rij: int) -> str:
    v, o, b = f"${c.vervallen}{rij}", f"${c.ontvangen}{rij}", f"${c.besluit}{rij}"
    s, g, n = f"${c.verstuurd}{rij}", f"${c.groep}{rij}", f"${c.opnieuw}{rij}"
    andere_ouder = f"COUNTIFS(${c.groep}:${c.groep},{g},${c.getekend}:${c.getekend},1)>0"
    return (
        f'=IF({v}="{VERVANGEN_MARKERING}","{Status.VERVANGEN}",'
        f'IF({v}<>"","{Status.VERVALLEN}",'
        f'IF({b}="{NIET_AKKOORD}","{Status.GEEN_INSTEMMING}",'
        f'IF(OR({b}="{AKKOORD}",{o}<>""),"{Status.GETEKEND}",'
        f'IF(AND({NAAM_EEN_OUDER}="{JA}",ISNUMBER({g}),{andere_ouder}),"{Status.NIET_NODIG}",'
        f'IF({s}="",IF({n}="","{Status.NIET_VERSTUURD}","{Status.OPNIEUW_NODIG}"),'
        f'IF(ISNUMBER({s}),IF(TODAY()-{s}>{NAAM_TE_LAAT},"{Status.TE_LAAT}","{Status.VERSTUURD}"),'
        f'"{Status.VERSTUURD}")))))))'
    )
