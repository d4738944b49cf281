"""What a template receives: plain dicts of ready-formatted Dutch text, built once per pupil.

Templates stay simple (no date or None handling in Word) and `opp templates check` can compare a
template's variables with exactly this. Every value is text or a list of dicts of text.
"""

from __future__ import annotations

import datetime as dt

from ..models import Hoorrechtvorm, Leerling, Leerlingdossier, Plan, School
from ..rules.compleet import ontbrekende_onderdelen
from ..rules.deadlines import eerste_opp_op_tijd, opp_uiterlijk
from ..rules.signers import ondertekenaars
from ..settings import Settings
from .formatting import LEEG, datum_nl, functie_tekst, getal_nl, tekst, termijn_nl
from .verzorger_tekst import rol_tekst

# A legal part of the OPP that is still empty: the plan is a concept, not 'no data'.
NOG_NIET = "Nog niet ingevuld"
NIET_INGEVULD = "Niet ingevuld"

HOORRECHT_HOE = {Hoorrechtvorm.GESPREK: "in een gesprek", Hoorrechtvorm.SCHRIFTELIJK: "schriftelijk",
                 Hoorrechtvorm.VRAGENLIJST: "met een vragenlijst"}

COACHVRAGEN = [
    "Waar sta ik?", "Wat heb ik bereikt?", "Wat kan ik daarvan laten zien?", "Waarom is het wel of niet gelukt?",
    "Wat kan ik daarvan leren?", "Wat betekent dat voor de volgende doelen?", "Waar wil ik naartoe?",
    "Wat kan ik daarvoor doen?", "Wie heb ik nodig?", "Waaraan kunnen we zien dat het doel bereikt is?",
]


def school_context(school: School) -> dict:
    return {
        "naam": school.naam,
        "brin": tekst(school.brin, ""),
        "adresregel": school.adresregel,
        "telefoon": tekst(school.telefoon, ""),
        "email": tekst(school.email, ""),
        "website": tekst(school.website, ""),
        "contactregel": " | ".join(p for p in (school.telefoon, school.email, school.website) if p),
        "directeur": tekst(school.directeur),
        "samenwerkingsverband": school.samenwerkingsverband,
        "schooljaar": school.schooljaar,
        "schooltype": str(school.schooltype),
        "is_praktijkschool": school.is_praktijkschool,
        "zorgcoordinator": tekst(school.zorgcoordinator),
        "orthopedagoog": tekst(school.orthopedagoog),
        "psycholoog": tekst(school.psycholoog),
        "schoolmaatschappelijk_werker": tekst(school.schoolmaatschappelijk_werker),
    }


def leerling_context(dossier: Leerlingdossier, datum: dt.date, settings: Settings) -> dict:
    ll = dossier.leerling
    return {
        "leerlingnummer": ll.leerlingnummer,
        "roepnaam": ll.roepnaam,
        "naam": ll.volledige_naam,
        "officiele_naam": ll.officiele_naam,
        "voornamen": tekst(ll.voornamen),
        "geboortedatum": datum_nl(ll.geboortedatum),
        "leeftijd": str(ll.leeftijd_op(datum)),
        "klas": ll.klas,
        "leerjaar": tekst(ll.leerjaar),
        "mentor": ll.mentor,
        "teamleider": tekst(ll.teamleider),
        "datum_inschrijving": datum_nl(ll.datum_inschrijving),
        "opp_uiterlijk": datum_nl(opp_uiterlijk(ll, settings)),
        "opp_termijn": termijn_nl(settings.termijnen.opp_vaststellen_dagen),
        "vorige_school": tekst(ll.vorige_school),
        "vertegenwoordiging": str(ll.vertegenwoordiging),
        "ondersteuningsniveau": tekst(ll.ondersteuningsniveau),
        # Empty means nothing was written, not that there are none: the document then leaves the part out.
        "afwijkingen_onderwijsprogramma": tekst(ll.afwijkingen_onderwijsprogramma, ""),
        "invulling_praktijkonderwijs": tekst(ll.invulling_praktijkonderwijs, NOG_NIET),
        "inbreng_leerling": tekst(ll.inbreng_leerling, NOG_NIET),
        "heeft_inbreng": bool(ll.inbreng_leerling),
        "hoorrecht": _hoorrecht(ll),
        "eerste_vaststelling": datum_nl(ll.datum_eerste_vaststelling, ""),
        "eerste_vaststelling_op_tijd": {True: "ja", False: "nee", None: ""}[eerste_opp_op_tijd(ll, settings)],
        "datum_vaststelling": datum_nl(ll.laatste_vaststelling, "Nog niet vastgesteld"),
        "datum_oogo": datum_nl(ll.datum_oogo, NIET_INGEVULD),
        "datum_evaluatie": datum_nl(ll.datum_evaluatie, "Nog niet geëvalueerd"),
        "datum_volgende_evaluatie": datum_nl(ll.datum_volgende_evaluatie, NIET_INGEVULD),
    }


