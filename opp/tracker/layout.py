"""The tracker sheet: its columns (declared once), header style, dropdown and date checks, status colours,
filter, frozen header and print settings.

Columns are found by their header text, never by position: the secretary may move, hide and add
columns. Only what the sync owns is (re)written: validations and colour rules it made itself are
recognised and replaced; hers are kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from openpyxl.formatting.formatting import ConditionalFormattingList
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from .status import BESLUITEN, Status

BLAD = "Ondertekening"
MIN_OPMAAK_RIJEN = 2000  # validations and colours reach at least this far, so new rows she types get them too


class Soort(Enum):
    WERKBOEK = "werkboek"  # from the workbook: refreshed at every sync
    INVOER = "invoer"  # typed by the secretary: never written by the sync
    FORMULE = "formule"  # our formula: rewritten at every sync
    SYSTEEM = "systeem"  # hidden bookkeeping of the sync


@dataclass(frozen=True)
class Kolom:
    kop: str
    soort: Soort
    breedte: int
    datum: bool = False
    verborgen: bool = False

    @property
    def sleutel(self) -> str:
        return normaliseer(self.kop)


SLEUTEL, VERVALLEN, GROEP, GETEKEND, STATUS = "Sleutel", "Vervallen", "Groep", "Getekend", "Status"
VERSIE, OPNIEUW = "Versie", "Opnieuw"
CODE = "Code"  # the code on the pages to sign of this row (opp ronde brieven); never changed once given
VERSTUURD_OP, ONTVANGEN_OP, BESLUIT, OPMERKING = "Verstuurd op", "Ontvangen op", "Besluit", "Opmerking"

KOLOMMEN: tuple[Kolom, ...] = (
    Kolom("Leerlingnummer", Soort.WERKBOEK, 16),
    Kolom("Naam", Soort.WERKBOEK, 24),
    Kolom("Klas", Soort.WERKBOEK, 10),
    Kolom("Mentor", Soort.WERKBOEK, 18),
    Kolom("Document", Soort.WERKBOEK, 20),
    Kolom(VERSIE, Soort.SYSTEEM, 8),  # the version this row asks (or got) a signature for: the register's
    Kolom("Ondertekenaar", Soort.WERKBOEK, 24),
    Kolom("Rol", Soort.WERKBOEK, 28),
    Kolom("E-mail", Soort.WERKBOEK, 26),
    Kolom(VERSTUURD_OP, Soort.INVOER, 13, datum=True),
    Kolom(ONTVANGEN_OP, Soort.INVOER, 13, datum=True),
    Kolom(BESLUIT, Soort.INVOER, 13),
    Kolom(OPMERKING, Soort.INVOER, 36),
    Kolom(STATUS, Soort.FORMULE, 18),
    Kolom(SLEUTEL, Soort.SYSTEEM, 12, verborgen=True),
    Kolom(VERVALLEN, Soort.SYSTEEM, 10, verborgen=True),  # 'ja' (vervallen) or 'vervangen' (history)
    Kolom(OPNIEUW, Soort.SYSTEEM, 8, verborgen=True),  # filled: this row asks a signature again
    Kolom(GROEP, Soort.SYSTEEM, 8, verborgen=True),
    Kolom(GETEKEND, Soort.FORMULE, 9, verborgen=True),
    Kolom(CODE, Soort.SYSTEEM, 14, verborgen=True),
)
KOLOM = {k.kop: k for k in KOLOMMEN}

KOP_VULLING = PatternFill("solid", fgColor="1F4E79")
KOP_LETTER = Font(bold=True, color="FFFFFF")
INVOER_VULLING = PatternFill("solid", fgColor="FFF2CC")  # the headers of the columns she fills in


def normaliseer(text) -> str:
    return " ".join(str(text or "").strip().lower().split())


def koppen(ws) -> dict[str, int]:
    """Normalised header -> column number (the first column with that header)."""
    result: dict[str, int] = {}
    for cell in next(ws.iter_rows(min_row=1, max_row=1), ()):
        key = normaliseer(cell.value)
        if key and key not in result:
            result[key] = cell.column
    return result


def stijl_kop(cell, kolom: Kolom) -> None:
    cell.font = KOP_LETTER if kolom.soort is not Soort.INVOER else Font(bold=True, color="1F4E79")
    cell.fill = KOP_VULLING if kolom.soort is not Soort.INVOER else INVOER_VULLING
    cell.alignment = Alignment(vertical="center", wrap_text=True)


def zet_breedte(ws, kolomnummer: int, kolom: Kolom, waarden) -> None:
    """Fit the width to the header and the longest value, within sensible bounds."""
    langste = max((len(str(w)) for w in waarden if w is not None), default=0)
    breedte = min(max(kolom.breedte, int(len(kolom.kop) * 1.2) + 3, langste + 2), 45)  # bold headers are wider
    dim = ws.column_dimensions[get_column_letter(kolomnummer)]
    dim.width = breedte
    dim.hidden = kolom.verborgen


def nieuw_blad(ws) -> None:
    """Settings that are only ours to choose when the sheet is made; afterwards they are hers."""
    ws.freeze_panes = "C2"
    ws.row_dimensions[1].height = 30
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "1:1"
    ws.print_options.gridLines = True


# ---- validations ---------------------------------------------------------------------------------

TITEL_BESLUIT = "Ongeldig besluit"
TITEL_DATUM = "Geen geldige datum"


def zet_validaties(ws, letters: dict[str, str], laatste_rij: int) -> None:
    """Replace our dropdown and date checks (recognised by their titles); keep every other validation."""
    ws.data_validations.dataValidation = [
        dv for dv in ws.data_validations.dataValidation if dv.errorTitle not in (TITEL_BESLUIT, TITEL_DATUM)
    ]
    tot = max(laatste_rij + 500, MIN_OPMAAK_RIJEN)
    besluit = DataValidation(type="list", formula1='"' + ",".join(BESLUITEN) + '"', allow_blank=True,
                             showErrorMessage=True, errorTitle=TITEL_BESLUIT,
                             error=f"Kies {' of '.join(BESLUITEN)}, of laat de cel leeg.")
    besluit.add(f"{letters[BESLUIT]}2:{letters[BESLUIT]}{tot}")
    ws.add_data_validation(besluit)
    datum = DataValidation(type="date", operator="between", formula1="DATE(2000,1,1)", formula2="DATE(2100,12,31)",
                           allow_blank=True, showErrorMessage=True, errorTitle=TITEL_DATUM,
                           error="Typ een datum, bijvoorbeeld 12-03-2026.")
    for kop in (VERSTUURD_OP, ONTVANGEN_OP):
        datum.add(f"{letters[kop]}2:{letters[kop]}{tot}")
    ws.add_data_validation(datum)


# ---- status colours ------------------------------------------------------------------------------

_ONZE_REGEL = re.compile(r'^\$[A-Z]{1,3}\d+="(' + "|".join(re.escape(s.value) for s in Status) + ')"$')


def _is_onze_regel(rule) -> bool:
    return len(rule.formula or []) == 1 and bool(_ONZE_REGEL.match(rule.formula[0]))


def zet_kleuren(ws, status_letter: str, laatste_kolom: str, laatste_rij: int) -> None:
    """A colour per status on the Status cell, and the whole row for te laat and vervallen.

    Colour rules we made before are recognised by their formula and replaced; hers are kept."""
    oud = ws.conditional_formatting
    nieuw = ConditionalFormattingList()
    tot = max(laatste_rij + 500, MIN_OPMAAK_RIJEN)
    for status in Status:
        kleur = status.opmaak
        nieuw.add(f"{status_letter}2:{status_letter}{tot}", FormulaRule(
            formula=[f'${status_letter}2="{status}"'], stopIfTrue=False,
            fill=PatternFill(start_color=kleur.vulling, end_color=kleur.vulling, fill_type="solid"),
            font=Font(color=kleur.letter, bold=status is Status.TE_LAAT)))
    rij = f"A2:{laatste_kolom}{tot}"
    te_laat = Status.TE_LAAT.opmaak
    nieuw.add(rij, FormulaRule(formula=[f'${status_letter}2="{Status.TE_LAAT}"'],
                               fill=PatternFill(start_color=te_laat.vulling, end_color=te_laat.vulling,
                                                fill_type="solid")))
    for geschiedenis in (Status.VERVALLEN, Status.VERVANGEN):
        nieuw.add(rij, FormulaRule(formula=[f'${status_letter}2="{geschiedenis}"'],
                                   font=Font(color=geschiedenis.opmaak.letter, italic=True)))
    for bereik in oud:
        for rule in bereik.rules:
            if not _is_onze_regel(rule):
                rule.priority = 0  # renumbered after ours, so no two rules share a priority
                nieuw.add(str(bereik.sqref), rule)
    ws.conditional_formatting = nieuw
