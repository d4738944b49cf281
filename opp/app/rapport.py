"""Rapport: the school report's figures and charts on the page, and rapport.xlsx to download."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from ..rapport import maak_rapport
from ..rapport.figures import procent_tekst
from .formulier import formulier
from .ondertekening import tracker_pad
from .taken import Taak
from .web import pagina, toon, werkmap

GRAFIEK_UITLEG = {  # the alternative text of each chart: what it shows (the figures are in the tables)
    "grafiek_uitstroom": "Uitstroombestemming van alle leerlingen",
    "grafiek_uitstroom_per_klas": "Uitstroombestemming per klas",
    "grafiek_ondersteuning": "Ondersteuningslijnen tegen de normen van de school",
    "grafiek_doelen": "Doelen per domein naar status",
    "grafiek_kernteam": "Aanmeldingen kernteam per klas",
}


@pagina("rapport")
async def rapport_pagina(request: Request) -> Response:
    taak = request.app.state.taken.get(request.query_params.get("taak", ""))
    taak = taak if taak is not None and taak.soort == "rapport" and taak.klaar else None
    return toon(request, "rapport.html", actief="rapport", taak=taak, bestanden=werkmap(request).bestanden,
                procent=procent_tekst, grafiek_uitleg=GRAFIEK_UITLEG)


@pagina("rapport")
async def maak(request: Request) -> Response:
    """`opp rapport`, with the signing round's tracker when there is one (overdue signatures)."""
    form = await formulier(request)
    wm = werkmap(request)
    anoniem, force = form.get("anoniem") == "ja", form.get("vervang") == "ja"
    request.app.state.taken.vereis_vrij()  # before the tracker is looked up: that reads the workbook
    tracker = await run_in_threadpool(tracker_pad, wm)

    def werk(taak: Taak):
        with wm.open() as invoer:
            return maak_rapport(invoer, wm.uitmap(invoer) / "rapport", tracker=tracker, anoniem=anoniem,
                                force=force)

    taak = request.app.state.taken.start("rapport", werk, keuze={"anoniem": anoniem})
    return RedirectResponse(f"/taak/{taak.id}", status_code=303)
