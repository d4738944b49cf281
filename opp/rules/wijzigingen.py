"""What changed in the handelingsdeel between two versions: goals, support and signers added, removed or changed.

A pure function of two snapshots (opp/register/momentopname.py: rows of text as the document shows them).
Rows are matched on what identifies them (a goal: its domain and text, or its text alone when it moved to
another domain; support: its line and intervention, or the intervention alone).
Rows left over on both sides in the same domain (or line) whose texts are alike are one row whose text was
reworded, not a removal and an addition; anything else left over was removed or added.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from enum import StrEnum

# Texts at least this alike (difflib ratio) are one goal reworded: 'Werkt 20 minuten zelfstandig' and
# 'Werkt 30 minuten zelfstandig' are; 'Leest een recept' and 'Fietst naar stage' are not.
GELIJKENIS = 0.6

Rij = Mapping[str, str]


class Soort(StrEnum):
    DOEL = "doel"
    ONDERSTEUNING = "ondersteuning"
    ONDERTEKENAAR = "ondertekenaar"


class Wat(StrEnum):
    TOEGEVOEGD = "toegevoegd"
    VERVALLEN = "vervallen"  # for support: it ended (it is no longer in the plan)
    GEWIJZIGD = "gewijzigd"


@dataclass(frozen=True)
class Wijziging:
    soort: Soort
    wat: Wat
    oud: Rij | None  # the row in the agreed version (None when added)
    nieuw: Rij | None  # the row now (None when removed)
    velden: tuple[str, ...] = ()  # the fields that differ, for a changed row, in the snapshot's field order


@dataclass(frozen=True)
class Wijzigingen:
    lijst: tuple[Wijziging, ...] = field(default_factory=tuple)

    def __bool__(self) -> bool:
        return bool(self.lijst)

    def van(self, soort: Soort, wat: Wat | None = None) -> list[Wijziging]:
        return [w for w in self.lijst if w.soort is soort and (wat is None or w.wat is wat)]


# (kind, the snapshot's list, the field that groups rows, the field that names a row)
_SOORTEN = ((Soort.DOEL, "doelen", "domein", "doel"),
            (Soort.ONDERSTEUNING, "ondersteuning", "lijn", "interventie"),
            (Soort.ONDERTEKENAAR, "instemming", "", "naam"))


def wijzigingen(oud: Mapping, nieuw: Mapping) -> Wijzigingen:
    """The changes from snapshot `oud` (the agreed version) to `nieuw`, per kind: removed, changed, added."""
    lijst: list[Wijziging] = []
    for soort, sleutel, groep, naam in _SOORTEN:
        lijst += _vergelijk(soort, list(oud.get(sleutel) or []), list(nieuw.get(sleutel) or []), groep, naam)
    return Wijzigingen(tuple(lijst))


def _vergelijk(soort: Soort, oud: list[Rij], nieuw: list[Rij], groep: str, naam: str) -> list[Wijziging]:
    # 1. identical rows are unchanged; 2. the same group and name (then the same name in another group):
    # changed in its other fields; 3. leftovers in the same group with alike names: reworded; 4. the rest
    # was removed or added.
    oud_over, nieuw_over = _zonder_gelijke(oud, nieuw)
    paren: list[tuple[Rij, Rij]] = []
    for sleutel in (lambda r: _sleutel(r, groep, naam), lambda r: _sleutel(r, "", naam)):  # then: moved group
        for o in list(oud_over):
            n = next((n for n in nieuw_over if sleutel(n) == sleutel(o)), None)
            if n is not None:
                paren.append((o, n))
                oud_over.remove(o)
                nieuw_over.remove(n)
    if soort is not Soort.ONDERTEKENAAR:  # another person is another signer, however alike the names
        for o in list(oud_over):
            kandidaten = [(_gelijkenis(o.get(naam, ""), n.get(naam, "")), i) for i, n in enumerate(nieuw_over)
                          if (o.get(groep) if groep else None) == (n.get(groep) if groep else None)]
            beste = max(kandidaten, default=None)
            if beste and beste[0] >= GELIJKENIS:
                paren.append((o, nieuw_over.pop(beste[1])))
                oud_over.remove(o)
    volgorde = {id(n): i for i, n in enumerate(nieuw)}
    paren.sort(key=lambda p: volgorde[id(p[1])])
    return ([Wijziging(soort, Wat.VERVALLEN, o, None) for o in oud_over]
            + [Wijziging(soort, Wat.GEWIJZIGD, o, n, _velden(o, n)) for o, n in paren]
            + [Wijziging(soort, Wat.TOEGEVOEGD, None, n) for n in nieuw_over])


def _zonder_gelijke(oud: Sequence[Rij], nieuw: Sequence[Rij]) -> tuple[list[Rij], list[Rij]]:
    """Both lists without the rows they share (as a multiset: two identical goals count twice)."""
    nieuw_over = list(nieuw)
    oud_over = []
    for o in oud:
        gelijk = next((i for i, n in enumerate(nieuw_over) if dict(n) == dict(o)), None)
        if gelijk is None:
            oud_over.append(o)
        else:
            nieuw_over.pop(gelijk)
    return oud_over, nieuw_over


def _sleutel(rij: Rij, groep: str, naam: str) -> tuple[str, str]:
    return (rij.get(groep, "") if groep else "", rij.get(naam, "").strip().casefold())


def _gelijkenis(a: str, b: str) -> float:
    return SequenceMatcher(None, a.casefold(), b.casefold()).ratio()


def _velden(oud: Rij, nieuw: Rij) -> tuple[str, ...]:
    return tuple(k for k in nieuw if oud.get(k, "") != nieuw.get(k, ""))
