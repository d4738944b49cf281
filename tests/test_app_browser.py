"""`opp app` end to end in a real browser: Debian's chromium, headless, driven by Selenium. A mentor uploads
her workbook and one with errors, makes her class's plans and downloads them as a zip; the secretary follows
the signing round. Every page is photographed (set OPP_SCHERMAFDRUKKEN=MAP to keep the PNGs)."""

from __future__ import annotations

import os
import shutil
import time
import zipfile
from pathlib import Path

import docx
import pytest

from app_helpers import Draaiend
from conftest import DATA
from opp.data import demo_folder

CHROMIUM, CHROMEDRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not (CHROMIUM.exists() and CHROMEDRIVER.exists()),
                       reason="chromium and chromedriver are not installed (apt-get install chromium chromium-driver)"),
]


@pytest.fixture
def browser(tmp_path):
    driver = start_chromium(tmp_path)
    yield driver
    driver.quit()


@pytest.fixture
def browser_zonder_js(tmp_path):
    driver = start_chromium(tmp_path, javascript=False)
    yield driver
    driver.quit()


def start_chromium(tmp_path: Path, javascript: bool = True):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    downloads = tmp_path / "downloads"
    downloads.mkdir(exist_ok=True)
    opties = webdriver.ChromeOptions()
    opties.binary_location = str(CHROMIUM)
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1000",
                "--disable-gpu", "--lang=nl"):
        opties.add_argument(arg)
    opties.add_experimental_option("prefs", {
        "download.default_directory": str(downloads), "download.prompt_for_download": False,
        "profile.managed_default_content_settings.javascript": 1 if javascript else 2})
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=opties)
    driver.implicitly_wait(0)
    driver.downloads = downloads
    return driver


@pytest.fixture
def werkmap(tmp_path, monkeypatch):
    """A working folder with settings and attachments but no workbook yet: she uploads it."""
    map_ = tmp_path / "school"
    map_.mkdir()
    shutil.copy(demo_folder() / "opp.toml", map_ / "opp.toml")
    shutil.copytree(demo_folder() / "bijlagen", map_ / "bijlagen")
    monkeypatch.chdir(map_)
    return map_


def wacht(conditie, seconden: float = 120, stap: float = 0.2):
    from selenium.common.exceptions import StaleElementReferenceException

    eind = time.monotonic() + seconden
    while True:
        try:
            waarde = conditie()
        except StaleElementReferenceException:  # the page was replaced between finding an element and reading it
            waarde = None
        if waarde:
            return waarde
        assert time.monotonic() < eind, "waited too long"
        time.sleep(stap)


def foto(driver, naam: str, tmp_path: Path) -> Path:
    """A full-page screenshot (the window made as tall as the page)."""
    map_ = Path(os.environ.get("OPP_SCHERMAFDRUKKEN") or tmp_path / "schermafdrukken")
    map_.mkdir(parents=True, exist_ok=True)
    hoogte = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(1280, min(max(hoogte, 700), 6000))
    pad = map_ / f"{naam}.png"
    driver.save_screenshot(str(pad))
    driver.set_window_size(1280, 1000)
    return pad


def upload(driver, pad: Path, vervang: bool = False) -> None:
    from selenium.webdriver.common.by import By

    driver.find_element(By.ID, "bestand").send_keys(str(pad))
    if vervang:
        driver.find_element(By.ID, "vervang").click()
    driver.find_element(By.CSS_SELECTOR, "form[action='/werkboek/upload'] button").click()


def problemen(driver) -> list[tuple[str, str, str, str]]:
    """(code, blad, rij, kolom) of every visible row of the problems table."""
    from selenium.webdriver.common.by import By

    rijen = []
    for tr in driver.find_elements(By.CSS_SELECTOR, "#problemen tbody tr"):
        if not tr.is_displayed():
            continue
        cellen = [td.text for td in tr.find_elements(By.TAG_NAME, "td")]
        rijen.append((tr.get_attribute("data-code"), cellen[1], cellen[2], cellen[3]))
    return rijen


