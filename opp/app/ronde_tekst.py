"""How the Ondertekening page words a scan's outcome: a short label per outcome for the table, and the
summary lines that are not already a row of it."""

from __future__ import annotations

from ..ronde.ontvangst import OntvangstResultaat, PaginaUitkomst, Uitkomst

UITKOMSTEN = {
    Uitkomst.HERKEND.value: "herkend",
    Uitkomst.LEEG.value: "lege pagina",
    Uitkomst.BRIEFPAGINA.value: "briefpagina (niet om te tekenen)",
    Uitkomst.DUBBEL.value: "dubbel",
    Uitkomst.OUDERE_VERSIE.value: "oudere versie",
    Uitkomst.DATUM_VERSCHILT.value: "andere datum",
    Uitkomst.ONBEKENDE_CODE.value: "niet herkend (onbekende code)",
    Uitkomst.NIET_HERKEND.value: "niet herkend",
}


def scan_regels(r: OntvangstResultaat) -> list[str]:
    """The summary without the tracker's path and without the per-page lines (the table shows those)."""
    per_pagina = {p.regel(r.datum) for p in r.paginas}
    return [regel for regel in r.samenvatting() if regel not in per_pagina and not regel.startswith("Tracker:")]


def toelichting(p: PaginaUitkomst, datum) -> str:
    """What to do about a page, without its place and pupil (the table's other columns say those)."""
    if not (p.uitkomst.is_probleem or p.oudere_versie or p.handtekening_ontbreekt):
        return ""
    tekst = p.regel(datum).removeprefix(f"{p.plaats}: ")
    return tekst.removeprefix(f"{p.wie}: ") if p.rij is not None else tekst
