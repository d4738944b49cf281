"""How opp's spreadsheets print: A4, page x of y on every page, and on a sheet that names pupils a header
that says it is confidential (the report, the signing tracker). One place, so every sheet prints the same."""

from __future__ import annotations

from openpyxl.worksheet.header_footer import HeaderFooterItem
from openpyxl.worksheet.worksheet import Worksheet

VERTROUWELIJK = "Vertrouwelijk - bevat persoonsgegevens"
PAGINA = "Pagina &P van &N"  # Excel's codes for this page and the number of pages
ROOD = "C00000"


def a4(ws: Worksheet, liggend: bool = True) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if liggend else "portrait"


def _kop_voet(ws: Worksheet) -> tuple[HeaderFooterItem, HeaderFooterItem]:
    kop, voet = ws.oddHeader, ws.oddFooter
    assert kop is not None and voet is not None  # openpyxl gives every worksheet both
    return kop, voet


def kop_en_voet(ws: Worksheet, vertrouwelijk: bool) -> None:
    """The sheet's name and (with names on it) 'Vertrouwelijk' at the top of every page, the page number below."""
    kop, voet = _kop_voet(ws)
    if vertrouwelijk:
        kop.left.text = VERTROUWELIJK
        kop.left.font = "Calibri,Bold"
        kop.left.color = ROOD
    kop.right.text = "&A"  # the sheet's name
    voet.right.text = PAGINA


def heeft_kop_of_voet(ws: Worksheet) -> bool:
    return any(deel.text for kant in _kop_voet(ws) for deel in (kant.left, kant.center, kant.right))


def vul_aan(ws: Worksheet, vertrouwelijk: bool) -> None:
    """For a sheet that is hers once made (the tracker): A4 and our header and footer only where she set none."""
    if not ws.page_setup.paperSize:
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
    if not heeft_kop_of_voet(ws):
        kop_en_voet(ws, vertrouwelijk)
