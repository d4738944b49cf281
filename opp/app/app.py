"""The ASGI application: routes to the five pages, the task progress, downloads by opaque id, and the guard
around all of it."""

from __future__ import annotations

import mimetypes
import secrets
from pathlib import Path

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from . import documenten, ondertekening, rapport, ronde, tlv, werkboek
from .bewaker import Bewaker
from .taken import Taken
from .web import pagina, static_map, toon, werkmap
from .werkmap import Werkmap

MAX_UPLOAD = 20 * 1024 * 1024  # bytes: a school's workbook is a few MB; more is not a workbook
TERUG = {"documenten": "/documenten", "tlv": "/tlv", "rapport": "/rapport", "brieven": "/ondertekening",
         "scan": "/ondertekening"}
INLINE = {".png"}  # shown on the page (the report's charts); everything else is a download


async def begin(request: Request) -> Response:
    return RedirectResponse("/werkboek", status_code=303)


@pagina("werkboek")
async def taak_pagina(request: Request) -> Response:
    """Progress of a task; without JavaScript the page reloads itself, with it the script polls."""
    taak = request.app.state.taken.get(request.path_params["taak"])
    if taak is None:
        raise HTTPException(404)
    if taak.klaar:
        return RedirectResponse(f"{TERUG[taak.soort]}?taak={taak.id}", status_code=303)
    return toon(request, "taak.html", actief=taak.soort, taak=taak)


async def taak_status(request: Request) -> Response:
    taak = request.app.state.taken.get(request.path_params["taak"])
    if taak is None:
        raise HTTPException(404)
    return JSONResponse({**taak.to_dict(), "klaar_url": f"{TERUG[taak.soort]}?taak={taak.id}"})


async def bestand(request: Request) -> Response:
    """A file from the working folder's output, by its id; anything else (or a link out) is 404."""
    pad = werkmap(request).bestanden.pad(request.path_params["id"])
    if pad is None:
        raise HTTPException(404)
    soort = mimetypes.guess_type(pad.name)[0] or "application/octet-stream"
    inline = pad.suffix.lower() in INLINE
    return FileResponse(pad, media_type=soort, filename=pad.name, stat_result=pad.stat(),
                        content_disposition_type="inline" if inline else "attachment")


async def http_fout(request: Request, exc: Exception) -> Response:
    status = exc.status_code if isinstance(exc, HTTPException) else 500
    if status == 413:
        return toon(request, "fout.html", 413, actief="werkboek", code="upload-te-groot",
                    fout=te_groot_tekst(request.app.state.max_upload))
    teksten = {403: "Dit formulier is verlopen of kwam niet van deze pagina. Laad de pagina opnieuw en probeer "
                    "het nog eens.",
               404: "Deze pagina of dit bestand bestaat niet (meer).",
               405: "Deze pagina kan zo niet worden gebruikt."}
    return toon(request, "fout.html", status, actief="", fout=teksten.get(status, "Er ging iets mis."))


def te_groot_tekst(max_upload: int) -> str:
    return (f"Het bestand is groter dan {max_upload // (1024 * 1024)} MB en is niet gelezen. Een werkboek is "
            "meestal veel kleiner: controleer of u het goede bestand koos, of haal er afbeeldingen uit.")


def maak_app(map: Path, token: str | None = None, poort: int = 8000, hosts: tuple[str, ...] = (),
             max_upload: int = MAX_UPLOAD):
    """The app for one working folder, wrapped in its guard. Returns (asgi app, starlette app)."""
    routes = [
        Route("/", begin),
        Route("/werkboek", werkboek.werkboek_pagina),
        Route("/werkboek/kies", werkboek.kies, methods=["POST"]),
        Route("/werkboek/upload", werkboek.upload, methods=["POST"]),
        Route("/werkboek/leeg", werkboek.leeg_werkboek),
        Route("/werkboek/uitleg", werkboek.uitleg),
        Route("/documenten", documenten.documenten_pagina),
        Route("/documenten/maak", documenten.maak, methods=["POST"]),
        Route("/documenten/zip/{taak}", documenten.zip_van_taak),
        Route("/ondertekening", ondertekening.ondertekening_pagina),
        Route("/ondertekening/sync", ondertekening.sync, methods=["POST"]),
        Route("/ondertekening/brieven", ronde.brieven, methods=["POST"]),
        Route("/ondertekening/brieven/zip/{taak}", ronde.brieven_zip),
        Route("/ondertekening/scans", ronde.scans, methods=["POST"]),
        Route("/tlv", tlv.tlv_pagina),
        Route("/tlv/maak", tlv.maak, methods=["POST"]),
        Route("/rapport", rapport.rapport_pagina),
        Route("/rapport/maak", rapport.maak, methods=["POST"]),
        Route("/taak/{taak}", taak_pagina),
        Route("/taak/{taak}/status", taak_status),
        Route("/bestand/{id}", bestand),
        Mount("/static", StaticFiles(directory=static_map()), name="static"),
    ]
    app = Starlette(routes=routes, exception_handlers={HTTPException: http_fout})
    app.state.werkmap = Werkmap(map)
    app.state.taken = Taken()
    app.state.csrf = secrets.token_urlsafe(32)
    app.state.max_upload = max_upload
    app.state.token = token or secrets.token_urlsafe(32)
    bewaker = Bewaker(app, app.state.token, secrets.token_urlsafe(32), poort, hosts,
                      max_body=max_upload + 64 * 1024, te_groot=lambda: _te_groot_html(max_upload))
    return bewaker, app


def _te_groot_html(max_upload: int) -> str:
    import html
    return (f'<p role="alert" data-code="upload-te-groot">{html.escape(te_groot_tekst(max_upload))}</p>'
            '<p><a href="/werkboek">Terug naar Werkboek</a></p>')
