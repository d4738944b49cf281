"""rapport.xlsx and the PNGs, read back: sheets, native charts and their ranges, styling, privacy."""

from __future__ import annotations

import stat
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils.cell import range_to_tuple
from PIL import Image

from opp.invoer import open_invoer
from opp.problems import OppError, WerkboekOnbruikbaar
from opp.rapport import maak_rapport
from opp.rapport.charts import GRAFIEKEN
from opp.werkboek.blank import write_workbook
from rapport_helpers import DATUM, SCHOOL, maak_werkboek, namen_en_nummers

GEDEELD = ["Overzicht", "Uitstroom", "Ondersteuning", "Doelen", "Termijnen"]
VERTROUWELIJK = ["Vertrouwelijk OPP", "Vertrouwelijk evaluatie", "Vertrouwelijk TLV", "Vertrouwelijk bewaartermijn",
                 "Vertrouwelijk kernteam"]


@pytest.fixture(scope="module")
def werkboek(tmp_path_factory) -> Path:
    return maak_werkboek(tmp_path_factory.mktemp("rapport") / "werkboek.xlsx")


@pytest.fixture(scope="module")
def resultaat(werkboek):
    return maak_rapport(open_invoer(werkboek, DATUM), werkboek.parent / "uit")


@pytest.fixture(scope="module")
def wb(resultaat):
    return openpyxl.load_workbook(resultaat.rapport)


@pytest.fixture(scope="module")
def anoniem(werkboek):
    return maak_rapport(open_invoer(werkboek, DATUM), werkboek.parent / "anoniem", anoniem=True)


def cellen(ws) -> list[str]:
    return [str(c.value) for row in ws.iter_rows() for c in row if c.value is not None]


def waarden(wb, formule: str) -> list:
    """The cell values a chart reference such as 'Uitstroom'!$B$6:$B$9 points at."""
    blad, (min_col, min_row, max_col, max_row) = range_to_tuple(formule)
    ws = wb[blad]
    return [ws.cell(r, c).value for r in range(min_row, max_row + 1) for c in range(min_col, max_col + 1)]


def reeksen(wb, chart) -> dict:
    """{series title: values} plus the categories, all resolved from the chart's references."""
    cats = waarden(wb, chart.series[0].cat.numRef.f)
    for serie in chart.series:
        assert waarden(wb, serie.cat.numRef.f) == cats
    return {"categorieen": cats,
            **{waarden(wb, s.tx.strRef.f)[0]: waarden(wb, s.val.numRef.f) for s in chart.series}}


def test_sheets_shared_first_then_confidential(wb):
    assert wb.sheetnames == GEDEELD + VERTROUWELIJK


def test_shared_sheets_name_no_pupil(wb):
    verboden = [n.lower() for n in namen_en_nummers()]
    for naam in GEDEELD:
        tekst = "\n".join(cellen(wb[naam])).lower()
        assert not [v for v in verboden if v in tekst], naam


def test_confidential_sheets_are_marked_and_list_the_right_pupils(wb):
    for naam in VERTROUWELIJK:
        ws = wb[naam]
        assert naam.startswith("Vertrouwelijk")
        assert str(ws["A1"].value).startswith("VERTROUWELIJK")
    def nummers(naam):
        return [c for c in cellen(wb[naam]) if c.startswith("09001")]
    assert nummers("Vertrouwelijk OPP") == ["0900105"]
    assert nummers("Vertrouwelijk evaluatie") == ["0900108", "0900107"]
    assert nummers("Vertrouwelijk TLV") == ["0900109"]
    assert nummers("Vertrouwelijk kernteam") == ["0900109", "0900110"]
    assert "Eelco Postma" in cellen(wb["Vertrouwelijk OPP"])


def test_uitstroom_charts_point_at_their_tables(wb):
    ws = wb["Uitstroom"]
    assert len(ws._charts) == 2
    per_richting, per_klas = ws._charts
    assert reeksen(wb, per_richting) == {
        "categorieen": ["Arbeid", "Vervolgonderwijs", "Beschut werk", "Dagbesteding"], "Leerlingen": [6, 2, 1, 1]}
    assert reeksen(wb, per_klas) == {
        "categorieen": ["PrO 1A", "PrO 2A", "PrO 3A"],
        "Arbeid": [2, 2, 2], "Vervolgonderwijs": [1, 0, 1], "Beschut werk": [0, 1, 0], "Dagbesteding": [0, 0, 1]}
    assert per_richting.series[0].val.numRef.f == "'Uitstroom'!$B$6:$B$9"


