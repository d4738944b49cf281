"""`opp render`: one .docx per pupil per document, in batches, safe to re-run.

Flow: read and validate the workbook -> pick pupils (skipping those with errors) -> plan every output
path -> refuse if any exists (unless force) -> render in worker processes, each with the templates
compiled once -> write atomically, owner-only -> optionally convert to PDF in batches.
"""

from __future__ import annotations

import datetime as dt
import os
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from ..files import atomic_write_bytes, safe_name
from ..models import Leerling, Leerlingdossier
from ..problems import Issue, OppError, Report
from ..settings import Settings, load_settings
from ..werkboek.reader import Werkboek, read_werkboek
from .compiled import CompiledTemplate
from .context import DOCUMENT_TITELS, DOCUMENTEN, pupil_context
from .environment import make_environment
from .templates import template_path

Progress = Callable[[int], None]


@dataclass(frozen=True)
class Taak:
    """One document to write: everything a worker needs, picklable."""

    document: str
    leerlingnummer: str
    pad: Path
    context: dict


@dataclass
class RenderResultaat:
    geschreven: list[Path] = field(default_factory=list)
    pdf: list[Path] = field(default_factory=list)
    pdf_mislukt: list[Path] = field(default_factory=list)
    pdf_melding: str | None = None
    overgeslagen: dict[str, list[Issue]] = field(default_factory=dict)  # pupil -> their problems
    niet_van_toepassing: int = 0  # e.g. a kernteam document for a pupil never referred
    uitgeschreven: list[str] = field(default_factory=list)  # left the school, not named: no documents
    report: Report | None = None
    uit: Path | None = None

    @property
    def ok(self) -> bool:
        return not self.overgeslagen and not self.pdf_mislukt and not (self.report and self.report.algemene_fouten())

    def to_dict(self) -> dict:
        return {
            "ok": self.ok,
            "geschreven": [str(p) for p in self.geschreven],
            "pdf": [str(p) for p in self.pdf],
            "pdf_mislukt": [str(p) for p in self.pdf_mislukt],
            "pdf_melding": self.pdf_melding,
            "overgeslagen": {nr: [i.to_dict() for i in issues] for nr, issues in self.overgeslagen.items()},
            "niet_van_toepassing": self.niet_van_toepassing,
            "uitgeschreven": self.uitgeschreven,
        }


def bestandsnaam(leerling: Leerling | Leerlingdossier, document: str, datum: dt.date) -> str:
    """'20240117 Berg, Sanne van der - OPP - 2026-11-22.docx': sorts by number, readable, safe for any name."""
    ll = leerling.leerling if isinstance(leerling, Leerlingdossier) else leerling
    naam = f"{ll.achternaam}, {ll.roepnaam}" + (f" {ll.tussenvoegsel}" if ll.tussenvoegsel else "")
    return f"{safe_name(ll.leerlingnummer, 30)} {safe_name(naam, 60)} - {document.upper()} - {datum.isoformat()}.docx"


def standaard_uitmap(werkboek: Werkboek) -> Path:
    return Path("output") / safe_name(werkboek.school.schooljaar if werkboek.school else "onbekend")


def render(
    werkboek_pad: Path,
    documenten: Iterable[str] = DOCUMENTEN,
    leerlingen: Iterable[str] = (),
    klassen: Iterable[str] = (),
    uit: Path | None = None,
    templates: Path | None = None,
    force: bool = False,
    datum: dt.date | None = None,
    jobs: int | None = None,
    pdf: bool = False,
    progress: Progress | None = None,
    pdf_progress: Progress | None = None,
    werkboek: Werkboek | None = None,
    per_klas: bool | None = None,
) -> RenderResultaat:
    datum = datum or dt.date.today()
    werkboek = werkboek or read_werkboek(werkboek_pad, datum)
    result = RenderResultaat(report=werkboek.report)
    if werkboek.school is None or werkboek.report.algemene_fouten():
        return result  # nothing can be rendered; the report says why
    settings = load_settings(werkboek.map)
    documenten = list(dict.fromkeys(documenten))
    genoemd = set(leerlingen)
    gekozen = _kies(werkboek, genoemd, {k.lower() for k in klassen})
    # A pupil who has left gets documents only when named: a class run is about the pupils still there.
    result.uitgeschreven = [nr for nr in gekozen if werkboek.is_uitgeschreven(nr) and nr not in genoemd]
    gekozen = [nr for nr in gekozen if not werkboek.is_uitgeschreven(nr) or nr in genoemd]
    slecht = werkboek.report.leerlingen_met_fouten()
    for nr in gekozen + _ongeldige_leerlingrijen(werkboek, genoemd, bool(klassen)):
        if nr in slecht:
            result.overgeslagen[nr] = [i for i in werkboek.report.fouten if i.leerlingnummer == nr]
    goed = [nr for nr in gekozen if nr not in slecht]
    result.uit = Path(uit) if uit else standaard_uitmap(werkboek)

    per_klas = uit is None if per_klas is None else per_klas  # --uit MAP means: exactly there
    taken = list(_plan(werkboek, goed, documenten, result.uit, datum, per_klas, result))
    _weiger_bestaande([pad for _, _, pad in taken], force)
    paden = {doc: template_path(doc, templates) for doc in documenten}
    contexts = _contexts(taken, werkboek, datum, settings)
    result.geschreven = write_documents(contexts, paden, jobs, progress)
    if pdf and result.geschreven:
        from .pdf import convert_to_pdf

        conversie = convert_to_pdf(result.geschreven, jobs=jobs, progress=pdf_progress)
        result.pdf, result.pdf_mislukt, result.pdf_melding = conversie.pdf, conversie.mislukt, conversie.melding
    return result


