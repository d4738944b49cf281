"""Ondertekening: the signing round per class from the tracker, what is overdue, and the sync button."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from ..invoer import vandaag
from ..problems import OppError
from ..tracker import sync_tracker, tracker_overzicht, zoek_tracker
from ..tracker.bestand import BESTANDSNAAM
from ..tracker.overzicht import KOPTEKST, TELLINGEN
from .formulier import formulier
from .web import pagina, toon, werkmap

KOLOMMEN = [(t, KOPTEKST[t]) for t in TELLINGEN]


def _overzicht(request: Request):
    """The tracker of the latest school year in the working folder's output, counted today (None: none yet)."""
    try:
        pad = zoek_tracker(werkmap(request).map)
    except OppError:
        return None
    return tracker_overzicht(pad, vandaag())


async def _toon(request: Request, sync=None, status: int = 200) -> Response:
    wm = werkmap(request)
    overzicht = await run_in_threadpool(_overzicht, request)
    return toon(request, "ondertekening.html", status, actief="ondertekening", overzicht=overzicht, sync=sync,
                kolommen=KOLOMMEN, bestanden=wm.bestanden, ronde=request.app.state.ronde)


@pagina("ondertekening")
async def ondertekening_pagina(request: Request) -> Response:
    return await _toon(request)


@pagina("ondertekening")
async def sync(request: Request) -> Response:
    """`opp tracker sync` for the chosen workbook (quick: it runs in the request)."""
    await formulier(request)
    wm = werkmap(request)
    if request.app.state.taken.lopend() is not None:
        raise OppError("Er loopt nog een taak. Wacht tot die klaar is en werk de ondertekenlijst dan bij.")
    resultaat = await run_in_threadpool(_sync, wm)
    return await _toon(request, sync=resultaat)


def _sync(wm):
    with wm.open() as invoer:
        return sync_tracker(invoer, wm.uitmap(invoer) / BESTANDSNAAM)