def test_support_chart_shows_the_shares(wb):
    (chart,) = wb["Ondersteuning"]._charts
    assert reeksen(wb, chart) == {"categorieen": ["1e lijn", "2e lijn", "3e lijn"], "Aandeel": [0.8, 0.1, 0.1]}


def test_goals_chart_is_stacked_by_status(wb):
    (chart,) = wb["Doelen"]._charts
    assert chart.grouping == "stacked"
    r = reeksen(wb, chart)
    assert r["categorieen"] == ["Wonen", "Werken", "Vrije tijd", "Burgerschap"]  # labels start with a capital
    assert r["Behaald"] == [1, 2, 0, 0]
    assert r["Niet behaald"] == [0, 1, 0, 0]
    assert list(r)[1:] == ["Nog niet gestart", "Bezig", "Behaald", "Deels behaald", "Niet behaald", "Geen status"]


def test_kernteam_chart_per_klas(wb):
    (chart,) = wb["Termijnen"]._charts
    assert reeksen(wb, chart) == {"categorieen": ["PrO 1A", "PrO 2A", "PrO 3A"], "Aanmeldingen": [0, 0, 2]}


def test_norm_flags_in_the_workbook(wb):
    rijen = {r[0]: r for r in wb["Ondersteuning"].iter_rows(values_only=True) if r[0] in ("1e lijn", "3e lijn")}
    assert rijen["1e lijn"][1:] == (8, 0.8, "80% tot 85%", "binnen de norm")
    assert rijen["3e lijn"][1:] == (1, 0.1, "hoogstens 5%", "boven de norm")


def test_styling_header_widths_and_percentages(wb):
    ws = wb["Uitstroom"]
    kop = next(row for row in ws.iter_rows() if row[0].value == "Uitstroomrichting")
    assert kop[0].font.bold and kop[0].fill.fgColor.rgb.endswith("1F4E79")
    aandeel = ws.cell(kop[0].row + 1, 3)
    assert (aandeel.value, aandeel.number_format) == (0.6, "0.0%")
    assert ws.column_dimensions["A"].width >= len("vervolgonderwijs")
    doelen = wb["Doelen"]
    plan = next(row for row in doelen.iter_rows() if row[0].value == "Plan")
    assert plan[-1].value == "Aandeel behaald"
    assert doelen.cell(plan[0].row + 1, plan[-1].column).number_format == "0.0%"
    overzicht = wb["Overzicht"]
    datum = next(row for row in overzicht.iter_rows() if row[0].value == "Datum van het rapport")[1]
    assert datum.number_format == "dd-mm-yyyy" and datum.value.date() == DATUM


def test_pngs_are_written_and_non_empty(resultaat):
    assert [p.name for p in resultaat.afbeeldingen] == list(GRAFIEKEN)
    for path in resultaat.afbeeldingen:
        assert path.parent == resultaat.rapport.parent
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        with Image.open(path) as im:
            assert im.size[0] > 500 and im.size[1] > 300
            assert len(im.getcolors(maxcolors=100000) or range(100000)) > 5  # something is drawn


def test_files_are_owner_only(resultaat):
    for path in resultaat.paden:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_anonymous_report_has_no_confidential_sheets_and_no_names_anywhere(anoniem):
    wb = openpyxl.load_workbook(anoniem.rapport)
    assert wb.sheetnames == GEDEELD
    verboden = [n.lower() for n in namen_en_nummers()]
    for ws in wb:
        tekst = "\n".join(cellen(ws)).lower()
        assert not [v for v in verboden if v in tekst], ws.title
    # Not in a chart title, a sheet name or any other part of the file either.
    with zipfile.ZipFile(anoniem.rapport) as z:
        for naam in z.namelist():
            inhoud = z.read(naam).decode("utf-8", errors="ignore").lower()
            assert not [v for v in verboden if v in inhoud], naam
    assert "anoniem" in " ".join(cellen(wb["Overzicht"])).lower()
    assert not [v for v in verboden if v in repr(anoniem.to_dict()).lower()]


def test_refuses_to_overwrite_without_force(resultaat, werkboek):
    with pytest.raises(OppError) as info:
        maak_rapport(open_invoer(werkboek, DATUM), resultaat.rapport.parent)
    assert str(resultaat.rapport) in info.value.bericht
    assert "--force" in info.value.bericht


def test_force_overwrites(werkboek, tmp_path):
    eerst = maak_rapport(open_invoer(werkboek, DATUM), tmp_path)
    opnieuw = maak_rapport(open_invoer(werkboek, DATUM), tmp_path, force=True, anoniem=True)
    assert opnieuw.rapport == eerst.rapport
    assert openpyxl.load_workbook(opnieuw.rapport).sheetnames == GEDEELD


