"""opp tracker sync: the rows the round needs, and a re-sync that never loses what the secretary typed."""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
import zipfile

import openpyxl
import pytest
from click.testing import CliRunner
from openpyxl.chart import BarChart, Reference

from opp.cli import cli
from opp.invoer import open_invoer
from opp.problems import OppError, WerkboekOnbruikbaar
from opp.settings import Settings
from opp.tracker import sync_tracker
from opp.tracker.bestand import vertaal_waarschuwing
from tracker_helpers import (
    RONDE,
    Secretaresse,
    getypt,
    kolommen,
    leerling,
    per_sleutel,
    rijen,
    schrijf_werkboek,
    standaard_klas,
    verzorger,
    vind,
)

INVOER = ("Verstuurd op", "Ontvangen op", "Besluit", "Opmerking")
VERWACHTE_KOPPEN = ["Leerlingnummer", "Naam", "Klas", "Mentor", "Document", "Versie", "Ondertekenaar", "Rol",
                    "E-mail", "Verstuurd op", "Ontvangen op", "Besluit", "Opmerking", "Status", "Sleutel", "Vervallen",
                    "Opnieuw", "Groep", "Getekend", "Code"]


@pytest.fixture
def werkboek(tmp_path):
    return schrijf_werkboek(tmp_path / "werkboek.xlsx", *standaard_klas())


@pytest.fixture
def tracker(tmp_path):
    (tmp_path / "uit").mkdir()  # a new tracker only in a folder that exists (or the default one)
    return tmp_path / "uit" / "ondertekening.xlsx"


def test_new_tracker_has_one_row_per_pupil_document_and_signer(werkboek, tracker):
    result = sync_tracker(open_invoer(werkboek, RONDE), tracker)

    assert result.nieuw and result.backup is None and result.ok
    # 1001 and 1002: two parents + the pupil 'voor gezien' + the mentor; 1003 (18): himself + the mentor.
    assert (result.toegevoegd, result.rijen) == (10, 10)
    wb = openpyxl.load_workbook(tracker)
    assert wb.sheetnames[:2] == ["Ondertekening", "Overzicht"]
    ws = wb["Ondertekening"]
    assert [c.value for c in ws[1]] == VERWACHTE_KOPPEN
    moeder = vind(tracker, "1001", "m. berg")
    assert moeder["Naam"] == "Sanne Berg" and moeder["Klas"] == "PrO 1A" and moeder["Mentor"] == "dhr. P. Jansen"
    assert moeder["Document"] == "OPP handelingsdeel" and moeder["Rol"] == "moeder: instemming"
    assert moeder["E-mail"] == "m.berg@example.nl" and moeder["Leerlingnummer"] == "1001"
    assert vind(tracker, "1001", "sanne")["Rol"] == "leerling: voor gezien"
    assert vind(tracker, "1001", "jansen")["Rol"] == "mentor: namens school"
    assert vind(tracker, "1003", "daan")["Rol"] == "leerling (meerderjarig): instemming"
    assert not [r for r in rijen(tracker) if r["_sleutel"][0] == "1003" and "visser" in r["_sleutel"][2]
                and "mw." in r["_sleutel"][2]], "an adult pupil's mother does not sign"
    # Parents' consent rows of one pupil share a group number; other rows have none.
    assert vind(tracker, "1001", "m. berg")["Groep"] == vind(tracker, "1001", "j. berg")["Groep"] is not None
    assert vind(tracker, "1001", "sanne")["Groep"] is None
    # Hidden bookkeeping, frozen header, filter, print settings.
    letters = {kop: openpyxl.utils.get_column_letter(c) for kop, c in kolommen(ws).items()}
    for kop in ("Sleutel", "Vervallen", "Groep", "Getekend"):
        assert ws.column_dimensions[letters[kop]].hidden
    assert not ws.column_dimensions[letters["Status"]].hidden
    assert ws.freeze_panes == "C2"
    assert ws.auto_filter.ref == "A1:T11"
    assert ws.page_setup.orientation == "landscape" and ws.print_title_rows == "$1:$1"
    validaties = {dv.errorTitle: dv for dv in ws.data_validations.dataValidation}
    assert validaties["Ongeldig besluit"].formula1 == '"akkoord,niet akkoord"'
    assert str(validaties["Ongeldig besluit"].sqref).startswith(f"{letters['Besluit']}2:")
    assert validaties["Geen geldige datum"].type == "date"
    assert ws.conditional_formatting, "status colours"
    assert oct(stat.S_IMODE(os.stat(tracker).st_mode)) == "0o600"


