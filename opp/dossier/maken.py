"""`opp dossier`: assemble the TLV application of a pupil (or of every pupil with a TLV row).

Flow per pupil: the TLV row (the last valid one of the pupil: the newest request) -> its attachments,
found safely -> the checklist for its kind, with a located Issue per missing or stale item -> for pro the
indication -> the bundle: `00 Voorblad.docx`, `01 OPP.docx` (rendered by the real pipeline), the
attachments as `02 ...`, a zip beside the folder and with `pdf` one PDF with a bookmark per part.

An incomplete dossier is still assembled, clearly marked as incomplete on its cover; `compleet` says
whether anything is missing. Failures of the tool (an existing bundle without `force`, a broken
checklist, an unusable workbook) raise OppError.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from pydantic import Field, computed_field, field_serializer

from ..files import safe_name
from ..invoer import Invoer
from ..models import Leerlingdossier, TlvSoort
from ..problems import Issue, OppError, Resultaat
from ..render.compiled import CompiledTemplate
from ..render.documents import render
from ..render.environment import make_environment
from ..render.preview import check_own_templates
from ..render.templates import template_path
from ..rules.tlv import Aanvraaggegevens, ProIndicatie, pro_indicatie
from ..settings import Settings
from ..werkboek.reader import Rij
from .bijlagen import Bijlage, zoek_bijlagen
from .bundle import Deel, Staging, Werkmap, deelnaam, publiceer, schrijf_zip, soort_van, voeg_pdf_samen
from .checklist import Checklists, ItemUitkomst, Vindplaats, controleer, laad_checklists, problemen
from .context import Onderdeel, tlv_context

VOORBLAD = "Voorblad"
OPP_TITEL = "Ontwikkelingsperspectiefplan (OPP)"


class DossierResultaat(Resultaat):
    """One pupil's TLV dossier: its JSON is this model dumped."""

    leerlingnummer: str
    naam: str
    soort: str | None = None  # "pro" / "vso"; None when the pupil's TLV row could not be read
    aanvraag: str | None = None  # "eerste" / "verlenging"
    problemen: list[Issue] = Field(default_factory=list)
    ontbreekt: list[str] = Field(default_factory=list)  # what is missing, one short line each (for a table)
    checklist: list[ItemUitkomst] = Field(default_factory=list)
    checklist_bron: str = ""
    indicatie: ProIndicatie | None = None
    onderdelen: list[Onderdeel] = Field(default_factory=list)
    map: Path | None = None
    zip: Path | None = None
    pdf: Path | None = None
    meldingen: list[str] = Field(default_factory=list)  # notes on the PDF and the OPP, for the user
    pdf_mislukt: bool = False

    @computed_field  # type: ignore[prop-decorator]
    @property
    def compleet(self) -> bool:
        return not self.problemen and self.map is not None

    # The checklist's and the indication's own shapes (facts with their words), as the dossier shows them.
    @field_serializer("checklist")
    def _checklist(self, items: list[ItemUitkomst]) -> list[dict]:
        return [u.to_dict() for u in items]

    @field_serializer("indicatie")
    def _indicatie(self, indicatie: ProIndicatie | None) -> dict | None:
        return indicatie.to_dict() if indicatie else None

    @field_serializer("onderdelen")
    def _onderdelen(self, onderdelen: list[Onderdeel]) -> list[dict]:
        return [o.to_dict() for o in onderdelen]


@dataclass
class _Plan:
    """One pupil's dossier before it is written: everything decided, nothing on disk yet."""

    dossier: Leerlingdossier
    rij: Rij
    bijlagen: list[Bijlage]
    resultaat: DossierResultaat
    staging: Staging | None = None


