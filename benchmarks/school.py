"""Benchmark: `opp tracker sync` and `opp rapport` for a small and a large school, peak memory and time.

    python benchmarks/school.py                          # 2,000 and 20,000 pupils (about 15 minutes)
    python benchmarks/school.py --geheugen 200,2000      # a quicker look

A samenwerkingsverband's scale must run in flat memory: the target is a peak at the large school of at most
1.5 times the peak at the small one, for each command. Each command runs in its own process as a user runs
it (interpreter start and imports included); memory is that of every process it starts (geheugen.py samples
them in /proc): the command's own process, the largest single process (the workbook's parse helper holds a
whole sheet) and the sum at one moment. `tracker sync` runs twice: creating
the tracker, then re-syncing the tracker it made (read, match, rewrite), which is what a school does all year;
`rapport` reads that tracker too (`--tracker`).
Not a test: it prints its figures (the test suite runs it small, so it cannot rot).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HIER = Path(__file__).resolve().parent
sys.path.insert(0, str(HIER))

from geheugen import Piek, piek  # noqa: E402

DATUM = "22-11-2026"
TARGET = 1.5


def commands(werkboek: Path, uit: Path) -> dict[str, list[str]]:
    tracker = uit / "ondertekening.xlsx"
    opp = [sys.executable, "-m", "opp"]
    return {
        "tracker sync (nieuw)": [*opp, "tracker", "sync", str(werkboek), "--tracker", str(tracker), "--datum", DATUM],
        "tracker sync (opnieuw)": [*opp, "tracker", "sync", str(werkboek), "--tracker", str(tracker),
                                   "--datum", DATUM],
        "rapport": [*opp, "rapport", str(werkboek), "--tracker", str(tracker), "--uit", str(uit / "rapport"),
                    "--datum", DATUM, "--force"],
    }


def measure(n: int, tmp: Path) -> dict[str, tuple[Piek, float]]:
    """Write a school of `n` pupils and run each command once on it: name -> (memory, seconds)."""
    werkboek = tmp / f"school-{n}.xlsx"
    # Written by a child process: the benchmark's own copy of a school's rows is not what is measured, and
    # would only crowd the machine while the commands run.
    subprocess.run([sys.executable, "-c", f"import sys; sys.path.insert(0, {str(HIER)!r}); from synthetic import "
                    f"write_synthetic; write_synthetic(__import__('pathlib').Path({str(werkboek)!r}), {n})"],
                   check=True)
    uit = tmp / f"uit-{n}"
    uit.mkdir()
    out = {}
    for name, command in commands(werkboek, uit).items():
        start = time.perf_counter()
        memory = piek(command, cwd=tmp)
        out[name] = (memory, time.perf_counter() - start)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--geheugen", default="2000,20000", help="two school sizes (small,large)")
    args = parser.parse_args()
    small, large = (int(x) for x in args.geheugen.split(","))

    with tempfile.TemporaryDirectory(prefix="opp-school-") as tmp:
        figures = {n: measure(n, Path(tmp)) for n in (small, large)}

    print(f"\nopp school: {small} -> {large} leerlingen, {os.cpu_count()} kernen, Python {sys.version.split()[0]}")
    print(f"{'meting':<52} {small:>9} {large:>9} {'verhouding':>11} {'doel':>8}")
    for name in figures[small]:
        (a, ta), (b, tb) = figures[small][name], figures[large][name]
        for label, x, y in (("eigen proces", a.hoofd, b.hoofd), ("grootste proces", a.grootste, b.grootste),
                            ("samen", a.som, b.som)):
            ratio = y / x
            verdict = "ok" if ratio <= TARGET else "NIET GEHAALD"
            print(f"{f'{name}: piekgeheugen (MB), {label}':<52} {x:>9.0f} {y:>9.0f} {ratio:>10.2f}x "
                  f"{f'<={TARGET:>4}x':>8} {verdict}")
        print(f"{f'{name}: seconden':<52} {ta:>9.1f} {tb:>9.1f} {tb / ta:>10.2f}x")


if __name__ == "__main__":
    main()
