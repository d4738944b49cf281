"""An empty signature box, told only where it can be told reliably: on opp's own page to sign, whose box carries
its anchor (handtekening.ANKER). The letters of `opp ronde brieven` are printed, half of the pages signed (a pen
scribble in the box), and put through the copier at 150 to 300 dpi, skewed, upside down, grey or colour, JPEG;
the scan says of each page whether its box looks empty. A page without the anchor (a school's own layout) gets
no verdict, and neither does a box with only a speck in it."""

from __future__ import annotations

import random
import shutil

import numpy as np
import pytest
import zxingcpp
from PIL import Image, ImageDraw

from kopieerapparaat import Kopie, kopieer, pagina_beelden, scan_pdf, te_tekenen_pagina, teken_in_vak
from opp.invoer import open_invoer
from opp.render.documents import render
from opp.ronde.brieven import maak_brieven
from opp.ronde.code import nieuwe_code
from opp.ronde.handtekening import ANKER, SYMBOOL_CM, VAK, inkt_in_vak, oordeel
from opp.ronde.lezen import lees_bestand
from opp.ronde.ontvangst import Uitkomst
from opp.ronde.scan import scan
from opp.tracker import sync_tracker
from scan_helpers import SCANDAG
from tracker_helpers import RONDE, schrijf_werkboek, standaard_klas

pytestmark = [pytest.mark.libreoffice,
              pytest.mark.skipif(shutil.which("soffice") is None,
                                 reason="LibreOffice (soffice) is niet geïnstalleerd; .ci/run installeert het")]

DPI = 200
CM = DPI / 2.54


@pytest.fixture(scope="module")
def ronde(tmp_path_factory):
    map_ = tmp_path_factory.mktemp("handtekening")
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(map_)
        werkboek = schrijf_werkboek(map_ / "werkboek.xlsx", *standaard_klas())
        with open_invoer(werkboek, RONDE) as invoer:
            render(invoer, documenten=["opp"], jobs=1)
            tracker = map_ / sync_tracker(invoer).tracker
        with open_invoer(werkboek, RONDE) as invoer:
            result = maak_brieven(invoer)
    beelden = pagina_beelden(map_ / result.ronde_pdf, dpi=DPI)
    te_tekenen = [g.pagina - 1 for g in lees_bestand(map_ / result.ronde_pdf) if g.codes]
    return tracker, beelden, te_tekenen


def _anker(beeld: Image.Image) -> np.ndarray:
    (gevonden,) = [b for b in zxingcpp.read_barcodes(beeld) if b.text == ANKER]
    return np.array([gevonden.position.top_left.x, gevonden.position.top_left.y], dtype=float)


def test_the_box_lies_where_the_scan_measures_it(ronde):
    """The box's borders on the rendered letter, found from its anchor, are where handtekening.VAK says (1 mm)."""
    _, beelden, te_tekenen = ronde
    for i in te_tekenen:
        beeld = beelden[i]
        grijs = np.asarray(beeld)
        x, y = _anker(beeld)
        midden = int(y + SYMBOOL_CM * CM / 2)
        rij = grijs[midden]
        links = next(j for j in range(int(x) - 5, 0, -1) if rij[j] < 225)
        rechts = next(j for j in range(int(x + SYMBOOL_CM * CM) + 5, len(rij)) if rij[j] < 225)
        kolom = grijs[:, int(x) - 20]
        boven = next(j for j in range(int(y) - 5, 0, -1) if kolom[j] < 225)
        onder = next(j for j in range(int(y + SYMBOOL_CM * CM) + 5, len(kolom)) if kolom[j] < 225)
        gemeten = [(links - x) / CM, (boven - y) / CM, (rechts - x) / CM, (onder - y) / CM]
        assert gemeten == pytest.approx([VAK.links, VAK.boven, VAK.rechts, VAK.onder], abs=0.1), i + 1


def _teken(beeld: Image.Image, seed: int, klein: bool = False) -> Image.Image:
    return teken_in_vak(beeld, seed=seed, klein=klein, dpi=DPI)


