"""How a parent or guardian's role reads in a document: 'moeder, met gezag', 'voogd', 'curator'.

The workbook records a relation (moeder, vader, verzorger, voogd, anders) and gezag (ja/nee); a person with
gezag over a pupil under curatele or mentorschap is the curator or the mentor, whatever the relation column says.
"""

from __future__ import annotations

import datetime as dt

from ..models import Leerling
from ..models.enums import Relatie, Vertegenwoordiging
from ..models.leerling import Verzorger

VERTEGENWOORDIGER = {Vertegenwoordiging.CURATELE: "curator", Vertegenwoordiging.MENTORSCHAP: "wettelijk mentor"}
RELATIE = {Relatie.ANDERS: "andere relatie"}


def rol_tekst(verzorger: Verzorger, leerling: Leerling, datum: dt.date) -> str:
    if verzorger.heeft_gezag and leerling.vertegenwoordiging in VERTEGENWOORDIGER:
        return VERTEGENWOORDIGER[leerling.vertegenwoordiging]
    relatie = RELATIE.get(verzorger.relatie, str(verzorger.relatie))
    if leerling.is_meerderjarig_op(datum) or verzorger.relatie is Relatie.VOOGD:
        return relatie  # gezag ends at 18; a voogd has it by definition
    return f"{relatie}, {'met' if verzorger.heeft_gezag else 'zonder'} gezag"
