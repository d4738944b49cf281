"""Pupils who left ('Datum uitschrijving'): out of the class runs, in the report only for the retention term.

The class: 001 is still at school; 002 (enrolled 20-08-2020) left on 31-07-2024 (two years before the report date
and more: past the term); 003 left on 01-10-2026 (within the term). The report date is 22-11-2026.
"""

from __future__ import annotations

import datetime as dt
import zipfile

import openpyxl
import pytest
from click.testing import CliRunner

from conftest import DATUM, SCHOOL, enig, klas, lees, plaats
from opp.cli import cli
from opp.invoer import open_invoer
from opp.rapport import maak_rapport
from opp.render.documents import render
from opp.tracker import sync_tracker
from opp.werkboek.blank import write_workbook

VERTROKKEN = {"002": dt.date(2024, 7, 31), "003": dt.date(2026, 10, 1)}


def schrijf(path, **per_leerling):
    rows = klas("001", "002", "003")
    for row in rows["Leerlingen"]:
        row["datum_uitschrijving"] = VERTROKKEN.get(row["leerlingnummer"])
        if row["leerlingnummer"] == "002":
            row["datum_inschrijving"] = dt.date(2020, 8, 20)
        row["roepnaam"] = {"001": "Anna", "002": "Bram", "003": "Cees"}[row["leerlingnummer"]]
        row.update(per_leerling.get(row["leerlingnummer"], {}))
    write_workbook(path, rows, SCHOOL)
    return path


@pytest.fixture
def werkboek(tmp_path):
    return schrijf(tmp_path / "werkboek.xlsx")


def test_pupils_who_left_are_valid_but_not_part_of_the_class(werkboek):
    gelezen = lees(werkboek)
    assert gelezen.report.ok, [str(i) for i in gelezen.report.issues]
    assert gelezen.bruikbare_leerlingnummers() == ["001"]
    assert gelezen.bruikbare_leerlingnummers(uitgeschreven=True) == ["002", "003"]
    # Leaving after the report date: still at school on that day.
    assert lees(werkboek, dt.date(2026, 9, 30)).bruikbare_leerlingnummers() == ["001", "003"]


def test_a_pupil_who_left_is_as_old_as_on_the_day_of_leaving(tmp_path):
    # 24 when leaving in 2024, 26 on the report date: no 'impossible age' for an old dossier.
    pad = schrijf(tmp_path / "werkboek.xlsx", **{"002": {"geboortedatum": dt.date(2000, 6, 1)}})
    assert lees(pad).report.ok


def test_leaving_before_enrolment_is_an_error_at_its_cell(tmp_path):
    pad = schrijf(tmp_path / "werkboek.xlsx", **{"003": {"datum_uitschrijving": dt.date(2025, 8, 31)}})
    issue = enig(lees(pad).report, "uitschrijving-voor-inschrijving")
    assert plaats(issue) == ("Leerlingen", 4, "Datum uitschrijving") and issue.leerlingnummer == "003"
    assert "31-08-2025" in issue.bericht and "01-09-2025" in issue.bericht
    # A wrong leaving date is not used for the age: one problem, one message.
    pad = schrijf(tmp_path / "ver.xlsx", **{"003": {"datum_uitschrijving": dt.date(2015, 1, 1)}})
    assert [i.code for i in lees(pad).report.issues] == ["uitschrijving-voor-inschrijving"]


def test_render_makes_no_documents_for_pupils_who_left_unless_named(werkboek, tmp_path):
    result = render(open_invoer(werkboek, DATUM), documenten=["opp"], uit=tmp_path / "uit")
    assert result.ok and result.uitgeschreven == ["002", "003"]
    assert [p.name.split()[0] for p in result.geschreven] == ["001"]
    genoemd = render(open_invoer(werkboek, DATUM), documenten=["opp"], leerlingen=["002"], uit=tmp_path / "genoemd")
    assert [p.name.split()[0] for p in genoemd.geschreven] == ["002"] and genoemd.uitgeschreven == []

    uit = CliRunner().invoke(cli, ["render", str(werkboek), "--uit", str(tmp_path / "cli"), "--datum", "22-11-2026"])
    assert uit.exit_code == 0
    assert "Uitgeschreven, dus geen documenten: 002, 003 (maak ze toch met --leerling NUMMER)" in uit.output


def test_the_signing_round_drops_a_pupil_once_they_left(tmp_path):
    pad = schrijf(tmp_path / "werkboek.xlsx", **{"003": {"datum_uitschrijving": None}})
    tracker = tmp_path / "ondertekening.xlsx"
    sync_tracker(open_invoer(pad, DATUM), tracker)
    assert {r[0].value for r in openpyxl.load_workbook(tracker)["Ondertekening"].iter_rows(min_row=2, max_col=1)
            if r[0].value} == {"001", "003"}
    schrijf(pad)  # now 003 has left too
    result = sync_tracker(open_invoer(pad, DATUM), tracker)
    assert result.vervallen > 0 and result.toegevoegd == 0


def test_report_counts_the_class_and_lists_only_the_dossier_past_its_term(werkboek, tmp_path):
    result = maak_rapport(open_invoer(werkboek, DATUM), tmp_path / "rapport")
    assert result.aantal_leerlingen == 1
    assert result.cijfers["leerlingen"]["uitgeschreven"] == 2
    assert result.cijfers["termijnen"]["bewaartermijn_verstreken"] == 1
    assert "1 dossier voorbij de bewaartermijn" in "\n".join(result.samenvatting)
    ws = openpyxl.load_workbook(result.rapport)["Vertrouwelijk bewaartermijn"]
    rijen = [[c.value for c in r] for r in ws.iter_rows() if r[0].value in ("002", "003")]
    assert len(rijen) == 1 and rijen[0][0] == "002" and rijen[0][4] == dt.datetime(2026, 7, 31)
    assert "vernietig" in rijen[0][6]


def test_anonymous_report_names_no_pupil_who_left(werkboek, tmp_path):
    result = maak_rapport(open_invoer(werkboek, DATUM), tmp_path / "rapport", anoniem=True)
    with zipfile.ZipFile(result.rapport) as package:
        tekst = b"".join(package.read(n) for n in package.namelist() if n.endswith(".xml")).decode()
    assert "Bram" not in tekst and "002" not in tekst
    assert result.cijfers["termijnen"]["bewaartermijn_verstreken"] == 1
