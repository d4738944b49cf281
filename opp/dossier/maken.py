"""`opp dossier`: assemble the TLV application of a pupil (or of every pupil with a TLV row).

Flow per pupil: the TLV row (the last valid one of the pupil: the newest request) -> its attachments,
found safely -> the checklist for its kind, with a located Issue per missing or stale item -> for pro the
indication -> the bundle: `00 Voorblad.docx`, `01 OPP.docx` (rendered by the real pipeline), the
attachments as `02 ...`, a zip beside the folder and with `pdf` one PDF with a title and a bookmark per part
named after what it is; with `pdf` the folder and the zip hold the PDFs of the cover and the OPP instead of
editable Word files (what goes to the samenwerkingsverband is not to be edited).

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

from ..documenten import DOCUMENTEN
from ..files import NAME_MAX_BYTES, safe_name
from ..invoer import Invoer
from ..models import Leerlingdossier, TlvAanvraag, TlvSoort
from ..problems import Ernst, Issue, OppError, Resultaat
from ..render.compiled import CompiledTemplate
from ..render.documents import render
from ..render.environment import make_environment
from ..render.preview import check_own_templates
from ..render.templates import template_path
from ..rules.tlv import Aanvraaggegevens, pro_indicatie, vroegste_ingangsdatum
from ..settings import Settings
from ..werkboek.reader import Rij
from .bijlagen import Bijlage, zoek_bijlagen
from .bundle import (
    Deel,
    Staging,
    Werkmap,
    deelnaam,
    publiceer,
    schrijf_zip,
    soort_van,
    vervang_door_pdf,
    voeg_pdf_samen,
)
from .checklist import Checklists, ItemUitkomst, Vindplaats, controleer, laad_checklists, problemen
from .context import Onderdeel, tlv_context
from .weigering import Leerlingen, Weigering, uitmappen
from .woorden import BeschrevenIndicatie, beschrijf_indicatie, ingangsdatum_te_vroeg, kop

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
    indicatie: BeschrevenIndicatie | None = None  # the pro criteria's facts with their arithmetic in Dutch
    onderdelen: list[Onderdeel] = Field(default_factory=list)
    map: Path | None = None
    zip: Path | None = None
    pdf: Path | None = None
    meldingen: list[str] = Field(default_factory=list)  # notes on the PDF and the OPP, for the user
    pdf_mislukt: bool = False
    tlv_rij: int | None = None  # set when no dossier could be made: the row on the TLV sheet it is about

    @property
    def wie(self) -> str:
        """The pupil as a table shows them; a TLV row without a usable leerlingnummer by its row."""
        return f"{self.leerlingnummer} {self.naam}".strip() or f"(blad TLV, rij {self.tlv_rij})"

    @computed_field  # type: ignore[prop-decorator]
    @property
    def compleet(self) -> bool:
        return not self.fouten and self.map is not None

    @property
    def fouten(self) -> list[Issue]:
        """What makes the dossier incomplete; the other problems are warnings (a start date too early)."""
        return [i for i in self.problemen if i.is_fout]

    @property
    def waarschuwingen(self) -> list[Issue]:
        return [i for i in self.problemen if not i.is_fout]

    # The checklist's and the indication's own shapes (facts with their words), as the dossier shows them.
    @field_serializer("checklist")
    def _checklist(self, items: list[ItemUitkomst]) -> list[dict]:
        return [u.to_dict() for u in items]

    @field_serializer("indicatie")
    def _indicatie(self, indicatie: BeschrevenIndicatie | None) -> dict | None:
        return indicatie.to_dict() if indicatie else None

    @field_serializer("onderdelen")
    def _onderdelen(self, onderdelen: list[Onderdeel]) -> list[dict]:
        return [o.to_dict() for o in onderdelen]


@dataclass
class _Plan:
    """One pupil's dossier before it is written: everything decided, nothing on disk yet."""

    dossier: Leerlingdossier
    rij: Rij[TlvAanvraag]
    bijlagen: list[Bijlage]
    resultaat: DossierResultaat
    map: Path  # where the dossier goes (the folder, the zip beside it, the PDF)
    zip: Path
    _staging: Staging | None = None

    @property
    def staging(self) -> Staging:
        """The dossier's staging folder; set when the run starts writing (a plan without one is a bug)."""
        if self._staging is None:
            raise RuntimeError("staging before the run started")
        return self._staging

    @staging.setter
    def staging(self, staging: Staging) -> None:
        self._staging = staging


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
    return _maak(invoer, _met_tlv(invoer), uit, pdf, force, templates) + _zonder_dossier(invoer)


