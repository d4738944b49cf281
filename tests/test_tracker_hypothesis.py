"""Random sequences of the secretary's edits and re-syncs with changing workbooks never lose a keystroke."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from opp.invoer import open_invoer
from opp.tracker import sync_tracker
from tracker_helpers import RONDE, Secretaresse, getypt, leerling, per_sleutel, schrijf_werkboek, verzorger

EIGEN = "Notitie"
KOLOMMEN = ("Verstuurd op", "Ontvangen op", "Besluit", "Opmerking", EIGEN)

LEERLINGEN = [
    leerling("1", "Sanne", "Berg", dt.date(2012, 5, 14), "1A"),
    leerling("2", "Mo", "Amrani", dt.date(2011, 2, 3), "2B"),
    leerling("3", "Daan", "Visser", dt.date(2007, 1, 1), "2B"),
    leerling("4", "Lisa", "de Wit", dt.date(2008, 10, 15), "1A"),  # turns 18 between the two round dates
]
VERZORGERS = {
    "1": [verzorger("1", "mw. Berg", "moeder"), verzorger("1", "dhr. Berg", "vader")],
    "2": [verzorger("2", "mw. Amrani", "moeder")],
    "3": [],
    "4": [verzorger("4", "mw. de Wit", "moeder")],
}
EXTRA = {"1": verzorger("1", "mw. Kok", "voogd"), "2": verzorger("2", "dhr. Amrani", "vader"),
         "4": verzorger("4", "dhr. de Wit", "vader")}
DATUMS = (RONDE, dt.date(2026, 10, 20))

waarden = st.one_of(
    st.dates(dt.date(2026, 1, 1), dt.date(2027, 12, 31)),
    st.sampled_from(["akkoord", "niet akkoord", "Belt terug", "=SOM(1;2)", "-", "@mail", "nog niet", ""]),
)
stappen = st.lists(st.one_of(
    st.tuples(st.just("sync"), st.sets(st.sampled_from("1234"), min_size=1), st.booleans(), st.sampled_from(DATUMS)),
    st.tuples(st.just("typ"), st.integers(0, 50), st.sampled_from(KOLOMMEN), waarden),
    st.tuples(st.just("sorteer"), st.integers(0, 1000)),
    st.tuples(st.just("verberg"), st.integers(0, 50)),
), min_size=1, max_size=8)


def _werkboek(map_: Path, aanwezig: set[str], extra: bool) -> Path:
    path = map_ / f"w-{''.join(sorted(aanwezig))}-{int(extra)}.xlsx"
    if not path.exists():
        verzorgers = [v for nr in sorted(aanwezig) for v in VERZORGERS[nr]]
        if extra:
            verzorgers += [EXTRA[nr] for nr in sorted(aanwezig) if nr in EXTRA]
        schrijf_werkboek(path, [ll for ll in LEERLINGEN if ll["leerlingnummer"] in aanwezig], verzorgers)
    return path


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(stappen)
def test_random_edits_and_resyncs_lose_nothing(reeks):
    with tempfile.TemporaryDirectory() as tmp:
        map_ = Path(tmp)
        tracker = map_ / "ondertekening.xlsx"
        sync_tracker(open_invoer(_werkboek(map_, set("1234"), False), RONDE), tracker)
        with Secretaresse(tracker) as s:
            s.eigen_kolom(EIGEN)
        verwacht: dict[str, dict] = {}
        verborgen: set[str] = set()
        ooit = set(per_sleutel(tracker))

        for stap in reeks:
            if stap[0] == "sync":
                _, aanwezig, extra, datum = stap
                sync_tracker(open_invoer(_werkboek(map_, aanwezig, extra), datum), tracker)
            else:
                sleutels = sorted(per_sleutel(tracker))
                with Secretaresse(tracker) as s:
                    if stap[0] == "typ":
                        _, i, kop, waarde = stap
                        sleutel = sleutels[i % len(sleutels)]
                        s.typ(sleutel, kop, waarde if waarde != "" else None)
                        if waarde == "":
                            verwacht.get(sleutel, {}).pop(kop, None)
                        else:
                            typed = dt.datetime.combine(waarde, dt.time()) if isinstance(waarde, dt.date) else waarde
                            verwacht.setdefault(sleutel, {})[kop] = typed
                    elif stap[0] == "sorteer":
                        s.sorteer(seed=stap[1])
                    else:
                        sleutel = sleutels[stap[1] % len(sleutels)]
                        s.verberg(sleutel)
                        verborgen.add(sleutel)

            nu = per_sleutel(tracker)  # also asserts that no key appears twice
            assert ooit <= set(nu), "a row was deleted"
            ooit |= set(nu)
            assert getypt(tracker, KOLOMMEN) == {k: v for k, v in verwacht.items() if v}
            assert {k for k, row in nu.items() if row["_verborgen"]} == verborgen
