"""What `opp dossier` prints: the lines for one dossier and the table for `--alle` (plain Dutch text)."""

from __future__ import annotations

from .maken import DossierResultaat

SOORT_BREEDTE, AANVRAAG_BREEDTE = 6, 11


def regels_dossier(r: DossierResultaat) -> list[str]:
    kop = f"Dossier {r.leerlingnummer} {r.naam}"
    if r.soort:
        kop += f": {r.soort}, {'eerste aanvraag' if r.aanvraag == 'eerste' else 'verlenging'}"
    regels = [kop]
    if r.checklist:
        bron = "standaardchecklist" if r.checklist_bron == "standaard" else f"checklist {r.checklist_bron}"
        regels.append(f"Controle met de {bron}:")
        regels += [f"  {str(u.status):<11} {u.label}: {u.toelichting}" for u in r.checklist]
    if r.indicatie:
        regels.append("Indicatie landelijke criteria praktijkonderwijs:")
        regels += [f"  {regel}" for regel in r.indicatie.regels] + [f"  {r.indicatie.label}"]
    if r.fouten:
        regels.append("Aan te vullen:")
        regels += [f"  {issue}  [{issue.code}]" for issue in r.fouten]
    if r.waarschuwingen:
        regels.append("Let op:")
        regels += [f"  {issue}  [{issue.code}]" for issue in r.waarschuwingen]
    regels += r.meldingen
    return regels


def slotregel(r: DossierResultaat) -> str:
    if r.map is None:
        return f"Geen dossier gemaakt voor {r.wie}: herstel eerst de rij op het blad TLV."
    delen = [str(r.map), str(r.zip)] + ([str(r.pdf)] if r.pdf else [])
    if r.compleet:
        return "Dossier compleet: " + ", ".join(delen)
    aantal = len(r.fouten)
    return (f"Dossier NIET compleet ({aantal} {'punt' if aantal == 1 else 'punten'} aan te vullen); het is wel "
            "gemaakt en op het voorblad gemarkeerd als onvolledig: " + ", ".join(delen))


def tabel(resultaten: list[DossierResultaat]) -> list[str]:
    """Pupil, kind, request, and 'compleet' or what is missing (one indented line per item)."""
    if not resultaten:
        return ["Geen leerlingen met een rij op het blad TLV."]
    breedte = max(len("Leerling"), *(len(r.wie) for r in resultaten)) + 2
    inspringen = " " * (breedte + SOORT_BREEDTE + AANVRAAG_BREEDTE)
    regels = [f"{'Leerling':<{breedte}}{'Soort':<{SOORT_BREEDTE}}{'Aanvraag':<{AANVRAAG_BREEDTE}}"
              "Compleet of wat ontbreekt"]
    for r in resultaten:
        begin = (f"{r.wie:<{breedte}}{r.soort or '?':<{SOORT_BREEDTE}}"
                 f"{r.aanvraag or '?':<{AANVRAAG_BREEDTE}}")
        if r.compleet:
            regels.append(begin + "compleet")
        else:
            regels.append(begin + f"{'ontbreekt' if r.map else 'geen dossier, fouten'} ({len(r.ontbreekt)}):")
            regels += [f"{inspringen}- {wat}" for wat in r.ontbreekt]
        regels += [f"{inspringen}- let op: {i.bericht}" for i in r.waarschuwingen]
    return regels


def samenvatting(resultaten: list[DossierResultaat], werkboek: str) -> str:
    """The closing line of `--alle`: counted over every TLV row, also those that got no dossier."""
    klaar = sum(r.compleet for r in resultaten)
    gemaakt = [r.map for r in resultaten if r.map is not None]
    tekst = f"{klaar} van de {len(resultaten)} {'aanvraag' if len(resultaten) == 1 else 'aanvragen'} compleet"
    zonder = len(resultaten) - len(gemaakt)
    if zonder:
        tekst += f"; {zonder} {'aanvraag' if zonder == 1 else 'aanvragen'} zonder dossier door fouten in het werkboek"
    if gemaakt:
        tekst += f". De dossiers staan in {gemaakt[0].parent}"
    return tekst + f". Details per leerling: opp dossier {werkboek} --leerling NR"
