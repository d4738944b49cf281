"""opp ronde scan / ontvangen: pages scanned the way a copier scans them, read back into the tracker and filed.

Every tracker row, every filed page and every reported page is asserted, by code and place, not wording."""

from __future__ import annotations

import datetime as dt
import json
import random

import openpyxl
import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from kopieerapparaat import (
    Kopie,
    blanco_pagina,
    brief_pagina,
    in_twee_delen_pdf,
    kopieer,
    scan_pdf,
    te_tekenen_pagina,
)
from opp.cli import cli
from opp.problems import CODES, OppError
from opp.ronde import ontvangst as ontvangst_module
from opp.ronde.code import leesbaar, nieuwe_code
from opp.ronde.lezen import lees_bestand, lees_paginas
from opp.ronde.ontvangst import Uitkomst
from opp.ronde.scan import ontvangen, scan
from scan_helpers import SCANDAG, nieuwe_versie, rij_met_code, tracker_met_codes, typ

HAAR_DATUM = dt.datetime(2026, 10, 14)


def test_every_problem_outcome_is_a_documented_code():
    assert all(u.value in CODES for u in Uitkomst if u.is_probleem)


@pytest.fixture
def ronde(tmp_path):
    tracker, codes = tracker_met_codes(tmp_path)
    return tracker, codes


def _bewaard(tracker, code):
    return sorted(tracker.parent.glob(f"*/* - {leesbaar(code)}.pdf"))


