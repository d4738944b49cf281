"""What the handelingsdeel said, per version: a structured snapshot kept beside the fingerprint.

The fingerprint (vingerafdruk.py) tells that the handelingsdeel changed; the snapshot tells what changed, so a
new version can tell the parents (opp/rules/wijzigingen.py). It is taken from the same context keys the
fingerprint covers (`HANDELINGSDEEL`), as the document shows them, flattened to rows:

    {"v": 1, "doelen": [{domein, doel, aanpak, wie, periode, evaluatiedatum, status, evaluatie}, ...],
     "ondersteuning": [{lijn, interventie, door, frequentie, periode, extern}, ...],
     "instemming": [{naam, functie}, ...]}

It is stored as compact JSON in the register and in the document's custom properties (identiteit.py).
"""

from __future__ import annotations

import json
from typing import Any

from .vingerafdruk import HANDELINGSDEEL

MOMENTOPNAME_VERSIE = 1
DOELVELDEN = ("domein", "doel", "aanpak", "wie", "periode", "evaluatiedatum", "status", "evaluatie")
ONDERSTEUNINGSVELDEN = ("lijn", "interventie", "door", "frequentie", "periode", "extern")
ONDERTEKENAARVELDEN = ("naam", "functie")

Momentopname = dict[str, Any]


def _rij(bron: dict, velden: tuple[str, ...], **vast: str) -> dict[str, str]:
    rij = {v: str(bron.get(v) or "") for v in velden}
    rij.update(vast)
    return rij


def momentopname(document: str, context: dict) -> Momentopname | None:
    """The handelingsdeel of one document's context, or None for a document without one."""
    if document not in HANDELINGSDEEL:
        return None
    doelen = [_rij(d, DOELVELDEN, domein=str(g.get("domein") or ""))
              for g in context.get("doelen_opp") or [] for d in g.get("doelen") or []]
    ondersteuning = [_rij(o, ONDERSTEUNINGSVELDEN, lijn=str(g.get("lijn") or ""))
                     for g in context.get("ondersteuning") or [] for o in g.get("interventies") or []]
    instemming = [_rij(o, ONDERTEKENAARVELDEN) for o in context.get("instemming") or []]
    return {"v": MOMENTOPNAME_VERSIE, "doelen": doelen, "ondersteuning": ondersteuning, "instemming": instemming}


def als_json(opname: Momentopname) -> str:
    """Compact and canonical: the same handelingsdeel gives the same text (and the same document bytes)."""
    return json.dumps(opname, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def uit_json(tekst: str | None) -> Momentopname | None:
    """A stored snapshot, or None when there is none or it is not one this opp can read."""
    if not tekst:
        return None
    try:
        data = json.loads(tekst)
    except ValueError:
        return None
    if not isinstance(data, dict) or data.get("v") != MOMENTOPNAME_VERSIE:
        return None
    if not all(isinstance(data.get(k), list) for k in ("doelen", "ondersteuning", "instemming")):
        return None
    return data