def _hoorrecht(ll: Leerling) -> str:
    """How the pupil was heard, as it happened: 'Gehoord op 29 september 2025, in een gesprek, door ...'."""
    mogelijk = [f"op {datum_nl(ll.datum_hoorrecht)}" if ll.datum_hoorrecht else None,
                HOORRECHT_HOE.get(ll.hoorrecht_hoe) if ll.hoorrecht_hoe else None,
                f"door {ll.hoorrecht_door}" if ll.hoorrecht_door else None]
    delen = [d for d in mogelijk if d]
    return f"Gehoord {', '.join(delen)}." if delen else ""


def _doel(d) -> dict:
    return {
        "domein": str(d.domein),
        "periode": tekst(d.periode, ""),
        "doel": d.doel,
        "aanpak": tekst(d.aanpak),
        "wie": tekst(d.wie),
        "evaluatiedatum": datum_nl(d.evaluatiedatum, ""),
        "status": tekst(d.status, "nog niet gestart"),
        "evaluatie": tekst(d.evaluatie, ""),
    }


def _doelen_per_domein(dossier: Leerlingdossier, plan: Plan) -> list[dict]:
    return [{"domein": str(g["domein"]).capitalize(), "doelen": [_doel(d) for d in g["doelen"]]}
            for g in dossier.doelen_per_domein(plan)]


def _toets(t) -> dict:
    la = t.leerachterstand
    return {
        "onderdeel": str(t.onderdeel).capitalize(),
        "instrument": t.instrument,
        "datum": datum_nl(t.datum),
        "dl": getal_nl(t.dl, leeg="–"),
        "dle": getal_nl(t.dle, leeg="–"),
        "score": getal_nl(t.score, leeg="–"),
        "leerachterstand": "–" if la is None else getal_nl(la, 2),
        "functioneringsniveau": tekst(t.functioneringsniveau, "–"),
        "afgenomen_door": tekst(t.afgenomen_door, "–"),
    }


def _ondertekenaar(o) -> dict:
    return {"naam": o.naam or "", "functie": functie_tekst(o), "rol": str(o.rol)}


