"""`opp ronde brieven`: a letter for every signer who still has to give consent, with the pages to sign.

Flow: read the tracker (which rows still have to sign) and the register (the current version of each
document) -> per signer one letter: the template brief.docx, then one page per thing to sign with the
row's code as QR and as text -> the letters of a class joined into one document, the classes converted by
LibreOffice in one go (bundel.py, render/pdf.py) -> cut into one PDF per signer, plus the round's PDF for
the printer and an e-mail draft per signer with an address -> the tracker written once: the codes of rows
that had none and, with --verstuurd, 'Verstuurd op' where it is empty. If the tracker cannot be written
(saved meanwhile), the letters of this run are removed again: no letter leaves with a code the tracker
does not know.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pypdfium2 as pdfium
from pydantic import BaseModel, Field, computed_field

from ..documenten import ONDERTEKEND, Documentsoort
from ..files import NAME_MAX_BYTES, atomic_write_bytes, private_dir, safe_name
from ..invoer import Invoer
from ..models import Leerlingdossier, School
from ..problems import Issue, OppError, Resultaat
from ..render.compiled import CompiledTemplate
from ..render.context import school_context
from ..render.environment import make_environment
from ..render.formatting import datum_nl, functie_tekst
from ..render.pdf import INSTALL_HINT, PdfOmzetter, soffice
from ..render.templates import template_path
from ..rules.compleet import is_concept
from ..rules.meerderjarig import wordt_meerderjarig_tussen
from ..rules.signers import Ondertekenaar, Rol, ondertekenaars_van
from ..settings import SchoolTekent, Settings
from ..taal import aantal
from ..tracker.keys import INSTEMMING, Sleutel
from .bundel import bundel
from .code import leesbaar
from .post import concept_mail
from .qr import qr_png
from .rijen import RondeRij, TrackerRonde, geef_code, lees_ronde, schrijf_ronde, tracker_pad, zet_verstuurd
from .splitsen import letter_paginas, ronde_pdf, schrijf_pdf

SJABLOON = "brief"
# What the signer agrees to, per document of the registry, as the letter says it.
WAT = {"opp": "het handelingsdeel van het ontwikkelingsperspectiefplan (OPP)",
       "kernteam": "toestemming om de hulpvraag in het kernteam met externe partners te bespreken",
       "tlv": "de aanvraag van een toelaatbaarheidsverklaring (TLV), met uw zienswijze"}
# The subject line's part per document ('Betreft: ...').
ONDERWERP = {"opp": "instemming met het plan", "kernteam": "toestemming voor het kernteam",
             "tlv": "aanvraag toelaatbaarheidsverklaring"}
TLV_VOOR = {"pro": "praktijkonderwijs", "vso": "het voortgezet speciaal onderwijs"}
TEKENBARE_STATUSSEN = ("ter instemming", "vastgesteld")
_PAGINA = ("pagina", "pagina's")
PER_BUNDEL = 20  # letters per document LibreOffice converts


class BriefRegel(BaseModel):
    leerlingnummer: str
    klas: str
    ondertekenaar: str
    functie: str
    codes: list[str]  # as printed: 'K7QM-4XW2-T'
    documenten: list[str] = Field(default_factory=list)  # what each code's page asks, as the tracker names it
    pdf: Path
    eml: Path | None = None
    paginas: int


class Meerderjarig(BaseModel):
    """A pupil who turns 18 between the letter and the day it is due back: the consent becomes his."""

    leerlingnummer: str
    naam: str
    klas: str
    op: dt.date


class BrievenResultaat(Resultaat):
    """What `opp ronde brieven` did: its JSON is this model dumped."""

    tracker: Path
    uit: Path
    datum: dt.date
    inleveren_voor: dt.date
    ronde_pdf: Path | None = None
    paginas: int = 0  # of the round's PDF, blank pages for double-sided printing included
    brieven: list[BriefRegel] = Field(default_factory=list)
    nieuwe_codes: int = 0
    verstuurd_gezet: int = 0
    verstuurd_al_ingevuld: int = 0  # rows whose 'Verstuurd op' she had filled: left as they are
    meerderjarig: list[Meerderjarig] = Field(default_factory=list)
    zonder_opp: list[str] = Field(default_factory=list)  # pupils with open rows but no OPP to sign in the register
    oude_versie: int = 0  # open rows of an older version than the current one: no letter
    niet_in_werkboek: int = 0  # open rows whose signer the workbook no longer gives: run tracker sync
    niet_in_tracker: list[str] = Field(default_factory=list)  # pupils with a signer the tracker has no row for yet
    toestemming_zonder_sjabloon: int = 0  # consent rows left out: the school's own brief.docx has no page for them
    overgeslagen: dict[str, list[Issue]] = Field(default_factory=dict)
    backup: Path | None = None
    waarschuwingen: list[str] = Field(default_factory=list)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def ok(self) -> bool:
        return not self.overgeslagen

    def samenvatting(self) -> list[str]:
        """The result in Dutch, one line each, as the CLI prints it."""
        if not self.brieven:
            regels = ["Geen brieven gemaakt: niemand hoeft nog te tekenen (of de tracker is nog niet bijgewerkt: "
                      "opp tracker sync WERKBOEK)."]
        else:
            emails = sum(1 for b in self.brieven if b.eml)
            regels = [f"{aantal(len(self.brieven), 'brief', 'brieven')} gemaakt, terug uiterlijk "
                      f"{self.inleveren_voor:%d-%m-%Y}:",
                      f"  Om te printen (dubbelzijdig): {self.ronde_pdf} ({aantal(self.paginas, *_PAGINA)})",
                      f"  Eén PDF per ondertekenaar in {self.uit / f'brieven {self.datum.isoformat()}'}/<klas>/",
                      f"  {aantal(emails, 'e-mailconcept', 'e-mailconcepten')} (.eml) om zelf te versturen"]
        if self.nieuwe_codes:
            regels.append(f"  {aantal(self.nieuwe_codes, 'nieuwe code', 'nieuwe codes')} in de tracker gezet: "
                          f"{self.tracker}")
        if self.verstuurd_gezet or self.verstuurd_al_ingevuld:
            regels.append(f"  'Verstuurd op' ingevuld bij {aantal(self.verstuurd_gezet, 'rij', 'rijen')}"
                          + (f"; {aantal(self.verstuurd_al_ingevuld, 'rij had', 'rijen hadden')} al een datum, "
                             "die is gebleven" if self.verstuurd_al_ingevuld else ""))
        if self.backup:
            regels.append(f"  Backup van de tracker: {self.backup}")
        for m in self.meerderjarig:
            regels.append(f"Let op: {m.naam} ({m.leerlingnummer}, {m.klas}) wordt op {m.op:%d-%m-%Y} 18, vóór de "
                          "brieven terug moeten zijn; vanaf dan beslist de leerling zelf over het plan.")
        if self.zonder_opp:
            regels.append(f"Geen brief voor {aantal(len(self.zonder_opp), 'leerling', 'leerlingen')} zonder OPP ter "
                          f"instemming in het register ({', '.join(self.zonder_opp[:10])}): maak het eerst met "
                          "opp render.")
        if self.oude_versie:
            regels.append(f"{aantal(self.oude_versie, 'rij hoort', 'rijen horen')} bij een oudere versie van het "
                          "plan; daarvoor is geen brief gemaakt.")
        if self.niet_in_werkboek:
            past = "past" if self.niet_in_werkboek == 1 else "passen"
            regels.append(f"{aantal(self.niet_in_werkboek, 'rij', 'rijen')} in de tracker {past} niet meer bij het "
                          "werkboek; werk de tracker eerst bij met: opp tracker sync WERKBOEK")
        if self.niet_in_tracker:
            regels.append(f"{aantal(len(self.niet_in_tracker), 'leerling heeft', 'leerlingen hebben')} een "
                          f"ondertekenaar zonder rij in de tracker ({', '.join(self.niet_in_tracker[:10])}); werk de "
                          "tracker eerst bij met: opp tracker sync WERKBOEK")
        if self.toestemming_zonder_sjabloon:
            regels.append(f"Geen brief voor {aantal(self.toestemming_zonder_sjabloon, 'toestemming', 'toestemmingen')} "
                          "(kernteam, TLV): het eigen brief.docx heeft er nog geen pagina voor. Neem de pagina's over "
                          "uit het sjabloon van opp (opp templates export MAP) of maak ze zonder --templates.")
        regels += [f"Let op: {w}" for w in self.waarschuwingen]
        if self.overgeslagen:
            regels.append(f"{aantal(len(self.overgeslagen), 'leerling', 'leerlingen')} overgeslagen door fouten in "
                          "het werkboek:")
            for nr, issues in self.overgeslagen.items():
                for issue in issues:
                    regels.append(f"  {nr}: {issue}")
        return regels


@dataclass
class _Brief:
    dossier: Leerlingdossier
    ondertekenaar: Ondertekenaar
    volgorde: tuple
    # (row, document, version, version's date): a consent has no version (None, None)
    paginas: list[tuple[RondeRij, Documentsoort, int | None, dt.date | None]] = field(default_factory=list)


def maak_brieven(invoer: Invoer, tracker: Path | None = None, uit: Path | None = None, leerlingen=(), klassen=(),
                 verstuurd: bool = False, templates: Path | None = None, jobs: int | None = None,
                 nu: dt.datetime | None = None) -> BrievenResultaat:
    """The letters of the round on `invoer.datum`, due back `[ronde] inleveren_binnen_dagen` later."""
    school = invoer.vereis_bruikbaar()
    datum, settings = invoer.datum, invoer.settings
    deadline = datum + dt.timedelta(days=settings.ronde.inleveren_binnen_dagen)
    pad = tracker_pad(invoer.uitmap, tracker)
    uitmap = Path(uit) if uit else invoer.uitmap / "ronde"
    if soffice() is None:
        raise OppError(INSTALL_HINT.replace("dus er zijn geen PDF's gemaakt (de .docx-bestanden staan er wel)",
                                            "en de brieven zijn PDF's; er is niets gemaakt of veranderd"))
    sjabloon = template_path(SJABLOON, templates)
    if templates is not None:
        from ..render.preview import check_own_templates

        check_own_templates([sjabloon])
    ronde = lees_ronde(pad, datum)
    result = BrievenResultaat(tracker=pad, uit=uitmap, datum=datum, inleveren_voor=deadline,
                              waarschuwingen=list(ronde.waarschuwingen))
    gekozen = _kies(invoer, set(leerlingen), list(klassen))
    result.overgeslagen = {nr: issues for nr, issues in invoer.overgeslagen().items() if nr in gekozen}
    dossiers = {d.leerlingnummer: d for d in invoer.bruikbare_dossiers() if d.leerlingnummer in gekozen}
    for dossier in dossiers.values():
        op = wordt_meerderjarig_tussen(dossier.leerling, datum, deadline)
        if op:
            result.meerderjarig.append(Meerderjarig(leerlingnummer=dossier.leerlingnummer,
                                                    naam=dossier.leerling.volledige_naam,
                                                    klas=dossier.leerling.klas, op=op))

    # A school's own letter from before the consents has no pages for them: it would ask consent to the plan.
    toestemmingen = templates is None or any("p.soort" in bron
                                             for bron in CompiledTemplate(sjabloon, make_environment()).sources)
    brieven = _brieven(invoer, school, ronde, dossiers, result, toestemmingen)
    if brieven:
        # A run for some classes or pupils does not replace the day's PDF of the whole round.
        keuze = "".join(f" {k}" for k in (*klassen, *leerlingen))
        _schrijf(brieven, ronde, sjabloon, school, settings, datum, deadline, uitmap, keuze, verstuurd, jobs, nu,
                 result)
    return result


def _kies(invoer: Invoer, leerlingen: set[str], klassen: list[str]) -> set[str]:
    from ..render.documents import _kies as kies_leerlingen  # the same choice and messages as opp render

    return set(kies_leerlingen(invoer, leerlingen, klassen)) | (
        {nr for nr in invoer.report.leerlingen_met_fouten() if not leerlingen or nr in leerlingen}
        if not klassen else set())


def _huidige_versies(invoer: Invoer) -> dict[tuple[str, str], tuple[int, dt.date, str]]:
    """(leerlingnummer, document) -> (version, date, status) of its newest version in the register."""
    from ..register.versies import versies

    nieuwste: dict[tuple[str, str], tuple[int, dt.date, str]] = {}
    for v in versies(invoer).versies:
        sleutel = (v.leerlingnummer, v.document)
        if sleutel not in nieuwste or v.versie > nieuwste[sleutel][0]:
            nieuwste[sleutel] = (v.versie, v.datum, v.status)
    return nieuwste


def _ondertekenaars(dossier: Leerlingdossier, school: School, datum: dt.date, settings: Settings,
                    document: str = "opp") -> dict[str, tuple[int, Ondertekenaar]]:
    """Ondertekenaar.sleutel (with '#2' for a second of the same name, as the tracker keys them) -> signer of
    `document` (the kernteam's consent and the TLV request have their own signers: rules.signers)."""
    result: dict[str, tuple[int, Ondertekenaar]] = {}
    for i, o in enumerate(ondertekenaars_van(document, dossier, school, datum, settings)):
        sleutel, n = o.sleutel, 1
        while sleutel in result:
            n += 1
            sleutel = f"{o.sleutel}#{n}"
        result[sleutel] = (i, o)
    return result


def _brieven(invoer: Invoer, school: School, ronde: TrackerRonde, dossiers: dict[str, Leerlingdossier],
             result: BrievenResultaat, toestemmingen: bool = True) -> list[_Brief]:
    # Pages to sign: a version of a document ter instemming, or a consent (kernteam, TLV) without versions.
    soorten = {str(d.in_ronde_als): d for d in ONDERTEKEND if d.in_ronde_als}
    versies = _huidige_versies(invoer)
    signers: dict[str, dict[str, dict[str, tuple[int, Ondertekenaar]]]] = {}  # nr -> document -> its signers
    brieven: dict[tuple[str, str], _Brief] = {}
    zonder_opp = set()
    for rij in ronde.open_rijen:
        nr = rij.sleutel.leerlingnummer
        dossier, soort = dossiers.get(nr), soorten.get(rij.sleutel.document)
        if dossier is None or soort is None:
            continue  # another pupil than chosen, one with errors, or a document the round no longer follows
        if soort.getekend_als is None and not soort.in_ronde(dossier):
            result.niet_in_werkboek += 1  # the workbook no longer asks this consent: the sync makes it vervallen
            continue
        if soort.getekend_als is None and not toestemmingen:
            result.toestemming_zonder_sjabloon += 1
            continue
        per_document = signers.setdefault(nr, {})
        if soort.naam not in per_document:
            per_document[soort.naam] = _ondertekenaars(dossier, school, invoer.datum, invoer.settings, soort.naam)
        gevonden = per_document[soort.naam].get(rij.sleutel.ondertekenaar)
        if gevonden is None:
            result.niet_in_werkboek += 1
            continue
        if soort.getekend_als is None:  # a consent: asked as it is, no version in the register
            versie: tuple[int | None, dt.date | None] = (None, None)
        else:
            nieuwste = versies.get((nr, soort.naam))
            if nieuwste is None or nieuwste[2] not in TEKENBARE_STATUSSEN:
                zonder_opp.add(nr)
                continue
            if rij.versie is not None and rij.versie != nieuwste[0]:
                result.oude_versie += 1
                continue
            versie = (nieuwste[0], nieuwste[1])
        index, o = gevonden
        ll = dossier.leerling
        brief = brieven.setdefault((nr, rij.sleutel.ondertekenaar), _Brief(dossier, o, (
            ll.klas.casefold(), ll.achternaam.casefold(), ll.roepnaam.casefold(), nr, index)))
        brief.paginas.append((rij, soort, *versie))
    for brief in brieven.values():  # the plan first, then the consents, as the registry lists them
        brief.paginas.sort(key=lambda p: ONDERTEKEND.index(p[1]))
    result.zonder_opp = sorted(zonder_opp)
    for nr, dossier in dossiers.items():  # a signer the workbook gives but the tracker has no row for
        concept = is_concept(dossier, school)  # a concept plan has no rows; its consents do (tracker.keys)
        te_tekenen = [d for d in soorten.values() if d.in_ronde(dossier) and not (concept and d.naam == "opp")]
        per_document = signers.setdefault(nr, {})
        for d in te_tekenen:
            if d.naam not in per_document:
                per_document[d.naam] = _ondertekenaars(dossier, school, invoer.datum, invoer.settings, d.naam)
        if any(Sleutel(nr, str(d.in_ronde_als), sleutel, INSTEMMING) not in ronde.sleutels
               for d in te_tekenen for sleutel, (_, o) in per_document[d.naam].items() if o.instemming):
            result.niet_in_tracker.append(nr)
    result.niet_in_tracker.sort()
    return sorted(brieven.values(), key=lambda b: b.volgorde)


def _adres(dossier: Leerlingdossier, o: Ondertekenaar) -> list[str]:
    """The postal address: the signer's own row on Verzorgers; a pupil of 18 at the household's address."""
    verzorgers = [v for v in dossier.verzorgers if v.naam == o.naam] if o.rol is not Rol.LEERLING else []
    verzorgers += [v for v in dossier.verzorgers if v.adres]
    for v in verzorgers:
        if v.adres or v.plaats:
            return [r for r in (v.adres, " ".join(p for p in (v.postcode, v.plaats) if p)) if r]
    return []


def _afzender(dossier: Leerlingdossier, school: School, settings: Settings) -> dict:
    if settings.ondertekening.school_tekent is SchoolTekent.ZORGCOORDINATOR and school.zorgcoordinator:
        return {"naam": school.zorgcoordinator, "functie": "zorgcoördinator"}
    return {"naam": dossier.leerling.mentor, "functie": "mentor"}


def brief_context(brief: _Brief, codes: list[str], school: School, settings: Settings, datum: dt.date,
                  deadline: dt.date) -> dict:
    """What brief.docx receives for one letter."""
    ll, o = brief.dossier.leerling, brief.ondertekenaar
    paginas = [_pagina(brief, soort, versie, versie_datum, code)
               for (_, soort, versie, versie_datum), code in zip(brief.paginas, codes, strict=True)]
    per_soort = {p["soort"]: p for p in paginas}
    return {
        "school": school_context(school),
        "datum": datum_nl(datum),
        "inleveren_voor": datum_nl(deadline),
        "kenmerk": leesbaar(codes[0]),
        "ontvanger": {"naam": o.naam, "adres": _adres(brief.dossier, o), "functie": functie_tekst(o),
                      "is_ouder": o.rol is Rol.OUDER, "is_leerling": o.rol is Rol.LEERLING,
                      "is_vertegenwoordiger": o.rol is Rol.VERTEGENWOORDIGER},
        "leerling": {"naam": ll.volledige_naam, "roepnaam": ll.roepnaam, "klas": ll.klas, "mentor": ll.mentor,
                     "meerderjarig": ll.is_meerderjarig_op(datum)},
        "afzender": _afzender(brief.dossier, school, settings),
        "betreft": _opsomming([ONDERWERP.get(p["soort"], p["titel"].lower()) for p in paginas]),
        # What this letter asks, each the page to sign for it (None when it does not ask it).
        "opp": per_soort.get("opp"),
        "kernteam": per_soort.get("kernteam"),
        "tlv": per_soort.get("tlv"),
        "paginas": paginas,
    }


def _pagina(brief: _Brief, soort: Documentsoort, versie: int | None, versie_datum: dt.date | None,
            code: str) -> dict:
    """One page to sign in the letter's context; what a consent is about comes from the workbook."""
    o, dossier = brief.ondertekenaar, brief.dossier
    pagina = {"soort": soort.naam, "titel": soort.titel, "wat": WAT.get(soort.naam, f"de {soort.titel.lower()}"),
              "versie": versie, "versie_datum": datum_nl(versie_datum) if versie_datum else "",
              "code": leesbaar(code), "ondertekenaar": o.naam, "functie": functie_tekst(o),
              # every page has every key (a template may ask any of them): empty where it does not apply
              "externen": "", "hulpvraag": "", "aangemeld_op": "", "tlv_voor": "", "verlenging": False,
              "ingangsdatum": ""}
    if soort.naam == "kernteam":
        aanmeldingen = [a for a in dossier.kernteam if a.externe_partners]
        partners = list(dict.fromkeys(p for a in aanmeldingen for p in a.externe_partners))
        pagina["externen"] = _opsomming(partners)
        pagina["hulpvraag"] = aanmeldingen[-1].hulpvraag if aanmeldingen else ""
        pagina["aangemeld_op"] = datum_nl(aanmeldingen[-1].datum_aanmelding) if aanmeldingen else ""
    elif soort.naam == "tlv" and dossier.tlv:
        aanvraag = dossier.tlv[-1]
        voor = TLV_VOOR.get(str(aanvraag.soort), str(aanvraag.soort))
        pagina["tlv_voor"] = voor + (f" (categorie {aanvraag.categorie})" if aanvraag.categorie else "")
        pagina["verlenging"] = str(aanvraag.aanvraag) == "verlenging"
        pagina["ingangsdatum"] = datum_nl(aanvraag.gewenste_ingangsdatum) if aanvraag.gewenste_ingangsdatum else ""
    return pagina


def _opsomming(delen: list[str]) -> str:
    """'MEE, schoolarts en leerplicht'."""
    return delen[0] if len(delen) == 1 else ", ".join(delen[:-1]) + " en " + delen[-1] if delen else ""


def _bestandsnaam(brief: _Brief) -> str:
    """'021307 Kuipers, Bram - brief aan mw. A. Kuipers (moeder).pdf', safe for any name, at most 255 bytes."""
    ll, o = brief.dossier.leerling, brief.ondertekenaar
    naam = f"{ll.achternaam}, {ll.roepnaam}" + (f" {ll.tussenvoegsel}" if ll.tussenvoegsel else "")
    nummer = safe_name(ll.leerlingnummer, 30, 60)
    rol = functie_tekst(o).replace("(", "").replace(")", "")  # 'wettelijk vertegenwoordiger curatele'
    aan = safe_name(f"brief aan {o.naam} ({rol})", 90, 120)
    ruimte = NAME_MAX_BYTES - len(f"{nummer}  - {aan}.pdf".encode())
    return f"{nummer} {safe_name(naam, 60, ruimte)} - {aan}.pdf"


def _mail(brief: _Brief, school: School, deadline: dt.date, pdf: bytes, pdf_naam: str) -> bytes:
    ll, o = brief.dossier.leerling, brief.ondertekenaar
    soorten = [soort.naam for _, soort, *_ in brief.paginas]
    if soorten == ["opp"]:
        over = "uw plan" if o.rol is Rol.LEERLING else f"het plan van {ll.roepnaam}"
        waarover = f"{over} (het ontwikkelingsperspectiefplan)"
    else:  # 'instemming met het plan en aanvraag toelaatbaarheidsverklaring voor Sanne'
        over = _opsomming([ONDERWERP[s] for s in soorten]) + ("" if o.rol is Rol.LEERLING else f" voor {ll.roepnaam}")
        waarover = over
    een = len(soorten) == 1
    pagina, hem = ("de pagina", "hem") if een else ("de pagina's", "ze")
    tekst = (f"Beste {o.naam},\n\n"
             f"In de bijlage staat een brief van {school.naam} over {waarover}, met {pagina} die wij graag "
             f"getekend terugkrijgen. Wilt u {'die' if een else 'ze'} uiterlijk {datum_nl(deadline)} terugbezorgen? "
             f"Print {pagina}, zet er uw handtekening op en lever {hem} in op school, of stuur een scan of een "
             f"scherpe foto van {'de hele pagina' if een else 'elke hele pagina'} terug als antwoord op deze "
             "e-mail.\n\n"
             f"Vragen? Neem contact op met de mentor, {ll.mentor}.\n\n"
             f"Met vriendelijke groet,\n{school.naam}\n")
    onderwerp = f"Graag uw handtekening: {over} (uiterlijk {datum_nl(deadline)})"
    return concept_mail(o.naam, o.email or "", onderwerp, tekst, pdf, pdf_naam, van=school.email)


def _schrijf(brieven: list[_Brief], ronde: TrackerRonde, sjabloon: Path, school: School, settings: Settings,
             datum: dt.date, deadline: dt.date, uitmap: Path, keuze: str, verstuurd: bool, jobs: int | None,
             nu: dt.datetime | None, result: BrievenResultaat) -> None:
    voor = len(ronde.codes)
    codes = [[geef_code(ronde, rij) for rij, *_ in brief.paginas] for brief in brieven]
    result.nieuwe_codes = len(ronde.codes) - voor
    compiled = CompiledTemplate(sjabloon, make_environment())
    per_klas: dict[str, list[int]] = {}
    for i, brief in enumerate(brieven):
        per_klas.setdefault(brief.dossier.leerling.klas.casefold(), []).append(i)
    # LibreOffice slows down more than linearly with sections in one document: a few dozen letters each.
    bundels = [nummers[j:j + PER_BUNDEL] for nummers in per_klas.values() for j in range(0, len(nummers), PER_BUNDEL)]

    private_dir(uitmap)
    map_brieven = uitmap / f"brieven {datum.isoformat()}"
    geschreven: list[Path] = []
    with tempfile.TemporaryDirectory(prefix=".opp-brieven-", dir=uitmap) as werk:
        # Each core's share goes to LibreOffice as soon as it is written: making the rest overlaps with it.
        with PdfOmzetter(len(bundels), jobs) as omzetter:
            for k, nummers in enumerate(bundels):
                letters = []
                for i in nummers:
                    context = brief_context(brieven[i], codes[i], school, settings, datum, deadline)
                    letters.append((i, compiled.render(context), {leesbaar(c): qr_png(c) for c in codes[i]}))
                pad = Path(werk) / f"bundel{k:04d}.docx"
                atomic_write_bytes(pad, bundel(letters))
                omzetter.erbij(pad)
        conversie = omzetter.resultaat
        if conversie.mislukt or conversie.melding:
            raise OppError(conversie.melding or "LibreOffice kon de brieven niet omzetten naar PDF; er is niets "
                           "gemaakt of veranderd. Probeer het opnieuw.")
        pdfs = [pdfium.PdfDocument(p) for p in conversie.pdf]
        try:
            per_letter: list[list[list[int]]] = []
            for pdf, nummers in zip(pdfs, bundels, strict=True):
                paginas = letter_paginas(pdf)
                per_letter.append([paginas[i] for i in nummers])
                for i in nummers:
                    brief = brieven[i]
                    naam = _bestandsnaam(brief)
                    doel = map_brieven / safe_name(brief.dossier.leerling.klas, 40) / naam
                    schrijf_pdf(pdf, paginas[i], doel)
                    geschreven.append(doel)
                    regel = BriefRegel(leerlingnummer=brief.dossier.leerlingnummer, klas=brief.dossier.leerling.klas,
                                       ondertekenaar=brief.ondertekenaar.naam,
                                       functie=functie_tekst(brief.ondertekenaar),
                                       codes=[leesbaar(c) for c in codes[i]], pdf=doel, paginas=len(paginas[i]),
                                       documenten=[str(soort.in_ronde_als) for _, soort, *_ in brief.paginas])
                    if brief.ondertekenaar.email:
                        regel.eml = doel.with_suffix(".eml")
                        wat = "Instemming OPP" if [p[1].naam for p in brief.paginas] == ["opp"] else "Brief school"
                        bijlage = safe_name(f"{wat} {brief.dossier.leerling.roepnaam}.pdf", 60)
                        atomic_write_bytes(regel.eml, _mail(brief, school, deadline, doel.read_bytes(), bijlage))
                        geschreven.append(regel.eml)
                    result.brieven.append(regel)
            result.ronde_pdf = uitmap / (safe_name(f"brieven {datum.isoformat()}{keuze}", 100) + ".pdf")
            result.paginas = ronde_pdf(pdfs, per_letter, result.ronde_pdf)
            geschreven.append(result.ronde_pdf)
        finally:
            for pdf in pdfs:
                pdf.close()
    if verstuurd:
        for brief in brieven:
            for rij, *_ in brief.paginas:
                if zet_verstuurd(ronde, rij, datum):
                    result.verstuurd_gezet += 1
                else:
                    result.verstuurd_al_ingevuld += 1
    try:
        result.backup = schrijf_ronde(ronde, settings.tracker.backups_bewaren, nu)
    except BaseException:
        for pad in geschreven:  # no letter stays with a code the tracker does not hold
            pad.unlink(missing_ok=True)
        raise


def voorbeeld_brief_context(invoer: Invoer, leerlingnummer: str | None = None) -> dict:
    """The context brief.docx receives, for a demo pupil's first signer (for `opp templates check`): a letter
    that asks everything a letter can ask (the plan, the kernteam's consent, the TLV request), so that every
    part of a template is checked; by default the pupil whose workbook rows fill most of it."""
    school = invoer.vereis_bruikbaar()
    dossiers = invoer.bruikbare_dossiers()
    dossier = next((d for d in dossiers if d.leerlingnummer == leerlingnummer), None) or max(
        dossiers, key=lambda d: sum(s.in_ronde(d) for s in ONDERTEKEND))
    signers = _ondertekenaars(dossier, school, invoer.datum, invoer.settings)
    index, o = next(iter(signers.values()))
    rij = RondeRij(0, None, None, None, None, None)  # type: ignore[arg-type]  # only carried along
    paginas = [(rij, d, 1 if d.getekend_als else None, invoer.datum if d.getekend_als else None)
               for d in ONDERTEKEND]
    brief = _Brief(dossier, o, (), paginas)
    deadline = invoer.datum + dt.timedelta(days=invoer.settings.ronde.inleveren_binnen_dagen)
    return brief_context(brief, ["000000000"] * len(paginas), school, invoer.settings, invoer.datum, deadline)
