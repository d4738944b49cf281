"""The corpus in tests/data read by the library: unusable input is one clear OppError, good CSV reads clean."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from conftest import DATA, DATUM, codes, lees, plaats
from opp.problems import OppError
from opp.werkboek import xlsx
from opp.werkboek.reader import read_raw, read_werkboek

UNUSABLE = {
    "geen-csv": "bevat geen CSV-bestanden",
    "niet-utf8": "Opslaan als > 'CSV UTF-8",
    "document.xlsx": "is een Word-document",
    "kapot.xlsx": "beschadigd",
    "beschadigd.xlsx": "is beschadigd",
    "beveiligd.xlsx": "beveiligd met een wachtwoord",
    "oud.xls": "oud Excel-bestand (.xls)",
    "leeg.xlsx": "is leeg",
    "leeg-bestand.xlsx": "geen Excel-werkboek",
    "xml-bom.xlsx": "niet veilig te lezen",
    "enkel-bestand.csv": "Geef de map",
    "kapot.ods": "of het bestand is beschadigd",
    "beveiligd.ods": "beveiligd met een wachtwoord",
    "xml-bom.ods": "niet veilig te lezen",
    "brief.txt": "is geen werkboek",
    "bestaat-niet.xlsx": "bestaat niet",
}
GOOD_CSV = ["csv-puntkomma", "csv-puntkomma-bom", "csv-komma", "csv-komma-bom"]


def test_corpus_covers_every_case():
    on_disk = {p.name for p in DATA.iterdir()} - {"README.md", "fouten.xlsx", "fouten.ods", *GOOD_CSV}
    assert on_disk == set(UNUSABLE) - {"bestaat-niet.xlsx"}


@pytest.mark.parametrize("name", sorted(UNUSABLE))
def test_unusable_input_is_one_clear_line(name):
    with pytest.raises(OppError) as raised:
        read_werkboek(DATA / name, DATUM)
    bericht = raised.value.bericht
    assert UNUSABLE[name] in bericht
    assert "\n" not in bericht and len(bericht) < 300


def test_not_utf8_names_the_file():
    with pytest.raises(OppError, match="'leerlingen.csv' is niet in UTF-8"):
        read_werkboek(DATA / "niet-utf8", DATUM)


def test_a_zip_bomb_is_refused_before_unpacking(monkeypatch):
    monkeypatch.setattr(xlsx, "MAX_UNCOMPRESSED", 1000)
    with pytest.raises(OppError, match="groter dan"):
        read_werkboek(DATA / "fouten.xlsx", DATUM)


@pytest.mark.parametrize("name", GOOD_CSV)
def test_good_csv_folders_read_clean(name):
    werkboek = lees(DATA / name)
    assert werkboek.report.issues == []
    assert list(werkboek.dossiers) == ["000123", "000124"]  # leading zeros kept
    zoe = werkboek.dossiers["000123"]
    assert zoe.leerling.volledige_naam == "Zoë D'Souza"
    assert zoe.leerling.invulling_praktijkonderwijs == "Theorie in kleine stappen;\nstage in de zorg vanaf leerjaar 3."
    assert '"ik wil helpen"' in zoe.leerling.onderbouwing_uitstroom
    assert zoe.leerling.geboortedatum == dt.date(2012, 5, 14)
    assert werkboek.dossiers["000124"].leerling.geboortedatum == dt.date(2008, 2, 29)
    assert werkboek.school.naam == "Praktijkschool Proefhoeve"


def test_the_four_csv_dialects_read_the_same():
    def dump(werkboek):
        return {nr: (d.leerling.model_dump(), [v.model_dump() for v in d.verzorgers],
                     [g.model_dump() for g in d.doelen], [t.model_dump() for t in d.toetsen])
                for nr, d in werkboek.dossiers.items()}
    first, *others = [dump(lees(DATA / name)) for name in GOOD_CSV]
    assert all(other == first for other in others)


def test_the_workbook_with_data_problems_is_located():
    werkboek = lees(DATA / "fouten.xlsx")
    report = werkboek.report
    assert sorted(codes(report)) == ["onbekend-leerlingnummer", "ongeldige-datum", "ongeldige-keuze",
                                     "privacy-kolom-genegeerd"]
    assert {plaats(i) for i in report.fouten} == {("Leerlingen", 2, "Geboortedatum"), ("Doelen", 2, "Status"),
                                                  ("Verzorgers", 4, "Leerlingnummer")}
    assert report.aantal_leerlingen == 2
    assert [d.leerlingnummer for d in werkboek.bruikbare_dossiers()] == ["000124"]
    assert "999999990" not in json.dumps(report.to_dict())  # the BSN in the file


def test_the_ods_workbook_reads_as_the_xlsx():
    """The same workbook saved as .ods: the same problems at the same places, the same rows."""
    xlsx, ods = lees(DATA / "fouten.xlsx"), lees(DATA / "fouten.ods")
    assert [(i.code, plaats(i), i.ernst) for i in ods.report.issues] == \
        [(i.code, plaats(i), i.ernst) for i in xlsx.report.issues]
    assert ods.report.aantal_leerlingen == xlsx.report.aantal_leerlingen == 2
    assert list(ods.dossiers) == list(xlsx.dossiers) == ["000124"]  # 000123 has an error
    assert ods.dossiers["000124"] == xlsx.dossiers["000124"]
    assert [(r.rij, r.model) for r in ods.rijen["Leerlingen"]] == [(r.rij, r.model) for r in xlsx.rijen["Leerlingen"]]
    assert ods.school == xlsx.school
    with read_raw(DATA / "fouten.ods") as raw:  # leading zeros and a line break as typed
        zoe = dict(raw.sheets["leerlingen"].rows)[2]
    assert zoe[0] == "000123" and "Theorie in kleine stappen;\nstage in de zorg vanaf leerjaar 3." in zoe
