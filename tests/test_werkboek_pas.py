"""The check's pass over every pupil reads the row store in one ordered stream (issue 15): it gives the same
dossiers, in the same order, as one lookup per pupil; the rows are stored and read back unchanged; and the
pass decodes only the sheets the pupil rules read (checks.PUPIL_SHEETS), which every rule is held to here."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from conftest import DATUM, belemmerend, doel, factor, klas, leerling, ondersteuning, toets, verzorger
from opp.data import demo_folder
from opp.models import Leerlingdossier
from opp.werkboek import checks
from opp.werkboek.reader import DOSSIER_FIELD, read_werkboek
from opp.werkboek.store import RowStore, _Codec

LIJSTEN = [f.name for f in dataclasses.fields(Leerlingdossier) if f.name != "leerling"]


def _rommelig() -> dict[str, list[dict]]:
    """Pupils whose rows are interleaved on every sheet, one without rows on some sheets, a rejected row on
    Leerlingen (with valid rows elsewhere), doubled numbers, a row of an unknown pupil, an invalid row."""
    rows = klas("003", "001", "002", "004", "005")
    rows["Leerlingen"] += [
        leerling("001", roepnaam="Tweede"),  # doubled: the first stays the pupil's own
        leerling("006", geboortedatum="31-02-2012"),  # rejected: its rows elsewhere are set apart
        leerling("004", roepnaam="Derde", klas="PrO 4B"),
    ]
    rows["Verzorgers"] = [verzorger("002"), verzorger("006"), verzorger("001", naam="dhr. B. Berg", relatie="vader"),
                          verzorger("003"), verzorger("001"), verzorger("999"), verzorger("004")]  # 005: none
    rows["Factoren"] += [factor("001", domein="cognitief"), belemmerend("005"), factor("002", soort="fout")]
    rows["Doelen"] = [doel("005", plan="IOP"), doel("001", periode=2), doel("003"), doel("001", plan="IOP"),
                      doel("002", status="behaald", evaluatie="Gelukt."), doel("006")]  # 004: none
    rows["Toetsen"] += [toets("003", onderdeel="spelling", dle=30), toets("001", datum=dt.date(2025, 6, 1))]
    rows["Ondersteuning"] = [ondersteuning("004"), ondersteuning("001", lijn="2e lijn"), ondersteuning("003")]
    rows["Kernteam"] = [{"leerlingnummer": "002", "datum_aanmelding": dt.date(2026, 10, 1),
                         "aangemeld_door": "P. Jansen", "akkoord_teamleider": dt.date(2026, 9, 30),
                         "hulpvraag": "Hoe helpen we bij verzuim?", "wat_is_al_gedaan": "Gesprekken.",
                         "toestemming_ouders": "ja",
                         "externe_partners": "schoolarts, leerplicht"}]
    return rows


def _gegeven(model) -> tuple:
    return (type(model), model, model.model_fields_set)


def _zelfde(a: Leerlingdossier, b: Leerlingdossier) -> None:
    assert _gegeven(a.leerling) == _gegeven(b.leerling)
    for lijst in LIJSTEN:
        assert [_gegeven(m) for m in getattr(a, lijst)] == [_gegeven(m) for m in getattr(b, lijst)], lijst


@pytest.fixture
def werkboek(maak_werkboek):
    wb = read_werkboek(maak_werkboek(_rommelig()), DATUM)
    yield wb
    wb.close()


def test_the_stream_gives_every_pupil_as_a_lookup_does(werkboek):
    per_leerling = [(nr, werkboek.leerlingen[nr], werkboek.dossiers[nr]) for nr in werkboek.leerlingen]
    stroom = list(werkboek.dossiers_stroom())
    assert [nr for nr, _rij, _d in stroom] == [nr for nr, _rij, _d in per_leerling] == ["003", "001", "002",
                                                                                      "004", "005"]
    for (nr, rij, dossier), (nr2, rij2, dossier2) in zip(stroom, per_leerling, strict=True):
        assert nr == nr2 == dossier.leerling.leerlingnummer
        assert (rij.blad, rij.rij, rij.model) == (rij2.blad, rij2.rij, rij2.model)
        _zelfde(dossier, dossier2)
    alle = dict((nr, d) for nr, _rij, d in stroom)
    # what the workbook says, not only that both ways agree
    assert alle["001"].leerling.roepnaam == "Sanne" and stroom[1][1].rij == 3
    assert [v.relatie.value for v in alle["001"].verzorgers] == ["vader", "moeder"]  # workbook order
    assert [(d.plan.value, d.periode.value if d.periode else None) for d in alle["001"].doelen] == [
        ("opp", "2"), ("iop", "1")]
    assert alle["005"].verzorgers == [] and alle["004"].doelen == []
    assert [k.externe_partners for k in alle["002"].kernteam] == [["schoolarts", "leerplicht"]]
    assert [f.soort.value for f in alle["002"].factoren] == ["bevorderend", "belemmerend"]  # the invalid one out
    assert "006" not in alle and ("Verzorgers", 3, "006") in werkboek.apart


@pytest.mark.parametrize("chunk", [1, 2, 3, 5, 8, 4096])
def test_pupils_that_span_a_chunk_are_given_whole_and_once(werkboek, chunk):
    store = werkboek._store
    nrs = list(werkboek.leerlingen)
    stroom = list(store.per_pupil(chunk=chunk))
    assert [pos for pos, _rows in stroom] == [werkboek.leerlingen.plaats(nr) for nr in nrs]
    for nr, (_pos, rows) in zip(nrs, stroom, strict=True):
        assert [(s, b, r, _gegeven(m)) for s, b, r, m in rows] == [
            (s, b, r, _gegeven(m)) for s, b, r, m in store.of_pupil(nr)]


def test_only_the_sheets_asked_for_are_read(werkboek):
    alle = {nr: d for nr, _rij, d in werkboek.dossiers_stroom()}
    deel = {nr: d for nr, _rij, d in werkboek.dossiers_stroom(checks.PUPIL_SHEETS)}
    assert list(deel) == list(alle)
    velden = {DOSSIER_FIELD[blad] for blad in checks.PUPIL_SHEETS}
    for nr, dossier in deel.items():
        assert _gegeven(dossier.leerling) == _gegeven(alle[nr].leerling)
        for lijst in LIJSTEN:
            verwacht = getattr(alle[nr], lijst) if lijst in velden else []
            assert [_gegeven(m) for m in getattr(dossier, lijst)] == [_gegeven(m) for m in verwacht], lijst
    assert any(d.toetsen for d in alle.values()) and not any(d.toetsen for d in deel.values())


def test_a_lookup_during_the_stream_reads_what_it_would_alone(werkboek):
    """No query stays open while the stream hands out a pupil: the caller may ask the store anything."""
    for nr, _rij, dossier in werkboek.dossiers_stroom():
        _zelfde(werkboek.dossiers[nr], dossier)
        assert len(werkboek.rijen["Toetsen"]) == 7


class _Verboden(list):
    """A list a rule may not read: the pass does not decode its sheet."""

    def _nee(self, *args):
        raise AssertionError("een regel leest een blad buiten checks.PUPIL_SHEETS")

    __iter__ = __len__ = __bool__ = __getitem__ = __contains__ = _nee  # type: ignore[assignment]


@pytest.mark.parametrize("bron", ["rommelig", "demo"])
def test_the_pupil_rules_read_no_sheet_outside_pupil_sheets(maak_werkboek, bron):
    pad = maak_werkboek(_rommelig()) if bron == "rommelig" else demo_folder() / "werkboek.xlsx"
    wb = read_werkboek(pad, DATUM)
    buiten = [lijst for lijst in LIJSTEN
              if lijst not in {DOSSIER_FIELD[blad] for blad in checks.PUPIL_SHEETS}]
    assert buiten
    try:
        gezien = 0
        for _nr, rij, dossier in wb.dossiers_stroom():
            for school in (wb.school, None):
                for datum in (DATUM, dt.date(2040, 1, 1)):  # also when the pupil has left or is of age
                    volledig = list(checks.pupil_issues(school, dossier, rij, datum))
                    afgeschermd = dataclasses.replace(dossier, **{lijst: _Verboden(getattr(dossier, lijst))
                                                                  for lijst in buiten})
                    assert list(checks.pupil_issues(school, afgeschermd, rij, datum)) == volledig
                    gezien += bool(volledig)
        assert gezien  # the rules did speak on these pupils
    finally:
        wb.close()


def test_every_sheet_is_stored_and_read_back_unchanged():
    """The demo fills every sheet and kind of field (choices, dates, numbers, lists, empty cells)."""
    wb = read_werkboek(demo_folder() / "werkboek.xlsx", DATUM)
    try:
        store = RowStore()
        try:
            rijen = [(blad, rij) for blad in wb.rijen for rij in wb.rijen[blad]]
            assert {blad for blad, _rij in rijen} == {"Leerlingen", *DOSSIER_FIELD}
            nummers = [store.add(blad, rij.model.leerlingnummer, rij.blad, rij.rij, rij.model) for blad, rij in rijen]
            for seq, (_blad, rij) in zip(nummers, rijen, strict=True):
                blad, nummer, model = store.get(seq)
                assert (blad, nummer, _gegeven(model)) == (rij.blad, rij.rij, _gegeven(rij.model))
                assert model.model_dump() == rij.model.model_dump()
        finally:
            store.close()
    finally:
        wb.close()


def test_a_model_with_more_state_than_its_fields_is_refused():
    from pydantic import ConfigDict

    from opp.models.base import Model

    class Vrij(Model):
        model_config = ConfigDict(extra="allow")
        naam: str

    with pytest.raises(AssertionError):
        _Codec(Vrij)


def test_the_reader_asks_row_rules_of_every_sheet_that_has_them():
    """reader.py calls row_issues only for checks.ROW_SHEETS: every sheet row_issues tests for is in it."""
    import ast
    import inspect
    import textwrap

    boom = ast.parse(textwrap.dedent(inspect.getsource(checks.row_issues)))
    genoemd = {vergelijking.comparators[0].value for vergelijking in ast.walk(boom)
               if isinstance(vergelijking, ast.Compare) and isinstance(vergelijking.left, ast.Name)
               and vergelijking.left.id == "sheet" and isinstance(vergelijking.comparators[0], ast.Constant)}
    assert genoemd == checks.ROW_SHEETS


def test_the_check_keeps_only_what_its_rules_read_and_reports_the_same(maak_werkboek):
    pad = maak_werkboek(_rommelig())
    volledig = read_werkboek(pad, DATUM)
    controle = read_werkboek(pad, DATUM, alleen_controle=True)
    try:
        assert controle.report.issues == volledig.report.issues and controle.report.issues
        assert controle.report.aantal_leerlingen == volledig.report.aantal_leerlingen == 6
        assert list(controle.apart) == list(volledig.apart) and list(controle.leerlingen) == list(volledig.leerlingen)
        opgeslagen = {blad for (blad,) in controle._store._db.execute("SELECT DISTINCT sheet FROM rij")}
        assert opgeslagen == {"Leerlingen", *checks.PUPIL_SHEETS}
        for blad in checks.PUPIL_SHEETS:
            assert controle.rijen[blad] == volledig.rijen[blad]
        # what was not kept cannot be asked for: never half a dossier
        with pytest.raises(RuntimeError):
            controle.dossiers["001"]
        with pytest.raises(RuntimeError):
            controle.rijen["Toetsen"]
        with pytest.raises(RuntimeError):
            list(controle.dossiers_stroom())
        with pytest.raises(RuntimeError):
            controle.bruikbare_dossiers()
    finally:
        volledig.close()
        controle.close()


def test_odd_values_survive_the_store():
    """What a model may hold comes back as it went in: far dates, large and signed numbers, any text."""
    from opp.models import Toetsonderdeel, Toetsresultaat

    rijen = [
        Toetsresultaat.model_validate({"leerlingnummer": "0001", "onderdeel": "spelling", "instrument": "Cito 😀 ß",
                                       "datum": dt.date(1, 1, 1), "dl": 1e300, "dle": 0, "score": -0.0}),
        Toetsresultaat.model_validate({"leerlingnummer": "0002", "onderdeel": Toetsonderdeel.INTELLIGENTIE,
                                       "instrument": "x" * 32767, "datum": dt.date(9999, 12, 31), "score": 10**6}),
    ]
    store = RowStore()
    try:
        nummers = [store.add("Toetsen", m.leerlingnummer, "Toetsen", 2, m) for m in rijen]
        for seq, m in zip(nummers, rijen, strict=True):
            terug = store.get(seq)[2]
            assert _gegeven(terug) == _gegeven(m)
            assert [type(v) for v in terug.__dict__.values()] == [type(v) for v in m.__dict__.values()]
        assert str(store.get(nummers[0])[2].score) == "-0.0"
    finally:
        store.close()
