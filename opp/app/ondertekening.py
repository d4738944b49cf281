"""Ondertekening: the signing round per class from the tracker, what is overdue, and the sync button."""

from __future__ import annotations

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


def _toon(request: Request, sync=None, status: int = 200) -> Response:
    wm = werkmap(request)
    overzicht = _overzicht(request)
    return toon(request, "ondertekening.html", status, actief="ondertekening", overzicht=overzicht, sync=sync,
                kolommen=KOLOMMEN, bestanden=wm.bestanden, ronde=request.app.state.ronde)


@pagina("ondertekening")
async def ondertekening_pagina(request: Request) -> Response:
    return _toon(request)


@pagina("ondertekening")
async def sync(request: Request) -> Response:
    """`opp tracker sync` for the chosen workbook (quick: it runs in the request)."""
    await formulier(request)
    wm = werkmap(request)
    with wm.open() as invoer:
        resultaat = sync_tracker(invoer, wm.uitmap(invoer) / BESTANDSNAAM)
    return _toon(request, sync=resultaat)
