"""Benchmark: what a document costs LibreOffice by the length of the bundle it is converted in (pdf_bundel.py).

    python benchmarks/bundel.py                                   # 30 OPPs, 96 conversions a size, 2 rounds
    python benchmarks/bundel.py --leerlingen 2 --documenten 4 --groottes 1,2 --rondes 1   # smoke run

The OPPs of a synthetic class, written once beforehand; one office (as opp drives it, through UNO, on its
main thread) converts the same N documents again and again: one by one, and merged into bundles of each
size. The sizes alternate within each round, so a drifting machine slows them alike. Timed per size: merging
(in this process, which in `opp render --pdf` overlaps with the office) and converting, from handing the
first over to the last answer. Prints the milliseconds a document per size and round, and what opp's own
side costs a document in the bundles of the largest size below 20: merging (lxml) and splitting the PDF
(pikepdf). Not a test.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HIER = Path(__file__).resolve().parent
sys.path.insert(0, str(HIER))
sys.path.insert(0, str(HIER.parent))

from opp.render import pdf_bundel  # noqa: E402
from opp.render.lo_profiel import warm_profiel  # noqa: E402
from opp.render.pdf_uno import Kantoor, soffice, uno_python  # noqa: E402
from synthetic import write_synthetic  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--leerlingen", type=int, default=30)
    parser.add_argument("--documenten", type=int, default=96, help="conversions a size and round")
    parser.add_argument("--groottes", default="1,8,16,24,48,96")
    parser.add_argument("--rondes", type=int, default=2)
    args = parser.parse_args()
    office, python = soffice(), uno_python()
    if office is None or python is None:
        print("LibreOffice met python3-uno is nodig voor deze meting.", file=sys.stderr)
        return 2
    groottes = [int(g) for g in args.groottes.split(",")]
    with tempfile.TemporaryDirectory(prefix="opp-bundel-") as map_:
        tmp = Path(map_)
        werkboek = write_synthetic(tmp / "klas.xlsx", args.leerlingen)
        subprocess.run([sys.executable, "-m", "opp", "render", str(werkboek), "--uit", str(tmp / "docx"),
                        "--document", "opp", "--datum", "22-11-2026"], check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        opps = sorted((tmp / "docx").rglob("*.docx"))
        documenten = [opps[i % len(opps)] for i in range(args.documenten)]
        kantoor, stop = Kantoor(python, office, warm_profiel(office)), threading.Event()
        try:
            if not kantoor.wacht_tot_klaar(60, stop):
                print("LibreOffice kwam niet op.", file=sys.stderr)
                return 2
            kantoor.zet_om(documenten[0], tmp / "warm.pdf", 60, stop)
            uitkomsten: dict[int, list[float]] = {g: [] for g in groottes}
            for ronde in range(args.rondes):
                for grootte in groottes if ronde % 2 == 0 else reversed(groottes):
                    uitkomsten[grootte].append(_meet(kantoor, stop, documenten, grootte, tmp / f"r{ronde}g{grootte}"))
            eigen = _eigen_kant(kantoor, stop, documenten, max([g for g in groottes if g < 20] or [2]), tmp / "eigen")
        finally:
            kantoor.stop()
    print(f"\nopp bundel-benchmark: {args.documenten} OPP's per grootte, {args.rondes} rondes, 1 LibreOffice")
    print(f"{'grootte':>8} {'ms per document (per ronde)':>40}")
    for grootte, tijden in uitkomsten.items():
        print(f"{grootte:>8} {', '.join(f'{1000 * t / args.documenten:.1f}' for t in tijden):>40}")
    grootte, samenvoegen, splitsen = eigen
    print(f"opp zelf, bundels van {grootte}: samenvoegen {samenvoegen:.1f} ms, PDF splitsen {splitsen:.1f} ms "
          "per document")
    return 0


def _eigen_kant(kantoor: Kantoor, stop: threading.Event, documenten: list[Path], grootte: int,
                map_: Path) -> tuple[int, float, float]:
    """Merging and splitting alone, in milliseconds a document (the office's time left out)."""
    map_.mkdir()
    samenvoegen = splitsen = 0.0
    for j in range(0, len(documenten), grootte):
        groep = documenten[j:j + grootte]
        start = time.perf_counter()
        pdf_bundel.voeg_samen(groep, map_ / f"{j}.docx")
        samenvoegen += time.perf_counter() - start
        if not kantoor.stuur(map_ / f"{j}.docx", map_ / f"{j}.pdf", bladwijzers=True) or \
                kantoor.uitkomst(600, stop) != "ok":
            raise SystemExit("LibreOffice kon een bundel niet omzetten.")
        start = time.perf_counter()
        if not pdf_bundel.splits(map_ / f"{j}.pdf", [map_ / f"{j}-{k}.pdf" for k in range(len(groep))]):
            raise SystemExit("Een bundel kon niet gesplitst worden.")
        splitsen += time.perf_counter() - start
    shutil.rmtree(map_)
    return grootte, 1000 * samenvoegen / len(documenten), 1000 * splitsen / len(documenten)


def _meet(kantoor: Kantoor, stop: threading.Event, documenten: list[Path], grootte: int, map_: Path) -> float:
    map_.mkdir()
    start = time.perf_counter()
    for j in range(0, len(documenten), grootte):
        groep = documenten[j:j + grootte]
        docx = groep[0]
        if len(groep) > 1:
            docx = map_ / f"{j}.docx"
            pdf_bundel.voeg_samen(groep, docx)
        if not kantoor.stuur(docx, map_ / f"{j}.pdf", bladwijzers=len(groep) > 1) or \
                kantoor.uitkomst(600, stop) != "ok":
            raise SystemExit("LibreOffice kon een bundel niet omzetten.")
    tijd = time.perf_counter() - start
    shutil.rmtree(map_)
    return tijd


if __name__ == "__main__":
    sys.exit(main())
