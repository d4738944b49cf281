"""The signing round on paper from the Ondertekening page: the letters (`opp ronde brieven`) in the background,
and the signed scans back (`opp ronde scan`) from an upload. The page formats the library's results only."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from ..files import atomic_write_bytes, safe_name
from ..invoer import instellingen, vandaag
from ..problems import OppError
from ..ronde.brieven import maak_brieven
from ..ronde.scan import scan
from ..tracker.bestand import BESTANDSNAAM
from .documenten import zip_van
from .formulier import formulier
from .ondertekening import tracker_pad
from .taken import Taak
from .web import pagina, werkmap

MAX_SCANS = 50  # files in one upload; the size limit of the whole request is the app's upload limit


@pagina("ondertekening")
async def brieven(request: Request) -> Response:
    """Start `opp ronde brieven` for the chosen workbook (optionally one class) as a task."""
    form = await formulier(request)
    wm = werkmap(request)
    klas = str(form.get("klas") or "")
    klassen = [klas] if klas else []
    verstuurd = form.get("verstuurd") == "ja"
    request.app.state.taken.vereis_vrij()

    def werk(taak: Taak):
        with wm.open() as invoer:
            uit = wm.uitmap(invoer)
            return maak_brieven(invoer, uit / BESTANDSNAAM, uit / "ronde", klassen=klassen, verstuurd=verstuurd)

    taak = request.app.state.taken.start("brieven", werk, keuze={"klassen": klassen, "verstuurd": verstuurd})
    return RedirectResponse(f"/taak/{taak.id}", status_code=303)


@pagina("ondertekening")
async def scans(request: Request) -> Response:
    """Read the uploaded scans against the round's tracker (as `opp ronde scan`) as a task; the uploads
    are kept in a private temporary folder only while it runs."""
    form = await formulier(request, max_files=MAX_SCANS)
    try:
        tracker, paden, tijdelijk = await _bewaar_scans(request, form)
    finally:
        await form.close()  # the uploads' own temporary files, also when we refuse them

    bewaren = instellingen(werkmap(request).map).tracker.backups_bewaren  # opp.toml beside the workbook

    def werk(taak: Taak):
        try:
            return scan(paden, tracker, vandaag(), backups_bewaren=bewaren)
        finally:
            shutil.rmtree(tijdelijk, ignore_errors=True)

    try:
        taak = request.app.state.taken.start("scan", werk, keuze={"bestanden": len(paden)})
    except BaseException:  # another task started meanwhile: the uploads go
        shutil.rmtree(tijdelijk, ignore_errors=True)
        raise
    return RedirectResponse(f"/taak/{taak.id}", status_code=303)


async def _bewaar_scans(request: Request, form) -> tuple[Path, list[Path], Path]:
    """The uploaded PDFs in a private temporary folder, once there is a tracker to read them into."""
    bestanden = [b for b in form.getlist("scan") if isinstance(b, UploadFile) and b.filename]
    if not bestanden:
        raise OppError("Kies een of meer gescande PDF's om in te lezen.")
    tracker = tracker_pad(werkmap(request))
    if tracker is None:
        raise OppError("Er is nog geen ondertekenlijst voor dit werkboek. Maak hem eerst met de knop 'Werk de "
                       "ondertekenlijst bij' en maak de brieven.")
    request.app.state.taken.vereis_vrij()
    tijdelijk = Path(tempfile.mkdtemp(prefix="opp-scan-"))  # owner-only
    try:
        paden = []
        for n, bestand in enumerate(bestanden, start=1):
            # a folder per upload: two scans with the same name stay two, each under its own name
            (tijdelijk / str(n)).mkdir(mode=0o700)
            pad = tijdelijk / str(n) / safe_name(Path(bestand.filename or "scan.pdf").name, 80)
            atomic_write_bytes(pad, await bestand.read())
            paden.append(pad)
    except BaseException:
        shutil.rmtree(tijdelijk, ignore_errors=True)
        raise
    return tracker, paden, tijdelijk


def brief_bestanden(taak: Taak) -> list[Path]:
    """The per-signer PDFs and e-mail drafts of a letters task."""
    r = taak.resultaat
    return [p for b in r.brieven for p in (b.pdf, b.eml) if p is not None] if r is not None else []


@pagina("ondertekening")
async def brieven_zip(request: Request) -> Response:
    """The per-signer letters and drafts of one run in one zip, from the output folder only."""
    return zip_van(request, "brieven", brief_bestanden, "brieven.zip")