def test_a_copier_scan_of_the_returned_pages_fills_the_tracker_and_files_every_page(ronde, tmp_path):
    tracker, codes = ronde
    sleutels = sorted(codes)  # 10 rows: 1001 and 1002 with 4 each, 1003 with 2
    oud_sleutel = sleutels[0]
    oude_code, nieuwe_code_ = nieuwe_versie(tracker, oud_sleutel)
    conflict_code = codes[sleutels[1]]
    typ(tracker, conflict_code, "Ontvangen op", HAAR_DATUM)
    weggelaten = {codes[sleutels[2]], codes[sleutels[3]]}  # not returned (yet)
    teruggekomen = [codes[s] for s in sleutels[1:] if codes[s] not in weggelaten]

    rnd = random.Random(13)
    # page content -> expected outcome; scanned in two jobs on the copier, at 150 and at 300 dpi
    paginas = [(te_tekenen_pagina(c), ("code", c)) for c in teruggekomen]
    paginas.append((te_tekenen_pagina(oude_code), ("oud", oude_code)))
    paginas.append((te_tekenen_pagina(teruggekomen[-1]), ("dubbel", teruggekomen[-1])))
    paginas.append((blanco_pagina(), ("leeg", None)))
    paginas.append((te_tekenen_pagina(None, titel="Brief aan de ouders"), ("geen code", None)))
    vreemde_code = nieuwe_code()
    paginas.append((te_tekenen_pagina(vreemde_code), ("onbekend", vreemde_code)))
    rnd.shuffle(paginas)
    scans, verwacht = [], {}
    for n, dpi in enumerate((150, 300)):
        deel = paginas[n::2]
        kopieen = [kopieer(beeld, Kopie(dpi=dpi, hoek=rnd.choice((-1, 1)) * rnd.uniform(1, 3),
                                        omgekeerd=i % 3 == 0, kleur=i % 2 == 1, kwaliteit=rnd.randint(35, 75),
                                        ruis=rnd.uniform(4, 14)), seed=i)
                   for i, (beeld, _) in enumerate(deel)]
        pad = scan_pdf(kopieen, tmp_path / f"retour-{dpi}.pdf")
        scans.append(pad)
        for i, (_, wat) in enumerate(deel, start=1):
            verwacht[(pad.name, i)] = wat

    result = scan(scans, tracker, SCANDAG, jobs=1)

    # every reported page
    per_pagina = {(p.bestand.name, p.pagina): p for p in result.paginas}
    assert set(per_pagina) == set(verwacht)
    gezien_dubbel = {c for wat, c in verwacht.values() if wat == "dubbel"}
    for plek, (wat, code) in verwacht.items():
        p = per_pagina[plek]
        if wat == "leeg":
            assert p.uitkomst is Uitkomst.LEEG, plek
        elif wat == "geen code":
            assert (p.uitkomst, p.code, p.rij) == (Uitkomst.NIET_HERKEND, None, None), plek
        elif wat == "onbekend":
            assert (p.uitkomst, p.code, p.rij) == (Uitkomst.ONBEKENDE_CODE, leesbaar(code), None), plek
        elif wat == "oud":
            assert (p.uitkomst, p.versie, p.huidige_versie) == (Uitkomst.OUDERE_VERSIE, 1, 2), plek
            assert "getekend voor versie 1; de huidige versie is 2: opnieuw laten tekenen" in p.regel(SCANDAG)
        elif code == conflict_code:
            assert (p.uitkomst, p.ontvangen_op) == (Uitkomst.DATUM_VERSCHILT, HAAR_DATUM.date()), plek
        elif code in gezien_dubbel:
            assert p.uitkomst in (Uitkomst.HERKEND, Uitkomst.DUBBEL), plek  # the first of the two counts
        else:
            assert (p.uitkomst, p.code, p.ontvangen_op) == (Uitkomst.HERKEND, leesbaar(code), SCANDAG), plek
    dubbel_code = next(iter(gezien_dubbel))
    assert sorted(p.uitkomst for p in result.paginas if p.code == leesbaar(dubbel_code)) == \
        sorted([Uitkomst.HERKEND, Uitkomst.DUBBEL])
    assert not result.ok and result.backup is not None and result.backup.is_file()

    # every tracker row
    for sleutel, code in codes.items():
        rij = rij_met_code(tracker, code)
        if code == conflict_code:
            assert rij["Ontvangen op"] == HAAR_DATUM, "her date is never overwritten"
        elif code in weggelaten:
            assert rij["Ontvangen op"] is None
        else:  # returned, and the old version's row: the date of the scan
            assert rij["Ontvangen op"] == dt.datetime.combine(SCANDAG, dt.time()), sleutel
        assert rij["Besluit"] is None
    assert rij_met_code(tracker, nieuwe_code_)["Ontvangen op"] is None, "version 2 was not signed"
    assert result.bijgewerkt == len(teruggekomen) - 1 + 1  # minus the conflict, plus the old version

    # every filed page: one PDF of one page per returned row (the conflict's too), holding its code
    for code in [*teruggekomen, oude_code]:
        bestanden = _bewaard(tracker, code)
        assert len(bestanden) == 1, code
        klas = rij_met_code(tracker, code)["Klas"]
        assert bestanden[0].parent.name == klas
        assert bestanden[0].name.startswith(rij_met_code(tracker, code)["Leerlingnummer"] + " ")
        assert bestanden[0].stat().st_mode & 0o077 == 0
        assert len(PdfReader(bestanden[0]).pages) == 1
        assert lees_bestand(bestanden[0])[0].codes == (code,)
    assert not _bewaard(tracker, nieuwe_code_) and not any(_bewaard(tracker, c) for c in weggelaten)

    # the pages for handling by hand, in one PDF beside the tracker: the page without a code and the foreign one
    assert result.niet_herkend_pdf == tracker.parent / f"niet-herkend-{SCANDAG.isoformat()}.pdf"
    terug = lees_bestand(result.niet_herkend_pdf)
    assert sorted(g.codes for g in terug) == sorted([(), (vreemde_code,)])

    # the same scan again: nothing changes, every returned page is now a duplicate, nothing is filed twice
    voor = tracker.read_bytes()
    gefiled = sorted(tracker.parent.glob("*/*.pdf"))
    nog_eens = scan(scans, tracker, SCANDAG + dt.timedelta(days=1), jobs=1)
    assert tracker.read_bytes() == voor and nog_eens.backup is None
    assert sorted(tracker.parent.glob("*/*.pdf")) == gefiled
    for p in nog_eens.paginas:
        wat = verwacht[(p.bestand.name, p.pagina)][0]
        if wat in ("code", "oud", "dubbel"):
            assert p.uitkomst in (Uitkomst.DUBBEL, Uitkomst.DATUM_VERSCHILT), (p.bestand.name, p.pagina)
    assert nog_eens.niet_herkend_pdf.name == f"niet-herkend-{(SCANDAG + dt.timedelta(days=1)).isoformat()}.pdf"


