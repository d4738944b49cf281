"""What the cover template (tlv.docx) receives: the pupil context of every document plus the request.

Extends `pupil_context` with `tlv` (the request), `indicatie` (pro: the criteria with their arithmetic;
None for vso), `checklist` (item, status, what was found), `onderdelen` (the table of contents of the
bundle) and `ondertekening` (who signs the application). Every value is ready-formatted Dutch text. The
cover is an official document: an optional field left empty is "" (the template leaves its row out), never
"Geen gegevens ingevuld".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..documenten import DOCUMENTEN
from ..models import AanvraagSoort, Leerlingdossier, School, TlvAanvraag, TlvSoort
from ..render.context import pupil_context
from ..render.formatting import LEEG, datum_nl, functie_tekst
from ..rules.tlv import tlv_ondertekenaars
from ..settings import Settings
from .checklist import STANDAARD, ItemUitkomst
from .woorden import BeschrevenIndicatie

SOORT_TEKST = {TlvSoort.PRO: "Praktijkonderwijs (pro)", TlvSoort.VSO: "Voortgezet speciaal onderwijs (vso)"}
AANVRAAG_TEKST = {AanvraagSoort.EERSTE: "Eerste aanvraag", AanvraagSoort.VERLENGING: "Verlenging"}
CATEGORIE_TEKST = {"laag": "laag (categorie 1)", "midden": "midden (categorie 2)", "hoog": "hoog (categorie 3)"}


@dataclass(frozen=True)
class Onderdeel:
    """One part of the bundle, as the table of contents shows it."""

    nummer: int
    titel: str
    bestand: str  # the file name in the bundle ("02 iq-rapport.pdf"); "" when not made
    opmerking: str = ""

    def to_dict(self) -> dict:
        return {"nummer": f"{self.nummer:02d}", "titel": self.titel, "bestand": self.bestand,
                "opmerking": self.opmerking}


def tlv_context(dossier: Leerlingdossier, school: School, aanvraag: TlvAanvraag, datum: dt.date,
                settings: Settings, checklist: list[ItemUitkomst], checklist_bron: str,
                indicatie: BeschrevenIndicatie | None, onderdelen: list[Onderdeel], ontbreekt: list[str],
                waarschuwingen: list[str] | None = None) -> dict:
    context = pupil_context(dossier, school, datum, settings)
    for deel in ("school", "leerling"):  # the shared context says LEEG; an official cover says nothing
        context[deel] = {k: "" if v == LEEG else v for k, v in context[deel].items()}
    context["document_titel"] = DOCUMENTEN["tlv"].titel
    context["tlv"] = _aanvraag(aanvraag, ontbreekt, checklist_bron, school.samenwerkingsverband)
    context["tlv"]["waarschuwingen"] = [_hoofdletter(w) for w in waarschuwingen or []]
    context["indicatie"] = None if indicatie is None else {
        "regels": indicatie.regels[:-1],
        "conclusie": indicatie.conclusie,
        "label": indicatie.label,
        "voldoet": indicatie.voldoet,
    }
    context["checklist"] = [
        {"onderdeel": u.label, "status": str(u.status), "ok": u.ok, "toelichting": u.toelichting}
        for u in checklist
    ]
    context["onderdelen"] = [o.to_dict() for o in onderdelen]
    context["ondertekening"] = _ondertekening(dossier, school, datum, settings)
    return context


def _hoofdletter(regel: str) -> str:
    return regel[:1].upper() + regel[1:]


def _tekst(value) -> str:
    """An optional text as the cover shows it: the text, or nothing."""
    return "" if value is None else str(value).strip()


def _aanvraag(a: TlvAanvraag, ontbreekt: list[str], checklist_bron: str, samenwerkingsverband: str) -> dict:
    verlenging = a.aanvraag is AanvraagSoort.VERLENGING
    compleet = not ontbreekt
    return {
        "soort": SOORT_TEKST[a.soort],
        "soort_kort": str(a.soort),
        "is_pro": a.soort is TlvSoort.PRO,
        "is_vso": a.soort is TlvSoort.VSO,
        "categorie": CATEGORIE_TEKST[a.categorie.value] if a.categorie else (
            "niet van toepassing" if a.soort is TlvSoort.PRO else ""),
        "aanvraag": AANVRAAG_TEKST[a.aanvraag],
        "is_verlenging": verlenging,
        "gewenste_ingangsdatum": datum_nl(a.gewenste_ingangsdatum, ""),
        "einddatum": datum_nl(a.einddatum, ""),
        "einddatum_label": "Einddatum huidige TLV" if verlenging else "Gevraagde einddatum",
        "motivatie": _tekst(a.motivatie_school),
        "zienswijze_ouders": _tekst(a.zienswijze_ouders),
        "datum_zienswijze": datum_nl(a.datum_zienswijze, ""),
        "zienswijze_leerling": _tekst(a.zienswijze_leerling),
        "deskundige_1": _tekst(a.deskundige_1),
        "deskundige_2": _tekst(a.deskundige_2),
        "datum_mdo": datum_nl(a.datum_mdo, ""),
        "compleet": compleet,
        "status": "Compleet" if compleet else
        f"Niet compleet: {len(ontbreekt)} {'onderdeel ontbreekt' if len(ontbreekt) == 1 else 'onderdelen ontbreken'}",
        "ontbreekt": [_hoofdletter(regel) for regel in ontbreekt],
        # The checklist is named as the reader knows it: the standard one, or the samenwerkingsverband's own.
        "checklist_bron": ("de standaardchecklist voor een TLV-aanvraag" if checklist_bron == STANDAARD
                           else f"de checklist van {samenwerkingsverband}"),
    }


def _ondertekening(dossier: Leerlingdossier, school: School, datum: dt.date, settings: Settings) -> list[dict]:
    """Who signs the application (opp.rules.tlv: the school by its director or whom opp.toml names)."""
    return [{"naam": o.naam, "functie": functie_tekst(o), "rol": str(o.rol)}
            for o in tlv_ondertekenaars(dossier, school, datum, settings)]
