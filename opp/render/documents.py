"""`opp render`: one .docx per pupil per document, in batches, safe to re-run.

Flow: read and validate the workbook -> pick pupils (skipping those with errors) -> plan every output
path -> ask the versions register (opp/register/plan.py): unchanged documents are not written, changed
ones become the next version, a file it does not know is refused unless force -> render in worker
processes, each with the templates compiled once -> write atomically, owner-only -> record the versions
-> optionally convert to PDF, each document handed to LibreOffice as soon as it is written (render/pdf.py).
"""

from __future__ import annotations

import datetime as dt
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import Field, computed_field

from ..documenten import DOCUMENTEN, PER_LEERLING
from ..files import NAME_MAX_BYTES, atomic_write_bytes, safe_name
from ..invoer import Invoer
from ..models import Leerling, Leerlingdossier
from ..problems import Issue, OppError, Resultaat
from ..processen import context as start_context
from ..processen import sterf_met_ouder
from ..settings import Settings
from ..taal import aantal
from .compiled import CompiledTemplate, TemplateFout
from .context import pupil_context
from .environment import make_environment
from .pdf import PdfOmzetter
from .pdf_uno import kernen
from .templates import template_path

Progress = Callable[[int], None]
IN_PROCES_TOT = 64  # documents: fewer are written sooner here than by worker processes that must start first


@dataclass(frozen=True)
class Taak:
    """One document to write: everything a worker needs, picklable."""

    document: str
    leerlingnummer: str
    pad: Path
    context: dict
    onderdelen: dict[str, bytes] = field(default_factory=dict)  # package parts to replace: the identity


class RenderResultaat(Resultaat):
    """What `opp render` did: its JSON is this model dumped."""

    geschreven: list[Path] = Field(default_factory=list)
    ongewijzigd: list[Path] = Field(default_factory=list)  # same content as their newest version: not written
    hersteld: list[Path] = Field(default_factory=list)  # a registered version whose file was gone, written again
    registerbestand: Path | None = None
    register_melding: str | None = None  # e.g. the register was rebuilt from the documents
    pdf: list[Path] = Field(default_factory=list)
    pdf_mislukt: list[Path] = Field(default_factory=list)
    pdf_melding: str | None = None
    pdf_verwijderd: list[Path] = Field(default_factory=list)  # old PDFs of replaced documents (render without --pdf)
    overgeslagen: dict[str, list[Issue]] = Field(default_factory=dict)  # pupil -> their problems
    waarschuwingen: list[Issue] = Field(default_factory=list)  # e.g. a typed date the register contradicts
    niet_van_toepassing: int = 0  # e.g. a kernteam document for a pupil never referred
    uitgeschreven: list[str] = Field(default_factory=list)  # left the school, not named: no documents
    uit: Path | None = None

    @computed_field  # type: ignore[prop-decorator]
    @property
    def ok(self) -> bool:
        return not self.overgeslagen and not self.pdf_mislukt


def bestandsnaam(leerling: Leerling | Leerlingdossier, document: str, datum: dt.date, versie: int = 1) -> str:
    """'20240117 Berg, Sanne van der - OPP - 2026-11-22.docx': sorts by number, readable, safe for any name.
    A later version says so: '... - OPP - v2 - 2026-11-29.docx' (the first has no suffix)."""
    ll = leerling.leerling if isinstance(leerling, Leerlingdossier) else leerling
    naam = f"{ll.achternaam}, {ll.roepnaam}" + (f" {ll.tussenvoegsel}" if ll.tussenvoegsel else "")
    label = DOCUMENTEN[document].label + (f" - v{versie}" if versie > 1 else "")
    nummer, rest = safe_name(ll.leerlingnummer, 30, 60), f" - {label} - {datum.isoformat()}.docx"
    ruimte = NAME_MAX_BYTES - len(f"{nummer} {rest}".encode())  # the name gets what is left of 255 bytes
    return f"{nummer} {safe_name(naam, 60, ruimte)}{rest}"


