"""What the register knows of the OPP's first vaststelling, added to a render (issue 12).

An empty 'Datum eerste vaststelling' is filled with the register's first vaststelling (the first 'akkoord',
rules/registerdata.py) from the versions before the one being written (so a restored file reads exactly
as it was), marked as such; a typed date later than it is kept in the document and warned about. Both
are added after the fingerprints (plan.py): register-derived values are no content, so the fill never
makes a new version.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from ..invoer import Invoer
from ..problems import Ernst, Issue
from ..render.formatting import datum_nl
from ..rules.deadlines import eerste_opp_op_tijd
from ..rules.registerdata import Registerdatums, eerste_vaststelling, registerdatums, strijdig
from ..werkboek.contract import sheet
from .db import Register

DOCUMENT = "opp"
UIT_REGISTER = "(volgens het register van opp)"
_VELD = "datum_eerste_vaststelling"


class Registerdatumaanvulling:
    """The register's dates for the OPPs of the pupils `nrs`, read once."""

    def __init__(self, register: Register, invoer: Invoer, nrs: Iterable[str]):
        self._invoer = invoer
        gekozen = set(nrs)
        self._versies: dict[str, list] = defaultdict(list)
        self._instemmingen: dict[str, list] = defaultdict(list)
        if gekozen:
            for v in register.versies(gekozen):
                if v.document == DOCUMENT:
                    self._versies[v.leerlingnummer].append(v)
            for i in register.instemmingen(gekozen):
                if i.document == DOCUMENT:
                    self._instemmingen[i.leerlingnummer].append(i)
        self.datums: dict[str, Registerdatums] = {
            nr: registerdatums(self._versies[nr], self._instemmingen[nr]) for nr in sorted(gekozen)
            if nr in self._versies}

    def _voor(self, nr: str, versie: int) -> Registerdatums:
        """The dates from the versions before `versie`: a version restored later reads exactly as it was."""
        return registerdatums([v for v in self._versies.get(nr, ()) if v.versie < versie],
                              [i for i in self._instemmingen.get(nr, ()) if i.versie < versie])

    def context(self, document: str, nr: str, context: dict) -> dict:
        """The context with an empty first vaststelling filled from the register (and its on-time answer)."""
        leerling = context.get("leerling")
        if document != DOCUMENT or nr not in self.datums or not isinstance(leerling, dict):
            return context
        bekend = eerste_vaststelling(self._voor(nr, int(context.get("versie") or 1)))
        if bekend is None:
            return context
        model = self._invoer.leerlingen[nr].model
        if model.datum_eerste_vaststelling is not None:
            return context  # the typed date stays, even when it contradicts the register (see waarschuwingen)
        volgens = model.model_copy(update={_VELD: bekend})
        op_tijd = eerste_opp_op_tijd(volgens, self._invoer.settings)
        return dict(context, leerling=dict(
            leerling, eerste_vaststelling=f"{datum_nl(bekend)} {UIT_REGISTER}",
            eerste_vaststelling_op_tijd={True: "ja", False: "nee", None: ""}[op_tijd]))

    def waarschuwingen(self) -> list[Issue]:
        """A typed first vaststelling later than the register's first issued OPP, located at its cell."""
        kolom = sheet("Leerlingen").column_by_field(_VELD)
        result = []
        for nr, datums in self.datums.items():
            rij = self._invoer.leerlingen[nr]
            if strijdig(rij.model.datum_eerste_vaststelling, datums):
                result.append(Issue(
                    "eerste-vaststelling-strijdig-met-register",
                    f"volgens het register van opp is het OPP op {eerste_vaststelling(datums):%d-%m-%Y} vastgesteld "
                    "(instemming), eerder dan de datum eerste vaststelling "
                    f"({rij.model.datum_eerste_vaststelling:%d-%m-%Y}); "
                    "controleer de datum", Ernst.WAARSCHUWING, blad=rij.blad, rij=rij.rij,
                    kolom=kolom.header if kolom else None, leerlingnummer=nr))
        return result
