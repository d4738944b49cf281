"""Ondertekening: the signing round per class from the tracker, what is overdue, and the sync button."""

from __future__ import annotations

from pathlib import Path

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from ..invoer import vandaag
from ..tracker import standaard_pad, sync_tracker, tracker_overzicht
from ..tracker.bestand import BESTANDSNAAM
from ..tracker.overzicht import KOPTEKST, TELLINGEN
from .formulier import formulier
from .ronde_tekst import UITKOMSTEN, scan_regels, toelichting
from .web import pagina, toon, werkmap
from .werkmap import Werkmap

KOLOMMEN = [(t, KOPTEKST[t]) for t in TELLINGEN]


def tracker_pad(wm: Werkmap) -> Path | None:
    """The tracker of the chosen workbook's school year in the working folder (None: none yet). Not the
    newest under output/: that may be another year's, or the demo's."""
    schooljaar = wm.overzicht().schooljaar
    pad = standaard_pad(schooljaar, wm.map) if schooljaar else None
    return pad if pad is not None and pad.is_file() else None


def _overzicht(request: Request):
    """The round counted today, from the tracker as the secretary left it."""
    pad = tracker_pad(werkmap(request))
    return tracker_overzicht(pad, vandaag()) if pad else None


async def _toon(request: Request, sync=None, status: int = 200) -> Response:
    wm = werkmap(request)
    overzicht = await run_in_threadpool(_overzicht, request)
    taak = request.app.state.taken.get(request.query_params.get("taak", ""))
    taak = taak if taak is not None and taak.soort in ("brieven", "scan") and taak.klaar else None
    klassen = await run_in_threadpool(_klassen, wm)
    return toon(request, "ondertekening.html", status, actief="ondertekening", overzicht=overzicht, sync=sync,
                kolommen=KOLOMMEN, bestanden=wm.bestanden, taak=taak, klassen=klassen,
                uitkomsten=UITKOMSTEN, scan_regels=scan_regels, toelichting=toelichting,
                max_mb=request.app.state.max_upload // (1024 * 1024))


def _klassen(wm: Werkmap) -> list[str]:
    """The classes to choose from for the letters (none when no workbook is chosen yet)."""
    return wm.overzicht().klassen if wm.werkboek is not None else []


@pagina("ondertekening")
async def ondertekening_pagina(request: Request) -> Response:
    lopend = request.app.state.taken.lopend()
    if lopend is not None and lopend.soort in ("documenten", "brieven", "scan"):  # register and tracker are its own
        return toon(request, "bezig.html", actief="ondertekening", taak=lopend)
    return await _toon(request)


@pagina("ondertekening")
async def sync(request: Request) -> Response:
    """`opp tracker sync` for the chosen workbook (quick: it runs in the request)."""
    await formulier(request)
    wm = werkmap(request)
    request.app.state.taken.vereis_vrij()
    resultaat = await run_in_threadpool(_sync, wm)
    return await _toon(request, sync=resultaat)


def _sync(wm):
    with wm.open() as invoer:
        return sync_tracker(invoer, wm.uitmap(invoer) / BESTANDSNAAM)