def _kies(werkboek: Werkboek, leerlingen: set[str], klassen: set[str]) -> list[str]:
    onbekend = leerlingen - set(werkboek.leerlingen) - werkboek.report.leerlingen_met_fouten()
    if onbekend:
        raise OppError(f"Leerlingnummer(s) {', '.join(sorted(onbekend))} staan niet in het werkboek.")
    gekozen = [
        nr for nr, rij in werkboek.leerlingen.items()
        if (not leerlingen or nr in leerlingen) and (not klassen or rij.model.klas.lower() in klassen)
    ]
    if klassen and not gekozen:
        raise OppError(f"Geen leerlingen in klas {', '.join(sorted(klassen))}. Controleer de kolom 'Klas'.")
    return gekozen


def _ongeldige_leerlingrijen(werkboek: Werkboek, leerlingen: set[str], op_klas: bool) -> list[str]:
    """Pupils whose own row on Leerlingen is invalid: they have no dossier, but must be named as skipped."""
    if op_klas:
        return []  # their klas is unknown, so they cannot be matched to a class filter
    nrs = {i.leerlingnummer for i in werkboek.report.fouten
           if i.leerlingnummer and (i.blad or "").lower() == "leerlingen" and i.leerlingnummer not in werkboek.leerlingen}
    return sorted(nr for nr in nrs if not leerlingen or nr in leerlingen)


def _plan(werkboek: Werkboek, nrs, documenten, uit: Path, datum, per_klas: bool,
          result: RenderResultaat) -> Iterator[tuple]:
    """(document, leerlingnummer, path) for every document to write; needs only the Leerlingen rows."""
    verwezen = {rij.model.leerlingnummer for rij in werkboek.rijen["Kernteam"]} if "kernteam" in documenten else set()
    for nr in nrs:
        leerling = werkboek.leerlingen[nr].model
        map_ = uit / safe_name(leerling.klas, 40) if per_klas else uit
        for document in documenten:
            if document == "kernteam" and nr not in verwezen:
                result.niet_van_toepassing += 1
                continue
            yield (document, nr, map_ / bestandsnaam(leerling, document, datum))


def _weiger_bestaande(paden: list[Path], force: bool) -> None:
    bestaand = [p for p in paden if p.exists()]
    if bestaand and not force:
        voorbeelden = ", ".join(p.name for p in bestaand[:3]) + (" ..." if len(bestaand) > 3 else "")
        raise OppError(
            f"{len(bestaand)} document(en) bestaan al en worden niet overschreven ({voorbeelden}); er kan een "
            f"getekend plan tussen zitten. Gebruik --force om te overschrijven of --uit MAP voor een andere map.")


def _contexts(taken, werkboek: Werkboek, datum, settings: Settings) -> Iterator[Taak]:
    """Build contexts lazily, one pupil at a time, so memory stays flat for a large school."""
    cache: tuple[str, dict] | None = None
    for document, nr, pad in taken:
        if cache is None or cache[0] != nr:
            cache = (nr, pupil_context(werkboek.dossiers[nr], werkboek.school, datum, settings))
        context = dict(cache[1], document_titel=DOCUMENT_TITELS[document])
        yield Taak(document, nr, pad, context)


# --- writing, in worker processes -------------------------------------------------------------------------

_compiled: dict[str, CompiledTemplate] = {}


def _init_worker(paden: dict[str, Path]) -> None:
    env = make_environment()
    _compiled.clear()
    for doc, pad in paden.items():
        _compiled[doc] = CompiledTemplate(pad, env)


def _write(taak: Taak) -> Path:
    atomic_write_bytes(taak.pad, _compiled[taak.document].render(taak.context))
    return taak.pad


def default_jobs() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))


def write_documents(taken: Iterable[Taak], paden: dict[str, Path], jobs: int | None = None,
                    progress: Progress | None = None) -> list[Path]:
    """Render and write every task; templates compile once per process. Order of the result = order of tasks."""
    jobs = jobs or default_jobs()
    written: list[Path] = []
    if jobs == 1:
        _init_worker(paden)
        for taak in taken:
            written.append(_write(taak))
            if progress:
                progress(1)
        return written
    _init_worker(paden)  # compile in the parent first: a broken template fails once, clearly
    with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(paden,)) as pool:
        for pad in _bounded_map(pool, _write, taken, window=jobs * 16):
            written.append(pad)
            if progress:
                progress(1)
    return written


def _bounded_map(pool, fn, items: Iterable, window: int) -> Iterator:
    """Like pool.map, in order, but with at most `window` tasks in flight: Executor.map would build
    every context up front and hold them all in memory."""
    pending: deque = deque()
    for item in items:
        pending.append(pool.submit(fn, item))
        if len(pending) >= window:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()
