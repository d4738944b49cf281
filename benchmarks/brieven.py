"""Benchmark: `opp ronde brieven` for a school of 600 pupils (two parents with gezag each: 1200 letters).

    python benchmarks/brieven.py                    # 600 pupils
    python benchmarks/brieven.py --leerlingen 5     # smoke run

Beforehand (not timed): the synthetic workbook, `opp render --document opp` (the register with the current
versions) and `opp tracker sync`. Timed: the whole command `opp ronde brieven WERKBOEK` as a user runs it
(start of Python, reading the workbook, tracker and register, writing codes into the tracker, the letters,
one LibreOffice call per core, the round's PDF, a PDF and an e-mail draft per signer), wall time, and a
second run (codes already given: the same letters again). Not a test: it prints its figures.
Target: at most 60 seconds for 600 pupils on a 2-core machine.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pypdf import PdfReader  # noqa: E402

from synthetic import write_synthetic  # noqa: E402

DATUM = "01-12-2026"
DOEL_SECONDEN = 60.0


def opp(*args: str, cwd: Path) -> tuple[float, float]:
    """Wall time, and the CPU time of the command and everything it ran (LibreOffice too)."""
    voor = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "opp", *args], check=True, cwd=cwd, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    na = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.perf_counter() - start, (na.ru_utime - voor.ru_utime) + (na.ru_stime - voor.ru_stime)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--leerlingen", type=int, default=600)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="opp-bench-brieven-") as tmp:
        map_ = Path(tmp)
        werkboek = write_synthetic(map_ / "werkboek.xlsx", args.leerlingen)
        voorbereiding = opp("render", str(werkboek), "--document", "opp", "--datum", DATUM, cwd=map_)[0]
        voorbereiding += opp("tracker", "sync", str(werkboek), "--datum", DATUM, cwd=map_)[0]
        (eerste, cpu1) = opp("ronde", "brieven", str(werkboek), "--datum", DATUM, cwd=map_)
        (tweede, cpu2) = opp("ronde", "brieven", str(werkboek), "--datum", DATUM, cwd=map_)
        ronde = map_ / "output" / "2026-2027" / "ronde"
        pdfs = list(ronde.rglob("*.pdf"))
        rond = next(p for p in pdfs if p.parent == ronde)
        brieven = len(pdfs) - 1
        paginas = len(PdfReader(rond).pages)
        emls = len(list(ronde.rglob("*.eml")))
    print(f"leerlingen: {args.leerlingen}, brieven: {brieven}, pagina's in de ronde-PDF: {paginas}, "
          f"e-mailconcepten: {emls}")
    print(f"voorbereiding (render + tracker sync, niet meegeteld): {voorbereiding:.1f} s")
    kernen = len(os.sched_getaffinity(0))
    belasting = os.getloadavg()[0]
    print(f"opp ronde brieven, eerste keer (nieuwe codes): {eerste:.1f} s, CPU-tijd {cpu1:.1f} s")
    print(f"opp ronde brieven, tweede keer (codes bestaan): {tweede:.1f} s, CPU-tijd {cpu2:.1f} s")
    # On a shared machine the wall time says more about the others; CPU time / cores is what an idle one needs.
    print(f"machine: {kernen} kernen, belasting {belasting:.1f}; CPU-tijd / kernen: "
          f"{max(cpu1, cpu2) / kernen:.1f} s (wat een vrije machine minstens nodig heeft)")
    doel = DOEL_SECONDEN * args.leerlingen / 600
    print(f"doel: hoogstens {doel:.0f} s -> wandtijd {'gehaald' if max(eerste, tweede) <= doel else 'NIET gehaald'}, "
          f"CPU-tijd / kernen {'gehaald' if max(cpu1, cpu2) / kernen <= doel else 'NIET gehaald'}")


if __name__ == "__main__":
    main()