def test_a_signed_box_and_an_empty_one_are_told_apart_on_every_kind_of_copy(ronde, tmp_path):
    tracker, beelden, te_tekenen = ronde
    rnd = random.Random(7)
    kopieen, verwacht = [], []
    soorten = [Kopie(dpi=150, hoek=-3, kwaliteit=35, ruis=14), Kopie(dpi=150, hoek=2.5, omgekeerd=True, kleur=True),
               Kopie(dpi=200, hoek=-1.5, omgekeerd=True, kwaliteit=45), Kopie(dpi=300, hoek=3, kleur=True),
               Kopie(dpi=300, hoek=-2, omgekeerd=True, kwaliteit=40, ruis=12)]
    for n, kopie in enumerate(soorten):
        for i in te_tekenen:
            getekend = rnd.random() < 0.5
            klein = getekend and n % 2 == 1
            pagina = _teken(beelden[i], seed=n * 100 + i, klein=klein) if getekend else beelden[i]
            kopieen.append(kopieer(pagina, kopie, seed=n * 100 + i))
            verwacht.append(not getekend)
    gelezen = lees_bestand(scan_pdf(kopieen, tmp_path / "retour.pdf"))
    assert all(g.codes for g in gelezen)
    assert [g.vak_leeg for g in gelezen] == verwacht
    assert True in verwacht and False in verwacht


def test_the_scan_reports_an_empty_box_and_still_records_the_page(ronde, tmp_path):
    gedeeld, beelden, te_tekenen = ronde
    tracker = shutil.copy(gedeeld, tmp_path / "ondertekening.xlsx")
    leeg, getekend = te_tekenen[:2]
    retour = scan_pdf([kopieer(beelden[leeg], Kopie(dpi=150, hoek=2, omgekeerd=True), seed=1),
                       kopieer(_teken(beelden[getekend], seed=2), Kopie(dpi=150, hoek=-2), seed=2)],
                      tmp_path / "retour.pdf")
    result = scan([retour], tracker, SCANDAG, backups_bewaren=10)
    assert [(p.uitkomst, p.handtekening_ontbreekt) for p in result.paginas] == [(Uitkomst.HERKEND, True),
                                                                               (Uitkomst.HERKEND, False)]
    assert result.paginas[0].ontvangen_op == SCANDAG and result.paginas[0].bewaard is not None
    assert not result.ok  # a person looks at it
    regels = [r for r in result.samenvatting() if "handtekening lijkt te ontbreken" in r]
    assert len(regels) == 1 and f"(rij {result.paginas[0].rij})" in regels[0] and "pagina 1" in regels[0]
    assert result.to_dict()["paginas"][0]["handtekening_ontbreekt"] is True


def test_no_verdict_without_the_anchor_or_with_only_a_speck(ronde, tmp_path):
    _, beelden, te_tekenen = ronde
    vlek = beelden[te_tekenen[0]].copy()
    x, y = _anker(vlek)
    ImageDraw.Draw(vlek).ellipse((x - 2.5 * CM, y + CM, x - 2.5 * CM + 6, y + CM + 6), fill=20)  # a 0.8 mm dot
    code = nieuwe_code()
    eigen = te_tekenen_pagina(code, getekend=False)  # a school's own layout: no anchor
    gelezen = lees_bestand(scan_pdf([kopieer(vlek, Kopie(dpi=300), seed=1), kopieer(eigen, Kopie(dpi=200), seed=2)],
                                    tmp_path / "r.pdf"))
    assert [g.vak_leeg for g in gelezen] == [None, None]
    assert gelezen[1].codes == (code,) and gelezen[0].codes


def test_the_verdict_thresholds_and_a_box_outside_the_image():
    assert [oordeel(v) for v in (None, 0.0, 0.0004, 0.001, 0.0021, 0.03)] == [None, True, True, None, False, False]
    wit = Image.new("L", (400, 400), 255)
    assert inkt_in_vak(wit, ((10, 10), (80, 10), (10, 80))) is None  # the box would lie left of the image
    assert inkt_in_vak(wit, ((300, 100), (301, 100), (300, 101))) is None  # no symbol of a sensible size