def render(
    invoer: Invoer,
    documenten: Iterable[str] = PER_LEERLING,
    leerlingen: Iterable[str] = (),
    klassen: Iterable[str] = (),
    uit: Path | None = None,
    templates: Path | None = None,
    force: bool = False,
    jobs: int | None = None,
    pdf: bool = False,
    progress: Progress | None = None,
    pdf_progress: Progress | None = None,
    per_klas: bool | None = None,
    register: Path | bool = True,
) -> RenderResultaat:
    """`opp render`: the documents of the chosen pupils, dated `invoer.datum`.

    `register`: True keeps versions in opp-register.sqlite beside the workbook, a path keeps them there,
    False writes plain files (refusing existing ones unless force), e.g. for a copy inside a dossier."""
    invoer.vereis_bruikbaar()
    datum = invoer.datum
    result = RenderResultaat()
    documenten = list(dict.fromkeys(documenten))
    genoemd = set(leerlingen)
    gekozen = _kies(invoer, genoemd, list(klassen))
    # A pupil who has left gets documents only when named: a class run is about the pupils still there.
    result.uitgeschreven = [nr for nr in gekozen if invoer.is_uitgeschreven(nr) and nr not in genoemd]
    gekozen = [nr for nr in gekozen if not invoer.is_uitgeschreven(nr) or nr in genoemd]
    slecht = invoer.report.leerlingen_met_fouten()
    for nr in gekozen + _ongeldige_leerlingrijen(invoer, genoemd, bool(klassen)):
        if nr in slecht:
            result.overgeslagen[nr] = [i for i in invoer.report.fouten if i.leerlingnummer == nr]
    goed = [nr for nr in gekozen if nr not in slecht]
    result.uit = Path(uit) if uit else invoer.uitmap

    per_klas = uit is None if per_klas is None else per_klas  # --uit MAP means: exactly there
    taken = list(_plan(invoer, goed, documenten, result.uit, datum, per_klas, result))
    paden = {doc: template_path(doc, templates) for doc in documenten}
    contexts = _contexts(taken, invoer, datum, invoer.settings)
    werkers = 1 if jobs is None and len(taken) <= IN_PROCES_TOT else jobs
    # Each document goes to LibreOffice as soon as it is written: writing the rest overlaps with it.
    omzetter = PdfOmzetter(len(taken), jobs, pdf_progress) if pdf and taken else None
    with omzetter or nullcontext():
        erbij = omzetter.erbij if omzetter else None
        if register is False:
            _weiger_bestaande(taken, force)
            oude_pdfs = verwijder_oude_pdfs(pad for _, _, pad in taken)  # with --pdf they are written anew
            result.pdf_verwijderd = [] if pdf else oude_pdfs
            result.geschreven = write_documents(contexts, paden, werkers, progress, geschreven=erbij)
        else:
            _met_register(invoer, register, taken, contexts, paden, force, werkers, progress, result, erbij)
            if pdf:
                result.pdf_verwijderd = []
            if omzetter:  # an unchanged document still gets the PDF it lacks (rendered earlier without --pdf)
                for pad in result.ongewijzigd:
                    if not pad.with_suffix(".pdf").is_file():
                        omzetter.erbij(pad)
    if omzetter and (result.geschreven or omzetter.resultaat.pdf or omzetter.resultaat.mislukt):
        conversie = omzetter.resultaat
        result.pdf, result.pdf_mislukt, result.pdf_melding = conversie.pdf, conversie.mislukt, conversie.melding
    return result


def _met_register(invoer: Invoer, register: Path | bool, taken, contexts, paden, force, jobs, progress,
                  result: RenderResultaat, geschreven: Callable[[Path], None] | None = None) -> None:
    """Plan, write and record under the register's lock (one writer at a time)."""
    from ..register.datums import DOCUMENT as DOCUMENT_DATUMS
    from ..register.datums import Registerdatumaanvulling
    from ..register.db import Register
    from ..register.plan import Versieplan
    from ..register.versies import standaard_register, zoekmappen

    result.registerbestand = register if isinstance(register, Path) else standaard_register(invoer, result.uit)
    mappen = {(doc, nr): pad.parent for doc, nr, pad in taken}

    def naam(document: str, nr: str, versie: int, datum: dt.date) -> Path:
        # The pupil's row model, not the dossier: building a dossier reads every sheet's rows.
        return mappen[(document, nr)] / bestandsnaam(invoer.leerlingen[nr].model, document, datum, versie)

    with Register(result.registerbestand, zoekmappen(invoer, result.registerbestand, result.uit)) as reg:
        result.register_melding = reg.melding
        plan = Versieplan(reg, invoer.datum, paden, naam, force)
        plan.voorcontrole(taken)
        datums = Registerdatumaanvulling(reg, invoer, {nr for doc, nr, _ in taken if doc == DOCUMENT_DATUMS})
        plan.registerdatums = datums.context
        result.waarschuwingen = datums.waarschuwingen()
        result.geschreven = write_documents(_zonder_oude_pdf(plan.taken(contexts, progress), result), paden, jobs,
                                            progress, geschreven=geschreven)
        plan.vastleggen(result.geschreven)
    result.ongewijzigd, result.hersteld = plan.ongewijzigd, plan.hersteld


