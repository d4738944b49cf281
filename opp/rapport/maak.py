"""`opp rapport`: read the workbook, count, and write rapport.xlsx with its charts as PNGs beside it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pydantic import Field

from ..invoer import Invoer
from ..problems import OppError, Resultaat
from ..rules.plannen import Registerstand
from ..settings import Settings
from ..tracker.overzicht import tracker_overzicht
from .charts import GRAFIEKEN, teken_grafieken
from .figures import LIJNEN, RICHTINGEN, Cijfers, Handtekeningen, bereken_cijfers, procent_tekst
from .woorden import datum_kort, plan_samenvatting
from .workbook import schrijf_rapport

RAPPORT = "rapport.xlsx"


class RapportResultaat(Resultaat):
    """What `opp rapport` made: its JSON is this model dumped."""

    cijfers: dict  # counts and shares only, no names (Cijfers.to_dict)
    rapport: Path
    afbeeldingen: list[Path]
    aantal_leerlingen: int
    overgeslagen: int  # pupils left out because the workbook has errors in their rows
    anoniem: bool
    samenvatting: list[str] = Field(default_factory=list)  # short Dutch lines for the terminal

    @property
    def paden(self) -> list[Path]:
        return [self.rapport, *self.afbeeldingen]


def maak_rapport(invoer: Invoer, uit: Path | None = None, tracker: Path | None = None, anoniem: bool = False,
                 force: bool = False, register: Path | None = None) -> RapportResultaat:
    """Write the school report for `invoer.datum` into `uit` (None: output/<schooljaar>/rapport).

    `register`: the versions register (default: the one beside the workbook; read only when it exists).

    Pupils whose rows have errors are left out and counted in `overgeslagen`; errors that make the whole
    workbook unusable raise WerkboekOnbruikbaar, and an existing report when `force` is False OppError.
    """
    school = invoer.vereis_bruikbaar()
    datum, settings, werkboek = invoer.datum, invoer.settings, invoer.bron
    uit = Path(uit) if uit is not None else invoer.uitmap / "rapport"
    if uit.exists() and not uit.is_dir():
        raise OppError(f"'{uit}' is een bestand, geen map. Kies met --uit een map voor het rapport.")
    rapport = uit / RAPPORT
    _weiger_overschrijven([rapport, *(uit / naam for naam in GRAFIEKEN)], force)
    dossiers = invoer.stroom_dossiers()  # one at a time: a school of any size in flat memory
    uitgeschreven = invoer.stroom_dossiers(uitgeschreven=True)
    # As render and the tracker count them: every pupil with an error, also one whose own row is invalid.
    overgeslagen = len(invoer.report.leerlingen_met_fouten())

    handtekeningen = _handtekeningen(Path(tracker), datum, settings) if tracker is not None else None
    cijfers = bereken_cijfers(dossiers, school, datum, settings, overgeslagen, handtekeningen, uitgeschreven,
                              register=registerstand(invoer, register))

    schrijf_rapport(rapport, cijfers, anoniem)
    afbeeldingen = teken_grafieken(cijfers, uit)
    return RapportResultaat(
        cijfers=cijfers.to_dict(),
        rapport=rapport,
        afbeeldingen=afbeeldingen,
        aantal_leerlingen=cijfers.aantal_leerlingen,
        overgeslagen=overgeslagen,
        anoniem=anoniem,
        samenvatting=samenvatting(cijfers, rapport, len(afbeeldingen), anoniem, werkboek),
    )


def registerstand(invoer: Invoer, register: Path | None = None) -> dict[str, Registerstand]:
    """What the versions register knows of every pupil's OPP (nothing when there is no register yet)."""
    from ..register.db import Register
    from ..register.versies import standaard_register, zoekmappen

    pad = Path(register) if register else standaard_register(invoer)
    if not pad.is_file():
        return {}
    with Register(pad, zoekmappen(invoer, pad)) as reg:
        versies = [v for v in reg.versies() if v.document == "opp"]
    eerste: dict[str, dt.date] = {}
    huidige: dict[str, str] = {}
    for v in versies:  # ordered by pupil and version
        if v.status != "concept":
            eerste.setdefault(v.leerlingnummer, v.datum)
        huidige[v.leerlingnummer] = v.status
    return {nr: Registerstand(eerste.get(nr), status) for nr, status in huidige.items()}


