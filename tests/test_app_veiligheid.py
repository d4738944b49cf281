"""`opp app` is safe by construction: each rule its own test (token, Host, CSRF, upload size, downloads
only from the output folder, the headers on every answer, nothing personal in a URL or the log)."""

from __future__ import annotations

import os
import re
import time

import pytest
from starlette.routing import Route

from app_helpers import Draaiend, codes_op, csrf, demo_werkmap
from opp.app.bewaker import cookie_naam
from opp.app.werkmap import veilig_pad


@pytest.fixture
def draai():
    """Start `opp app` (the real server) for a folder; every server started is stopped after the test."""
    gestart: list[Draaiend] = []

    def start(map_, **kwargs) -> Draaiend:
        gestart.append(Draaiend(map_, **kwargs))
        return gestart[-1]
    yield start
    for server in gestart:
        server.stop()


def client(draai, werkmap, **kwargs):
    server = draai(werkmap, **kwargs)
    return server.client(ingelogd=False), server.app


def ingelogd(draai, werkmap, **kwargs):
    server = draai(werkmap, **kwargs)
    return server.client(), server.app


def test_no_token_no_cookie_is_403(draai, werkmap):
    c, _ = client(draai, werkmap)
    for pad in ("/", "/werkboek", "/documenten", "/static/opp.css", "/bestand/x", "/werkboek/leeg"):
        assert c.get(pad).status_code == 403, pad


def test_wrong_token_is_403(draai, werkmap):
    c, _ = client(draai, werkmap)
    assert c.get("/?token=fout").status_code == 403
    assert not c.cookies


def test_token_once_then_a_strict_httponly_cookie(draai, werkmap):
    server = draai(werkmap)
    c, naam = server.client(ingelogd=False), cookie_naam(server.poort)
    antwoord = c.get("/werkboek?token=geheim-token")
    assert antwoord.status_code == 303
    assert antwoord.headers["location"] == "/werkboek"  # the token leaves the address bar
    cookie = antwoord.headers["set-cookie"]
    assert cookie.startswith(f"{naam}=") and "geheim-token" not in cookie
    for deel in ("HttpOnly", "SameSite=Strict", "Path=/"):
        assert deel in cookie
    assert c.get("/werkboek").status_code == 200


def test_a_forged_cookie_is_403(draai, werkmap):
    server = draai(werkmap)
    c = server.client(ingelogd=False)
    c.cookies.set(cookie_naam(server.poort), "verzonnen")
    assert c.get("/werkboek").status_code == 403


def test_a_foreign_host_header_is_400(draai, werkmap):
    """DNS rebinding: a page from another name that resolves to 127.0.0.1 never reaches the app."""
    server = draai(werkmap)
    c, poort = server.client(), server.poort
    for host in ("evil.example", f"evil.example:{poort}", "127.0.0.1", f"127.0.0.1:{poort + 1}",
                 f"localhost.evil.example:{poort}", f"192.168.1.5:{poort}", f"127.0.0.1.nip.io:{poort}"):
        assert c.get("/werkboek", headers={"host": host}).status_code == 400, host


def test_loopback_names_with_the_right_port_pass(draai, werkmap):
    server = draai(werkmap)
    c, poort = server.client(), server.poort
    for host in (f"127.0.0.1:{poort}", f"localhost:{poort}", f"[::1]:{poort}", f"LOCALHOST:{poort}"):
        assert c.get("/werkboek", headers={"host": host}).status_code == 200, host


def _post_routes(app) -> list[str]:
    return [r.path for r in app.routes if isinstance(r, Route) and "POST" in (r.methods or ())]


def test_every_post_without_its_csrf_token_is_403(draai, werkmap):
    c, app = ingelogd(draai, werkmap)
    routes = _post_routes(app)
    assert len(routes) >= 6
    for pad in routes:
        assert c.post(pad, data={"naam": "werkboek.xlsx"}).status_code == 403, pad
        assert c.post(pad, data={"csrf": "fout", "naam": "werkboek.xlsx"}).status_code == 403, pad
    assert not (werkmap / "output").exists()  # nothing was made


