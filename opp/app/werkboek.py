"""Werkboek: choose or upload the workbook, its problems as a table, the blank workbook and its Uitleg."""

from __future__ import annotations

import tempfile
from pathlib import Path

from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, RedirectResponse, Response

from ..problems import Issue
from ..werkboek.blank import UITLEG, write_workbook
from ..werkboek.contract import SHEETS
from .formulier import formulier
from .web import pagina, toon, werkmap

SORTEERBAAR = {"blad": lambda i: (i.blad or "", i.rij or 0), "rij": lambda i: (i.rij or 0, i.blad or ""),
               "kolom": lambda i: (i.kolom or "", i.blad or "", i.rij or 0), "code": lambda i: (i.code, i.rij or 0),
               "ernst": lambda i: (not i.is_fout, i.blad or "", i.rij or 0)}


def gefilterd(issues: list[Issue], ernst: str, blad: str, sorteer: str) -> list[Issue]:
    """The table as asked in the filter form (works without JavaScript). Searching for text is the script's
    alone: a typed name or number would otherwise end up in a URL."""
    rijen = [i for i in issues if (not ernst or i.ernst.value == ernst) and (not blad or i.blad == blad)]
    return sorted(rijen, key=SORTEERBAAR[sorteer]) if sorteer in SORTEERBAAR else rijen


@pagina("werkboek")
async def werkboek_pagina(request: Request) -> Response:
    wm = werkmap(request)
    lopend = request.app.state.taken.lopend()
    if lopend is not None and lopend.soort == "documenten":  # the versions are read with the report
        return toon(request, "bezig.html", actief="werkboek", taak=lopend)
    overzicht = await run_in_threadpool(wm.overzicht) if wm.werkboek else None
    vraag = request.query_params
    ernst, blad, sorteer = (vraag.get(k, "") for k in ("ernst", "blad", "sorteer"))
    issues = overzicht.report.issues if overzicht else []
    return toon(request, "werkboek.html", actief="werkboek", overzicht=overzicht, kandidaten=wm.kandidaten(),
                rijen=gefilterd(issues, ernst, blad, sorteer), bladen=sorted({i.blad for i in issues if i.blad}),
                filter={"ernst": ernst, "blad": blad, "sorteer": sorteer},
                max_mb=request.app.state.max_upload // (1024 * 1024))


@pagina("werkboek")
async def kies(request: Request) -> Response:
    form = await formulier(request)
    werkmap(request).kies(str(form.get("naam", "")))
    return RedirectResponse("/werkboek", status_code=303)


@pagina("werkboek")
async def upload(request: Request) -> Response:
    form = await formulier(request)
    bestand = form.get("bestand")
    if not isinstance(bestand, UploadFile) or not bestand.filename:
        return toon(request, "fout.html", 400, actief="werkboek", fout="Kies eerst een bestand om te uploaden.")
    inhoud = await bestand.read(request.app.state.max_upload + 1)
    await form.close()
    if len(inhoud) > request.app.state.max_upload:
        raise HTTPException(413)
    await run_in_threadpool(werkmap(request).bewaar_upload, bestand.filename, inhoud, form.get("vervang") == "ja")
    return RedirectResponse("/werkboek", status_code=303)


@pagina("werkboek")
async def leeg_werkboek(request: Request) -> Response:
    """The blank workbook of `opp init` (with its Uitleg sheet), written to a private temporary folder."""
    tijdelijk = Path(tempfile.mkdtemp(prefix="opp-leeg-"))
    pad = tijdelijk / "werkboek.xlsx"
    await run_in_threadpool(write_workbook, pad)
    return FileResponse(pad, filename="werkboek.xlsx", background=BackgroundTask(_weg, tijdelijk),
                        media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def _weg(map_: Path) -> None:
    import shutil
    shutil.rmtree(map_, ignore_errors=True)


@pagina("werkboek")
async def uitleg(request: Request) -> Response:
    """The Uitleg of the blank workbook as a page: every sheet and column from the contract."""
    return toon(request, "uitleg.html", actief="werkboek", bladen=SHEETS, intro=UITLEG)