class DossiersResultaat(Resultaat):
    """`opp dossier --alle`: every TLV request, with or without a dossier. Its JSON is this model dumped."""

    dossiers: list[DossierResultaat] = Field(default_factory=list)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def compleet(self) -> bool:
        return all(r.compleet for r in self.dossiers)


def maak_dossiers(invoer: Invoer, uit: Path | None = None, pdf: bool = False, force: bool = False,
                  templates: Path | None = None) -> DossiersResultaat:
    """The result of `opp dossier --alle`: maak_alle_dossiers as one model."""
    return DossiersResultaat(dossiers=maak_alle_dossiers(invoer, uit, pdf=pdf, force=force, templates=templates))


def _leerlingnummers(werkboek: Invoer) -> set[str]:
    return {r.model.leerlingnummer for r in werkboek.rijen.get("Leerlingen", [])}


def _met_tlv(werkboek: Invoer) -> list[str]:
    """Pupils with a TLV row, also when that row has errors (then the dossier says so)."""
    nummers = [r.model.leerlingnummer for r in werkboek.rijen.get("TLV", [])]
    nummers += [i.leerlingnummer for i in werkboek.report.fouten
                if (i.blad or "").lower() == "tlv" and i.leerlingnummer]
    bekend = _leerlingnummers(werkboek)
    return [nr for nr in dict.fromkeys(nummers) if nr in bekend]


def _zonder_dossier(werkboek: Invoer) -> list[DossierResultaat]:
    """Every TLV row that _met_tlv cannot take, each named with why: a pupil whose row on Leerlingen is
    invalid, a leerlingnummer that is not on Leerlingen, a row without a readable leerlingnummer. `--alle`
    hides no one."""
    bekend = _leerlingnummers(werkboek)
    per_leerling: dict[str, list[Issue]] = {}
    for issue in werkboek.report.fouten:
        if issue.leerlingnummer:
            per_leerling.setdefault(issue.leerlingnummer, []).append(issue)
    rijen: dict[str | int | None, tuple[int | None, list[Issue]]] = {}  # leerlingnummer (or row) -> (row, issues)
    for blad, rij, nr in werkboek.werkboek.apart:
        if blad.lower() == "tlv" and nr not in bekend:
            rijen.setdefault(nr, (rij, per_leerling.get(nr, [])))
    for issue in werkboek.report.fouten:
        if (issue.blad or "").lower() == "tlv" and issue.leerlingnummer not in bekend:
            sleutel = issue.leerlingnummer or issue.rij
            rijen.setdefault(sleutel, (issue.rij, per_leerling.get(issue.leerlingnummer, []) if issue.leerlingnummer
                                       else []))
            if issue not in rijen[sleutel][1]:
                rijen[sleutel][1].append(issue)
    resultaten = []
    for sleutel, (tlv_rij, issues) in rijen.items():
        nr = sleutel if isinstance(sleutel, str) else ""
        resultaten.append(DossierResultaat(
            leerlingnummer=nr, naam="", problemen=issues, ontbreekt=[f"fout in het werkboek: {i}" for i in issues],
            tlv_rij=tlv_rij))
    return resultaten


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
    weigering = _weigering(werkboek, uit)
    for nr in nummers:
        plan = _plan(werkboek, nr, datum, checklists, vindplaats, fouten.get(nr, []), uit, pdf, weigering)
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
            publiceer(plan.staging, plan.map, werkmap)
            schrijf_zip(plan.map, plan.staging.delen, plan.zip)
            if plan.staging.pdf is not None and r.pdf is not None:
                os.replace(plan.staging.pdf, r.pdf)
    return resultaten