def _zonder_oude_pdf(taken: Iterable[Taak], result: RenderResultaat) -> Iterator[Taak]:
    """A file that is written again (a forced or restored one) loses its PDF first, as without a register."""
    for taak in taken:
        result.pdf_verwijderd.extend(verwijder_oude_pdfs([taak.pad]))
        yield taak


def aantal_taken(invoer: Invoer, documenten: Iterable[str]) -> int:
    """At most how many documents a render makes (for a progress bar)."""
    return len(invoer.leerlingen) * len(list(documenten))


def _kies(werkboek: Invoer, leerlingen: set[str], klassen_getypt: list[str]) -> list[str]:
    onbekend = leerlingen - set(werkboek.leerlingen) - werkboek.report.leerlingen_met_fouten()
    if onbekend:
        raise OppError(f"{'Leerlingnummer' if len(onbekend) == 1 else 'Leerlingnummers'} {', '.join(sorted(onbekend))} "
                       f"{'staat' if len(onbekend) == 1 else 'staan'} niet in het werkboek.")
    def sleutel(klas: str) -> str:  # 'pro  2a' finds 'PrO 2A'
        return " ".join(klas.split()).casefold()

    klassen = {sleutel(k) for k in klassen_getypt}
    gekozen = [
        nr for nr, rij in werkboek.leerlingen.items()
        if (not leerlingen or nr in leerlingen) and (not klassen or sleutel(rij.model.klas) in klassen)
    ]
    if klassen and leerlingen and not gekozen:  # the class has pupils, only not the ones named: say where they are
        waar = "; ".join(f"{nr} zit in {werkboek.leerlingen[nr].model.klas}" for nr in sorted(leerlingen)
                         if nr in werkboek.leerlingen)
        raise OppError(f"{'De gekozen leerling zit' if len(leerlingen) == 1 else 'De gekozen leerlingen zitten'} "
                       f"niet in {'klas' if len(klassen_getypt) == 1 else 'de klassen'} {', '.join(klassen_getypt)}"
                       f"{f' ({waar})' if waar else ''}. Laat --klas weg of kies de klas van de leerling.")
    if klassen and not gekozen:
        # The class as the user typed it, and the classes that do exist, as the workbook has them.
        bestaand = sorted({rij.model.klas for rij in werkboek.leerlingen.values()})
        raise OppError(f"Geen leerlingen in {'klas' if len(klassen_getypt) == 1 else 'klassen'} "
                       f"{', '.join(klassen_getypt)}. Het werkboek heeft "
                       f"{'de klas' if len(bestaand) == 1 else 'de klassen'} {', '.join(bestaand) or '(geen)'}; "
                       "kies een daarvan of controleer de kolom 'Klas'.")
    return gekozen


def _ongeldige_leerlingrijen(werkboek: Invoer, leerlingen: set[str], op_klas: bool) -> list[str]:
    """Pupils whose own row on Leerlingen is invalid: they have no dossier, but must be named as skipped."""
    if op_klas:
        return []  # their klas is unknown, so they cannot be matched to a class filter
    nrs = {i.leerlingnummer for i in werkboek.report.fouten
           if i.leerlingnummer and (i.blad or "").lower() == "leerlingen"
           and i.leerlingnummer not in werkboek.leerlingen}
    return sorted(nr for nr in nrs if not leerlingen or nr in leerlingen)


def _plan(invoer: Invoer, nrs, documenten, uit: Path, datum, per_klas: bool,
          result: RenderResultaat) -> Iterator[tuple]:
    """(document, leerlingnummer, path) for every document that applies to the pupil (the registry decides)."""
    soorten = [DOCUMENTEN[d] for d in documenten]
    for nr in nrs:
        dossier = invoer.dossiers[nr]
        leerling = dossier.leerling
        map_ = uit / safe_name(leerling.klas, 40) if per_klas else uit
        for soort in soorten:
            if not soort.van_toepassing(dossier):
                result.niet_van_toepassing += 1
                continue
            yield (soort.naam, nr, map_ / bestandsnaam(leerling, soort.naam, datum))


def _weiger_bestaande(taken: list[tuple], force: bool) -> None:
    bestaand = [(nr, pad) for _, nr, pad in taken if pad.exists()]
    if bestaand and not force:
        raise weigering(bestaand, buiten_register=False)


