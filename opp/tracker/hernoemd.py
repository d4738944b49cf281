"""A signer renamed in the workbook (a typo fixed) is the same row, not a vervallen row and a new one.

A row that would go (its key no longer given) and a row that would come, for the same pupil, document,
kind of signature and role, whose names differ by a small spelling change (rules.signers.zelfde_persoon),
are one signer renamed: the row stays, with the new key. Each row pairs once, the most alike first.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from ..rules.signers import zelfde_persoon
from .keys import Sleutel


def _plek(sleutel: Sleutel) -> tuple[str, str, str, str]:
    """Pupil, document, kind and role: where a renamed signer must stay to be the same one."""
    return (sleutel.leerlingnummer, sleutel.document, sleutel.soort, sleutel.ondertekenaar.split(":", 1)[0])


def _naam(sleutel: Sleutel) -> str:
    return sleutel.ondertekenaar.split(":", 1)[-1]


def koppel_hernoemd(weg: Iterable[Sleutel], nieuw: Iterable[Sleutel]) -> dict[Sleutel, Sleutel]:
    """Old key -> new key for every signer renamed (see the module)."""
    per_plek: dict[tuple, list[Sleutel]] = {}
    for sleutel in nieuw:
        per_plek.setdefault(_plek(sleutel), []).append(sleutel)
    paren = []
    for oud in weg:
        for kandidaat in per_plek.get(_plek(oud), ()):
            a, b = _naam(oud), _naam(kandidaat)
            if zelfde_persoon(a, b):
                paren.append((-difflib.SequenceMatcher(None, a, b, autojunk=False).ratio(), oud.tekst, kandidaat.tekst,
                              oud, kandidaat))
    result: dict[Sleutel, Sleutel] = {}
    bezet: set[Sleutel] = set()
    for *_, oud, kandidaat in sorted(paren, key=lambda p: p[:3]):
        if oud in result or kandidaat in bezet:
            continue
        result[oud] = kandidaat
        bezet.add(kandidaat)
    return result
