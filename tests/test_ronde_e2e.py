"""The signing round end to end: the letters of `opp ronde brieven`, printed, signed and put through the
copier (tests/kopieerapparaat.py), read back by `opp ronde scan` into the tracker."""

from __future__ import annotations

import random
import shutil

import pytest

from kopieerapparaat import Kopie, blanco_pagina, kopieer, pagina_beelden, scan_pdf, teken_in_vak
from opp.invoer import open_invoer
from opp.render.documents import render
from opp.ronde.brieven import maak_brieven
from opp.ronde.code import leesbaar
from opp.ronde.lezen import lees_bestand
from opp.ronde.ontvangst import Uitkomst
from opp.ronde.scan import scan
from opp.tracker import sync_tracker
from scan_helpers import SCANDAG, rij_met_code
from tracker_helpers import RONDE, schrijf_werkboek, standaard_klas

pytestmark = [pytest.mark.libreoffice,
              pytest.mark.skipif(shutil.which("soffice") is None,
                                 reason="LibreOffice (soffice) is niet geïnstalleerd; .ci/run installeert het")]


def test_letters_out_copier_scans_back_and_the_tracker_knows_who_signed(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    werkboek = schrijf_werkboek(tmp_path / "werkboek.xlsx", *standaard_klas())
    with open_invoer(werkboek, RONDE) as invoer:
        render(invoer, documenten=["opp"], jobs=1)
        tracker = sync_tracker(invoer).tracker
    with open_invoer(werkboek, RONDE) as invoer:
        brieven = maak_brieven(invoer)
    assert brieven.ronde_pdf is not None

    # the pages to sign are the pages of the round's PDF with a code; each comes back signed, but one
    te_tekenen = [g for g in lees_bestand(brieven.ronde_pdf) if g.codes]
    assert len(te_tekenen) >= 4
    beelden = pagina_beelden(brieven.ronde_pdf)
    rnd = random.Random(29)
    rnd.shuffle(te_tekenen)
    weg, terug = te_tekenen[0], te_tekenen[1:]
    kopieen = [kopieer(teken_in_vak(beelden[g.pagina - 1], seed=i), Kopie(dpi=rnd.choice((150, 300)),
                                                                        hoek=rnd.uniform(-3, 3), omgekeerd=i % 2 == 0,
                                                                        kleur=i % 3 == 0, kwaliteit=45), seed=i)
               for i, g in enumerate(terug)]
    kopieen.append(kopieer(blanco_pagina(), Kopie(), seed=99))
    retour = scan_pdf(kopieen, tmp_path / "retour.pdf")

    result = scan([retour], tracker, SCANDAG)

    assert [p.uitkomst for p in result.paginas] == [Uitkomst.HERKEND] * len(terug) + [Uitkomst.LEEG]
    assert [p.code for p in result.paginas[:-1]] == [leesbaar(g.codes[0]) for g in terug]
    assert [p.handtekening_ontbreekt for p in result.paginas[:-1]] == [False] * len(terug)  # each one signed
    for g in terug:
        assert rij_met_code(tracker, g.codes[0])["Ontvangen op"].date() == SCANDAG
        assert len(list(tracker.parent.glob(f"*/* - {leesbaar(g.codes[0])}.pdf"))) == 1
    assert rij_met_code(tracker, weg.codes[0])["Ontvangen op"] is None
    assert result.ok and result.niet_herkend_pdf is None
