"""`opp app`: serve a working folder on a local address with a secret token, open the browser, stop on
Ctrl+C. Nothing about pupils goes into the server's log: uvicorn's access log is off."""

from __future__ import annotations

import ipaddress
import os
import secrets
import socket
import warnings
import webbrowser
from collections.abc import Callable
from pathlib import Path

from ..problems import OppError
from ..waarschuwingen import toon as toon_waarschuwing
from .app import maak_app

LOKAAL = "127.0.0.1"


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def open_socket(host: str, poort: int) -> socket.socket:
    """Bind before anything is printed: the address shown is one that listens (port 0: a free one)."""
    familie = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(familie, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host.strip("[]"), poort))
    except OSError as exc:
        sock.close()
        raise OppError(f"Kan niet luisteren op {host}:{poort} ({exc.strerror or exc}). Kies een andere poort "
                       "met --port, of laat --port weg voor een vrije.") from None
    sock.listen(64)
    return sock


def adres(host: str, poort: int, token: str) -> str:
    naam = f"[{host}]" if ":" in host else host
    if host in ("0.0.0.0", "::"):
        naam = LOKAAL
    return f"http://{naam}:{poort}/?token={token}"


def extra_hosts(host: str) -> tuple[str, ...]:
    """The Host names accepted besides the loopback ones: the address asked for (and, for every address,
    this computer's own names)."""
    if is_loopback(host):
        return ()
    if host in ("0.0.0.0", "::"):
        return (socket.gethostname(), socket.getfqdn())
    return (host,)


def maak_server(asgi):
    """uvicorn without its access log (paths and forms say nothing personal, but a log is no place for them)."""
    import uvicorn

    return uvicorn.Server(uvicorn.Config(asgi, access_log=False, log_level="warning", lifespan="off",
                                         server_header=False))


def serve(map: Path, host: str = LOKAAL, port: int = 0, browser: bool = True,
          meld: Callable[[str], None] = print) -> None:
    """Serve `map` until Ctrl+C. Prints the address with the token (and, for a non-loopback host, a warning)."""
    map = Path(map).resolve()
    if not is_loopback(host):
        meld("Let op: de app is nu ook vanaf andere computers te bereiken. Hij toont persoonsgegevens van "
             "minderjarigen; gebruik dit alleen op een vertrouwd netwerk en stop de app (Ctrl+C) als u klaar bent.")
    sock = open_socket(host, port)
    poort = sock.getsockname()[1]
    token = secrets.token_urlsafe(32)
    asgi, _ = maak_app(map, token=token, poort=poort, hosts=extra_hosts(host))
    os.chdir(map)  # relative defaults of the library (output/...) mean the working folder, as on the CLI
    url = adres(host, poort, token)
    meld(f"opp app voor {map}")
    meld(f"Open in uw browser: {url}")
    meld("Stoppen: Ctrl+C")
    server = maak_server(asgi)
    try:
        if browser:
            webbrowser.open(url)
        with warnings.catch_warnings():
            warnings.showwarning = toon_waarschuwing(lambda: False)
            server.run(sockets=[sock])
    except KeyboardInterrupt:  # uvicorn stops cleanly, then passes Ctrl+C on: that is how one stops it
        pass
    finally:
        sock.close()
    meld("De app is gestopt.")