def _een_scan(tmp_path, codes: list[str], naam="retour.pdf"):
    return scan_pdf([kopieer(te_tekenen_pagina(c), Kopie(dpi=150, hoek=1.5), seed=i) for i, c in enumerate(codes)],
                    tmp_path / naam)


def test_refused_while_the_tracker_is_open_in_excel(ronde, tmp_path):
    tracker, codes = ronde
    pdf = _een_scan(tmp_path, [next(iter(codes.values()))])
    lock = tracker.with_name("~$" + tracker.name)
    lock.write_bytes(b"")
    voor = tracker.read_bytes()
    with pytest.raises(OppError, match="geopend"):
        scan([pdf], tracker, SCANDAG)
    with pytest.raises(OppError, match="geopend"):
        ontvangen(next(iter(codes.values())), tracker, SCANDAG)
    assert tracker.read_bytes() == voor
    assert not list(tracker.parent.glob("*/*.pdf")) and not list(tracker.parent.glob("*.backup-*"))


def test_a_tracker_saved_during_the_run_is_read_again(ronde, tmp_path, monkeypatch):
    tracker, codes = ronde
    code = next(iter(codes.values()))
    echt = ontvangst_module.is_veranderd
    antwoorden = iter([True])
    monkeypatch.setattr(ontvangst_module, "is_veranderd",
                        lambda pad, versie: next(antwoorden, None) or echt(pad, versie))
    result = ontvangen(code, tracker, SCANDAG)
    assert result.opnieuw and result.paginas[0].uitkomst is Uitkomst.HERKEND
    assert rij_met_code(tracker, code)["Ontvangen op"].date() == SCANDAG


def test_a_tracker_without_codes_asks_for_the_letters_first(tmp_path, monkeypatch):
    tracker, codes = tracker_met_codes(tmp_path)
    wb = openpyxl.load_workbook(tracker)
    ws = wb["Ondertekening"]
    for cel in ws[1]:
        if cel.value == "Code":
            cel.value = "Iets anders"
    wb.save(tracker)
    with pytest.raises(OppError, match="opp ronde brieven"):
        ontvangen(next(iter(codes.values())), tracker, SCANDAG)
    leeg = scan_pdf([blanco_pagina()], tmp_path / "leeg.pdf")
    gelezen = []
    monkeypatch.setattr("opp.ronde.scan.lees_paginas", lambda *a, **k: gelezen.append(a) or [])
    with pytest.raises(OppError, match="opp ronde brieven"):
        scan([leeg], tracker, SCANDAG)
    assert gelezen == [], "refused before a page is read"