def pupil_context(dossier: Leerlingdossier, school: School, datum: dt.date, settings: Settings) -> dict:
    """Everything the OPP, IOP and kernteam templates use (one dict serves all three)."""
    ll = dossier.leerling
    tekenaars = ondertekenaars(dossier, school, datum, settings)
    ontbreekt = ontbrekende_onderdelen(dossier, school)
    return {
        "LEEG": LEEG,
        # An OPP lacking a legal part is a concept: CONCEPT on every page, no instemming asked.
        "is_concept": bool(ontbreekt),
        "ontbreekt": _opsomming([o.naam for o in ontbreekt]),
        "document_datum": datum_nl(datum),
        # Filled by the versions register when a document is written (the footer shows them); empty elsewhere.
        "versie": "",
        "versie_status": "",
        # The OPP's section on what changed since the version the parents agreed to (register/plan.py).
        "wijzigingen": None,
        "school": school_context(school),
        "leerling": leerling_context(dossier, datum, settings),
        "verzorgers": [
            {"naam": v.naam, "relatie": str(v.relatie), "gezag": str(v.gezag), "rol": rol_tekst(v, ll, datum),
             "email": tekst(v.email, "–"),
             "telefoon": tekst(v.telefoon, "–"),
             "adres": ", ".join(p for p in (v.adres, " ".join(q for q in (v.postcode, v.plaats) if q)) if p) or "–"}
            for v in dossier.verzorgers
        ],
        "uitstroom": {k: tekst(v, NOG_NIET) for k, v in ll.uitstroomperspectief.model_dump().items()},
        "factoren": [
            {"domein": str(g["domein"]).capitalize(), "bevorderend": g["bevorderend"], "belemmerend": g["belemmerend"]}
            for g in dossier.factoren_per_domein()
        ],
        "onderwijsbehoeften": [b.omschrijving for b in dossier.onderwijsbehoeften],
        "didactiek": [_toets(t) for t in dossier.didactische_toetsen],
        "intelligentie": [_toets(t) for t in dossier.intelligentie],
        "ondersteuning": [
            {"lijn": str(g["lijn"]),
             "interventies": [{"interventie": o.interventie, "door": tekst(o.door, "–"),
                               "frequentie": tekst(o.frequentie, "–"),
                               "periode": _periode(o.startdatum, o.einddatum), "extern": str(o.extern)}
                              for o in g["interventies"]]}
            for g in dossier.ondersteuning_per_lijn()
        ],
        # The IOP lists the help the pupil gets now: what ended before the document date is history.
        "ondersteuning_nu": _ondersteuning_nu(dossier, datum),
        "doelen_opp": _doelen_per_domein(dossier, Plan.OPP),
        "doelen_iop": _doelen_per_domein(dossier, Plan.IOP),
        "trajecten": [
            {"traject": t.traject, "domein": tekst(t.domein, "–"), "periode": tekst(t.periode, "–"),
             "beoordeling": tekst(t.beoordeling, "–"), "opmerking": tekst(t.opmerking, "")}
            for t in dossier.trajecten
        ],
        "coachvragen": COACHVRAGEN,
        "instemming": [_ondertekenaar(o) for o in tekenaars if o.instemming],
        "gezien": [_ondertekenaar(o) for o in tekenaars if not o.instemming],
        # The kernteam document shows the latest referral; None when the pupil was never referred.
        "aanmelding": _kernteam(max(dossier.kernteam, key=lambda a: a.datum_aanmelding)) if dossier.kernteam else None,
    }


def _ondersteuning_nu(dossier: Leerlingdossier, datum: dt.date) -> list[dict]:
    groepen = []
    for g in dossier.ondersteuning_per_lijn():
        lopend = [{"interventie": o.interventie, "door": tekst(o.door, "–"), "frequentie": tekst(o.frequentie, "–")}
                  for o in g["interventies"] if o.einddatum is None or o.einddatum >= datum]
        if lopend:
            groepen.append({"lijn": str(g["lijn"]), "interventies": lopend})
    return groepen


def _kernteam(a) -> dict:
    return {
        "datum_aanmelding": datum_nl(a.datum_aanmelding),
        "aangemeld_door": a.aangemeld_door,
        "akkoord_teamleider": datum_nl(a.akkoord_teamleider),
        "hulpvraag": a.hulpvraag,
        "wat_is_al_gedaan": a.wat_is_al_gedaan,
        "verwachting": tekst(a.verwachting),
        "toestemming": a.heeft_toestemming,
        "toestemming_tekst": (
            f"Ja, ouders gaven toestemming op {datum_nl(a.datum_toestemming, 'een onbekende datum')}"
            if a.heeft_toestemming else
            "Nee: de leerling wordt alleen intern besproken (niet met externe partners)"),
        "externe_partners": ", ".join(a.externe_partners) or "Geen",
    }


def _opsomming(delen: list[str]) -> str:
    """'a', 'a en b', 'a, b en c'."""
    return " en ".join(filter(None, [", ".join(delen[:-1]), delen[-1]])) if delen else ""


def _periode(start: dt.date | None, eind: dt.date | None) -> str:
    if start and eind:
        return f"{datum_nl(start)} t/m {datum_nl(eind)}"
    if start:
        return f"vanaf {datum_nl(start)}"
    if eind:
        return f"tot en met {datum_nl(eind)}"
    return "–"
