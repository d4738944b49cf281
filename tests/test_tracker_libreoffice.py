"""Open the tracker in LibreOffice (headless, it recalculates the formulas) and check that the Status column
and the Overzicht sheet show what `opp tracker status` computes from the typed cells."""

from __future__ import annotations

import csv
import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import Workbook

from opp.invoer import open_invoer
from opp.settings import Settings
from opp.tracker import sync_tracker, tracker_overzicht, tracker_statussen
from opp.tracker.overzicht import TELLINGEN
from tracker_helpers import Secretaresse, leerling, schrijf_werkboek, verzorger, vind

pytestmark = pytest.mark.libreoffice
CSV_ALLE_BLADEN = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"


def _converteer(soffice: str, bron: Path, uit: Path, profiel: Path, filter_: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [soffice, f"-env:UserInstallation={profiel.as_uri()}", "--headless", "--norestore", "--convert-to", filter_,
         "--outdir", str(uit), str(bron)],
        capture_output=True, text=True, timeout=180)


@pytest.fixture(scope="module")
def soffice(tmp_path_factory):
    pad = shutil.which("soffice")
    if pad is None:
        pytest.skip("LibreOffice (soffice) staat niet op het PATH")
    probe = tmp_path_factory.mktemp("lo-probe")
    wb = Workbook()
    wb.active["A1"] = 1
    wb.save(probe / "probe.xlsx")
    _converteer(pad, probe / "probe.xlsx", probe, probe / "profiel", "csv")
    if not (probe / "probe.csv").exists():
        pytest.skip("LibreOffice Calc ontbreekt (alleen Writer geïnstalleerd?): apt-get install libreoffice-calc-nogui")
    return pad


def _lees_csv(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))


def test_libreoffice_computes_the_same_statuses_and_overview(soffice, tmp_path):
    vandaag = dt.date.today()  # LibreOffice's TODAY(): the test must use the real date
    dag = dt.timedelta(days=1)
    geboren = vandaag.replace(year=vandaag.year - 14) - dag
    leerlingen = [
        leerling("1001", "Sanne", "Berg", geboren, "PrO 1A"),
        leerling("1002", "Mo", "Amrani", geboren, "PrO*"),  # a wildcard in a klas name must match exactly
        leerling("1003", "Ali", "Bos", geboren, "PrO 1"),
        leerling("1004", "Noor", "Smit", geboren, "PrO 1"),
    ]
    verzorgers = [
        verzorger("1001", "mw. Berg", "moeder"), verzorger("1001", "dhr. Berg", "vader"),
        verzorger("1002", "mw. Amrani", "moeder"), verzorger("1002", "dhr. Amrani", "vader"),
        verzorger("1003", "mw. Bos", "moeder"), verzorger("1004", "mw. Smit", "moeder"),
    ]
    settings = Settings.model_validate({"ondertekening": {"een_ouder_volstaat": True},
                                        "tracker": {"te_laat_na_dagen": 10}})
    tracker = tmp_path / "ondertekening.xlsx"
    sync_tracker(open_invoer(schrijf_werkboek(tmp_path / "a.xlsx", leerlingen, verzorgers), vandaag, settings), tracker)
    # 1004 leaves: its rows become vervallen.
    sync_tracker(open_invoer(schrijf_werkboek(tmp_path / "b.xlsx", leerlingen[:3], verzorgers[:5]), vandaag, settings),
                 tracker)
    with Secretaresse(tracker) as s:
        s.typ(vind(tracker, "1001", "mw. berg")["Sleutel"], "Verstuurd op", vandaag - 10 * dag)  # exactly N: on time
        s.typ(vind(tracker, "1001", "dhr. berg")["Sleutel"], "Verstuurd op", vandaag - 11 * dag)  # N+1: late
        s.typ(vind(tracker, "1001", "sanne")["Sleutel"], "Verstuurd op", vandaag + 2 * dag)
        s.typ(vind(tracker, "1002", "mw. amrani")["Sleutel"], "Besluit", "Akkoord")  # the father: niet nodig
        s.typ(vind(tracker, "1002", "mo")["Sleutel"], "Ontvangen op", vandaag)
        s.typ(vind(tracker, "1002", "jansen")["Sleutel"], "Verstuurd op", "vorige week")
        s.typ(vind(tracker, "1003", "mw. bos")["Sleutel"], "Besluit", "niet akkoord")
        s.typ(vind(tracker, "1003", "mw. bos")["Sleutel"], "Verstuurd op", vandaag - 40 * dag)
        s.typ(vind(tracker, "1004", "mw. smit")["Sleutel"], "Ontvangen op", vandaag)
        s.sorteer(seed=3)

    verwacht = {k: str(v) for k, v in tracker_statussen(tracker, vandaag).items()}
    assert set(verwacht.values()) == {"niet verstuurd", "verstuurd", "te laat", "getekend", "geen instemming",
                                      "niet nodig", "vervallen"}, "every status is exercised"

    uit = tmp_path / "lo"
    proces = _converteer(soffice, tracker, uit, tmp_path / "profiel", CSV_ALLE_BLADEN)
    bladen = {p.stem.removeprefix("ondertekening-"): p for p in uit.glob("*.csv")}
    assert {"Ondertekening", "Overzicht"} <= set(bladen), proces.stdout + proces.stderr

    rijen = _lees_csv(bladen["Ondertekening"])
    kop = rijen[0]
    sleutel, status = kop.index("Sleutel"), kop.index("Status")
    berekend = {r[sleutel]: r[status] for r in rijen[1:] if len(r) > sleutel and r[sleutel]}
    assert berekend == verwacht

    overzicht = tracker_overzicht(tracker, vandaag)
    rijen = _lees_csv(bladen["Overzicht"])
    start = next(i for i, r in enumerate(rijen) if r and r[0] == "Klas")
    per_klas = {}
    for r in rijen[start + 1:]:
        if not r or not r[0]:
            break
        per_klas[r[0]] = dict(zip(TELLINGEN, (int(x) for x in r[1:len(TELLINGEN) + 1]), strict=True))
    totaal = per_klas.pop("Totaal")
    assert per_klas == overzicht.per_klas
    assert totaal == overzicht.totaal
    assert overzicht.totaal["te_laat"] == 1 and overzicht.totaal["niet_nodig"] == 1
