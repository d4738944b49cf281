"""Benchmark: opp render at school scale against the naive loops, in one run, on our own templates.

    python benchmarks/bench.py                      # 600 pupils, PDF sample of 20, memory at 500 and 5000
    python benchmarks/bench.py --leerlingen 10 --geheugen 10,20 --pdf-steekproef 2   # smoke run

Measures
1. docx: `render()` (templates compiled once, worker processes) against the naive loop (DocxTemplate
   opened, rendered with autoescape and saved per document, one process): documents per second, ratio.
2. docx+pdf: `render(pdf=True)` (one LibreOffice per core for the whole run, driven through UNO when
   python3-uno is there, else one call per core) against the naive loop plus LibreOffice started once
   per file (timed on a sample and extrapolated): ratio. For comparison (no target), LibreOffice's own
   floor on the same documents: one `--convert-to` call per core, each with its share (benchmarks/pdf.py).
3. peak memory (resident set) of `opp render` at two school sizes, of every process it runs (geheugen.py):
   the largest process and the largest sum at one moment; ratio.
4. the versions register: `render()` with a fresh register against `render(register=False)`, alternated
   over a few rounds (median of each), so the cost of fingerprints, identity and recording shows.
Not a test: it prints its figures. Targets: docx >= 3x, docx+pdf >= 25x, memory ratio <= 1.5,
register at most 1.10x the time without it. A class's PDFs against LibreOffice's own floor: benchmarks/pdf.py.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from geheugen import Piek, piek  # noqa: E402
from opp.documenten import DOCUMENTEN as REGISTER  # noqa: E402
from opp.documenten import PER_LEERLING as DOCUMENTEN  # noqa: E402
from opp.invoer import open_invoer  # noqa: E402
from opp.render.context import pupil_context  # noqa: E402
from opp.render.documents import default_jobs, render  # noqa: E402
from opp.render.environment import make_environment  # noqa: E402
from opp.render.pdf import soffice  # noqa: E402
from opp.render.templates import template_path  # noqa: E402
from opp.settings import Settings  # noqa: E402
from pdf import floor_gemaakt  # noqa: E402  (benchmarks/pdf.py: one LibreOffice per core, each its share in one call)
from synthetic import write_synthetic  # noqa: E402

DATUM = dt.date(2026, 11, 22)
TARGETS = {"docx": 3.0, "pdf": 25.0, "geheugen": 1.5, "register": 1.10}
LOWER_IS_BETTER = ("piek", "register")


def naive_docx(werkboek, limit: int, out: Path) -> tuple[int, float]:
    """The baseline: per document, open the template, render with autoescape, save."""
    from docxtpl import DocxTemplate

    paths = {doc: str(template_path(doc)) for doc in DOCUMENTEN}
    settings, count = Settings(), 0
    start = time.perf_counter()
    for nr in werkboek.bruikbare_leerlingnummers():
        dossier = werkboek.dossiers[nr]
        context = pupil_context(dossier, werkboek.school, DATUM, settings)
        for doc in DOCUMENTEN:
            if doc == "kernteam" and not dossier.kernteam:
                continue
            tpl = DocxTemplate(paths[doc])
            tpl.render(dict(context, document_titel=REGISTER[doc].titel), jinja_env=make_environment(),
                       autoescape=True)
            tpl.save(out / f"{nr}-{doc}.docx")
            count += 1
            if count >= limit:
                return count, time.perf_counter() - start
    return count, time.perf_counter() - start


def libreoffice_per_file(files: list[Path], profile: Path) -> float:
    """Seconds per document when LibreOffice is started once per file."""
    office = soffice()
    start = time.perf_counter()
    for f in files:
        subprocess.run([office, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
                        "--outdir", str(f.parent / "naive-pdf"), str(f)], stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, check=True, timeout=120)
    return (time.perf_counter() - start) / len(files)


def peak_rss_mb(workbook: Path, out: Path) -> Piek:
    """Peak resident sets of a whole `opp render` run: every process (workers, fork server, parse helper)."""
    return piek([sys.executable, "-m", "opp", "render", str(workbook), "--uit", str(out),
                 "--datum", DATUM.strftime("%d-%m-%Y"), "--force"])


def register_cost(werkboek, tmp: Path, rounds: int) -> tuple[float, float, float]:
    """Median seconds of a full render without and with a (fresh) register, and of an unchanged re-run.
    `tmp` holds nothing but these runs: a fresh register adopts opp's documents it finds beside it."""
    import statistics

    without, with_register, unchanged = [], [], []
    for i in range(rounds):
        for kind in ("zonder", "met"):
            out = tmp / f"reg-{kind}-{i}"
            start = time.perf_counter()
            if kind == "zonder":
                render(werkboek, uit=out, register=False)
                without.append(time.perf_counter() - start)
            else:
                render(werkboek, uit=out, register=out / "opp-register.sqlite")
                with_register.append(time.perf_counter() - start)
                start = time.perf_counter()
                again = render(werkboek, uit=out, register=out / "opp-register.sqlite")
                unchanged.append(time.perf_counter() - start)
                assert not again.geschreven, "an unchanged re-run wrote documents"
            shutil.rmtree(out, ignore_errors=True)
    return statistics.median(without), statistics.median(with_register), statistics.median(unchanged)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--leerlingen", type=int, default=600)
    parser.add_argument("--naief-max", type=int, default=600, help="documents timed for the naive docx loop")
    parser.add_argument("--pdf-steekproef", type=int, default=20, help="files for LibreOffice-per-file (0: skip PDF)")
    parser.add_argument("--geheugen", default="500,5000", help="two school sizes for peak memory ('' to skip)")
    parser.add_argument("--vloer", type=int, default=1, help="1: also time LibreOffice's own floor (one "
                        "--convert-to call per core on the written documents, warm profile), 0: skip")
    parser.add_argument("--register-rondes", type=int, default=3, help="rounds with/without the register (0: skip)")
    args = parser.parse_args()

    rows = []
    with tempfile.TemporaryDirectory(prefix="opp-bench-") as tmp:
        tmp = Path(tmp)
        wb_path = write_synthetic(tmp / "school.xlsx", args.leerlingen)
        werkboek = open_invoer(wb_path, DATUM)  # read once, outside the timings, as before
        assert werkboek.report.ok, werkboek.report.samenvatting

        naive_dir = tmp / "naief"
        naive_dir.mkdir()
        n_naive, t_naive = naive_docx(werkboek, args.naief_max, naive_dir)
        naive_rate = n_naive / t_naive

        start = time.perf_counter()
        result = render(werkboek, uit=tmp / "opp", force=True)
        t_opp = time.perf_counter() - start
        n_docs = len(result.geschreven)
        opp_rate = n_docs / t_opp
        rows.append(("docx: documenten per seconde", f"{naive_rate:.1f}", f"{opp_rate:.1f}", opp_rate / naive_rate,
                     TARGETS["docx"]))

        if args.pdf_steekproef and soffice():
            sample = sorted(naive_dir.glob("*.docx"))[: args.pdf_steekproef]
            (naive_dir / "naive-pdf").mkdir()
            per_file = libreoffice_per_file(sample, tmp / "lo-profiel")
            naive_total = n_docs / naive_rate + n_docs * per_file
            start = time.perf_counter()
            with_pdf = render(werkboek, uit=tmp / "opp-pdf", force=True, pdf=True,
                              register=tmp / "opp-pdf" / "opp-register.sqlite")  # its own: every file written
            t_pdf = time.perf_counter() - start
            assert not with_pdf.pdf_mislukt and len(with_pdf.pdf) == n_docs, "PDF conversion failed"
            rows.append((f"docx+pdf: seconden voor {n_docs} documenten", f"{naive_total:.0f}", f"{t_pdf:.0f}",
                         naive_total / t_pdf, TARGETS["pdf"]))
            if args.vloer:  # what any tool converting with LibreOffice reaches at best: its own conversion alone
                t_vloer, gemaakt = floor_gemaakt(sorted((tmp / "opp").rglob("*.docx")), default_jobs(), tmp)
                naam = "  ter vergelijking: LibreOffice-vloer (s)"
                if gemaakt < n_docs:  # an office stopped early: its time per document, for all of them
                    print(f"LibreOffice-vloer: {gemaakt} van {n_docs} PDF's gemaakt in {t_vloer:.0f} s; "
                          "de tijd is naar alle documenten doorgerekend.")
                    t_vloer *= n_docs / max(gemaakt, 1)
                    naam += " *"
                rows.append((naam, f"{naive_total:.0f}", f"{t_vloer:.0f}", naive_total / t_vloer, None))
        elif args.pdf_steekproef:
            print("LibreOffice ontbreekt: PDF-meting overgeslagen.")

        if args.register_rondes:
            eigen = tmp / "register"
            eigen.mkdir()
            shutil.copy(wb_path, eigen / wb_path.name)
            with open_invoer(eigen / wb_path.name, DATUM) as apart:
                zonder, met, ongewijzigd = register_cost(apart, eigen, args.register_rondes)
            rows.append(("register: seconden zonder -> met register", f"{zonder:.2f}", f"{met:.2f}", met / zonder,
                         TARGETS["register"]))
            print(f"Register: {n_docs} documenten in {zonder:.2f} s zonder en {met:.2f} s met register "
                  f"(mediaan van {args.register_rondes}); opnieuw met ongewijzigde gegevens: {ongewijzigd:.2f} s.")

        if args.geheugen:
            small, large = (int(x) for x in args.geheugen.split(","))
            mb: list[Piek] = []
            for n in (small, large):
                path = write_synthetic(tmp / f"school-{n}.xlsx", n)
                mb.append(peak_rss_mb(path, tmp / f"mem-{n}"))
                shutil.rmtree(tmp / f"mem-{n}", ignore_errors=True)
            for name, measure in (("grootste proces", lambda p: p.grootste), ("samen", lambda p: p.som)):
                a, b = measure(mb[0]), measure(mb[1])
                rows.append((f"piekgeheugen (MB) {small} -> {large} ll., {name}", f"{a:.0f}", f"{b:.0f}", b / a,
                             TARGETS["geheugen"]))

    print(f"\nopp benchmark: {args.leerlingen} leerlingen, {n_docs} documenten, {default_jobs()} kernen, "
          f"Python {sys.version.split()[0]}")
    print(f"{'meting':<52} {'basis':>10} {'opp':>10} {'verhouding':>11} {'doel':>8}")
    for name, base, ours, ratio, target in rows:
        if target is None:
            print(f"{name:<52} {base:>10} {ours:>10} {ratio:>10.2f}x")
            continue
        lower = name.startswith(LOWER_IS_BETTER)
        ok = ratio <= target if lower else ratio >= target
        sign = "<=" if lower else ">="
        print(f"{name:<52} {base:>10} {ours:>10} {ratio:>10.2f}x {sign}{target:>5}x {'ok' if ok else 'NIET GEHAALD'}")


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