def test_a_typed_code_sets_the_date_like_a_scanned_page(ronde):
    tracker, codes = ronde
    code = next(iter(codes.values()))
    result = ontvangen(leesbaar(code).lower().replace("0", "o"), tracker, SCANDAG)  # typed as people type
    assert [(p.uitkomst, p.code, p.bestand) for p in result.paginas] == [(Uitkomst.HERKEND, leesbaar(code), None)]
    assert result.ok and result.niet_herkend_pdf is None
    assert rij_met_code(tracker, code)["Ontvangen op"].date() == SCANDAG
    again = ontvangen(code, tracker, SCANDAG + dt.timedelta(days=2))
    assert again.paginas[0].uitkomst is Uitkomst.DATUM_VERSCHILT, "no page was filed: the earlier date may be hers"
    assert rij_met_code(tracker, code)["Ontvangen op"].date() == SCANDAG
    with pytest.raises(OppError, match="geen geldige code"):
        ontvangen(leesbaar(code)[:-1] + ("X" if not code.endswith("X") else "Y"), tracker, SCANDAG)
    onbekend = ontvangen(nieuwe_code(), tracker, SCANDAG)
    assert onbekend.paginas[0].uitkomst is Uitkomst.ONBEKENDE_CODE and not onbekend.ok


def test_cli_scan_json_is_the_result_and_exit_codes_say_whether_anything_is_left(ronde, tmp_path, monkeypatch):
    import opp.ronde.scan as scan_module

    tracker, codes = ronde
    alle = list(codes.values())
    runner = CliRunner()
    goed = _een_scan(tmp_path, alle[:2])
    teruggegeven = []
    monkeypatch.setattr(scan_module, "scan", lambda *a, **k: teruggegeven.append(scan(*a, **k)) or teruggegeven[-1])
    uit = runner.invoke(cli, ["ronde", "scan", str(goed), "--tracker", str(tracker), "--datum", "20-10-2026",
                              "--json"], catch_exceptions=False)
    assert uit.exit_code == 0, uit.output
    data = json.loads(uit.output)
    assert data == teruggegeven[0].to_dict()
    assert [p["uitkomst"] for p in data["paginas"]] == ["herkend", "herkend"]
    assert data["aantallen"]["herkend"] == 2 and data["ok"] is True and data["datum"] == "2026-10-20"
    assert all(p["bewaard"] for p in data["paginas"])

    slecht = scan_pdf([kopieer(te_tekenen_pagina(None), Kopie(dpi=150), seed=1),
                       kopieer(te_tekenen_pagina(alle[0]), Kopie(dpi=150, omgekeerd=True), seed=2)],
                      tmp_path / "tweede.pdf")
    uit = runner.invoke(cli, ["ronde", "scan", str(slecht), "--tracker", str(tracker), "--datum", "20-10-2026"],
                        catch_exceptions=False)
    assert uit.exit_code == 1, uit.output
    assert "tweede.pdf, pagina 1" in uit.output and "niet-herkend-2026-10-20.pdf" in uit.output
    weer = scan([slecht], tracker, dt.date(2026, 10, 20))  # the same day again: the first PDF is kept
    assert weer.niet_herkend_pdf.name == "niet-herkend-2026-10-20-2.pdf"
    assert (tracker.parent / "niet-herkend-2026-10-20.pdf").is_file()

    uit = runner.invoke(cli, ["ronde", "ontvangen", leesbaar(alle[2]), "--tracker", str(tracker),
                              "--datum", "21-10-2026"], catch_exceptions=False)
    assert uit.exit_code == 0, uit.output
    assert rij_met_code(tracker, alle[2])["Ontvangen op"].date() == dt.date(2026, 10, 21)
    uit = runner.invoke(cli, ["ronde", "ontvangen", "K7QM-4XW2-?", "--tracker", str(tracker)],
                        catch_exceptions=False)
    assert uit.exit_code == 2 and "geen geldige code" in uit.output


def test_cli_scan_refuses_what_is_not_a_pdf(ronde, tmp_path):
    tracker, _ = ronde
    plaatje = tmp_path / "scan.jpg"
    plaatje.write_bytes(b"\xff\xd8")
    uit = CliRunner().invoke(cli, ["ronde", "scan", str(plaatje), "--tracker", str(tracker)],
                             catch_exceptions=False)
    assert uit.exit_code == 2 and "geen PDF" in uit.output
    kapot = tmp_path / "kapot.pdf"
    kapot.write_bytes(b"%PDF-1.4 kapot")
    uit = CliRunner().invoke(cli, ["ronde", "scan", str(kapot), "--tracker", str(tracker)],
                             catch_exceptions=False)
    assert uit.exit_code == 2 and "geen leesbare PDF" in uit.output


