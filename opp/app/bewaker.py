"""The guard in front of every page (one ASGI middleware): the Host header, the secret token then a session
cookie, the size of a request body, and the security headers on every answer. The CSRF check of each form
is in `formulier.py`, where the form is read."""

from __future__ import annotations

import hmac
import html
from collections.abc import Iterable
from http.cookies import SimpleCookie
from urllib.parse import parse_qs

COOKIE = "opp_sessie"
LOOPBACK = ("127.0.0.1", "localhost", "::1")

# Every page ships its scripts and styles from /static: nothing inline, nothing from elsewhere, no framing.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
       "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'")
KOPPEN = [
    (b"cache-control", b"no-store"),
    (b"content-security-policy", CSP.encode()),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-content-type-options", b"nosniff"),
    (b"cross-origin-opener-policy", b"same-origin"),
]


def cookie_naam(poort: int | str) -> str:
    """Cookies ignore the port: two apps on one computer each keep their own session."""
    return f"{COOKIE}_{poort}"


def host_naam(host: str) -> tuple[str, str]:
    """'127.0.0.1:8000' -> ('127.0.0.1', '8000'); '[::1]:8000' -> ('::1', '8000')."""
    if host.startswith("["):
        naam, _, rest = host[1:].partition("]")
        return naam.lower(), rest.removeprefix(":")
    naam, _, poort = host.rpartition(":") if host.count(":") == 1 else (host, "", "")
    return naam.lower(), poort


class Bewaker:
    """Host check (400), token-or-cookie (403), body limit (413), and the headers on every response."""

    def __init__(self, app, token: str, sessie: str, poort: int, hosts: Iterable[str] = (),
                 max_body: int = 25 * 1024 * 1024, te_groot=None):
        self.app = app
        self.token = token
        self.sessie = sessie
        self.poort = str(poort)
        self.cookie = cookie_naam(poort)
        self.hosts = {h.lower().strip("[]") for h in (*LOOPBACK, *hosts)}
        self.max_body = max_body
        self.te_groot = te_groot or (lambda: "<p>Te groot.</p>")

    async def __call__(self, scope, receive, send):
        if scope["type"] == "lifespan":
            return await self.app(scope, receive, send)
        if scope["type"] != "http":  # no websockets here
            return
        send = self._met_koppen(send)
        koppen = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        naam, poort = host_naam(koppen.get("host", ""))
        if naam not in self.hosts or poort != self.poort:  # DNS rebinding: a foreign name pointing here
            return await _antwoord(send, 400, "Onbekend adres", "Open de app via het adres dat opp app toonde.")
        if not self._heeft_sessie(koppen.get("cookie", "")):
            token = parse_qs(scope.get("query_string", b"").decode("latin-1")).get("token", [""])[0]
            if token and hmac.compare_digest(token.encode(), self.token.encode()):
                return await self._begin_sessie(send, scope.get("path", "/"))
            return await _antwoord(send, 403, "Geen toegang",
                                   "Open de app via het volledige adres (met de sleutel) dat opp app toonde.")
        lengte = koppen.get("content-length")
        if lengte is not None and (not lengte.isdigit() or int(lengte) > self.max_body):
            await _leeg(receive)  # read it away: a browser still sending would show a broken connection
            return await _antwoord(send, 413, "Bestand te groot", self.te_groot(), veilig=True)
        begonnen = False

        async def volg(bericht):
            nonlocal begonnen
            begonnen = begonnen or bericht["type"] == "http.response.start"
            await send(bericht)
        try:
            await self.app(scope, self._begrensd(receive), volg)
        except Exception:  # never to the server's log: a traceback there could hold a pupil's name
            if not begonnen:
                await _antwoord(send, 500, "Onverwachte fout", "Er ging iets mis. Probeer het opnieuw.")

    def _heeft_sessie(self, cookiekop: str) -> bool:
        cookie: SimpleCookie = SimpleCookie()
        try:
            cookie.load(cookiekop)
        except Exception:  # a malformed cookie header is no session
            return False
        waarde = cookie.get(self.cookie)
        return waarde is not None and hmac.compare_digest(waarde.value.encode(), self.sessie.encode())

    async def _begin_sessie(self, send, path: str):
        """The token once, then a cookie; the address bar loses the token (no token in history)."""
        await send({"type": "http.response.start", "status": 303, "headers": [
            (b"location", (path if path.startswith("/") and not path.startswith("//") else "/").encode()),
            (b"set-cookie", f"{self.cookie}={self.sessie}; HttpOnly; SameSite=Strict; Path=/".encode()),
            (b"content-length", b"0")]})
        await send({"type": "http.response.body", "body": b""})

    def _begrensd(self, receive):
        """A body without Content-Length (chunked) is still cut off at the limit."""
        gelezen = 0

        async def ontvang():
            nonlocal gelezen
            bericht = await receive()
            if bericht["type"] == "http.request":
                gelezen += len(bericht.get("body", b""))
                if gelezen > self.max_body:
                    raise TeGroot()
            return bericht
        return ontvang

    @staticmethod
    def _met_koppen(send):
        async def verstuur(bericht):
            if bericht["type"] == "http.response.start":
                bestaand = {k.lower() for k, _ in bericht.get("headers", [])}
                bericht = {**bericht, "headers": [*bericht.get("headers", []),
                                                  *((k, v) for k, v in KOPPEN if k not in bestaand)]}
            await send(bericht)
        return verstuur


class TeGroot(Exception):
    """A request body past the limit (without Content-Length): the form reader answers 413."""


async def _leeg(receive) -> None:
    while True:
        bericht = await receive()
        if bericht["type"] != "http.request" or not bericht.get("more_body"):
            return


async def _antwoord(send, status: int, titel: str, tekst: str, veilig: bool = False) -> None:
    """A small page of its own (no template: the guard answers before the app runs)."""
    inhoud = tekst if veilig else f"<p>{html.escape(tekst)}</p>"
    body = (f'<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>{html.escape(titel)}</title>'
            f'</head><body><main><h1>{html.escape(titel)}</h1>'
            f'{inhoud}</main></body></html>').encode()
    await send({"type": "http.response.start", "status": status, "headers": [
        (b"content-type", b"text/html; charset=utf-8"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})