def _weigering(werkboek: Invoer, uit: Path) -> Weigering:
    """What no attachment may be: built once for the run, with every pupil of the workbook."""
    leerlingen = Leerlingen()
    for nr, rij in werkboek.leerlingen.items():
        leerlingen.voeg_toe(nr, rij.model.roepnaam, rij.model.tussenvoegsel, rij.model.achternaam)
    for nr in werkboek.report.leerlingen_met_fouten():  # also pupils whose own row did not validate
        leerlingen.voeg_toe(nr)
    return Weigering(werkboek.bron, uitmappen(werkboek.map, uit), leerlingen)


def _plan(werkboek: Invoer, nr: str, datum: dt.date, checklists: Checklists, vindplaats: Vindplaats,
          eigen_fouten: list[Issue], uit: Path, pdf: bool, weigering: Weigering) -> _Plan | DossierResultaat:
    dossier = werkboek.dossiers[nr]
    naam = dossier.leerling.volledige_naam
    rijen = vindplaats.van("TLV", nr)
    if not rijen:  # the pupil's TLV row did not validate: the workbook's own errors say why
        return DossierResultaat(leerlingnummer=nr, naam=naam, problemen=eigen_fouten,
                                ontbreekt=[f"fout in het werkboek: {i}" for i in eigen_fouten],
                                meldingen=["De rij op het blad TLV heeft fouten; er is geen dossier gemaakt."])
    rij = rijen[-1]
    aanvraag = rij.model
    bijlagen, afgewezen = zoek_bijlagen(aanvraag.bijlagen, werkboek.map, werkboek.bron, rij.blad, rij.rij, nr,
                                        weigering)
    checklist = checklists.voor(aanvraag.soort, aanvraag.aanvraag)
    gegevens = Aanvraaggegevens(dossier, aanvraag, datum, tuple(b.naam for b in bijlagen))
    uitkomsten = controleer(checklist, gegevens)
    issues = problemen(uitkomsten, vindplaats, nr) + [a.issue for a in afgewezen]
    plekken = {(i.blad, i.rij, i.kolom) for i in issues}
    werkboekfouten = [i for i in eigen_fouten if (i.blad, i.rij, i.kolom) not in plekken]
    issues += werkboekfouten
    vroegst = vroegste_ingangsdatum([u.bevinding for u in uitkomsten])
    gewenst = aanvraag.gewenste_ingangsdatum
    if vroegst is not None and gewenst is not None and gewenst < vroegst:  # the cover itself says "vanaf vroegst"
        issues.append(Issue("ingangsdatum-te-vroeg", ingangsdatum_te_vroeg(gewenst, vroegst), Ernst.WAARSCHUWING,
                            blad=rij.blad, rij=rij.rij, kolom=kop(TlvAanvraag, "gewenste_ingangsdatum"),
                            leerlingnummer=nr))
    ontbreekt = ([f"{u.label} ({u.status})" for u in uitkomsten if not u.ok] + [a.kort for a in afgewezen]
                 + [f"fout in het werkboek: {i}" for i in werkboekfouten])
    mapnaam = safe_name(f"{nr} {naam}", 80, NAME_MAX_BYTES - len(".zip"))  # the zip and the PDF add a suffix
    resultaat = DossierResultaat(
        leerlingnummer=nr, naam=naam, soort=str(aanvraag.soort), aanvraag=str(aanvraag.aanvraag), problemen=issues,
        ontbreekt=ontbreekt,
        checklist=uitkomsten,
        checklist_bron=checklist.bron,
        indicatie=beschrijf_indicatie(pro_indicatie(dossier)) if aanvraag.soort is TlvSoort.PRO else None,
        map=uit / mapnaam, zip=uit / f"{mapnaam}.zip", pdf=(uit / f"{mapnaam}.pdf") if pdf else None)
    return _Plan(dossier, rij, bijlagen, resultaat, map=uit / mapnaam, zip=uit / f"{mapnaam}.zip")