def maak_dossier(invoer: Invoer, leerlingnummer: str, uit: Path | None = None, pdf: bool = False,
                 force: bool = False, templates: Path | None = None) -> DossierResultaat:
    """The TLV dossier of one pupil with a row on the TLV sheet, dated `invoer.datum`. `templates`: a folder
    with the school's own tlv.docx and opp.docx (missing ones come from opp)."""
    invoer.vereis_bruikbaar()
    if leerlingnummer not in _leerlingnummers(invoer):
        if any(i.leerlingnummer == leerlingnummer for i in invoer.report.fouten):
            raise OppError(f"De rij van leerling {leerlingnummer} op het blad Leerlingen heeft fouten, dus er kan "
                           f"geen dossier worden gemaakt. Herstel ze eerst (zie: opp check {invoer.bron}).")
        raise OppError(f"Leerlingnummer {leerlingnummer} staat niet in het werkboek.")
    if leerlingnummer not in _met_tlv(invoer):
        raise OppError(f"Leerling {leerlingnummer} heeft geen rij op het blad TLV. Vul daar eerst de aanvraag in.")
    return _maak(invoer, [leerlingnummer], uit, pdf, force, templates)[0]


def maak_alle_dossiers(invoer: Invoer, uit: Path | None = None, pdf: bool = False, force: bool = False,
                       templates: Path | None = None) -> list[DossierResultaat]:
    """The dossier of every pupil with a row on the TLV sheet, in the order of that sheet."""
    invoer.vereis_bruikbaar()
    return _maak(invoer, _met_tlv(invoer), uit, pdf, force, templates)


def _leerlingnummers(werkboek: Invoer) -> set[str]:
    return {r.model.leerlingnummer for r in werkboek.rijen.get("Leerlingen", [])}


def _met_tlv(werkboek: Invoer) -> list[str]:
    """Pupils with a TLV row, also when that row has errors (then the dossier says so)."""
    nummers = [r.model.leerlingnummer for r in werkboek.rijen.get("TLV", [])]
    nummers += [i.leerlingnummer for i in werkboek.report.fouten
                if (i.blad or "").lower() == "tlv" and i.leerlingnummer]
    bekend = _leerlingnummers(werkboek)
    return [nr for nr in dict.fromkeys(nummers) if nr in bekend]


def _maak(werkboek: Invoer, nummers: list[str], uit: Path | None, pdf: bool,
          force: bool, templates: Path | None = None) -> list[DossierResultaat]:
    datum, settings = werkboek.datum, werkboek.settings
    checklists = laad_checklists(werkboek.map)
    uit = Path(uit) if uit is not None else werkboek.uitmap / "tlv"
    resultaten, plannen = [], []
    vindplaats = Vindplaats(werkboek.rijen)
    fouten: dict[str, list[Issue]] = {}
    for issue in werkboek.report.fouten:
        if issue.leerlingnummer:
            fouten.setdefault(issue.leerlingnummer, []).append(issue)
    for nr in nummers:
        plan = _plan(werkboek, nr, datum, checklists, vindplaats, fouten.get(nr, []), uit, pdf)
        resultaten.append(plan.resultaat if isinstance(plan, _Plan) else plan)
        if isinstance(plan, _Plan):
            plannen.append(plan)
    _weiger_bestaande(plannen, force)
    if not plannen:
        return resultaten
    check_own_templates([template_path("tlv", templates)])
    voorblad = CompiledTemplate(template_path("tlv", templates), make_environment())
    with Werkmap(uit) as werkmap:
        for plan in plannen:
            plan.staging = werkmap.staging(plan.resultaat.leerlingnummer)
            _bouw(plan, werkboek, datum, settings, voorblad, pdf, templates)
        if pdf:
            _maak_pdfs(plannen)
        for plan in plannen:
            r = plan.resultaat
            publiceer(plan.staging, r.map, werkmap)
            schrijf_zip(r.map, plan.staging.delen, r.zip)
            if plan.staging.pdf is not None:
                os.replace(plan.staging.pdf, r.pdf)
    return resultaten


