"""Filing the scanned pages: each recognised page as its own PDF in the pupil's folder, every page a person
must handle in one PDF beside the tracker. The pages are copied as the copier made them (pypdf), never
rasterised again.

The pupil's folder is the one `opp render` writes the documents to: <tracker's folder>/<klas>/. A filed
page is named like the documents, so it sorts with them, and ends in the page's code, which tells a later
scan that this page was already received:
'1001 Berg, Sanne - OPP - getekend mw. M. Berg - K7QM-4XW2-T.pdf'.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from pypdf import PdfReader, PdfWriter
from pypdf.errors import PyPdfError

from ..files import NAME_MAX_BYTES, atomic_write, safe_name
from ..problems import OppError
from .ontvangst import PaginaUitkomst

NIET_HERKEND = "niet-herkend"


def map_van(tracker: Path, pagina: PaginaUitkomst) -> Path:
    return Path(tracker).parent / safe_name(pagina.klas or "zonder klas", 40)


def bestandsnaam(pagina: PaginaUitkomst) -> str:
    staart = f" - {pagina.code}.pdf"
    nummer = safe_name(pagina.leerlingnummer or "onbekend", 30, 60)
    versie = f" - v{pagina.versie}" if pagina.versie and pagina.versie > 1 else ""
    midden = f"{pagina.document or 'document'}{versie} - getekend {pagina.ondertekenaar or ''}".strip()
    ruimte = NAME_MAX_BYTES - len(f"{nummer} {staart}".encode())
    naam = safe_name(pagina.naam or "", 60, max(20, ruimte // 2))
    return f"{nummer} {naam} - {safe_name(midden, 90, max(20, ruimte - len(naam.encode()) - 3))}{staart}"


def al_bewaard(tracker: Path, pagina: PaginaUitkomst) -> Path | None:
    """The PDF an earlier scan filed for this page's row, if any (found by the code that ends its name)."""
    if not pagina.code:
        return None
    map_ = map_van(tracker, pagina)
    if not map_.is_dir():
        return None
    return next(iter(sorted(map_.glob(f"* - {pagina.code}.pdf"))), None)


class Bronnen:
    """The scanned PDFs, each opened once."""

    def __init__(self) -> None:
        self._lezers: dict[Path, PdfReader] = {}

    def pagina(self, bestand: Path, nummer: int):
        lezer = self._lezers.get(bestand)
        if lezer is None:
            try:
                lezer = self._lezers[bestand] = PdfReader(bestand)
            except (OSError, PyPdfError) as exc:
                raise OppError(f"'{bestand.name}' is geen leesbare PDF ({type(exc).__name__}). Scan de pagina's "
                               "opnieuw als PDF.") from exc
        return lezer.pages[nummer - 1]


def bewaar(tracker: Path, paginas: Sequence[PaginaUitkomst], bronnen: Bronnen) -> None:
    """File every page with a tracker row that has no filed page yet; sets `bewaard` on each page."""
    for pagina in paginas:
        if pagina.bestand is None or pagina.pagina is None or pagina.rij is None:
            continue
        eerder = al_bewaard(tracker, pagina)
        if eerder is not None:
            pagina.bewaard = eerder
            continue
        doel = map_van(tracker, pagina) / bestandsnaam(pagina)
        schrijver = PdfWriter()
        schrijver.add_page(bronnen.pagina(pagina.bestand, pagina.pagina))
        atomic_write(doel, schrijver.write)
        pagina.bewaard = doel


def bundel_niet_herkend(tracker: Path, paginas: Sequence[PaginaUitkomst], bronnen: Bronnen,
                        datum: dt.date) -> Path | None:
    """One PDF beside the tracker with every scanned page a person must handle; an earlier one of the same
    day is kept (the next gets a number)."""
    te_doen = [p for p in paginas if p.bestand is not None and p.pagina is not None and p.rij is None
               and p.uitkomst.is_probleem]
    if not te_doen:
        return None
    basis = Path(tracker).parent / f"{NIET_HERKEND}-{datum.isoformat()}"
    doel, n = basis.with_suffix(".pdf"), 1
    while doel.exists():
        n += 1
        doel = basis.with_name(f"{basis.name}-{n}.pdf")
    schrijver = PdfWriter()
    for p in te_doen:
        schrijver.add_page(bronnen.pagina(p.bestand, p.pagina))  # type: ignore[arg-type]
    atomic_write(doel, schrijver.write)
    return doel
