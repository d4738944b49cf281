"""TLV: per request its completeness, the pro indication with its arithmetic, and the bundle to download."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from ..dossier import maak_dossiers
from ..render.pdf import soffice
from .formulier import formulier
from .taken import Taak
from .web import pagina, toon, werkmap


@pagina("tlv")
async def tlv_pagina(request: Request) -> Response:
    taak = request.app.state.taken.get(request.query_params.get("taak", ""))
    taak = taak if taak is not None and taak.soort == "tlv" and taak.klaar else None
    return toon(request, "tlv.html", actief="tlv", taak=taak, pdf_kan=soffice() is not None,
                bestanden=werkmap(request).bestanden)


@pagina("tlv")
async def maak(request: Request) -> Response:
    """`opp dossier --alle`: every request on the TLV sheet checked and assembled."""
    form = await formulier(request)
    wm = werkmap(request)
    pdf, force = form.get("pdf") == "ja", form.get("vervang") == "ja"

    def werk(taak: Taak):
        with wm.open() as invoer:
            return maak_dossiers(invoer, wm.uitmap(invoer) / "tlv", pdf=pdf, force=force)

    taak = request.app.state.taken.start("tlv", werk, keuze={"pdf": pdf})
    return RedirectResponse(f"/taak/{taak.id}", status_code=303)
