"""Benchmark: reading a school's workbook, against openpyxl's bare read of the same file, in one run.

    python benchmarks/lezen.py                                  # 5000 pupils, memory at 500 and 5000
    python benchmarks/lezen.py --leerlingen 20 --geheugen 10,20  # smoke run
    python benchmarks/lezen.py --geheugen '' --calc              # also a copy saved by LibreOffice Calc

Measures, each command in its own process as a user runs it (interpreter start and imports included):
1. openpyxl's bare read: read-only iteration over every row of every sheet, nothing done with the values
   (the baseline; what `opp check` cost before it read with calamine was this plus the validation).
2. calamine's bare read of the same file (for reference: the floor of our reader).
3. `opp check` of that file: read, validate, every rule. Ratio to 1; target <= 0.3.
4. peak memory (resident set) of `opp check` at two school sizes, of every process it runs (geheugen.py
   samples them): the reading process, the parse helper (calamine for a small sheet, a row-by-row stream for
   a large one, so it stays bounded), the largest of the two, and their sum at one moment. Ratio each;
   target <= 1.5.
5. with --calc: 1 and 3 again on a copy of the same workbook saved by LibreOffice Calc (`soffice --convert-to
   xlsx`), which writes its cells, shared strings and styles the way a school's own spreadsheet program does,
   not the way opp's generator does. Target <= 0.3 as well.
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

sys.path.insert(0, str(Path(__file__).resolve().parent))

from geheugen import piek  # noqa: E402
from synthetic import write_synthetic  # noqa: E402

DATUM = "22-11-2026"
TARGETS = {"check": 0.3, "geheugen": 1.5}

OPENPYXL_BARE = """
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1], read_only=True, data_only=True)
n = sum(1 for ws in wb.worksheets for _ in ws.iter_rows(values_only=True))
wb.close()
print(n)
"""
CALAMINE_BARE = """
import sys, python_calamine
wb = python_calamine.CalamineWorkbook.from_path(sys.argv[1])
n = sum(1 for name in wb.sheet_names for _ in wb.get_sheet_by_name(name).iter_rows())
print(n)
"""


def check_command(path: Path) -> list[str]:
    return [sys.executable, "-m", "opp", "check", str(path), "--datum", DATUM]


def seconds(command: list[str], runs: int) -> float:
    """The fastest of `runs` runs: the least disturbed by whatever else the machine does."""
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        result = subprocess.run(command, capture_output=True, text=True)
        best = min(best, time.perf_counter() - start)
        if result.returncode not in (0, 1):  # `opp check` exits 1 on data problems; a crash is 2 or worse
            raise SystemExit(f"{' '.join(command[:4])} ... mislukte:\n{result.stderr}")
    return best


def saved_by_calc(path: Path, tmp: Path) -> Path:
    """A copy of `path` as LibreOffice Calc saves it, made with a profile of its own."""
    from opp.render.pdf import soffice

    office = soffice()
    if office is None:
        raise SystemExit("--calc vraagt LibreOffice (soffice); dat is hier niet gevonden.")
    uit = tmp / "calc"
    subprocess.run([office, f"-env:UserInstallation={(tmp / 'calc-profiel').as_uri()}", "--headless",
                    "--convert-to", "xlsx", "--outdir", str(uit), str(path)],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return uit / path.name


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--leerlingen", type=int, default=5000)
    parser.add_argument("--herhalingen", type=int, default=2, help="runs per timing; the fastest counts")
    parser.add_argument("--geheugen", default="500,5000", help="two school sizes for peak memory ('' to skip)")
    parser.add_argument("--calc", action="store_true", help="also a copy saved by LibreOffice Calc")
    args = parser.parse_args()

    rows = []
    with tempfile.TemporaryDirectory(prefix="opp-lezen-") as tmp:
        tmp = Path(tmp)
        sizes = {args.leerlingen}
        if args.geheugen:
            small, large = (int(x) for x in args.geheugen.split(","))
            sizes |= {small, large}
        files = {n: write_synthetic(tmp / f"school-{n}.xlsx", n) for n in sorted(sizes)}
        path = files[args.leerlingen]
        megabytes = path.stat().st_size / 1e6

        t_openpyxl = seconds([sys.executable, "-c", OPENPYXL_BARE, str(path)], args.herhalingen)
        t_calamine = seconds([sys.executable, "-c", CALAMINE_BARE, str(path)], args.herhalingen)
        t_check = seconds(check_command(path), args.herhalingen)
        rows.append(("calamine kaal lezen (s), ter vergelijking", f"{t_openpyxl:.2f}", f"{t_calamine:.2f}",
                     t_calamine / t_openpyxl, None))
        rows.append(("opp check (s)", f"{t_openpyxl:.2f}", f"{t_check:.2f}", t_check / t_openpyxl, TARGETS["check"]))
        if args.calc:
            calc = saved_by_calc(path, tmp)
            t_openpyxl = seconds([sys.executable, "-c", OPENPYXL_BARE, str(calc)], args.herhalingen)
            t_check = seconds(check_command(calc), args.herhalingen)
            rows.append(("opp check (s), kopie opgeslagen door Calc", f"{t_openpyxl:.2f}", f"{t_check:.2f}",
                         t_check / t_openpyxl, TARGETS["check"]))

        if args.geheugen:
            small_peak, large_peak = (piek(check_command(files[n])) for n in (small, large))
            measures = {"leesproces": lambda p: p.hoofd, "leeshulpproces": lambda p: p.kinderen,
                        "grootste proces": lambda p: p.grootste, "samen, op één moment": lambda p: p.som}
            for name, measure in measures.items():
                a, b = measure(small_peak), measure(large_peak)
                rows.append((f"piekgeheugen opp check (MB) {small}->{large}: {name}", f"{a:.0f}", f"{b:.0f}", b / a,
                             TARGETS["geheugen"]))

    print(f"\nopp lezen: {args.leerlingen} leerlingen ({megabytes:.1f} MB .xlsx), "
          f"{os.cpu_count()} kernen, Python {sys.version.split()[0]}; basis = openpyxl kaal lezen")
    print(f"{'meting':<58} {'basis':>10} {'opp':>10} {'verhouding':>11} {'doel':>8}")
    for name, base, ours, ratio, target in rows:
        verdict = "" if target is None else ("ok" if ratio <= target else "NIET GEHAALD")
        goal = "" if target is None else f"<={target:>5}x"
        print(f"{name:<58} {base:>10} {ours:>10} {ratio:>10.2f}x {goal:>8} {verdict}")


if __name__ == "__main__":
    main()
