"""Helpers for the tests of `opp app`: a working folder with the demo workbook, the real server (uvicorn as
`opp app` configures it) in a thread on a free port, a client that holds the session, and a page's CSRF token."""

from __future__ import annotations

import re
import shutil
import threading
import time
from pathlib import Path

import httpx

from opp.app import maak_app
from opp.app.server import maak_server, open_socket
from opp.data import demo_folder

TOKEN = "geheim-token"


def demo_werkmap(map_: Path) -> Path:
    """The demo class as a school's working folder: werkboek.xlsx, opp.toml, bijlagen/."""
    map_.mkdir(parents=True, exist_ok=True)
    bron = demo_folder()
    shutil.copy(bron / "werkboek.xlsx", map_ / "werkboek.xlsx")
    shutil.copy(bron / "opp.toml", map_ / "opp.toml")
    shutil.copytree(bron / "bijlagen", map_ / "bijlagen")
    return map_


class Draaiend:
    """`opp app` for one working folder, serving on 127.0.0.1 and a free port until stop()."""

    def __init__(self, map_: Path, **kwargs):
        sock = open_socket("127.0.0.1", 0)
        self.poort = sock.getsockname()[1]
        self.asgi, self.app = maak_app(map_, token=TOKEN, poort=self.poort, **kwargs)
        self.server = maak_server(self.asgi)
        self._thread = threading.Thread(target=self.server.run, kwargs={"sockets": [sock]}, daemon=True)
        self._thread.start()
        eind = time.monotonic() + 20
        while not self.server.started:
            assert time.monotonic() < eind, "the server did not start"
            time.sleep(0.02)
        self.basis = f"http://127.0.0.1:{self.poort}"
        self._sock = sock
        self._clients: list[httpx.Client] = []

    @property
    def adres(self) -> str:
        return f"{self.basis}/?token={TOKEN}"

    def client(self, ingelogd: bool = True) -> httpx.Client:
        c = httpx.Client(base_url=self.basis, follow_redirects=False, timeout=120)
        self._clients.append(c)
        if ingelogd:
            antwoord = c.get(f"/?token={TOKEN}")
            assert antwoord.status_code == 303, antwoord.text
        return c

    def stop(self) -> None:
        for c in self._clients:
            c.close()
        self.server.should_exit = True
        self._thread.join(30)
        self._sock.close()


def csrf(html: str) -> str:
    gevonden = re.search(r'name="csrf" value="([^"]+)"', html)
    assert gevonden, "no CSRF field on the page"
    return gevonden.group(1)


def codes_op(html: str) -> list[str]:
    """The problem codes in a page's problems table (rows carry data-code)."""
    return re.findall(r'<tr class="is-(?:fout|waarschuwing)" data-code="([^"]+)"', html)


def wacht_op_taak(c: httpx.Client, antwoord: httpx.Response, seconden: float = 300) -> httpx.Response:
    """Follow a started task (303 to /taak/ID) to its result page, polling its status like the script does."""
    assert antwoord.status_code == 303, antwoord.text
    taak = antwoord.headers["location"]
    assert taak.startswith("/taak/")
    eind = time.monotonic() + seconden
    while True:
        status = c.get(f"{taak}/status").json()
        if status["status"] != "bezig":
            return c.get(status["klaar_url"])
        assert time.monotonic() < eind, "the task did not finish"
        time.sleep(0.2)