def test_a_post_with_its_csrf_token_passes(draai, werkmap):
    c, _ = ingelogd(draai, werkmap)
    token = csrf(c.get("/werkboek").text)
    assert c.post("/werkboek/kies", data={"csrf": token, "naam": "werkboek.xlsx"}).status_code == 303


def test_an_upload_over_the_limit_gets_a_clear_message(draai, werkmap):
    c, _ = ingelogd(draai, werkmap, max_upload=100_000)
    token = csrf(c.get("/werkboek").text)
    groot = b"x" * 300_000
    antwoord = c.post("/werkboek/upload", data={"csrf": token},
                      files={"bestand": ("groot.xlsx", groot, "application/octet-stream")})
    assert antwoord.status_code == 413
    assert 'data-code="upload-te-groot"' in antwoord.text
    assert not (werkmap / "groot.xlsx").exists()


def test_an_upload_just_over_the_limit_is_refused_by_the_form_reader_too(draai, werkmap):
    """Under the guard's margin for the form's own fields, but over the limit for the file."""
    c, _ = ingelogd(draai, werkmap, max_upload=100_000)
    token = csrf(c.get("/werkboek").text)
    antwoord = c.post("/werkboek/upload", data={"csrf": token},
                      files={"bestand": ("groot.xlsx", b"x" * 100_001, "application/octet-stream")})
    assert antwoord.status_code == 413
    assert 'data-code="upload-te-groot"' in antwoord.text


def test_an_upload_is_read_with_the_cli_guards(draai, werkmap):
    """Not a workbook: the reader's own message, and nothing is kept in the working folder."""
    c, _ = ingelogd(draai, werkmap)
    token = csrf(c.get("/werkboek").text)
    antwoord = c.post("/werkboek/upload", data={"csrf": token},
                      files={"bestand": ("kapot.xlsx", b"dit is geen werkboek", "application/octet-stream")})
    assert antwoord.status_code == 400
    assert 'role="alert"' in antwoord.text
    assert sorted(p.name for p in werkmap.iterdir()) == ["bijlagen", "opp.toml", "werkboek.xlsx"]


@pytest.mark.parametrize("pad", ["/bestand/onbekend", "/bestand/..%2F..%2Fopp.toml", "/bestand/%2Fetc%2Fpasswd",
                                 "/bestand/../werkboek.xlsx", "/static/../werkboek.py", "/documenten/zip/onbekend"])
def test_a_path_outside_the_output_folder_is_404(draai, werkmap, pad):
    c, _ = ingelogd(draai, werkmap)
    assert c.get(pad).status_code == 404


def test_the_download_guard_refuses_dotdot_absolute_and_links_out(draai, werkmap):
    c, app = ingelogd(draai, werkmap)
    uitvoer = werkmap / "output"
    (uitvoer / "2026-2027").mkdir(parents=True)
    (uitvoer / "2026-2027" / "goed.txt").write_text("goed")
    os.symlink(werkmap / "werkboek.xlsx", uitvoer / "link-naar-werkboek.xlsx")
    os.symlink(werkmap, uitvoer / "link-naar-werkmap")
    bestanden = app.state.werkmap.bestanden
    for relatief in ("../werkboek.xlsx", "2026-2027/../../opp.toml", str(werkmap / "opp.toml"), "/etc/passwd",
                     "link-naar-werkboek.xlsx", "link-naar-werkmap/opp.toml", "2026-2027", ""):
        assert c.get(f"/bestand/{bestanden.registreer(relatief)}").status_code == 404, relatief
        assert veilig_pad(uitvoer, relatief) is None
    assert bestanden.id(werkmap / "opp.toml") is None  # never offered in the first place
    goed = bestanden.id(uitvoer / "2026-2027" / "goed.txt")
    assert c.get(f"/bestand/{goed}").text == "goed"


