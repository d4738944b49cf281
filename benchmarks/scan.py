"""Benchmark: `opp ronde scan` of 200 pages scanned the way a copier scans them (150 to 300 dpi, JPEG).

    python benchmarks/scan.py                               # 200 pages, a tracker of 600 pupils
    python benchmarks/scan.py --paginas 12 --leerlingen 10  # smoke run

Beforehand (not timed): a synthetic school's tracker with a code on every row, and the returned pages: a page
to sign per row, copied by tests/kopieerapparaat.py at 150, 200 and 300 dpi (one PDF per resolution, as a
copier makes one PDF per job), skewed 1 to 3 degrees, a third upside down, some in colour, JPEG quality 35-75.
Timed, wall clock:
1. reading: every page rasterised and its QR code found (opp.ronde.lezen, a process per core);
2. the whole scan: reading, the tracker written (backup, atomic), every page filed in its pupil's folder;
3. reading in one process, for comparison, with its CPU time: what the reading costs on idle cores, whatever
   the load of the machine (skip with --zonder-serieel).
Not a test: it prints its figures. Target: the whole scan of 200 pages within 60 s on this 2-core machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "tests"))

import openpyxl  # noqa: E402

from kopieerapparaat import Kopie, kopieer, scan_pdf, te_tekenen_pagina  # noqa: E402
from opp.invoer import open_invoer  # noqa: E402
from opp.ronde.code import nieuwe_code  # noqa: E402
from opp.ronde.lezen import lees_paginas  # noqa: E402
from opp.ronde.ontvangst import Uitkomst  # noqa: E402
from opp.ronde.scan import scan  # noqa: E402
from opp.tracker import sync_tracker  # noqa: E402
from synthetic import write_synthetic  # noqa: E402

RONDE = dt.date(2026, 10, 1)
SCANDAG = dt.date(2026, 10, 20)
DOEL_SECONDEN = 60.0


def tracker_met_codes(map_: Path, leerlingen: int) -> tuple[Path, list[str]]:
    werkboek = write_synthetic(map_ / "werkboek.xlsx", leerlingen)
    tracker = map_ / "output" / "2026-2027" / "ondertekening.xlsx"
    with open_invoer(werkboek, RONDE) as invoer:
        sync_tracker(invoer, tracker)
    wb = openpyxl.load_workbook(tracker)
    ws = wb["Ondertekening"]
    koppen = {c.value: c.column for c in ws[1] if c.value}
    sleutel = koppen["Sleutel"]
    kolom = koppen.get("Code") or ws.max_column + 1  # the sync makes it once the letters have landed
    ws.cell(1, kolom).value = "Code"
    codes = []
    for r in range(2, ws.max_row + 1):
        if ws.cell(r, sleutel).value:
            code = nieuwe_code()
            ws.cell(r, kolom).value = code
            codes.append(code)
    wb.save(tracker)
    return tracker, codes


def _kopie(taak: tuple[str, Kopie, int]):
    code, kopie, seed = taak
    return kopieer(te_tekenen_pagina(code), kopie, seed=seed)


def maak_scans(map_: Path, codes: list[str], paginas: int, seed: int = 7) -> list[Path]:
    rnd = random.Random(seed)
    gekozen = rnd.sample(codes, min(paginas, len(codes)))
    per_dpi: dict[int, list[tuple[str, Kopie, int]]] = {150: [], 200: [], 300: []}
    for i, code in enumerate(gekozen):
        dpi = (150, 200, 300)[i % 3]
        per_dpi[dpi].append((code, Kopie(dpi=dpi, hoek=rnd.choice((-1, 1)) * rnd.uniform(1, 3),
                                         omgekeerd=rnd.random() < 1 / 3, kleur=rnd.random() < 0.3,
                                         kwaliteit=rnd.randint(35, 75), ruis=rnd.uniform(4, 12)), i))
    paden = []
    with ProcessPoolExecutor(os.cpu_count() or 1) as pool:
        for dpi, taken in per_dpi.items():
            if taken:
                beelden = list(pool.map(_kopie, taken, chunksize=4))
                paden.append(scan_pdf(beelden, map_ / f"retour-{dpi}dpi.pdf"))
    return paden


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--paginas", type=int, default=200)
    parser.add_argument("--leerlingen", type=int, default=600, help="pupils in the tracker (about 4 rows each)")
    parser.add_argument("--zonder-serieel", action="store_true", help="skip reading in one process")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        map_ = Path(tmp)
        t = time.perf_counter()
        tracker, codes = tracker_met_codes(map_, args.leerlingen)
        scans = maak_scans(map_, codes, args.paginas)
        grootte = sum(p.stat().st_size for p in scans) / 1e6
        print(f"voorbereid in {time.perf_counter() - t:.1f} s: tracker met {len(codes)} rijen, "
              f"{args.paginas} pagina's in {len(scans)} PDF's ({grootte:.1f} MB), {os.cpu_count()} kernen")

        t = time.perf_counter()
        gelezen = lees_paginas(scans)
        lezen_s = time.perf_counter() - t
        gevonden = sum(1 for g in gelezen if g.codes)
        print(f"lezen (parallel): {lezen_s:.1f} s, {len(gelezen) / lezen_s:.1f} pagina's per seconde, "
              f"{gevonden} van {len(gelezen)} codes gevonden")

        t = time.perf_counter()
        result = scan(scans, tracker, SCANDAG)
        geheel_s = time.perf_counter() - t
        herkend = result.aantallen[Uitkomst.HERKEND.value]
        bewaard = sum(1 for p in result.paginas if p.bewaard)
        print(f"opp ronde scan (geheel): {geheel_s:.1f} s, {herkend} herkend, {bewaard} pagina's bewaard, "
              f"{result.bijgewerkt} rijen bijgewerkt; doel {DOEL_SECONDEN:.0f} s: "
              f"{'gehaald' if geheel_s <= DOEL_SECONDEN * args.paginas / 200 else 'NIET gehaald'}")

        if not args.zonder_serieel:
            t, cpu = time.perf_counter(), time.process_time()
            lees_paginas(scans, jobs=1)
            serieel_s, cpu_s = time.perf_counter() - t, time.process_time() - cpu
            kernen = os.cpu_count() or 1
            print(f"lezen (1 proces): {serieel_s:.1f} s, {len(gelezen) / serieel_s:.1f} pagina's per seconde; "
                  f"parallel {serieel_s / lezen_s:.2f}x zo snel")
            print(f"rekentijd lezen: {cpu_s:.1f} s CPU, {1000 * cpu_s / len(gelezen):.0f} ms per pagina; op "
                  f"{kernen} vrije kernen dus zo'n {cpu_s / kernen:.1f} s (belasting nu: "
                  f"{os.getloadavg()[0]:.1f})")
        if gevonden != len(gelezen) or herkend != len(gelezen):
            sys.exit(f"niet elke pagina herkend: {gevonden} gelezen, {herkend} herkend van {len(gelezen)}")


if __name__ == "__main__":
    main()