def _plan(werkboek: Invoer, nr: str, datum: dt.date, checklists: Checklists, vindplaats: Vindplaats,
          eigen_fouten: list[Issue], uit: Path, pdf: bool) -> _Plan | DossierResultaat:
    dossier = werkboek.dossiers[nr]
    naam = dossier.leerling.volledige_naam
    rijen = vindplaats.van("TLV", nr)
    if not rijen:  # the pupil's TLV row did not validate: the workbook's own errors say why
        return DossierResultaat(leerlingnummer=nr, naam=naam, problemen=eigen_fouten,
                                ontbreekt=[f"fout in het werkboek: {i}" for i in eigen_fouten],
                                meldingen=["De rij op het blad TLV heeft fouten; er is geen dossier gemaakt."])
    rij = rijen[-1]
    aanvraag = rij.model
    bijlagen, afgewezen = zoek_bijlagen(aanvraag.bijlagen, werkboek.map, werkboek.bron, rij.blad, rij.rij, nr)
    checklist = checklists.voor(aanvraag.soort, aanvraag.aanvraag)
    gegevens = Aanvraaggegevens(dossier, aanvraag, datum, tuple(b.naam for b in bijlagen))
    uitkomsten = controleer(checklist, gegevens)
    issues = problemen(uitkomsten, vindplaats, nr) + [a.issue for a in afgewezen]
    plekken = {(i.blad, i.rij, i.kolom) for i in issues}
    werkboekfouten = [i for i in eigen_fouten if (i.blad, i.rij, i.kolom) not in plekken]
    issues += werkboekfouten
    ontbreekt = ([f"{u.label} ({u.status})" for u in uitkomsten if not u.ok] + [a.kort for a in afgewezen]
                 + [f"fout in het werkboek: {i}" for i in werkboekfouten])
    mapnaam = safe_name(f"{nr} {naam}", 80)
    resultaat = DossierResultaat(
        leerlingnummer=nr, naam=naam, soort=str(aanvraag.soort), aanvraag=str(aanvraag.aanvraag), problemen=issues,
        ontbreekt=ontbreekt,
        checklist=uitkomsten,
        checklist_bron=checklist.bron,
        indicatie=pro_indicatie(dossier) if aanvraag.soort is TlvSoort.PRO else None,
        map=uit / mapnaam, zip=uit / f"{mapnaam}.zip", pdf=(uit / f"{mapnaam}.pdf") if pdf else None)
    return _Plan(dossier, rij, bijlagen, resultaat)


def _weiger_bestaande(plannen: list[_Plan], force: bool) -> None:
    if force:
        return
    bestaand = [p for plan in plannen for p in (plan.resultaat.map, plan.resultaat.zip, plan.resultaat.pdf)
                if p is not None and (p.exists() or p.is_symlink())]
    if bestaand:
        voorbeelden = ", ".join(p.name for p in bestaand[:3]) + (" ..." if len(bestaand) > 3 else "")
        raise OppError(f"{len(bestaand)} dossierbestand(en) bestaan al en worden niet overschreven ({voorbeelden}); "
                       "misschien is het dossier al verstuurd. Gebruik --force om te overschrijven of --uit MAP voor "
                       "een andere map.")


def _bouw(plan: _Plan, werkboek: Invoer, datum: dt.date, settings: Settings, voorblad: CompiledTemplate,
          pdf: bool, templates: Path | None) -> None:
    """Stage every part: the OPP, the attachments, then the cover (which lists them all)."""
    r, staging = plan.resultaat, plan.staging
    opp = render(werkboek, documenten=["opp"], leerlingen=[r.leerlingnummer], uit=staging.opp_map, force=True,
                 jobs=1, templates=templates, register=False)  # a copy, not a version
    if not opp.geschreven:
        r.ontbreekt.append("OPP: niet gemaakt door fouten in het werkboek")
        r.meldingen.append("Het OPP is niet in het dossier gezet: het werkboek heeft fouten bij deze leerling "
                           "(zie hieronder). Herstel ze en maak het dossier opnieuw met --force.")
    r.onderdelen = _onderdelen(plan, bool(opp.geschreven), pdf)
    staging.schrijf(Deel(0, VOORBLAD, r.onderdelen[0].bestand),
                    voorblad.render(_context(plan, werkboek, datum, settings)))
    if opp.geschreven:
        staging.verplaats(Deel(1, OPP_TITEL, r.onderdelen[1].bestand), opp.geschreven[0])
    for nummer, bijlage in enumerate(plan.bijlagen, start=2):
        staging.schrijf(Deel(nummer, bijlage.naam, deelnaam(nummer, bijlage.naam)), bijlage.pad.read_bytes())


