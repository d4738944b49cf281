"""Documenten: choose classes, pupils and documents; render in the background with progress; download one
file or the run's zip; each document's versions and status from the register."""

from __future__ import annotations

import shutil
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, RedirectResponse, Response

from ..documenten import DOCUMENTEN, PER_LEERLING
from ..render.documents import render
from ..render.pdf import soffice
from .formulier import formulier
from .taken import Taak
from .web import pagina, toon, werkmap


@pagina("documenten")
async def documenten_pagina(request: Request) -> Response:
    wm = werkmap(request)
    lopend = request.app.state.taken.lopend()
    if lopend is not None:  # the register is the task's until it ends: show where it is instead
        return toon(request, "bezig.html", actief="documenten", taak=lopend)
    overzicht = await run_in_threadpool(wm.overzicht)
    taak = request.app.state.taken.get(request.query_params.get("taak", ""))
    taak = taak if taak is not None and taak.soort == "documenten" and taak.klaar else None
    return toon(request, "documenten.html", actief="documenten", overzicht=overzicht, taak=taak,
                documenten=[(d, DOCUMENTEN[d].titel) for d in PER_LEERLING], pdf_kan=soffice() is not None,
                register=overzicht.versies, bestanden=wm.bestanden)


@pagina("documenten")
async def maak(request: Request) -> Response:
    form = await formulier(request)
    wm = werkmap(request)
    klassen = [str(k) for k in form.getlist("klas")]
    leerlingen = [str(nr) for nr in form.getlist("leerling")]
    gekozen = [str(d) for d in form.getlist("document") if d in PER_LEERLING] or list(PER_LEERLING)
    pdf = form.get("pdf") == "ja"
    request.app.state.taken.vereis_vrij()
    overzicht = await run_in_threadpool(wm.overzicht)
    # For the progress bar only: how many documents at most (render decides who gets which).
    wie = [ll for ll in overzicht.leerlingen
           if (not klassen or ll.klas in klassen) and (not leerlingen or ll.leerlingnummer in leerlingen)]

    def werk(taak: Taak):
        with wm.open() as invoer:
            return render(invoer, documenten=gekozen, leerlingen=leerlingen, klassen=klassen,
                          uit=wm.uitmap(invoer), per_klas=True, pdf=pdf, progress=taak.stap,
                          pdf_progress=taak.pdf_stap)

    taak = request.app.state.taken.start("documenten", werk, totaal=len(wie) * len(gekozen), keuze={
        "klassen": klassen, "aantal_leerlingen": len(leerlingen), "documenten": gekozen, "pdf": pdf})
    taak.pdf_totaal = taak.totaal if pdf else 0
    return RedirectResponse(f"/taak/{taak.id}", status_code=303)


def bestanden_van(taak: Taak) -> list[Path]:
    r = taak.resultaat
    return [*r.geschreven, *r.ongewijzigd, *r.pdf] if r is not None else []


@pagina("documenten")
async def zip_van_taak(request: Request) -> Response:
    """Every document of one run (written or unchanged, and their PDFs) in one zip, from the output only."""
    return zip_van(request, "documenten", bestanden_van, "documenten.zip")


def zip_van(request: Request, soort: str, bestanden: Callable[[Taak], list[Path]], naam: str) -> Response:
    """The files of one finished task of `soort` in one zip; only files the output folder's ids know."""
    wm = werkmap(request)
    taak = request.app.state.taken.get(request.path_params["taak"])
    if taak is None or taak.soort != soort or not taak.klaar or taak.resultaat is None:
        raise HTTPException(404)
    paden = [p for p in (wm.bestanden.pad(i) for i in map(wm.bestanden.id, bestanden(taak)) if i) if p]
    if not paden:
        raise HTTPException(404)
    tijdelijk = Path(tempfile.mkdtemp(prefix="opp-zip-"))
    doel = tijdelijk / naam
    with zipfile.ZipFile(doel, "w", zipfile.ZIP_DEFLATED) as zf:
        for pad in paden:
            zf.write(pad, pad.relative_to(wm.uitvoer.resolve()).as_posix())
    return FileResponse(doel, filename=naam, media_type="application/zip",
                        background=BackgroundTask(shutil.rmtree, tijdelijk, True))