@pytest.mark.parametrize("kopie", [
    Kopie(dpi=150, hoek=3, kwaliteit=35, ruis=14),
    Kopie(dpi=150, hoek=-2.5, omgekeerd=True, kleur=True, kwaliteit=40),
    Kopie(dpi=300, hoek=-3, omgekeerd=True, kwaliteit=35, ruis=14),
    Kopie(dpi=300, hoek=1, kleur=True),
    Kopie(dpi=200, hoek=-1.2, omgekeerd=True, kleur=True, kwaliteit=50),
], ids=lambda k: f"{k.dpi}dpi-{k.hoek}gr-{'180' if k.omgekeerd else '0'}-{'kleur' if k.kleur else 'grijs'}")
def test_the_code_is_read_from_every_kind_of_copy(tmp_path, kopie):
    code = nieuwe_code()
    pad = scan_pdf([kopieer(te_tekenen_pagina(code, qr_cm=1.8), kopie, seed=3)], tmp_path / "scan.pdf")
    [gelezen] = lees_bestand(pad)
    assert (gelezen.codes, gelezen.leeg) == ((code,), False)


def test_an_empty_page_is_told_from_a_page_with_text_and_no_code(tmp_path):
    kopieen = [kopieer(blanco_pagina(), Kopie(dpi=150, hoek=2, ruis=14, kwaliteit=35), seed=1),
               kopieer(blanco_pagina(), Kopie(dpi=300, kleur=True, hoek=-3), seed=2),
               kopieer(te_tekenen_pagina(None, getekend=False), Kopie(dpi=150), seed=3)]
    pad = scan_pdf(kopieen, tmp_path / "scan.pdf")
    assert [g.leeg for g in lees_bestand(pad)] == [True, True, False]


def test_many_pages_are_read_in_worker_processes_with_the_same_result(tmp_path):
    rnd = random.Random(5)
    codes = [nieuwe_code() for _ in range(18)]
    pad = scan_pdf([kopieer(te_tekenen_pagina(c), Kopie(dpi=150, hoek=rnd.uniform(-3, 3),
                                                        omgekeerd=rnd.random() < 0.5), seed=i)
                    for i, c in enumerate(codes)], tmp_path / "veel.pdf")
    parallel = lees_paginas([pad], jobs=2)
    assert [g.codes for g in parallel] == [(c,) for c in codes]
    assert [g.pagina for g in parallel] == list(range(1, 19))


def test_a_filed_page_has_a_safe_name_of_at_most_255_bytes_in_its_pupils_folder(tmp_path):
    from opp.ronde.archief import bestandsnaam, map_van
    from opp.ronde.ontvangst import PaginaUitkomst

    code = leesbaar(nieuwe_code())
    pagina = PaginaUitkomst(uitkomst=Uitkomst.HERKEND, code=code, leerlingnummer="1001/../x",
                            naam="Ærønsdóttir-" * 20 + "\u202egpj.exe", klas="../PrO 1A", document="OPP", versie=3,
                            ondertekenaar="mw. " + "Ω" * 200)
    naam = bestandsnaam(pagina)
    assert len(naam.encode("utf-8")) <= 255 and naam.endswith(f" - {code}.pdf") and "/" not in naam
    assert "\u202e" not in naam and " - OPP - v3 - getekend mw. " in naam
    tracker = tmp_path / "output" / "2026-2027" / "ondertekening.xlsx"
    assert map_van(tracker, pagina).parent == tracker.parent