def test_default_path_is_output_schooljaar_in_the_current_folder(werkboek, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = sync_tracker(open_invoer(werkboek, RONDE), None)
    assert result.tracker == tmp_path.joinpath("output", "2026-2027", "ondertekening.xlsx").relative_to(tmp_path)
    assert (tmp_path / "output" / "2026-2027" / "ondertekening.xlsx").is_file()


def test_resync_keeps_every_keystroke_after_sorting_hiding_moving_and_a_changed_workbook(tmp_path, tracker):
    leerlingen = [
        leerling("1001", "Sanne", "Berg", dt.date(2012, 5, 14), "PrO 1A"),
        leerling("1002", "Mo", "Amrani", dt.date(2011, 2, 3), "PrO 2B"),
        leerling("1004", "Lisa", "de Wit", dt.date(2008, 10, 15), "PrO 4A"),  # 17 now, 18 on 15 October
    ]
    verzorgers = [
        verzorger("1001", "mw. M. Berg", "moeder"), verzorger("1001", "dhr. J. Berg", "vader"),
        verzorger("1002", "mw. F. Amrani", "moeder"), verzorger("1002", "dhr. A. Amrani", "vader"),
        verzorger("1004", "mw. K. de Wit", "moeder"),
    ]
    eerste = schrijf_werkboek(tmp_path / "a.xlsx", leerlingen, verzorgers)
    sync_tracker(open_invoer(eerste, RONDE), tracker)
    sleutel = {naam: vind(tracker, nr, naam)["Sleutel"] for nr, naam in
               [("1001", "m. berg"), ("1001", "j. berg"), ("1002", "f. amrani"), ("1002", "a. amrani"),
                ("1004", "k. de wit"), ("1004", "lisa"), ("1001", "jansen")]}

    with Secretaresse(tracker) as s:
        s.typ(sleutel["m. berg"], "Verstuurd op", dt.date(2026, 9, 20))
        s.typ(sleutel["j. berg"], "Ontvangen op", dt.date(2026, 9, 25))
        s.typ(sleutel["j. berg"], "Besluit", "akkoord")
        s.typ(sleutel["f. amrani"], "Opmerking", "Belt terug na de vakantie")
        s.typ(sleutel["a. amrani"], "Besluit", "niet akkoord")
        s.typ(sleutel["k. de wit"], "Verstuurd op", dt.date(2026, 9, 1))
        s.typ(sleutel["lisa"], "Ontvangen op", dt.date(2026, 9, 5))
        s.typ(sleutel["jansen"], "Opmerking", "=SOM(A1)")  # she typed a formula herself: her business
        eigen = s.eigen_kolom("Gebeld")
        s.ws.cell(s.rij_van(sleutel["f. amrani"]), eigen).value = "ja, 3 okt"
        s.ws.cell(s.rij_van(sleutel["m. berg"]), eigen).fill = openpyxl.styles.PatternFill("solid", fgColor="FFFF00")
        s.sorteer("Naam")
        s.verberg(sleutel["m. berg"])
        s.verplaats_kolommen("Opmerking", "Naam")
        s.ws.column_dimensions[openpyxl.utils.get_column_letter(s.kol["Opmerking"])].width = 55
    voor = getypt(tracker, INVOER + ("Gebeld",))
    assert len(voor) == 7

    # The new workbook: 1002 left, 1005 came, 1001 got a guardian with gezag, 1004 turns 18 before the new date.
    leerlingen2 = [leerlingen[0], leerlingen[2], leerling("1005", "Noor", "Smit", dt.date(2012, 3, 3), "PrO 1A")]
    verzorgers2 = [verzorgers[0], verzorgers[1], verzorgers[4], verzorger("1001", "mw. P. Berg-Kok", "voogd"),
                   verzorger("1005", "dhr. R. Smit", "vader")]
    tweede = schrijf_werkboek(tmp_path / "b.xlsx", leerlingen2, verzorgers2)
    result = sync_tracker(open_invoer(tweede, dt.date(2026, 10, 20)), tracker)

    na = per_sleutel(tracker)
    assert getypt(tracker, INVOER + ("Gebeld",)) == voor, "every typed value is on the row with the same key"
    assert na[sleutel["m. berg"]]["_verborgen"], "the hidden row stays hidden"
    assert not na[sleutel["j. berg"]]["_verborgen"]
    ws = openpyxl.load_workbook(tracker, rich_text=True)["Ondertekening"]
    kol = kolommen(ws)
    assert ws.cell(na[sleutel["m. berg"]]["_rij"], kol["Gebeld"]).fill.fgColor.rgb == "00FFFF00"
    assert ws.column_dimensions[openpyxl.utils.get_column_letter(kol["Opmerking"])].width == 55
    assert list(kol)[:2] == ["Leerlingnummer", "Opmerking"], "her column order stays"
    assert na[sleutel["f. amrani"]]["Naam"] == "Mo Amrani" and na[sleutel["f. amrani"]]["Opmerking"].startswith("Belt")

    # 1002 left: kept, marked vervallen. 1004 is 18: parent and 'voor gezien' rows vervallen, a new consent row.
    for key in (sleutel["f. amrani"], sleutel["a. amrani"], sleutel["k. de wit"], sleutel["lisa"]):
        assert na[key]["Vervallen"] == "ja"
    lisa = vind(tracker, "1004", "lisa", soort="instemming")
    assert lisa["Rol"] == "leerling (meerderjarig): instemming" and lisa["Vervallen"] is None
    assert vind(tracker, "1001", "berg-kok")["Rol"] == "voogd: instemming"
    assert {r["_sleutel"][0] for r in rijen(tracker)} == {"1001", "1002", "1004", "1005"}
    assert na[sleutel["m. berg"]]["Vervallen"] is None
    # 1001: +guardian; 1004: +instemming; 1005: father, pupil, mentor. 1002: 4 rows; 1004: 2 rows vervallen.
    assert (result.toegevoegd, result.vervallen, result.hersteld) == (5, 6, 0)
    assert result.behouden == 5  # 1001: 2 parents, pupil, mentor; 1004: mentor
    assert result.rijen == len(na) == 16

    # 1002 comes back: the rows are needed again, the mark is lifted, nothing typed is lost.
    derde = schrijf_werkboek(tmp_path / "c.xlsx", leerlingen, verzorgers + verzorgers2[3:])
    result = sync_tracker(open_invoer(derde, dt.date(2026, 10, 20)), tracker)
    assert result.hersteld == 4 and result.toegevoegd == 0
    assert getypt(tracker, INVOER + ("Gebeld",)) == voor
    assert per_sleutel(tracker)[sleutel["a. amrani"]]["Vervallen"] is None


def test_pupils_with_errors_are_skipped_and_their_rows_left_alone(tmp_path, tracker):
    leerlingen, verzorgers = standaard_klas()
    sync_tracker(open_invoer(schrijf_werkboek(tmp_path / "a.xlsx", leerlingen, verzorgers), RONDE), tracker)
    with Secretaresse(tracker) as s:
        s.typ(vind(tracker, "1002", "f. amrani")["Sleutel"], "Verstuurd op", dt.date(2026, 9, 30))
    voor = {k: v for k, v in per_sleutel(tracker).items() if v["_sleutel"][0] == "1002"}

    leerlingen[1]["geboortedatum"] = "31-02-2011"  # not a date: 1002 is skipped
    kapot = schrijf_werkboek(tmp_path / "b.xlsx", leerlingen, verzorgers)
    result = sync_tracker(open_invoer(kapot, RONDE), tracker)

    assert not result.ok and list(result.overgeslagen) == ["1002"]
    assert result.overgeslagen["1002"][0].code == "ongeldige-datum"
    assert result.vervallen == 0
    na = per_sleutel(tracker)
    for key, row in voor.items():
        assert {k: na[key][k] for k in VERWACHTE_KOPPEN if k not in ("Status", "Getekend")} == \
               {k: row[k] for k in VERWACHTE_KOPPEN if k not in ("Status", "Getekend")}

    runner = CliRunner()
    uit = runner.invoke(cli, ["tracker", "sync", str(kapot), "--tracker", str(tracker), "--datum", "01-10-2026"],
                        catch_exceptions=False)
    assert uit.exit_code == 1, uit.output
    assert "1 leerling overgeslagen" in uit.output and "1002: Blad 'Leerlingen'" in uit.output


def test_a_workbook_with_errors_for_everyone_changes_nothing(tmp_path, tracker, werkboek):
    sync_tracker(open_invoer(werkboek, RONDE), tracker)
    voor = tracker.read_bytes()
    leerlingen, verzorgers = standaard_klas()
    kapot = schrijf_werkboek(tmp_path / "kapot.xlsx", leerlingen, verzorgers, school={"naam": "De Linde"})
    with pytest.raises(WerkboekOnbruikbaar):
        sync_tracker(open_invoer(kapot, RONDE), tracker)
    leeg = schrijf_werkboek(tmp_path / "leeg.xlsx", [], [])
    with pytest.raises(OppError, match="geen enkele leerling"):
        sync_tracker(open_invoer(leeg, RONDE), tracker)
    assert tracker.read_bytes() == voor
    assert not list(tracker.parent.glob("*.backup-*"))


def test_backup_is_written_beside_the_tracker_before_a_change(werkboek, tracker):
    sync_tracker(open_invoer(werkboek, RONDE), tracker)
    vorige = tracker.read_bytes()
    result = sync_tracker(open_invoer(werkboek, RONDE), tracker, nu=dt.datetime(2026, 10, 2, 9, 30, 5))
    assert result.backup == tracker.with_name("ondertekening.backup-20261002-093005.xlsx")
    assert result.backup.read_bytes() == vorige
    assert oct(stat.S_IMODE(os.stat(result.backup).st_mode)) == "0o600"
    # The same second again: a second backup, the first one untouched.
    tweede = sync_tracker(open_invoer(werkboek, RONDE), tracker, nu=dt.datetime(2026, 10, 2, 9, 30, 5)).backup
    assert tweede.name == "ondertekening.backup-20261002-093005-2.xlsx" and result.backup.read_bytes() == vorige


def test_only_the_newest_backups_are_kept(werkboek, tracker):
    """Each backup holds personal data: past [tracker] backups_bewaren the oldest go, and nothing else does."""
    settings = Settings.model_validate({"tracker": {"backups_bewaren": 3}})
    sync_tracker(open_invoer(werkboek, RONDE, settings), tracker)
    eigen = [tracker.with_name(n) for n in ("ondertekening.backup-notities.xlsx", "andere.backup-20200101-000000.xlsx",
                                            "ondertekening.backup-20200101-000000.xlsx.txt")]
    for pad in eigen:
        pad.write_text("niet van opp")
    momenten = [dt.datetime(2026, 10, 1, 9, 0, s) for s in (1, 2, 2, 3, 4)]  # two in the same second
    results = [sync_tracker(open_invoer(werkboek, RONDE, settings), tracker, nu=nu) for nu in momenten]
    bewaard = sorted(p.name for p in tracker.parent.glob("ondertekening.backup-2*.xlsx"))
    assert bewaard == ["ondertekening.backup-20261001-090002-2.xlsx", "ondertekening.backup-20261001-090003.xlsx",
                       "ondertekening.backup-20261001-090004.xlsx"]
    assert [p.name for p in results[-1].backups_verwijderd] == ["ondertekening.backup-20261001-090002.xlsx"]
    assert all(pad.exists() for pad in eigen)
    assert "1 oudere backup verwijderd; de nieuwste 3 blijven bewaard" in "\n".join(results[-1].samenvatting())
    assert results[0].backups_verwijderd == [] and results[3].to_dict()["backups_verwijderd"] == [
        str(tracker.with_name("ondertekening.backup-20261001-090001.xlsx"))]


@pytest.mark.parametrize("lock", ["~$ondertekening.xlsx", ".~lock.ondertekening.xlsx#"])
def test_refuses_while_excel_has_the_tracker_open(werkboek, tracker, lock):
    sync_tracker(open_invoer(werkboek, RONDE), tracker)
    voor = tracker.read_bytes()
    (tracker.parent / lock).write_text("x")
    with pytest.raises(OppError, match="geopend in Excel") as exc:
        sync_tracker(open_invoer(werkboek, RONDE), tracker)
    assert lock in exc.value.bericht
    assert tracker.read_bytes() == voor and not list(tracker.parent.glob("*.backup-*"))

    uit = CliRunner().invoke(cli, ["tracker", "sync", str(werkboek), "--tracker", str(tracker)],
                             catch_exceptions=False)
    assert uit.exit_code == 2 and uit.output.startswith("Fout: 'ondertekening.xlsx' is geopend in Excel")


def test_refuses_a_tracker_without_its_key_column(werkboek, tracker):
    sync_tracker(open_invoer(werkboek, RONDE), tracker)
    wb = openpyxl.load_workbook(tracker)
    ws = wb["Ondertekening"]
    ws.cell(1, kolommen(ws)["Sleutel"]).value = None
    wb.save(tracker)
    with pytest.raises(OppError, match="mist de kolom 'Sleutel'"):
        sync_tracker(open_invoer(werkboek, RONDE), tracker)


def test_openpyxl_warnings_are_passed_on_in_dutch(werkboek, tracker):
    sync_tracker(open_invoer(werkboek, RONDE), tracker)
    _voeg_excel_extensie_toe(tracker)
    result = sync_tracker(open_invoer(werkboek, RONDE), tracker)
    assert any("keuzelijst of invoercontrole" in w for w in result.waarschuwingen), result.waarschuwingen
    assert result.waarschuwingen[-1] == f"Wat hierboven verloren gaat, staat nog in de backup {result.backup.name}."
    uit = CliRunner().invoke(cli, ["tracker", "sync", str(werkboek), "--tracker", str(tracker), "--datum",
                                   "01-10-2026"], catch_exceptions=False)
    assert uit.exit_code == 0 and "Let op:" not in uit.output  # the extension is gone after the first rewrite


def test_a_chart_the_secretary_adds_survives_a_sync(werkboek, tracker):
    sync_tracker(open_invoer(werkboek, RONDE), tracker)
    wb = openpyxl.load_workbook(tracker)
    ws = wb["Ondertekening"]
    grafiek = BarChart()
    grafiek.title = "Mijn grafiek"
    grafiek.add_data(Reference(ws, min_col=1, min_row=1, max_row=5))
    ws.add_chart(grafiek, "Z2")
    wb.save(tracker)
    result = sync_tracker(open_invoer(werkboek, RONDE), tracker)
    assert result.waarschuwingen == []
    assert [c.title is not None for c in openpyxl.load_workbook(tracker)["Ondertekening"]._charts] == [True]


TEKSTVAK = ('<xdr:twoCellAnchor xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" '
            'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><xdr:from><xdr:col>8</xdr:col>'
            '<xdr:colOff>0</xdr:colOff><xdr:row>1</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>11'
            '</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>4</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>'
            '<xdr:sp macro="" textlink=""><xdr:nvSpPr><xdr:cNvPr id="5" name="Tekstvak 1"/><xdr:cNvSpPr txBox="1"/>'
            '</xdr:nvSpPr><xdr:spPr><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr><xdr:txBody><a:bodyPr/>'
            '<a:p><a:r><a:t>Bellen na 1 dec</a:t></a:r></a:p></xdr:txBody></xdr:sp><xdr:clientData/>'
            '</xdr:twoCellAnchor>')


def _voeg_onderdelen_toe(tracker, onderdelen: dict[str, str]) -> None:
    """Rewrite the package with parts added or changed (a text box, a form control), as Excel would save them."""
    with zipfile.ZipFile(tracker) as bron:
        inhoud = {naam: bron.read(naam) for naam in bron.namelist()}
    for naam, verander in onderdelen.items():
        inhoud[naam] = verander(inhoud.get(naam, b"").decode()).encode()
    with zipfile.ZipFile(tracker, "w", zipfile.ZIP_DEFLATED) as doel:
        for naam, data in inhoud.items():
            doel.writestr(naam, data)


@pytest.mark.parametrize("onderdeel, melding", [
    ("tekstvak", "Vormen, tekstvakken en pijlen op een blad gaan verloren"),
    ("selectievakje", "Selectievakjes, knoppen en andere formulierelementen gaan verloren"),
    ("opmerking", "Opmerkingen met antwoorden worden gewone notities"),
])
def test_what_openpyxl_drops_silently_is_named_and_kept_in_the_backup(werkboek, tracker, onderdeel, melding):
    sync_tracker(open_invoer(werkboek, RONDE), tracker)  # the Overzicht sheet has a drawing with opp's own chart
    tekening = next(n for n in zipfile.ZipFile(tracker).namelist() if n.startswith("xl/drawings/drawing"))
    _voeg_onderdelen_toe(tracker, {
        "tekstvak": {tekening: lambda xml: xml.replace("</wsDr>", TEKSTVAK + "</wsDr>")},
        "selectievakje": {"xl/ctrlProps/ctrlProp1.xml": lambda _: '<formControlPr objectType="CheckBox"/>'},
        "opmerking": {"xl/threadedComments/threadedComment1.xml": lambda _: "<ThreadedComments/>"},
    }[onderdeel])
    result = sync_tracker(open_invoer(werkboek, RONDE), tracker)
    assert result.waarschuwingen[0].startswith(melding), result.waarschuwingen
    assert result.waarschuwingen[-1] == f"Wat hierboven verloren gaat, staat nog in de backup {result.backup.name}."
    if onderdeel == "tekstvak":
        assert b"Bellen na 1 dec" in zipfile.ZipFile(result.backup).read(tekening)
    assert sync_tracker(open_invoer(werkboek, RONDE), tracker).waarschuwingen == []  # gone after the rewrite, said once


def test_warning_translations():
    assert "Voorwaardelijke opmaak" in vertaal_waarschuwing(
        "Conditional Formatting extension is not supported and will be removed")
    assert vertaal_waarschuwing("Something new").startswith("Een onderdeel van het bestand kan opp niet bewaren")


def test_one_parent_suffices_makes_the_other_parent_not_needed(werkboek, tracker):
    settings = Settings.model_validate({"ondertekening": {"een_ouder_volstaat": True}})
    sync_tracker(open_invoer(werkboek, RONDE, settings), tracker)
    with Secretaresse(tracker) as s:
        s.typ(vind(tracker, "1001", "m. berg")["Sleutel"], "Besluit", "akkoord")
    from opp.tracker import tracker_statussen
    statussen = tracker_statussen(tracker, RONDE)
    assert str(statussen[vind(tracker, "1001", "j. berg")["Sleutel"]]) == "niet nodig"
    assert str(statussen[vind(tracker, "1002", "a. amrani")["Sleutel"]]) == "niet verstuurd"
    assert str(statussen[vind(tracker, "1001", "sanne")["Sleutel"]]) == "niet verstuurd"


def test_cli_sync_json_matches_the_library(werkboek, tracker):
    uit = CliRunner().invoke(cli, ["tracker", "sync", str(werkboek), "--tracker", str(tracker), "--datum",
                                   "01-10-2026", "--json"], catch_exceptions=False)
    assert uit.exit_code == 0, uit.output
    data = json.loads(uit.output)
    assert (data["nieuw"], data["toegevoegd"], data["rijen"], data["overgeslagen"]) == (True, 10, 10, {})
    uit = CliRunner().invoke(cli, ["tracker", "sync", str(werkboek), "--tracker", str(tracker)],
                             catch_exceptions=False)
    assert uit.exit_code == 0
    assert "Tracker bijgewerkt" in uit.output and "Backup van de vorige versie" in uit.output


def _voeg_excel_extensie_toe(path):
    """Add an x14 data validation (a dropdown fed from another sheet, as Excel stores it) to the tracker."""
    ext = (
        '<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" '
        'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">'
        '<x14:dataValidations count="1" xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main">'
        '<x14:dataValidation type="list" allowBlank="1"><x14:formula1><xm:f>Overzicht!$A$1:$A$3</xm:f>'
        '</x14:formula1><xm:sqref>R2:R20</xm:sqref></x14:dataValidation></x14:dataValidations></ext></extLst>'
    )
    with zipfile.ZipFile(path) as zin:
        items = [(info, zin.read(info.filename)) for info in zin.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info, data in items:
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"</worksheet>", ext.encode() + b"</worksheet>")
            zout.writestr(info, data)


def test_a_column_of_ours_she_deleted_comes_back_after_her_own_columns(werkboek, tracker):
    sync_tracker(open_invoer(werkboek, RONDE), tracker)
    wb = openpyxl.load_workbook(tracker)
    ws = wb["Ondertekening"]
    kol = kolommen(ws)
    ws.delete_cols(kol["Mentor"])  # openpyxl does not shift formulas: the sync rewrites them
    ws.cell(1, 20).value = "Eigen"
    ws.cell(2, 21).value = "iets zonder kop"
    wb.save(tracker)
    sync_tracker(open_invoer(werkboek, RONDE), tracker)
    ws = openpyxl.load_workbook(tracker)["Ondertekening"]
    kol = kolommen(ws)
    assert kol["Eigen"] == 20 and kol["Mentor"] == 22 and ws.cell(2, 21).value == "iets zonder kop"
    assert {r["Mentor"] for r in rijen(tracker)} == {"dhr. P. Jansen"}
    assert ws.column_dimensions["V"].width >= 10


def test_her_filter_stays_and_filtered_rows_stay_hidden(tmp_path, werkboek, tracker):
    sync_tracker(open_invoer(werkboek, RONDE), tracker)
    with Secretaresse(tracker) as s:
        klas = s.kol["Klas"]
        s.ws.auto_filter.add_filter_column(klas - 1, ["PrO 1A"])
        for r in range(2, s.ws.max_row + 1):
            s.ws.row_dimensions[r].hidden = s.ws.cell(r, klas).value != "PrO 1A"
    verborgen = {k for k, row in per_sleutel(tracker).items() if row["_verborgen"]}
    leerlingen, verzorgers = standaard_klas()
    leerlingen.append(leerling("1009", "Bo", "Kok", dt.date(2012, 1, 1), "PrO 1A"))
    verzorgers.append(verzorger("1009", "mw. Kok"))
    sync_tracker(open_invoer(schrijf_werkboek(tmp_path / "b.xlsx", leerlingen, verzorgers), RONDE), tracker)

    ws = openpyxl.load_workbook(tracker)["Ondertekening"]
    assert [(f.colId, f.filters.filter) for f in ws.auto_filter.filterColumn] == [(2, ["PrO 1A"])]
    assert ws.auto_filter.ref == "A1:T14"  # the three new rows are inside the filter
    assert {k for k, row in per_sleutel(tracker).items() if row["_verborgen"]} == verborgen and len(verborgen) == 6


def test_a_concept_opp_gets_no_rows_until_it_is_complete(tmp_path, tracker):
    leerlingen, verzorgers = standaard_klas()
    concept = [{**leerlingen[0], "inbreng_leerling": None}, *leerlingen[1:]]  # 1001: not yet heard: a concept
    a = schrijf_werkboek(tmp_path / "a.xlsx", concept, verzorgers)
    result = sync_tracker(open_invoer(a, RONDE), tracker)
    assert result.rijen == 6 and {r["_sleutel"][0] for r in rijen(tracker)} == {"1002", "1003"}

    # Complete: the plan is offered for signing, so its rows appear.
    result = sync_tracker(open_invoer(schrijf_werkboek(tmp_path / "b.xlsx", leerlingen, verzorgers), RONDE), tracker)
    assert (result.toegevoegd, result.vervallen) == (4, 0)
    assert vind(tracker, "1001", "m. berg")["Rol"] == "moeder: instemming"
    with Secretaresse(tracker) as s:
        s.typ(vind(tracker, "1001", "m. berg")["Sleutel"], "Verstuurd op", RONDE)

    # A concept again: its rows are not needed now but kept, with what was typed, as vervallen.
    result = sync_tracker(open_invoer(a, RONDE), tracker)
    assert (result.toegevoegd, result.vervallen) == (0, 4)
    moeder = vind(tracker, "1001", "m. berg")
    assert moeder["Vervallen"] == "ja" and moeder["Verstuurd op"].date() == RONDE
