"""A small run of the benchmark script: it must keep working (its figures are not asserted)."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "benchmarks" / "bench.py"


def test_benchmark_smoke_run():
    result = subprocess.run([sys.executable, str(BENCH), "--leerlingen", "10", "--naief-max", "10",
                             "--pdf-steekproef", "0", "--geheugen", "5,10", "--register-rondes", "1"],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    assert "docx: documenten per seconde" in result.stdout
    assert "piekgeheugen" in result.stdout
    assert "register: seconden zonder -> met register" in result.stdout


def test_read_benchmark_smoke_run():
    lezen = BENCH.parent / "lezen.py"
    result = subprocess.run([sys.executable, str(lezen), "--leerlingen", "10", "--herhalingen", "1",
                             "--geheugen", "5,10"], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    assert "opp check (s)" in result.stdout
    assert "piekgeheugen opp check" in result.stdout


@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is niet geïnstalleerd")
def test_read_benchmark_smoke_run_with_a_copy_saved_by_calc():
    result = subprocess.run([sys.executable, str(BENCH.parent / "lezen.py"), "--leerlingen", "10", "--herhalingen",
                             "1", "--geheugen", "", "--calc"], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    assert "kopie opgeslagen door Calc" in result.stdout


@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is niet geïnstalleerd")
def test_pdf_benchmark_smoke_run():
    result = subprocess.run([sys.executable, str(BENCH.parent / "pdf.py"), "--leerlingen", "2", "--herhalingen", "1",
                             "--steekproef", "1"], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    assert "opp / vloer" in result.stdout and "per bestand / opp" in result.stdout


@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is niet geïnstalleerd")
def test_letters_benchmark_smoke_run():
    result = subprocess.run([sys.executable, str(BENCH.parent / "brieven.py"), "--leerlingen", "3"],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    # two parents of each of 3 pupils, and pupil 100000 (16) consents to the kernteam's externals himself
    assert "brieven: 7" in result.stdout and "CPU-tijd / kernen" in result.stdout


def test_school_benchmark_smoke_run():
    result = subprocess.run([sys.executable, str(BENCH.parent / "school.py"), "--geheugen", "3,6"],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    for meting in ("tracker sync (nieuw): piekgeheugen", "tracker sync (opnieuw): seconden", "rapport: piekgeheugen"):
        assert meting in result.stdout


def test_old_against_new_benchmark_smoke_run():
    """benchmarks/tegen.py with this checkout on both sides: one pair, two pupils, only .docx."""
    repo = BENCH.parent.parent
    result = subprocess.run([sys.executable, str(BENCH.parent / "tegen.py"), str(repo), "--leerlingen", "2",
                             "--paren", "1", "--zonder-pdf"], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    assert "paar 1: oud" in result.stdout and "nieuw sneller in" in result.stdout


@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is niet geïnstalleerd")
def test_bundle_size_benchmark_smoke_run():
    result = subprocess.run([sys.executable, str(BENCH.parent / "bundel.py"), "--leerlingen", "2", "--documenten",
                             "4", "--groottes", "1,2", "--rondes", "1"], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    assert "ms per document" in result.stdout
