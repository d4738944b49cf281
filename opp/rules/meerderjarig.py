"""Who comes of age during a signing round: the consent then passes from the parents to the pupil.

A fact for the letters: a pupil under 18 on the day the letters go out but 18 on the day they are due
back signs the handelingsdeel himself once he is 18 (domain.md, 'Signing (instemming) rules').
"""

from __future__ import annotations

import datetime as dt

from ..models import Leerling

MEERDERJARIG = 18


def achttiende_verjaardag(geboortedatum: dt.date) -> dt.date:
    """The day the pupil turns 18; born on 29 February: 1 March in a year without one (as leeftijd_op counts)."""
    try:
        return geboortedatum.replace(year=geboortedatum.year + MEERDERJARIG)
    except ValueError:
        return dt.date(geboortedatum.year + MEERDERJARIG, 3, 1)


def wordt_meerderjarig_tussen(leerling: Leerling, van: dt.date, tot: dt.date) -> dt.date | None:
    """The day the pupil turns 18 when that is after `van` and on or before `tot`, else None."""
    dag = achttiende_verjaardag(leerling.geboortedatum)
    return dag if van < dag <= tot else None
