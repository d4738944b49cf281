"""Benchmark: `opp render` by this checkout against another one (an older commit), alternated, in one run.

    git worktree add --detach /tmp/opp-oud HEAD~1
    python benchmarks/tegen.py /tmp/opp-oud                                 # 600 pupils, --pdf, 4 pairs
    python benchmarks/tegen.py /tmp/opp-oud --leerlingen 2 --paren 1 --zonder-pdf   # smoke run

On a machine whose speed drifts, two runs an hour apart say little about a change of a few percent. So each
pair runs the whole command once with the other checkout's opp and once with this one, one right after the
other, each on a fresh copy of the same synthetic school (a new versions register, nothing left from before),
and the old one first in odd pairs and second in even ones. Wall time of the whole command, as a user waits
for it. Prints every pair, the medians, and in how many pairs this checkout was faster. Not a test.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HIER = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(HIER / "benchmarks"))
sys.path.insert(0, str(HIER))

from synthetic import write_synthetic  # noqa: E402

DATUM = "22-11-2026"


def run(opp: Path, werkboek: Path, tmp: Path, pdf: bool) -> float:
    """The whole `opp render` of a fresh copy of `werkboek` with the opp package found in `opp`: seconds."""
    map_ = Path(tempfile.mkdtemp(dir=tmp))
    kopie = Path(shutil.copy(werkboek, map_ / werkboek.name))
    command = [sys.executable, "-m", "opp", "render", str(kopie), "--uit", str(map_ / "uit"), "--force",
               "--datum", DATUM, *(["--pdf"] if pdf else [])]
    env = {**os.environ, "PYTHONPATH": str(opp)}
    start = time.perf_counter()
    result = subprocess.run(command, env=env, cwd=map_, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    seconds = time.perf_counter() - start
    if result.returncode not in (0, 1):
        raise SystemExit(f"opp render met {opp} mislukte:\n{result.stderr}")
    shutil.rmtree(map_)
    return seconds


def paren(n: int) -> str:
    return f"{n} {'paar' if n == 1 else 'paren'}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("oud", type=Path, help="the other checkout (its folder holds the package opp/)")
    parser.add_argument("--leerlingen", type=int, default=600)
    parser.add_argument("--paren", type=int, default=4, help="pairs of runs")
    parser.add_argument("--zonder-pdf", action="store_true", help="only the .docx files")
    args = parser.parse_args()
    oud = args.oud.resolve()
    if not (oud / "opp" / "__init__.py").is_file():
        raise SystemExit(f"{oud} bevat geen map opp/ met de code van opp.")

    tijden: dict[str, list[float]] = {"oud": [], "nieuw": []}
    with tempfile.TemporaryDirectory(prefix="opp-tegen-") as tmp_:
        tmp = Path(tmp_)
        werkboek = write_synthetic(tmp / "school.xlsx", args.leerlingen)
        for paar in range(args.paren):
            volgorde = [("oud", oud), ("nieuw", HIER)]
            if paar % 2:
                volgorde.reverse()
            for naam, map_ in volgorde:
                tijden[naam].append(run(map_, werkboek, tmp, not args.zonder_pdf))
            print(f"paar {paar + 1}: oud {tijden['oud'][-1]:.2f} s, nieuw {tijden['nieuw'][-1]:.2f} s", flush=True)

    sneller = sum(n < o for o, n in zip(tijden["oud"], tijden["nieuw"], strict=True))
    oud_m, nieuw_m = statistics.median(tijden["oud"]), statistics.median(tijden["nieuw"])
    print(f"\nopp render{'' if args.zonder_pdf else ' --pdf'}: {args.leerlingen} leerlingen, {paren(args.paren)}, "
          f"{os.cpu_count()} kernen; oud = {oud}")
    print(f"mediaan oud {oud_m:.2f} s, nieuw {nieuw_m:.2f} s, nieuw / oud {nieuw_m / oud_m:.3f}x; "
          f"nieuw sneller in {sneller} van {paren(args.paren)}")


if __name__ == "__main__":
    main()