def test_an_existing_png_is_not_overwritten_either(werkboek, tmp_path):
    (tmp_path / "grafiek_doelen.png").write_bytes(b"mijn eigen plaatje")
    with pytest.raises(OppError, match="grafiek_doelen.png"):
        maak_rapport(open_invoer(werkboek, DATUM), tmp_path)
    assert not (tmp_path / "rapport.xlsx").exists()


def test_settings_beside_the_workbook_are_used(tmp_path):
    werkboek = maak_werkboek(tmp_path / "werkboek.xlsx")
    (tmp_path / "opp.toml").write_text("[normen]\neerste_lijn_min = 0.85\n[termijnen]\n"
                                       "tlv_verloopt_binnen_maanden = 12\nopp_vaststellen_dagen = 43\n",
                                       encoding="utf-8")
    cijfers = maak_rapport(open_invoer(werkboek, DATUM), tmp_path / "uit").cijfers
    assert cijfers["ondersteuning"]["normen"]["1e lijn"]["oordeel"] == "onder de norm"
    assert cijfers["termijnen"]["tlv_verloopt"] == 2
    assert cijfers["termijnen"]["opp_niet_vastgesteld"] == 0  # day 43 is now the last day


def test_skipped_pupils_are_counted_and_left_out(tmp_path):
    werkboek = maak_werkboek(tmp_path / "werkboek.xlsx", met_fout=True)
    resultaat = maak_rapport(open_invoer(werkboek, DATUM), tmp_path / "uit")
    assert (resultaat.aantal_leerlingen, resultaat.overgeslagen) == (10, 1)
    assert "1 leerling is overgeslagen" in resultaat.samenvatting[-1]
    assert f"opp check {werkboek}" in resultaat.samenvatting[-1]
    wb = openpyxl.load_workbook(resultaat.rapport)
    assert not any("Oosterhof" in c or "0900199" in c for ws in wb for c in cellen(ws))


def test_an_unusable_workbook_is_a_clear_error(tmp_path):
    werkboek = tmp_path / "werkboek.xlsx"
    write_workbook(werkboek, rows={}, school={k: v for k, v in SCHOOL.items() if k != "schooljaar"})
    with pytest.raises(WerkboekOnbruikbaar) as exc:
        maak_rapport(open_invoer(werkboek, DATUM), tmp_path / "uit")
    assert [(i.code, i.blad) for i in exc.value.problemen] == [("waarde-ontbreekt", "School")]
    assert not (tmp_path / "uit").exists()


def test_a_workbook_without_goals_or_referrals_still_gives_a_report(tmp_path):
    from rapport_helpers import rows
    alleen_leerlingen = {k: v for k, v in rows().items() if k in ("Leerlingen", "Verzorgers")}
    werkboek = tmp_path / "werkboek.xlsx"
    write_workbook(werkboek, rows=alleen_leerlingen, school=SCHOOL)
    resultaat = maak_rapport(open_invoer(werkboek, DATUM), tmp_path / "uit")
    assert resultaat.cijfers["doelen"]["totaal"] == 0
    assert resultaat.cijfers["doelen"]["aandeel_behaald"] is None
    wb = openpyxl.load_workbook(resultaat.rapport)
    assert wb["Doelen"]._charts == []
    assert "Het werkboek bevat geen doelen." in cellen(wb["Doelen"])
    assert "Geen leerlingen op deze lijst." in cellen(wb["Vertrouwelijk kernteam"])
    assert all(p.stat().st_size > 1000 for p in resultaat.afbeeldingen)


def test_a_name_that_looks_like_a_formula_stays_text(tmp_path):
    from rapport_helpers import rows

    data = rows()
    data["Leerlingen"][0]["roepnaam"] = '=HYPERLINK("http://x","klik")'
    data["Leerlingen"][0]["datum_vaststelling"] = None  # so the pupil is listed on a confidential sheet
    write_workbook(tmp_path / "werkboek.xlsx", rows=data, school=SCHOOL)
    rapport = maak_rapport(open_invoer(tmp_path / "werkboek.xlsx", DATUM), tmp_path / "uit").rapport
    wb = openpyxl.load_workbook(rapport)
    texts = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row
             if isinstance(c.value, str) and "HYPERLINK" in c.value]
    assert texts, "the pupil should be listed somewhere"
    assert all(c.data_type == "s" and c.quotePrefix for c in texts)
