"""Everything about one pupil: what a template, the tracker and the dossier receive."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from .enums import DoelDomein, FactorDomein, FactorSoort, Lijn, Plan, Toetsonderdeel
from .kernteam import Kernteamaanmelding
from .leerling import Leerling, Verzorger
from .plan import Doel, Factor, Ondersteuning, Onderwijsbehoefte, Traject
from .tlv import TlvAanvraag
from .toetsen import Toetsresultaat

DIDACTISCHE_ONDERDELEN = [
    Toetsonderdeel.TECHNISCH_LEZEN,
    Toetsonderdeel.BEGRIJPEND_LEZEN,
    Toetsonderdeel.SPELLING,
    Toetsonderdeel.INZICHTELIJK_REKENEN,
]


@dataclass
class Leerlingdossier:
    """One pupil with every row of the other sheets that belongs to them, in workbook order."""

    leerling: Leerling
    verzorgers: list[Verzorger] = field(default_factory=list)
    factoren: list[Factor] = field(default_factory=list)
    onderwijsbehoeften: list[Onderwijsbehoefte] = field(default_factory=list)
    toetsen: list[Toetsresultaat] = field(default_factory=list)
    doelen: list[Doel] = field(default_factory=list)
    ondersteuning: list[Ondersteuning] = field(default_factory=list)
    trajecten: list[Traject] = field(default_factory=list)
    kernteam: list[Kernteamaanmelding] = field(default_factory=list)
    tlv: list[TlvAanvraag] = field(default_factory=list)

    @property
    def leerlingnummer(self) -> str:
        return self.leerling.leerlingnummer

    @property
    def verzorgers_met_gezag(self) -> list[Verzorger]:
        return [v for v in self.verzorgers if v.heeft_gezag]

    def factoren_per_domein(self) -> list[dict]:
        """[{domein, bevorderend: [...], belemmerend: [...]}] in the order of the choice list."""
        per: defaultdict[FactorDomein, dict[FactorSoort, list[str]]] = defaultdict(
            lambda: {FactorSoort.BEVORDEREND: [], FactorSoort.BELEMMEREND: []})
        for f in self.factoren:
            per[f.domein][f.soort].append(f.omschrijving)
        return [
            {"domein": d, "bevorderend": per[d][FactorSoort.BEVORDEREND],
             "belemmerend": per[d][FactorSoort.BELEMMEREND]}
            for d in FactorDomein
            if d in per
        ]

    def doelen_van(self, plan: Plan) -> list[Doel]:
        return [d for d in self.doelen if d.plan is plan]

    def doelen_per_domein(self, plan: Plan) -> list[dict]:
        """[{domein, doelen: [...]}] for one plan, domains in the order of the choice list."""
        per = defaultdict(list)
        for d in self.doelen_van(plan):
            per[d.domein].append(d)
        return [{"domein": d, "doelen": per[d]} for d in DoelDomein if d in per]

    def ondersteuning_per_lijn(self) -> list[dict]:
        per = defaultdict(list)
        for o in self.ondersteuning:
            per[o.lijn].append(o)
        return [{"lijn": lijn, "interventies": per[lijn]} for lijn in Lijn if lijn in per]

    @property
    def hoogste_lijn(self) -> Lijn | None:
        """The highest support line: from the support rows, else the pupil's ondersteuningsniveau."""
        lijnen = [o.lijn for o in self.ondersteuning]
        if self.leerling.ondersteuningsniveau:
            lijnen.append(self.leerling.ondersteuningsniveau)
        order = list(Lijn)
        return max(lijnen, key=order.index) if lijnen else None

    @property
    def didactische_toetsen(self) -> list[Toetsresultaat]:
        return [t for t in self.toetsen if t.onderdeel in DIDACTISCHE_ONDERDELEN]

    @property
    def intelligentie(self) -> list[Toetsresultaat]:
        return [t for t in self.toetsen if t.is_intelligentie]

    @property
    def laatste_intelligentie(self) -> Toetsresultaat | None:
        return max(self.intelligentie, key=lambda t: t.datum, default=None)

    def laatste_toets(self, onderdeel: Toetsonderdeel) -> Toetsresultaat | None:
        return max((t for t in self.toetsen if t.onderdeel is onderdeel), key=lambda t: t.datum, default=None)