def _onderdelen(plan: _Plan, opp_gemaakt: bool, pdf: bool) -> list[Onderdeel]:
    """The table of contents: the cover, the OPP (number 1, also when it is missing), the attachments."""
    onderdelen = [Onderdeel(0, VOORBLAD, deelnaam(0, f"{VOORBLAD}.docx"), "dit document")]
    if opp_gemaakt:
        onderdelen.append(Onderdeel(1, OPP_TITEL, deelnaam(1, "OPP.docx")))
    else:
        onderdelen.append(Onderdeel(1, OPP_TITEL, "", "ontbreekt: herstel eerst de fouten in het werkboek"))
    for nummer, bijlage in enumerate(plan.bijlagen, start=2):
        opmerking = ("niet in de PDF: geen PDF- of Word-bestand" if pdf and soort_van(bijlage.naam) == "anders"
                     else "")
        onderdelen.append(Onderdeel(nummer, bijlage.naam, deelnaam(nummer, bijlage.naam), opmerking))
    return onderdelen


def _context(plan: _Plan, werkboek: Invoer, datum: dt.date, settings: Settings) -> dict:
    r = plan.resultaat
    return tlv_context(plan.dossier, werkboek.school, plan.rij.model, datum, settings, r.checklist,
                       r.checklist_bron, r.indicatie, r.onderdelen, [i.bericht for i in r.problemen])


def voorbeeld_context(werkboek: Invoer, leerlingnummer: str) -> dict:
    """The cover's context for one pupil with a TLV row, without writing anything: to check a school's own
    tlv.docx against what opp provides (`opp templates check`)."""
    werkboek.vereis_bruikbaar()
    datum = werkboek.datum
    vindplaats = Vindplaats(werkboek.rijen)
    fouten = [i for i in werkboek.report.fouten if i.leerlingnummer == leerlingnummer]
    plan = _plan(werkboek, leerlingnummer, datum, laad_checklists(werkboek.map), vindplaats, fouten,
                 Path("output"), False)
    if not isinstance(plan, _Plan):
        raise OppError(f"Leerling {leerlingnummer} heeft geen bruikbare rij op het blad TLV.")
    plan.resultaat.onderdelen = _onderdelen(plan, not fouten, False)
    return _context(plan, werkboek, datum, werkboek.settings)


def _maak_pdfs(plannen: list[_Plan]) -> None:
    """Convert the Word parts of every dossier in one batched LibreOffice run, then merge per dossier."""
    from ..render.pdf import convert_to_pdf

    kopieen = [k for plan in plannen for k in plan.staging.word_kopieen()]
    conversie = convert_to_pdf(kopieen) if kopieen else None
    for plan in plannen:
        r = plan.resultaat
        if conversie is not None and conversie.melding:  # no LibreOffice: no PDF at all
            r.meldingen.append(conversie.melding)
            r.pdf, r.pdf_mislukt = None, True
            continue
        plan.staging.pdf = plan.staging.map.parent / "dossier.pdf"
        notities = voeg_pdf_samen(plan.staging, plan.staging.pdf)
        r.meldingen.extend(notities)
        r.pdf_mislukt = any("mislukt" in n for n in notities)
