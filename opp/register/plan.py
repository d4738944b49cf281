"""The planning step of `opp render`: per document, ask the register what to do.

- the content is the same as the newest version and its file is there: nothing is written (`ongewijzigd`);
- the same, but its file is gone: it is written again as that version, under its name and date (`hersteld`);
- the content changed, or the register does not know the document: the next version, with its own file name.

A file a previous run wrote but could not record (the run was killed) carries its identity and is taken
into the register before planning (adopted), so running again completes a killed run. A file at the
target path that the register does not know is refused unless `force`.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from ..documenten import DOCUMENTEN
from ..render.formatting import datum_nl
from ..render.wijzigingen_tekst import wijzigingen_sectie
from .db import Register, Versie
from .identiteit import Identiteit, aanvulling, lees_identiteit, naam_delen, onderdelen
from .momentopname import als_json, momentopname, uit_json
from .vingerafdruk import HANDELINGSDEEL, Vingerafdrukken, gebruikte_sleutels

Naamgever = Callable[[str, str, int, dt.date], Path]  # (document, leerlingnummer, versie, datum) -> path

LABELS = {d.label: d.naam for d in DOCUMENTEN.values()}


def status_nieuwe_versie(document: str, vorige: Versie | None, handelingsdeel: str | None,
                         concept: bool = False) -> str:
    """The status a new version starts with. A signed document (the registry's `getekend_als`) is offered
    ter instemming, unless its previous version was vastgesteld and the part that is signed did not change
    (a phone number asks no new consent); any other document is vastgesteld when written. A plan that lacks
    a legal part (`concept`, opp.rules.compleet) is a concept: never offered for instemming."""
    if not DOCUMENTEN[document].getekend_als:
        return "vastgesteld"
    if concept:
        return "concept"
    if vorige and vorige.status == "vastgesteld" and handelingsdeel and vorige.handelingsdeel == handelingsdeel:
        return "vastgesteld"
    return "ter instemming"


def status_label(status: str) -> str:
    """As the footer shows it: 'Ter instemming'."""
    return status.capitalize()


@dataclass
class _Gepland:
    identiteit: Identiteit
    pad: Path


class Versieplan:
    def __init__(self, register: Register, datum: dt.date, sjablonen: dict[str, Path], naam: Naamgever,
                 force: bool = False):
        self.register = register
        self.datum = datum
        self.sjablonen = sjablonen
        self.naam = naam
        self.force = force
        self.ongewijzigd: list[Path] = []
        self.hersteld: list[Path] = []
        self.geadopteerd = 0
        self._gepland: dict[Path, _Gepland] = {}
        self._nieuwste: dict[tuple[str, str], Versie] = {}
        self._sleutels: dict[str, tuple[str, ...]] = {}
        self._aanvulling = {doc: aanvulling(pad, eigen=doc in HANDELINGSDEEL) for doc, pad in sjablonen.items()}
        self._doelen: dict[tuple[str, str], Path] = {}  # where the next version of each document goes
        self._moment = dt.datetime.now(dt.UTC)
        # Adds what the register knows of dates (datums.py) to a context, after the fingerprints.
        self.registerdatums: Callable[[str, str, dict], dict] | None = None

    # --- before anything is written ----------------------------------------------------------------------
    def voorcontrole(self, taken: list[tuple[str, str, Path]]) -> None:
        """Adopt what a killed run left, then refuse (unless force) to replace files the register does not
        know. Raises OppError naming them; nothing has been written then."""
        self._adopteer(taken)
        self._nieuwste = self.register.nieuwste()
        bekend = self.register.bekende_bestanden()
        vreemd = []
        for document, nr, _ in taken:
            vorige = self._nieuwste.get((nr, document))
            doel = self.naam(document, nr, (vorige.versie if vorige else 0) + 1, self.datum)
            self._doelen[(nr, document)] = doel
            if doel.exists() and self.register.bestand(doel) not in bekend:
                vreemd.append((nr, doel))
        if vreemd and not self.force:
            from ..render.documents import weigering

            raise weigering(vreemd, buiten_register=True)

    def _adopteer(self, taken) -> None:
        """Documents in the output folders with opp's identity that the register lacks: record them."""
        bekend = self.register.bekende_bestanden()
        gevraagd = {(nr, doc) for doc, nr, _ in taken}
        mappen = {pad.parent for _, _, pad in taken}
        for map_ in mappen:
            try:
                namen = os.listdir(map_)
            except OSError:
                continue
            for naam in sorted(namen):
                delen = naam_delen(naam)
                if not delen or (delen[0], LABELS.get(delen[1])) not in gevraagd:
                    continue
                pad = map_ / naam
                if self.register.bestand(pad) in bekend:
                    continue
                identiteit = lees_identiteit(pad)
                if identiteit and (identiteit.leerlingnummer, identiteit.document) in gevraagd:
                    if self.register.voeg_toe(identiteit, pad, dt.datetime.fromtimestamp(
                            pad.stat().st_mtime, dt.UTC)):
                        self.geadopteerd += 1

    # --- while contexts stream in ------------------------------------------------------------------------
    def taken(self, taken: Iterable, overgeslagen: Callable[[int], None] | None = None) -> Iterator:
        """The tasks that must be written, each with its version, path, footer fields and identity."""
        afdrukken: tuple[str, Vingerafdrukken] | None = None
        for taak in taken:
            if afdrukken is None or afdrukken[0] != taak.leerlingnummer:
                afdrukken = (taak.leerlingnummer, Vingerafdrukken(taak.context))
            nieuw = self._besluit(taak, afdrukken[1])
            if nieuw is None:
                if overgeslagen:
                    overgeslagen(1)
                continue
            yield nieuw

    def _besluit(self, taak, afdrukken: Vingerafdrukken):
        document, nr = taak.document, taak.leerlingnummer
        if document not in self._sleutels:
            self._sleutels[document] = gebruikte_sleutels(self.sjablonen[document], taak.context.keys())
        inhoud = afdrukken.inhoud(document, self._sleutels[document])
        handelingsdeel = afdrukken.handelingsdeel(document)
        vorige = self._nieuwste.get((nr, document))
        zelfde = self.register.pad_van(vorige) if vorige and vorige.inhoud == inhoud else None
        if zelfde is not None and zelfde.exists():
            self.ongewijzigd.append(zelfde)
            return None
        opname = momentopname(document, taak.context)  # only for what is written: re-runs stay as fast
        opname_json = als_json(opname) if opname is not None else None
        if vorige and zelfde is not None:
            pad = zelfde
            self.hersteld.append(pad)  # written again exactly as it was: its version, date and name
            identiteit = Identiteit(nr, document, vorige.versie, vorige.datum, vorige.status, inhoud, handelingsdeel,
                                    opname_json)
        else:
            versie = (vorige.versie if vorige else 0) + 1
            pad = self._doelen[(nr, document)]
            identiteit = Identiteit(nr, document, versie, self.datum,
                                    status_nieuwe_versie(document, vorige, handelingsdeel,
                                                         concept=bool(taak.context.get("is_concept"))),
                                    inhoud, handelingsdeel, opname_json)
            self._gepland[pad] = _Gepland(identiteit, pad)
        # Added after the fingerprints: what the register knows (its status, the consent since) is no content.
        context = dict(taak.context, versie=str(identiteit.versie), versie_status=status_label(identiteit.status),
                       document_datum=datum_nl(identiteit.datum),
                       wijzigingen=self._wijzigingen(identiteit, opname, taak.context))
        if self.registerdatums is not None:
            context = self.registerdatums(document, nr, context)
        delen = onderdelen(identiteit, DOCUMENTEN[document].titel, self._aanvulling[document])
        return replace(taak, pad=pad, context=context, onderdelen=delen)

    def _wijzigingen(self, identiteit: Identiteit, opname: dict | None, context: dict) -> dict | None:
        """The section 'Wijzigingen sinds de versie waarmee u instemde', or None: nothing agreed yet, or the
        handelingsdeel is the one agreed to."""
        if opname is None or identiteit.status == "concept":
            return None
        instemming = self.register.ingestemde_versie(identiteit.leerlingnummer, identiteit.document)
        if instemming is None or instemming.versie >= identiteit.versie:
            return None
        ingestemd = self.register.versie(identiteit.leerlingnummer, identiteit.document, instemming.versie)
        if ingestemd is not None and ingestemd.handelingsdeel == identiteit.handelingsdeel:
            return None
        oud = uit_json(self.register.handelingsdeel(identiteit.leerlingnummer, identiteit.document,
                                                    instemming.versie))
        if ingestemd is None and oud is None:
            return None  # the register knows neither what was agreed nor its fingerprint: nothing to tell
        mentor = str((context.get("leerling") or {}).get("mentor") or "")
        return wijzigingen_sectie(instemming, ingestemd.datum if ingestemd else None, oud, opname, mentor)

    # --- after writing -----------------------------------------------------------------------------------
    def vastleggen(self, geschreven: Iterable[Path]) -> None:
        """Record the new versions that were written."""
        nieuw = [self._gepland[p] for p in map(Path, geschreven) if p in self._gepland]
        self.register.voeg_alle_toe([(g.identiteit, g.pad) for g in nieuw], self._moment)


