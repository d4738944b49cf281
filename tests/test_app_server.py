"""`opp app` as a user starts it: the address with its token on 127.0.0.1 and a free port, no browser with
--geen-browser, a Dutch warning for another host, a clean stop on Ctrl+C, and nothing personal in its output."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from app_helpers import demo_werkmap
from opp.app.server import adres, is_loopback

OPP = [sys.executable, "-m", "opp"]


def start(args: list[str], cwd: Path) -> tuple[subprocess.Popen, str, str]:
    """Start `opp app`, read up to its address, and wait until it answers (then Ctrl+C reaches uvicorn)."""
    proces = subprocess.Popen([*OPP, "app", *args], cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              text=True, env={**os.environ, "BROWSER": "false"})
    regels = []
    eind = time.monotonic() + 60
    assert proces.stdout is not None
    while time.monotonic() < eind:
        regel = proces.stdout.readline()
        regels.append(regel)
        gevonden = re.search(r"(http://\S+)", regel)
        if gevonden:
            url = gevonden.group(1)
            while httpx.get(url.split("?")[0]).status_code != 403:
                time.sleep(0.1)
            return proces, url, "".join(regels)
    proces.kill()
    raise AssertionError("no address printed: " + "".join(regels))


def stop(proces: subprocess.Popen) -> str:
    proces.send_signal(signal.SIGINT)
    uit, _ = proces.communicate(timeout=30)
    return uit


def test_opp_app_serves_loopback_with_a_token_and_stops_on_ctrl_c(tmp_path):
    werkmap = demo_werkmap(tmp_path / "school")
    proces, url, _ = start([str(werkmap), "--geen-browser"], tmp_path)
    try:
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+/\?token=[\w-]{40,}", url)
        with httpx.Client(follow_redirects=True) as c:
            assert c.get(url.split("?")[0] + "werkboek").status_code == 403
            pagina = c.get(url)
            assert pagina.status_code == 200 and "werkboek.xlsx" in pagina.text
            c.post(url.split("?")[0] + "documenten/maak", data={"csrf": "x", "leerling": "024101"})
    finally:
        uit = stop(proces)
    assert proces.returncode == 0, uit
    assert "De app is gestopt." in uit
    # nothing about requests in the output: no paths, no pupil numbers, no token after the address line
    na_adres = uit
    assert "/werkboek" not in na_adres and "024101" not in na_adres and "GET" not in na_adres
    assert "Traceback" not in uit


def test_another_host_gets_a_warning_about_personal_data(tmp_path):
    werkmap = demo_werkmap(tmp_path / "school")
    proces, url, begin = start([str(werkmap), "--geen-browser", "--host", "0.0.0.0"], tmp_path)
    uit = stop(proces)
    assert "persoonsgegevens" in begin and "vertrouwd netwerk" in begin
    assert proces.returncode == 0, uit
    assert url.startswith("http://127.0.0.1:")


def test_a_folder_that_does_not_exist_is_one_line_and_exit_2(tmp_path):
    proces = subprocess.run([*OPP, "app", str(tmp_path / "nergens"), "--geen-browser"], capture_output=True,
                            text=True, timeout=60)
    assert proces.returncode == 2
    assert proces.stderr.startswith("Fout: ") and len(proces.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(("host", "loopback"), [("127.0.0.1", True), ("localhost", True), ("::1", True),
                                                ("127.0.0.2", True), ("0.0.0.0", False), ("192.168.1.5", False),
                                                ("example.org", False)])
def test_is_loopback(host, loopback):
    assert is_loopback(host) is loopback


def test_the_address_of_an_ipv6_host_has_brackets():
    assert adres("::1", 8000, "t") == "http://[::1]:8000/?token=t"