def weigering(bestaand: list[tuple[str, Path]], buiten_register: bool) -> OppError:
    """The refusal to overwrite documents a parent may have signed. It names leerlingnummers, not the pupils'
    names that the file names hold; `buiten_register`: the files exist but the versions register lacks them."""
    n = len(bestaand)
    nummers = list(dict.fromkeys(nr for nr, _ in bestaand))
    voorbeelden = ", ".join(nummers[:5]) + (" ..." if len(nummers) > 5 else "")
    if buiten_register:
        wat = (f"{'staat' if n == 1 else 'staan'} niet in het register, dus {'wordt het' if n == 1 else 'worden ze'} "
               "niet overschreven")
        doen = "Gebruik --force om te vervangen"
    else:
        wat = f"{'wordt' if n == 1 else 'worden'} niet overschreven"
        doen = "Gebruik --force om te overschrijven"
    return OppError(
        f"{aantal(n, 'document bestaat', 'documenten bestaan')} al en {wat} "
        f"({'leerling' if len(nummers) == 1 else 'leerlingen'} {voorbeelden}); er kan een getekend plan tussen "
        f"zitten. {doen} of --uit MAP voor een andere map.")


def _contexts(taken, werkboek: Invoer, datum, settings: Settings) -> Iterator[Taak]:
    """Build contexts lazily, one pupil at a time, so memory stays flat for a large school."""
    cache: tuple[str, dict] | None = None
    school = werkboek.vereis_bruikbaar()
    for document, nr, pad in taken:
        if cache is None or cache[0] != nr:
            cache = (nr, pupil_context(werkboek.dossiers[nr], school, datum, settings))
        context = dict(cache[1], document_titel=DOCUMENTEN[document].titel)
        yield Taak(document, nr, pad, context)


# --- writing, in worker processes -------------------------------------------------------------------------

_compiled: dict[str, CompiledTemplate] = {}


def _init_worker(paden: dict[str, Path], worker: bool = False) -> None:
    if worker:
        sterf_met_ouder()  # a killed opp leaves no worker behind
    env = make_environment()
    _compiled.clear()
    for doc, pad in paden.items():
        _compiled[doc] = CompiledTemplate(pad, env)


def _write(taak: Taak) -> Path:
    atomic_write_bytes(taak.pad, _compiled[taak.document].render(taak.context, taak.onderdelen))
    return taak.pad


def default_jobs() -> int:
    """One process per core this process may use (the same count as one office per core)."""
    return kernen()


def verwijder_oude_pdfs(paden: Iterable[Path]) -> list[Path]:
    """Remove the PDF beside each document about to be replaced: a PDF is never older than its .docx.
    Done before the .docx is written, so a run killed in between leaves no stale PDF either."""
    weg = []
    for pad in paden:
        pdf = Path(pad).with_suffix(".pdf")
        if pdf.is_file():
            pdf.unlink()
            weg.append(pdf)
    return weg


def write_documents(taken: Iterable[Taak], paden: dict[str, Path], jobs: int | None = None,
                    progress: Progress | None = None, start_method: str | None = None,
                    geschreven: Callable[[Path], None] | None = None) -> list[Path]:
    """Render and write every task; templates compile once per process. Order of the result = order of tasks.

    Workers start the same way on every system (opp.processen: spawn) and end when this process ends.
    A school's own templates are checked first; a template that still fails on one pupil's data takes back
    the documents this run created, so a broken template leaves nothing half done."""
    from .preview import check_own_templates

    check_own_templates(paden.values())
    jobs = jobs or default_jobs()
    nieuw: list[Path] = []

    def gevolgd(items: Iterable[Taak]) -> Iterator[Taak]:
        for taak in items:
            if not taak.pad.exists():
                nieuw.append(taak.pad)
            yield taak

    try:
        return _write_all(gevolgd(taken), paden, jobs, progress, start_method, geschreven)
    except TemplateFout:
        for pad in nieuw:
            pad.unlink(missing_ok=True)
        raise


def _write_all(taken: Iterable[Taak], paden: dict[str, Path], jobs: int, progress: Progress | None,
               start_method: str | None, geschreven: Callable[[Path], None] | None = None) -> list[Path]:
    written: list[Path] = []
    if jobs == 1:
        _init_worker(paden)
        for taak in taken:
            written.append(_write(taak))
            if geschreven:
                geschreven(written[-1])
            if progress:
                progress(1)
        return written
    _init_worker(paden)  # compile in the parent first: a broken template fails once, clearly
    with ProcessPoolExecutor(max_workers=jobs, mp_context=start_context(start_method), initializer=_init_worker,
                             initargs=(paden, True)) as pool:
        try:
            for pad in _bounded_map(pool, _write, taken, window=jobs * 16):
                written.append(pad)
                if geschreven:
                    geschreven(pad)
                if progress:
                    progress(1)
        except BaseException:
            pool.shutdown(cancel_futures=True)  # a full disk fails every next task too: stop at the first
            raise
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