def _weiger_overschrijven(paden: list[Path], force: bool) -> None:
    if force:
        return
    for path in paden:
        if path.exists():
            raise OppError(f"'{path}' bestaat al en wordt niet overschreven. Gebruik --force om het rapport "
                           "opnieuw te maken, of kies met --uit een andere map.")


def _handtekeningen(tracker: Path, datum: dt.date, settings: Settings) -> Handtekeningen:
    """Overdue signatures from the signing tracker (opp.tracker, imported only when asked for)."""
    if not tracker.is_file():
        raise OppError(f"De ondertekenlijst '{tracker}' bestaat niet. Geef met --tracker het pad naar de "
                       "ondertekenlijst (.xlsx), of laat --tracker weg.")
    dagen = settings.tracker.te_laat_na_dagen
    overzicht = tracker_overzicht(tracker, datum, te_laat_na_dagen=dagen)
    return Handtekeningen(list(overzicht.te_laat), dict(overzicht.totaal), dagen)


def _aantal(n: int, enkelvoud: str, meervoud: str) -> str:
    return f"{n} {enkelvoud if n == 1 else meervoud}"


def samenvatting(cijfers: Cijfers, rapport: Path, aantal_afbeeldingen: int, anoniem: bool,
                 werkboek: Path) -> list[str]:
    """A few Dutch lines for the terminal: the answers first, then where the files are."""
    lijn_cijfers, d, t = cijfers.lijnen, cijfers.doelen, cijfers.termijnen
    lijnen = []
    for lijn in LIJNEN:
        tekst = f"{lijn} {procent_tekst(lijn_cijfers.aandeel(lijn))}"
        if lijn in lijn_cijfers.normen:
            norm = lijn_cijfers.normen[lijn]
            tekst += f" (norm {norm.tekst}: {norm.oordeel})"
        lijnen.append(tekst)
    termijnen = [
        _aantal(len(t.opp_niet_vastgesteld), "OPP niet op tijd vastgesteld", "OPP's niet op tijd vastgesteld"),
        _aantal(len(t.evaluatie_te_laat), "OPP niet geëvalueerd in het afgelopen jaar",
                "OPP's niet geëvalueerd in het afgelopen jaar"),
        _aantal(len(t.tlv_verloopt), f"TLV verloopt binnen {t.tlv_binnen_maanden} maanden",
                f"TLV's verlopen binnen {t.tlv_binnen_maanden} maanden"),
        _aantal(len(t.kernteam), "aanmelding kernteam dit schooljaar", "aanmeldingen kernteam dit schooljaar"),
        _aantal(len(t.bewaartermijn), "dossier voorbij de bewaartermijn", "dossiers voorbij de bewaartermijn"),
    ]
    if t.handtekeningen is not None:
        termijnen.append(_aantal(len(t.handtekeningen.te_laat), "handtekening te laat", "handtekeningen te laat"))
    regels = [
        f"Rapport {cijfers.school}, schooljaar {cijfers.schooljaar}, op {datum_kort(cijfers.datum)}: "
        f"{_aantal(cijfers.aantal_leerlingen, 'leerling', 'leerlingen')}.",
        "Uitstroom: " + ", ".join(f"{r} {cijfers.uitstroom.per_richting[r]}" for r in RICHTINGEN) + ".",
        "Ondersteuning: " + ", ".join(lijnen) + ".",
        f"Doelen: {d.behaald} van {d.totaal} behaald ({procent_tekst(d.aandeel_behaald)}).",
        "Termijnen: " + ", ".join(termijnen) + ".",
        *([plan_samenvatting(cijfers.plannen)] if cijfers.plannen else []),
        f"Geschreven: {rapport} en {_aantal(aantal_afbeeldingen, 'grafiek', 'grafieken')} (PNG) in {rapport.parent}.",
    ]
    if anoniem:
        regels.append("Anoniem: de vertrouwelijke lijsten met namen zijn weggelaten.")
    if cijfers.overgeslagen:
        regels.append(f"Let op: {_aantal(cijfers.overgeslagen, 'leerling is', 'leerlingen zijn')} overgeslagen door "
                      f"fouten in het werkboek. Bekijk ze met: opp check {werkboek}")
    return regels