def test_security_headers_on_every_answer(draai, werkmap):
    c, _ = ingelogd(draai, werkmap)
    anoniem, _ = client(draai, werkmap)
    antwoorden = [c.get("/werkboek"), c.get("/static/opp.css"), c.get("/bestand/onbekend"), c.get("/werkboek/leeg"),
                  anoniem.get("/werkboek"), c.get("/werkboek", headers={"host": "evil.example"}),
                  c.post("/werkboek/kies", data={})]
    for antwoord in antwoorden:
        h = antwoord.headers
        assert h["cache-control"] == "no-store"
        assert h["x-frame-options"] == "DENY"
        assert h["referrer-policy"] == "no-referrer"
        csp = h["content-security-policy"]
        assert "default-src 'self'" in csp and "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
        assert "unsafe-inline" not in csp


def test_pages_have_no_inline_script_or_style_and_nothing_from_elsewhere(draai, werkmap):
    c, _ = ingelogd(draai, werkmap)
    for pad in ("/werkboek", "/werkboek/uitleg", "/documenten", "/ondertekening", "/tlv", "/rapport"):
        html = c.get(pad).text
        assert not re.search(r"<script(?![^>]*\bsrc=\"/static/)", html), pad
        assert " style=" not in html and "<style" not in html, pad
        assert not re.search(r'(?:src|href)="(?:https?:)?//', html), pad


def test_no_pupil_number_in_any_link(draai, werkmap):
    """Pupils are chosen by POST and files are offered by opaque id: no leerlingnummer in a URL."""
    c, _ = ingelogd(draai, werkmap)
    html = c.get("/documenten").text
    nummers = set(re.findall(r'name="leerling"[^>]*>|<option value="(\d{6})"', html)) - {""}
    assert nummers
    links = re.findall(r'(?:href|src|action)="([^"]*)"', html)
    assert not [link for link in links for nr in nummers if nr in link]
    # the only GET form (the problems filter) has no free text that could carry a name or number
    for form in re.findall(r'<form method="get".*?</form>', c.get("/werkboek").text, re.S):
        assert not re.search(r'<input[^>]*type="(?:search|text)"[^>]*name=', form)
        assert re.findall(r'<select [^>]*name="([^"]+)"', form) == ["ernst", "blad", "sorteer"]


def test_the_guard_page_works_without_the_app(draai, werkmap):
    """The 403 page is the guard's own: it shows no data from the working folder."""
    c, _ = client(draai, werkmap)
    antwoord = c.get("/werkboek")
    assert "werkboek.xlsx" not in antwoord.text and "Sanne" not in antwoord.text
    assert antwoord.headers["content-type"].startswith("text/html")


def test_problems_page_locates_problems(draai, werkmap):
    """(Sanity for the fixtures above: the page shows the demo's warnings with their codes.)"""
    c, _ = ingelogd(draai, werkmap)
    assert codes_op(c.get("/werkboek").text)


def test_a_failure_of_ours_never_reaches_the_server_log(draai, werkmap, capfd):
    """Whatever escapes a page is answered 500 by the guard and not raised on to uvicorn's log (stderr)."""
    async def stuk(request):
        raise RuntimeError("021307 Kuipers, Bram")

    server = draai(werkmap)
    server.app.router.routes.append(Route("/stuk", stuk))
    c = server.client()
    capfd.readouterr()
    antwoord = c.get("/stuk")
    time.sleep(0.2)  # the server thread's log line, if any, is written after the answer
    uit, fout = capfd.readouterr()
    assert antwoord.status_code == 500 and "Kuipers" not in antwoord.text
    assert "Kuipers" not in uit + fout and "Traceback" not in uit + fout and "/stuk" not in uit + fout


def test_two_apps_on_one_computer_keep_their_own_sessions(draai, werkmap, tmp_path):
    """One browser, two working folders: opening the second never logs out of the first."""
    eerste, tweede = draai(werkmap), draai(demo_werkmap(tmp_path / "andere"))
    c = eerste.client()
    assert c.get(f"{tweede.basis}/?token=geheim-token").status_code == 303  # same cookie jar, same host
    assert c.get("/werkboek").status_code == 200
    assert c.get(f"{tweede.basis}/werkboek").status_code == 200