def _weiger_bestaande(plannen: list[_Plan], force: bool) -> None:
    if force:
        return
    bestaand = [(plan.resultaat.leerlingnummer, p) for plan in plannen
                for p in (plan.resultaat.map, plan.resultaat.zip, plan.resultaat.pdf)
                if p is not None and (p.exists() or p.is_symlink())]
    if bestaand:
        n = len(bestaand)
        nummers = list(dict.fromkeys(nr for nr, _ in bestaand))
        voorbeelden = ", ".join(nummers[:5]) + (" ..." if len(nummers) > 5 else "")
        raise OppError(f"{n} {'dossierbestand bestaat' if n == 1 else 'dossierbestanden bestaan'} al en "
                       f"{'wordt' if n == 1 else 'worden'} niet overschreven "
                       f"({'leerling' if len(nummers) == 1 else 'leerlingen'} {voorbeelden}); misschien is het "
                       "dossier al verstuurd. Gebruik --force om te overschrijven of --uit MAP voor een andere map.")


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
    staging.schrijf(Deel(0, VOORBLAD, deelnaam(0, f"{VOORBLAD}.docx")),
                    voorblad.render(_context(plan, werkboek, datum, settings)))
    if opp.geschreven:
        staging.verplaats(Deel(1, OPP_TITEL, deelnaam(1, "OPP.docx")), opp.geschreven[0])
    for nummer, (bijlage, onderdeel) in enumerate(zip(plan.bijlagen, r.onderdelen[2:], strict=True), start=2):
        staging.schrijf(Deel(nummer, onderdeel.titel, deelnaam(nummer, bijlage.naam)), bijlage.pad.read_bytes())


def _onderdelen(plan: _Plan, opp_gemaakt: bool, pdf: bool) -> list[Onderdeel]:
    """The table of contents: the cover, the OPP (number 1, also when it is missing), the attachments."""
    def bestand(nummer: int, naam: str) -> str:  # with --pdf a Word part is in the bundle as its PDF
        naam = deelnaam(nummer, naam)
        return str(Path(naam).with_suffix(".pdf")) if pdf and soort_van(naam) == "word" else naam

    onderdelen = [Onderdeel(0, VOORBLAD, bestand(0, f"{VOORBLAD}.docx"), "dit document")]
    if opp_gemaakt:
        onderdelen.append(Onderdeel(1, OPP_TITEL, bestand(1, "OPP.docx")))
    else:
        onderdelen.append(Onderdeel(1, OPP_TITEL, "", "ontbreekt: herstel eerst de fouten in het werkboek"))
    namen = (plan.dossier.leerling.volledige_naam, plan.dossier.leerling.roepnaam)
    for nummer, bijlage in enumerate(plan.bijlagen, start=2):
        opmerking = ("niet in de PDF: geen PDF- of Word-bestand" if pdf and soort_van(bijlage.naam) == "anders"
                     else "")
        onderdelen.append(Onderdeel(nummer, bijlage.titel(namen), bestand(nummer, bijlage.naam), opmerking))
    return onderdelen


def _context(plan: _Plan, werkboek: Invoer, datum: dt.date, settings: Settings) -> dict:
    r = plan.resultaat
    return tlv_context(plan.dossier, werkboek.vereis_bruikbaar(), plan.rij.model, datum, settings, r.checklist,
                       r.checklist_bron, r.indicatie, r.onderdelen, [i.bericht for i in r.fouten],
                       [i.bericht for i in r.waarschuwingen])


def voorbeeld_context(werkboek: Invoer, leerlingnummer: str) -> dict:
    """The cover's context for one pupil with a TLV row, without writing anything: to check a school's own
    tlv.docx against what opp provides (`opp templates check`)."""
    werkboek.vereis_bruikbaar()
    datum = werkboek.datum
    vindplaats = Vindplaats(werkboek.rijen)
    fouten = [i for i in werkboek.report.fouten if i.leerlingnummer == leerlingnummer]
    plan = _plan(werkboek, leerlingnummer, datum, laad_checklists(werkboek.map), vindplaats, fouten,
                 Path("output"), False, _weigering(werkboek, Path("output")))
    if not isinstance(plan, _Plan):
        raise OppError(f"Leerling {leerlingnummer} heeft geen bruikbare rij op het blad TLV.")
    plan.resultaat.onderdelen = _onderdelen(plan, not fouten, False)
    return _context(plan, werkboek, datum, werkboek.settings)


def _pdf_titel(r: DossierResultaat) -> str:
    return f"{DOCUMENTEN['tlv'].titel} {r.naam}".strip()


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
        notities = voeg_pdf_samen(plan.staging, plan.staging.pdf, _pdf_titel(r))
        vervang_door_pdf(plan.staging)
        r.meldingen.extend(notities)
        r.pdf_mislukt = any("mislukt" in n for n in notities)