def test_mentor_and_secretary_in_the_browser(browser, werkmap, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    server = Draaiend(werkmap)
    try:
        browser.get(server.adres)
        wacht(lambda: browser.current_url.endswith("/werkboek"))
        assert "token" not in browser.current_url
        foto(browser, "01-werkboek-leeg", tmp_path)

        # the demo workbook: in order, its warnings located
        upload(browser, demo_folder() / "werkboek.xlsx")
        wacht(lambda: browser.find_elements(By.ID, "samenvatting"))
        assert "In orde" in browser.find_element(By.ID, "samenvatting").text
        assert problemen(browser)

        # a workbook with errors: located problems in the table, sortable and filterable by script
        upload(browser, DATA / "fouten.xlsx")
        wacht(lambda: "fouten.xlsx" in browser.find_element(By.CSS_SELECTOR, ".merk").text)
        gevonden = problemen(browser)
        assert ("ongeldige-datum", "Leerlingen", "2", "Geboortedatum") in gevonden
        assert ("onbekend-leerlingnummer", "Verzorgers", "4", "Leerlingnummer") in gevonden
        browser.find_element(By.ID, "f-zoek").send_keys("ongeldige-keuze")
        assert [r[0] for r in problemen(browser)] == ["ongeldige-keuze"]
        browser.find_element(By.ID, "f-zoek").clear()
        browser.find_element(By.ID, "f-zoek").send_keys(" ")  # an input event: every row again
        kop = browser.find_elements(By.CSS_SELECTOR, "#problemen thead th")[2]
        kop.find_element(By.TAG_NAME, "button").click()
        assert kop.get_attribute("aria-sort") == "ascending"
        rijnummers = [int(r[2]) for r in problemen(browser) if r[2]]
        assert rijnummers == sorted(rijnummers)
        foto(browser, "02-werkboek-fouten", tmp_path)

        # back to the good workbook, then the class's plans
        Select(browser.find_element(By.ID, "naam")).select_by_visible_text("werkboek.xlsx")
        browser.find_element(By.CSS_SELECTOR, "form[action='/werkboek/kies'] button").click()
        wacht(lambda: "werkboek: werkboek.xlsx" in browser.find_element(By.CSS_SELECTOR, ".merk").text)
        browser.find_element(By.LINK_TEXT, "Documenten").click()
        wacht(lambda: browser.find_elements(By.CSS_SELECTOR, "form[action='/documenten/maak']"))
        foto(browser, "03-documenten", tmp_path)
        klas = browser.find_element(By.XPATH, "//label[text()='PrO 5B']").get_attribute("for")
        browser.find_element(By.ID, klas).click()
        for doc in ("iop", "kernteam"):
            browser.find_element(By.ID, f"doc-{doc}").click()
        browser.find_element(By.CSS_SELECTOR, "form[action='/documenten/maak'] button").click()
        wacht(lambda: browser.find_elements(By.ID, "render-samenvatting"), 300)
        assert "6 documenten geschreven" in browser.find_element(By.ID, "render-samenvatting").text
        foto(browser, "04-documenten-klaar", tmp_path)
        browser.find_element(By.ID, "zip").click()
        zipbestand = wacht(lambda: next((p for p in browser.downloads.glob("*.zip")), None), 60)
        wacht(lambda: not list(browser.downloads.glob("*.crdownload")))
        with zipfile.ZipFile(zipbestand) as z:
            namen = z.namelist()
            assert len(namen) == 6
            z.extract(namen[0], tmp_path / "uitgepakt")
        document = docx.Document(str(tmp_path / "uitgepakt" / namen[0]))
        achternaam = Path(namen[0]).name.split(" ", 1)[1].split(",")[0]
        assert achternaam in "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells) + \
            "\n".join(p.text for p in document.paragraphs)

        # the secretary: the signing round
        browser.find_element(By.LINK_TEXT, "Ondertekening").click()
        wacht(lambda: browser.find_elements(By.ID, "sync"))
        browser.find_element(By.ID, "sync").click()
        wacht(lambda: browser.find_elements(By.ID, "sync-resultaat"))
        klassen = [th.text for th in browser.find_elements(By.CSS_SELECTOR, "#per-klas tbody th")]
        assert klassen == ["PrO 2A", "PrO 5B"]
        assert browser.find_element(By.ID, "niets-te-laat").is_displayed()
        foto(browser, "05-ondertekening", tmp_path)

        # TLV and the report, photographed
        browser.find_element(By.LINK_TEXT, "TLV").click()
        browser.find_element(By.ID, "maak-dossiers").click()
        wacht(lambda: browser.find_elements(By.ID, "aanvragen"), 300)
        foto(browser, "06-tlv", tmp_path)
        browser.find_element(By.LINK_TEXT, "Rapport").click()
        browser.find_element(By.ID, "maak-rapport").click()
        wacht(lambda: browser.find_elements(By.ID, "rapport-samenvatting"), 300)
        wacht(lambda: browser.execute_script(
            "return Array.from(document.images).every(i => i.complete && i.naturalWidth > 0)"))
        foto(browser, "07-rapport", tmp_path)
        browser.get(f"{server.basis}/werkboek/uitleg")
        foto(browser, "08-uitleg", tmp_path)
        fouten = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
        assert not fouten, fouten  # no CSP violations, no script errors
    finally:
        server.stop()


def test_without_the_token_the_browser_gets_403(browser, werkmap):
    from selenium.webdriver.common.by import By

    server = Draaiend(werkmap)
    try:
        browser.get(f"{server.basis}/werkboek")
        assert browser.find_element(By.TAG_NAME, "h1").text == "Geen toegang"
    finally:
        server.stop()


def test_an_upload_over_the_limit_shows_its_message_in_the_browser(browser, werkmap, tmp_path):
    """The guard reads the body away before it answers, so the browser shows the message, not a reset."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    groot = tmp_path / "groot.xlsx"
    groot.write_bytes(os.urandom(3 * 1024 * 1024))
    server = Draaiend(werkmap, max_upload=1024 * 1024)
    try:
        browser.get(server.adres)
        wacht(lambda: browser.current_url.endswith("/werkboek"))
        # keyboard first: the first Tab reaches the skip link, which leads to the main content
        browser.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)
        assert browser.switch_to.active_element.get_attribute("class") == "overslaan"
        upload(browser, groot)
        melding = wacht(lambda: browser.find_elements(By.CSS_SELECTOR, "[data-code='upload-te-groot']"))
        assert "1 MB" in melding[0].text
        assert not (werkmap / "groot.xlsx").exists()
    finally:
        server.stop()


def test_the_forms_work_without_javascript(browser_zonder_js, werkmap, tmp_path):
    """Scripts off: the problems filtered by the form, a class's plans made (the progress page reloads itself)."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    driver = browser_zonder_js
    shutil.copy(DATA / "fouten.xlsx", werkmap / "werkboek.xlsx")
    server = Draaiend(werkmap)
    try:
        driver.get(server.adres)
        wacht(lambda: driver.find_elements(By.ID, "problemen"))
        assert not driver.find_element(By.ID, "f-zoek").is_displayed()  # the script's search is not offered
        Select(driver.find_element(By.ID, "f-blad")).select_by_visible_text("Doelen")
        driver.find_element(By.CSS_SELECTOR, "form[method='get'] button").click()
        wacht(lambda: "blad=Doelen" in driver.current_url)
        assert [r[0] for r in problemen(driver)] == ["ongeldige-keuze"]
        foto(driver, "09-zonder-javascript", tmp_path)
        shutil.copy(demo_folder() / "werkboek.xlsx", werkmap / "werkboek.xlsx")
        driver.find_element(By.LINK_TEXT, "Documenten").click()
        klas = driver.find_element(By.XPATH, "//label[text()='PrO 2A']").get_attribute("for")
        driver.find_element(By.ID, klas).click()
        driver.find_element(By.CSS_SELECTOR, "form[action='/documenten/maak'] button").click()
        samenvatting = wacht(lambda: driver.find_elements(By.ID, "render-samenvatting"), 300)
        assert "documenten geschreven" in samenvatting[0].text
        assert driver.find_elements(By.ID, "zip")
    finally:
        server.stop()