def test_a_page_that_is_not_one_scanned_image_is_rendered_and_read(tmp_path):
    code = nieuwe_code()
    kopie = kopieer(te_tekenen_pagina(code), Kopie(dpi=200, hoek=-2, omgekeerd=True), seed=4)
    pad = in_twee_delen_pdf(kopie, tmp_path / "twee.pdf")
    [gelezen] = lees_bestand(pad)
    assert gelezen.codes == (code,)


def test_a_page_with_only_someone_elses_qr_code_is_not_recognised(ronde, tmp_path):
    import io

    import segno

    tracker, _ = ronde
    beeld = te_tekenen_pagina(None)
    buf = io.BytesIO()
    segno.make("https://example.nl/formulier", error="m").save(buf, kind="png", scale=8, border=4)
    buf.seek(0)
    from PIL import Image

    beeld.paste(Image.open(buf).convert("L"), (200, 200))
    pad = scan_pdf([kopieer(beeld, Kopie(dpi=200, hoek=1), seed=1)], tmp_path / "vreemd.pdf")
    result = scan([pad], tracker, SCANDAG)
    [p] = result.paginas
    assert (p.uitkomst, p.andere_qr, p.rij) == (Uitkomst.NIET_HERKEND, True, None)
    assert len(PdfReader(result.niet_herkend_pdf).pages) == 1


