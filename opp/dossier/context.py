"""What the cover template (tlv.docx) receives: the pupil context of every document plus the request.

Extends `pupil_context` with `tlv` (the request), `indicatie` (pro: the criteria with their arithmetic;
None for vso), `checklist` (item, status, what was found), `onderdelen` (the table of contents of the
bundle) and `ondertekening` (who signs the application). Every value is ready-formatted Dutch text;
empty fields read "Geen gegevens ingevuld".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..documenten import DOCUMENTEN
from ..models import AanvraagSoort, Leerlingdossier, School, TlvAanvraag, TlvSoort
from ..render.context import pupil_context
from ..render.formatting import LEEG, datum_nl, functie_tekst, tekst
from ..rules.signers import ondertekenaars
from ..rules.tlv import LEERLING_TEKENT_TLV_VANAF
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
                indicatie: BeschrevenIndicatie | None, onderdelen: list[Onderdeel], ontbreekt: list[str]) -> dict:
    context = pupil_context(dossier, school, datum, settings)
    context["document_titel"] = DOCUMENTEN["tlv"].titel
    context["tlv"] = _aanvraag(aanvraag, ontbreekt, checklist_bron)
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


def _aanvraag(a: TlvAanvraag, ontbreekt: list[str], checklist_bron: str) -> dict:
    verlenging = a.aanvraag is AanvraagSoort.VERLENGING
    compleet = not ontbreekt
    return {
        "soort": SOORT_TEKST[a.soort],
        "soort_kort": str(a.soort),
        "is_pro": a.soort is TlvSoort.PRO,
        "is_vso": a.soort is TlvSoort.VSO,
        "categorie": CATEGORIE_TEKST[a.categorie.value] if a.categorie else (
            "niet van toepassing" if a.soort is TlvSoort.PRO else LEEG),
        "aanvraag": AANVRAAG_TEKST[a.aanvraag],
        "is_verlenging": verlenging,
        "gewenste_ingangsdatum": datum_nl(a.gewenste_ingangsdatum),
        "einddatum": datum_nl(a.einddatum),
        "einddatum_label": "Einddatum huidige TLV" if verlenging else "Gevraagde einddatum",
        "motivatie": tekst(a.motivatie_school),
        "zienswijze_ouders": tekst(a.zienswijze_ouders),
        "datum_zienswijze": datum_nl(a.datum_zienswijze),
        "zienswijze_leerling": tekst(a.zienswijze_leerling),
        "deskundige_1": tekst(a.deskundige_1),
        "deskundige_2": tekst(a.deskundige_2),
        "datum_mdo": datum_nl(a.datum_mdo),
        "compleet": compleet,
        "status": "Compleet" if compleet else
        f"Niet compleet: {len(ontbreekt)} {'onderdeel ontbreekt' if len(ontbreekt) == 1 else 'onderdelen ontbreken'}",
        "ontbreekt": [regel[:1].upper() + regel[1:] for regel in ontbreekt],
        "checklist_bron": ("de standaardchecklist van opp" if checklist_bron == STANDAARD
                           else f"de checklist van het samenwerkingsverband ({checklist_bron})"),
    }


def _ondertekening(dossier: Leerlingdossier, school: School, datum: dt.date, settings: Settings) -> list[dict]:
    """The application is signed by the school, the parents with gezag (or the adult pupil or the legal
    representative, as the signing rules say) and, from 16, the pupil. The pupil's age for the TLV is
    fixed by the request (domain.md), not by the school's OPP setting."""
    regels = settings.ondertekening.model_copy(update={"leerling_tekent_vanaf": LEERLING_TEKENT_TLV_VANAF})
    tlv_settings = settings.model_copy(update={"ondertekening": regels})
    return [{"naam": o.naam, "functie": functie_tekst(o), "rol": str(o.rol)}
            for o in ondertekenaars(dossier, school, datum, tlv_settings)]
