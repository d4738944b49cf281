"""Excel's _xHHHH_ escapes are decoded and control characters removed where text is read from a workbook."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from conftest import DATUM, klas, lees
from opp.render.documents import bestandsnaam
from opp.werkboek.tekst import schoon


def test_escapes_are_decoded_and_controls_removed():
    assert schoon("Sanne_x0007_") == "Sanne"
    assert schoon("regel 1_x000D__x000A_regel 2") == "regel 1\r\nregel 2"
    assert schoon("a_x0009_b") == "a\tb"
    assert schoon("caf_x00E9_") == "café"
    assert schoon("_xD800_x") == "x"  # a lone surrogate cannot be written anywhere
    assert schoon("x\x07\x1b\x9by") == "xy"
    assert schoon("_x005F_x0007_") == ""  # Excel's escaped underscore: whether or not a reader decoded it
    assert schoon(12) == 12 and schoon(None) is None


_ESCAPES = st.sampled_from(["_x0007_", "_x005F_", "_x000A_", "_x00", "07_", "_x", "\x07", "\n", "_xD800_", "a", "é"])


@given(st.lists(st.one_of(_ESCAPES, st.text(max_size=5)), max_size=12).map("".join))
def test_schoon_is_idempotent_and_leaves_nothing_to_decode(text):
    once = schoon(text)
    assert schoon(once) == once
    assert not any(ord(c) < 32 and c not in "\t\n\r" for c in once)


def test_a_workbook_cell_with_an_escape_becomes_clean_model_data(maak_werkboek):
    rows = klas()
    rows["Leerlingen"][0].update(roepnaam="Sanne_x0007_", achternaam="Berg_x001B_", klas="PrO_x0007_ 2A")
    rows["Doelen"][0]["doel"] = "Werkt 20 minuten_x000A_zelfstandig."
    werkboek = lees(maak_werkboek(rows))
    assert werkboek.report.ok, [str(i) for i in werkboek.report.issues]
    dossier = werkboek.dossiers["001"]
    assert (dossier.leerling.roepnaam, dossier.leerling.achternaam, dossier.leerling.klas) == ("Sanne", "Berg",
                                                                                               "PrO 2A")
    assert dossier.doelen[0].doel == "Werkt 20 minuten\nzelfstandig."
    assert "_x" not in bestandsnaam(dossier, "opp", DATUM)


def test_a_csv_folder_gets_the_same(maak_csv):
    rows = klas()
    rows["Leerlingen"][0]["roepnaam"] = "Sanne_x0007_"
    assert lees(maak_csv(rows)).dossiers["001"].leerling.roepnaam == "Sanne"