def test_scan_benchmark_smoke_run():
    import subprocess
    import sys
    from pathlib import Path

    bench = Path(__file__).resolve().parent.parent / "benchmarks" / "scan.py"
    result = subprocess.run([sys.executable, str(bench), "--paginas", "6", "--leerlingen", "3", "--zonder-serieel"],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    assert "opp ronde scan (geheel)" in result.stdout and "6 herkend" in result.stdout


def test_a_page_with_two_of_our_codes_is_left_to_a_person(ronde, tmp_path):
    from opp.ronde.ontvangst import Ontvangst, verwerk

    tracker, codes = ronde
    a, b = list(codes.values())[:2]
    result = verwerk(tracker, [Ontvangst(codes=(a, b), bestand=tmp_path / "x.pdf", pagina=1)], SCANDAG)
    [p] = result.paginas
    assert (p.uitkomst, p.rij, p.code) == (Uitkomst.NIET_HERKEND, None, f"{leesbaar(a)}, {leesbaar(b)}")
    assert result.bijgewerkt == 0 and result.backup is None
    assert rij_met_code(tracker, a)["Ontvangen op"] is None and rij_met_code(tracker, b)["Ontvangen op"] is None


def test_scan_prunes_the_trackers_backups_as_the_sync_does(ronde, tmp_path, monkeypatch):
    """Each backup holds personal data: a scan that writes the tracker keeps only the newest
    [tracker] backups_bewaren of them (opp.toml in the working folder), and nothing else."""
    tracker, codes = ronde
    eigen = [tracker.with_name(n) for n in ("ondertekening.backup-notities.xlsx", "andere.backup-20200101-000000.xlsx")]
    for pad in eigen:
        pad.write_bytes(b"van haar")
    oud = [tracker.with_name(f"ondertekening.backup-2026100{d}-090000.xlsx") for d in range(1, 4)]
    for pad in oud:
        pad.write_bytes(b"backup")
    (tmp_path / "opp.toml").write_text("[tracker]\nbackups_bewaren = 2\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    eerste, tweede = list(codes.values())[:2]

    result = scan([_een_scan(tmp_path, [eerste])], tracker, SCANDAG, jobs=1, nu=dt.datetime(2026, 10, 20, 9, 0, 0))

    nieuw = tracker.with_name("ondertekening.backup-20261020-090000.xlsx")
    assert result.backup == nieuw and result.backups_bewaren == 2
    assert sorted(result.backups_verwijderd) == oud[:2]
    assert sorted(tracker.parent.glob("ondertekening.backup-2*.xlsx")) == [oud[2], nieuw]
    assert all(p.read_bytes() == b"van haar" for p in eigen)
    assert any("2 oudere backups verwijderd" in r and "backups_bewaren" in r for r in result.samenvatting())
    assert sorted(result.to_dict()["backups_verwijderd"]) == [str(p) for p in oud[:2]]

    # a typed code prunes the same way; a run that writes nothing prunes nothing
    getypt = ontvangen(leesbaar(tweede), tracker, SCANDAG, nu=dt.datetime(2026, 10, 20, 9, 0, 1))
    assert getypt.backups_verwijderd == [oud[2]]
    niets = ontvangen(leesbaar(tweede), tracker, SCANDAG, nu=dt.datetime(2026, 10, 20, 9, 0, 2))
    assert niets.backup is None and niets.backups_verwijderd == []
    assert len(list(tracker.parent.glob("ondertekening.backup-2*.xlsx"))) == 2


@pytest.mark.parametrize("kopie", [Kopie(dpi=150, hoek=-2.5, kwaliteit=35, ruis=14),
                                   Kopie(dpi=200, hoek=1.5, omgekeerd=True, kleur=True),
                                   Kopie(dpi=300, hoek=3.0, omgekeerd=True, kwaliteit=40)])
def test_a_stack_with_the_letters_own_pages_reports_them_apart_not_for_handling_by_hand(ronde, tmp_path, kopie):
    """Secretaries scan whole stacks: a page of the letter (its mark, no code) is harmless, not 'niet herkend';
    a page without the mark still is."""
    tracker, codes = ronde
    code = next(iter(codes.values()))
    stapel = [kopieer(brief_pagina(), kopie, seed=1), kopieer(te_tekenen_pagina(code), kopie, seed=2),
              kopieer(brief_pagina(), kopie, seed=3), kopieer(brief_pagina(merk=False), kopie, seed=4),
              kopieer(blanco_pagina(), kopie, seed=5)]
    retour = scan_pdf(stapel, tmp_path / "stapel.pdf")

    result = scan([retour], tracker, SCANDAG, jobs=1)

    assert [(p.uitkomst, p.pagina) for p in result.paginas] == [
        (Uitkomst.BRIEFPAGINA, 1), (Uitkomst.HERKEND, 2), (Uitkomst.BRIEFPAGINA, 3), (Uitkomst.NIET_HERKEND, 4),
        (Uitkomst.LEEG, 5)]
    brief = result.paginas[0]
    assert brief.rij is None and brief.code is None and brief.bewaard is None and not brief.andere_qr
    assert rij_met_code(tracker, code)["Ontvangen op"].date() == SCANDAG
    # only the page without any mark goes to the PDF for handling by hand
    assert [(g.codes, g.briefpagina, g.leeg) for g in lees_bestand(result.niet_herkend_pdf)] == [((), False, False)]
    assert result.aantallen["briefpagina"] == 2 and not result.ok  # the unmarked page is left to do
    samenvatting = "\n".join(result.samenvatting())
    assert "2 briefpagina's (niet om te tekenen)" in samenvatting
    assert sum("pagina van de brief" in r for r in result.samenvatting()) == 2
    assert result.to_dict()["paginas"][0]["uitkomst"] == "briefpagina"


def test_only_letter_pages_and_signed_pages_is_all_done(ronde, tmp_path):
    tracker, codes = ronde
    code = next(iter(codes.values()))
    retour = scan_pdf([kopieer(brief_pagina(dpi=150), Kopie(dpi=150, hoek=2.0), seed=1),
                       kopieer(te_tekenen_pagina(code), Kopie(dpi=150, hoek=2.0), seed=2)], tmp_path / "r.pdf")
    result = scan([retour], tracker, SCANDAG, jobs=1)
    assert [p.uitkomst for p in result.paginas] == [Uitkomst.BRIEFPAGINA, Uitkomst.HERKEND]
    assert result.ok and result.niet_herkend_pdf is None
    assert [g.briefpagina for g in lees_bestand(retour)] == [True, False]
