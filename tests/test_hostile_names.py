"""Pupil names a school could type that are long in bytes or hide characters still give 26 demo documents."""

from __future__ import annotations

import shutil
import unicodedata

from conftest import DATUM, edit_xlsx, header_column
from opp.data import demo_folder
from opp.invoer import open_invoer
from opp.render.documents import render

EMOJI, CJK = "\U0001F600", "\U00020000"  # four bytes each in UTF-8


def test_four_byte_and_invisible_characters_in_every_name(tmp_path):
    pad = shutil.copyfile(demo_folder() / "werkboek.xlsx", tmp_path / "werkboek.xlsx")
    namen = [EMOJI * 60, CJK * 60, f"Kuipers{EMOJI * 58}", "Jansen\u202excod.exe", "Ba\u200bkker\u2066x",
             f"{CJK}\u200f" * 40]

    def zet_namen(wb):
        ws = wb["Leerlingen"]
        roep, achter, klas = (header_column(ws, k) for k in ("Roepnaam", "Achternaam", "Klas"))
        for i, rij in enumerate(range(2, ws.max_row + 1)):
            ws.cell(rij, achter).value = namen[i % len(namen)]
            ws.cell(rij, roep).value = CJK * 50 if i % 2 else EMOJI * 50
            ws.cell(rij, klas).value = f"{ws.cell(rij, klas).value} {EMOJI * 70}"

    edit_xlsx(pad, zet_namen)
    with open_invoer(pad, DATUM) as invoer:
        result = render(invoer, uit=tmp_path / "uit", jobs=1, per_klas=True)
    assert result.ok and len(result.geschreven) == 26, result.overgeslagen
    assert len({p.name for p in result.geschreven}) == 26
    for p in result.geschreven:
        for deel in (p.name, p.parent.name):
            assert len(deel.encode("utf-8")) <= 255
            assert not any(unicodedata.category(c) in ("Cf", "Cc") for c in deel), repr(deel)
        assert p.is_file() and p.name.endswith(f" - {DATUM.isoformat()}.docx")


def test_a_dossier_for_a_pupil_with_a_long_name_and_a_long_attachment_name(tmp_path):
    from dossier_helpers import leerling, pdf_bytes, pro_aanvraag, werkboek
    from opp.dossier import maak_dossier

    bijlage = f"bijlagen/{CJK * 62}.pdf"  # 252 bytes: allowed on disk, too long once numbered
    pad = werkboek(tmp_path, leerlingen=[leerling(roepnaam=EMOJI * 60, achternaam=CJK * 60)],
                   tlv=[pro_aanvraag(bijlagen=bijlage)], bijlagen={bijlage: pdf_bytes()})
    with open_invoer(pad, DATUM) as invoer:
        r = maak_dossier(invoer, "001", uit=tmp_path / "uit")
    assert r.map.is_dir() and r.zip.is_file()
    for p in (r.map, r.zip, *r.map.iterdir()):
        assert len(p.name.encode("utf-8")) <= 255
    assert len(list(r.map.iterdir())) == 3
