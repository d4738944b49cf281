"""Property tests: what a user writes into the blank workbook is what the reader reads back."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import SCHOOL, klas, lees, write_csv_folder
from opp.werkboek.blank import write_workbook

D = dt.date
FORMS = {
    "excel": lambda d: d,
    "dd-mm-jjjj": lambda d: f"{d.day:02d}-{d.month:02d}-{d.year:04d}",
    "d-m-jjjj": lambda d: f"{d.day}-{d.month}-{d.year:04d}",
    "dd/mm/jjjj": lambda d: f"{d.day:02d}/{d.month:02d}/{d.year:04d}",
    "jjjj-mm-dd": lambda d: f"{d.year:04d}-{d.month:02d}-{d.day:02d}",
}
# Excel counts days from 1900 (and believes 1900 was a leap year): real dates start on 1 March 1900.
excel_dates = st.dates(min_value=D(1900, 3, 1), max_value=D(9999, 12, 31))
text_dates = st.dates(min_value=D(1000, 1, 1), max_value=D(9999, 12, 31))
written_dates = st.one_of(
    st.tuples(excel_dates, st.just("excel")),
    st.tuples(text_dates, st.sampled_from([f for f in FORMS if f != "excel"])),
)
leerlingnummers = st.from_regex(r"\A0{0,4}[1-9][0-9]{0,9}\Z|\A0{1,6}\Z", fullmatch=True)


def _read_back_startdatums(dates: list[tuple[D, str]]) -> list[D]:
    rows = klas()
    rows["Ondersteuning"] = [{"leerlingnummer": "001", "lijn": "1e lijn", "interventie": f"interventie {i}",
                              "startdatum": FORMS[form](d)} for i, (d, form) in enumerate(dates)]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "werkboek.xlsx"
        write_workbook(path, rows, SCHOOL)
        werkboek = lees(path)
        assert werkboek.report.issues == []
        return [o.startdatum for o in werkboek.dossiers["001"].ondersteuning]


@settings(max_examples=12, deadline=None)
@given(st.lists(written_dates, min_size=1, max_size=10))
def test_any_date_written_as_a_real_date_or_text_reads_back_equal(dates):
    assert _read_back_startdatums(dates) == [d for d, _form in dates]


@settings(max_examples=12, deadline=None)
@given(st.lists(leerlingnummers, min_size=1, max_size=4, unique=True))
def test_any_leerlingnummer_round_trips_with_its_leading_zeros(nummers):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "werkboek.xlsx"
        write_workbook(path, klas(*nummers), SCHOOL)
        csv = write_csv_folder(Path(folder) / "csv", klas(*nummers))
        for source in (path, csv):
            werkboek = lees(source)
            assert werkboek.report.issues == []
            assert list(werkboek.dossiers) == nummers
            assert all(werkboek.dossiers[nr].verzorgers[0].leerlingnummer == nr for nr in nummers)
