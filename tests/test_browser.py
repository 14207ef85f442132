"""Real-browser tests: `streamlit run` on the demo store, every page opened in Debian's Chromium.

Each page must finish running without an exception box and show real numbers from the demo
data; a 1920×1080 screenshot of each page goes to tests/artifacts/ for a human to look at.
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from campaign.pages import HOME, PAGES

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "tests" / "artifacts"
VIEWPORT = {"width": 1920, "height": 1080}
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
STARTUP_TIMEOUT_S = 60
PAGE_TIMEOUT_MS = 30_000
NBSP = "\u00a0"

if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} finnes ikke (apt install chromium); browser tests skipped", allow_module_level=True)
try:
    from playwright.sync_api import Browser, Page, sync_playwright
except ImportError as error:  # pragma: no cover - depends on the environment
    pytest.skip(f"playwright kan ikke importeres ({error}); browser tests skipped", allow_module_level=True)

# What some pages must show beyond their title: (plotly charts expected, texts that must be visible).
EXPECTED = {
    "forside": (0, ["Eksempeldata", "Start her: Evaluering"]),  # after the demo's campaign period
    "i_dag": (0, ["Viser 11. sep. 2023", "91 040 kr", "på skinner"]),
    "valgresultat": (5, ["10,1", "363 stemmer bak MDG"]),
    "valgdeltakelse": (3, ["64,2"]),
    "kart": (1, ["Vis", "Område", "Oppslutning SV", "Dørbanking", "Målområde: Groruddalen"]),
    "banke": (1, ["Mobiliseringspotensial", "Last ned listen til dørbankeplanen (CSV)"]),
    "utforsk": (1, ["Lagrede spørsmål", "Grupper etter (høyst to)", "kopier lenken"]),
    "importer": (0, ["Importlogg", "Hent fra valgresultat.no", "Angre valgt import", "Høyst 200 MB per fil",
                     "Last ned importloggen (Excel)"]),
    "data": (0, ["Kilder", "Eksempeldata: sist importert", "results – resultater"]),
    "sql": (0, ["Eksempler", "Visninger", "Kjør spørringen"]),
    "sosiale_medier": (4, ["257 000", "15 795", "115 551 (+609,0 %)", "+348 (+58,0 %)"]),
    "annonser": (3, ["91 040 kr", "100,0 % av budsjettet", "Hva fikk vi for pengene?", "ikke summerbar", "19,00 kr"]),
    "feltarbeid": (6, ["18 357", "under 5", "297 000 kr", "Mediesaker per uke"]),
    "evaluering": (10, ["2 av 4 mål nådd", "27 av 59", "363 stemmer bak MDG", "29 representanter", "Skolevalget 2023"]),
    "nettside": (3, ["35 013", "+123,7 % mot 2021", "13 412 unike", "Av dem: 63 % Facebook, 32 % Snapchat."]),
}
# Every page of the page table: (artifact name, url path, charts, texts).
PAGE_CASES = [(p.name, "" if p is HOME else p.name, *EXPECTED.get(p.name, (0, [p.title]))) for p in PAGES]


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_healthy(url: str, process: subprocess.Popen, log: Path, timeout: float) -> None:
    """Poll Streamlit's health endpoint until it answers "ok"; fail if the server dies or times out."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with {process.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.read().decode().strip() == "ok":
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    raise TimeoutError(f"streamlit did not answer {url}/_stcore/health within {timeout} s:\n{log.read_text()}")


@contextmanager
def streamlit_server(data_dir: Path, log_dir: Path) -> Iterator[str]:
    """`streamlit run dashboard.py` on a free port over data_dir; yields the base URL, always stops it."""
    port = free_port()
    env = {**os.environ, "CAMPAIGN_DATA_DIR": str(data_dir)}
    # Server output goes to a file (a pipe nobody reads could fill up and stall the server).
    log = log_dir / "server.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "dashboard.py",
             "--server.address", "127.0.0.1", "--server.port", str(port),
             "--server.headless", "true", "--browser.gatherUsageStats", "false"],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, process, log, STARTUP_TIMEOUT_S)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="module")
def server_url(demo_dir, tmp_path_factory) -> Iterator[str]:
    """One server over the demo store for the page tests; stopped after the module."""
    with streamlit_server(demo_dir, tmp_path_factory.mktemp("streamlit")) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Headless Debian Chromium driven by Playwright."""
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="module")
def app_url(server_url, browser) -> str:
    """The server after one visit to the root URL.

    Visiting the root first keeps the page tests independent of their order and of -k selection;
    test_deep_link_on_fresh_server covers the cold case.
    """
    context = browser.new_context(viewport=VIEWPORT)
    try:
        page = context.new_page()
        page.goto(server_url, timeout=PAGE_TIMEOUT_MS)
        wait_until_done(page, 0)
    finally:
        context.close()
    return server_url


def assert_app_chrome(page: Page, name: str) -> None:
    """dashboard.py ran: the sidebar holds its navigation and the shared election filters."""
    sidebar = page.locator('[data-testid="stSidebar"]').inner_text()
    for wanted in (*(p.title for p in PAGES), "Valg", "Sammenlign med"):
        assert wanted in sidebar, f"{name}: sidebar lacks {wanted!r} (dashboard.py did not run?):\n{sidebar}"
    assert "dashboard" not in sidebar, f"{name}: legacy pages/ navigation shown:\n{sidebar}"


def wait_until_done(page: Page, charts: int) -> None:
    """Wait until the script run has finished and the expected plotly charts are drawn."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=PAGE_TIMEOUT_MS)
    # The app element carries the script state; "notRunning" once a run has completed.
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=PAGE_TIMEOUT_MS)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
        " || !/running/i.test(document.querySelector('[data-testid=\"stStatusWidget\"]').innerText)",
        timeout=PAGE_TIMEOUT_MS,
    )
    if charts:
        page.wait_for_function(
            "n => document.querySelectorAll('.js-plotly-plot .main-svg').length >= n",
            arg=charts, timeout=PAGE_TIMEOUT_MS,
        )
    page.wait_for_load_state("networkidle", timeout=PAGE_TIMEOUT_MS)
    page.wait_for_timeout(500)  # let dataframes and plotly finish their last layout pass


@pytest.mark.parametrize(("name", "path", "charts", "expected"), PAGE_CASES, ids=[c[0] for c in PAGE_CASES])
def test_page_renders(app_url, browser, name, path, charts, expected):
    context = browser.new_context(viewport=VIEWPORT)
    try:
        page = context.new_page()
        page.goto(f"{app_url}/{path}", timeout=PAGE_TIMEOUT_MS)
        wait_until_done(page, charts)

        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=False)

        exceptions = page.locator('[data-testid="stException"]')
        assert exceptions.count() == 0, f"{name}: exception box shown:\n{exceptions.first.inner_text()}"
        if charts:
            assert page.locator(".js-plotly-plot").count() == charts
        assert_app_chrome(page, name)
        text = page.locator('[data-testid="stApp"]').inner_text().replace(NBSP, " ")
        for wanted in expected:
            assert wanted in text, f"{name}: {wanted!r} not visible on the page"
    finally:
        context.close()


def test_deep_link_on_fresh_server(demo_dir, browser, tmp_path):
    """The first visitor after a restart opens /valgresultat directly (a bookmark) and gets the full app.

    Streamlit starts an app that has a folder named pages/ in legacy multipage mode and would run
    pages/<page>.py alone (no login, no filters). That is why the page scripts live in views/.
    """
    with streamlit_server(demo_dir, tmp_path) as url:
        context = browser.new_context(viewport=VIEWPORT)
        try:
            page = context.new_page()
            page.goto(f"{url}/valgresultat", timeout=PAGE_TIMEOUT_MS)
            wait_until_done(page, 5)
            assert page.locator('[data-testid="stException"]').count() == 0
            assert_app_chrome(page, "valgresultat (deep link on a fresh server)")
        finally:
            context.close()


def test_upload_and_import_a_result_file(browser, tmp_path):
    """The secretariat uploads an official CSV, sees what it is, confirms, and the store has it."""
    from campaign.config import load_config
    from campaign.demo import write_demo
    from campaign.store import Store

    store = Store(tmp_path / "store")
    write_demo(store, load_config())
    fixture = ROOT / "tests" / "fixtures" / "2019-09-14_partifordeling_4_ko_2019.csv"
    with streamlit_server(store.data_dir, tmp_path) as url:
        context = browser.new_context(viewport=VIEWPORT)
        try:
            page = context.new_page()
            page.goto(f"{url}/importer", timeout=PAGE_TIMEOUT_MS)
            wait_until_done(page, 0)
            page.locator('input[type="file"]').set_input_files(str(fixture))
            page.get_by_role("button", name="Importer 1 fil(er)").wait_for(timeout=PAGE_TIMEOUT_MS)
            wait_until_done(page, 0)
            text = page.locator('[data-testid="stApp"]').inner_text().replace(NBSP, " ")
            assert "ko2019" in text and "Oslo (0301)" in text and "Eksempeldataene for ko2019 fjernes" in text
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / "importer_upload.png"))
            page.get_by_role("button", name="Importer 1 fil(er)").click()
            page.get_by_text("Importert: 1 fil(er);").wait_for(timeout=PAGE_TIMEOUT_MS)
            assert page.locator('[data-testid="stException"]').count() == 0
        finally:
            context.close()
    log = store.read("imports")
    assert list(log["source_name"])[-1] == fixture.name


def test_map_zoom_on_groruddalen(app_url, browser):
    """The map zoomed to a target area, as shown on the projector."""
    context = browser.new_context(viewport=VIEWPORT)
    try:
        page = context.new_page()
        page.goto(f"{app_url}/kart", timeout=PAGE_TIMEOUT_MS)
        wait_until_done(page, 1)
        page.get_by_role("combobox", name="Område").click()
        page.get_by_role("option", name="Groruddalen", exact=True).click()
        page.wait_for_function(
            "() => [...document.querySelectorAll('.js-plotly-plot text')]"
            ".some(t => t.textContent.toLowerCase().includes('– groruddalen'))", timeout=PAGE_TIMEOUT_MS)
        wait_until_done(page, 1)
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "kart_groruddalen.png"))
        assert page.locator('[data-testid="stException"]').count() == 0
        labels = page.locator(".js-plotly-plot text").all_text_contents()
        assert any("Stovner" in t for t in labels) and not any("Frogner" in t for t in labels)
    finally:
        context.close()


def log_in(page: Page, password: str) -> None:
    """Type a password into the login form and press Enter."""
    page.get_by_label("Passord").fill(password)
    page.get_by_label("Passord").press("Enter")
    wait_until_done(page, 0)


def test_login_on_a_deep_link_lands_there_and_survives_a_reload(demo_dir, browser, tmp_path, monkeypatch):
    """With a password set, /valgresultat asks for it, waits after wrong ones, then shows Valgresultat.

    The secrets come from a temporary file (STREAMLIT_SECRETS_FILES), never .streamlit/secrets.toml.
    """
    password = "blåbærsyltetøy på Ås"
    secrets = tmp_path / "secrets.toml"
    secrets.write_text(f'password = "{password}"\ncookie_secret = "browser-test-secret"\n', encoding="utf-8")
    monkeypatch.setenv("STREAMLIT_SECRETS_FILES", str(secrets))
    with streamlit_server(demo_dir, tmp_path) as url:
        context = browser.new_context(viewport=VIEWPORT)
        try:
            page = context.new_page()
            page.goto(f"{url}/valgresultat", timeout=PAGE_TIMEOUT_MS)
            wait_until_done(page, 0)
            assert page.get_by_label("Passord").is_visible() and "Sammenlign med" not in page.content()
            for _ in range(3):
                log_in(page, "feil")
            page.get_by_text("Feil passord. Vent 1 sekund før du prøver igjen.").wait_for(timeout=PAGE_TIMEOUT_MS)
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / "login_wait.png"))
            page.wait_for_timeout(1100)
            log_in(page, password)
            wait_until_done(page, 5)
            assert page.url.endswith("/valgresultat") and page.locator("h1").first.inner_text() == "Valgresultat"
            cookie = next(c for c in context.cookies() if c["name"] == "valgkamp_innlogging")
            assert cookie["sameSite"] == "Strict" and cookie["expires"] > time.time() + 11 * 3600

            page.reload(timeout=PAGE_TIMEOUT_MS)
            wait_until_done(page, 5)
            assert page.locator("h1").first.inner_text() == "Valgresultat"
            assert_app_chrome(page, "valgresultat after reload")
            tab = context.new_page()
            tab.goto(f"{url}/kart", timeout=PAGE_TIMEOUT_MS)
            wait_until_done(tab, 1)
            assert tab.locator("h1").first.inner_text() == "Kart"

            page.get_by_role("button", name="Logg ut").click()
            page.get_by_label("Passord").wait_for(timeout=PAGE_TIMEOUT_MS)
            wait_until_done(page, 0)
            assert not any(c["name"] == "valgkamp_innlogging" for c in context.cookies())
            assert page.locator('[data-testid="stException"]').count() == 0
        finally:
            context.close()


def test_drop_seven_platform_exports_into_the_import_page(browser, tmp_path):
    """Issue 9's «done when»: Meta Ads, Business Suite, a TikTok Studio zip, LinkedIn, Snapchat, TikTok Ads and
    GA4 dropped on the import page at once; the Annonser page then shows the spend the store holds."""
    from campaign.fmt import kroner
    from campaign.store import Store
    from tests.platform_files import stored_zip

    platforms = ROOT / "tests" / "fixtures" / "platforms"
    files = [platforms / n for n in ("meta_ads_en_daily.csv", "meta_insights_reach.csv", "linkedin_campaigns_en.csv",
                                     "snapchat_ads_daily.csv", "tiktok_ads_by_day.csv",
                                     "ga4_traffic_acquisition_en.csv")]
    overview = tmp_path / "Overview_2023-07-27_1690502400_sv_oslo.zip"
    overview.write_bytes(stored_zip(("Overview.csv", (platforms / "tiktok_overview_en.csv").read_bytes())))
    store = Store(tmp_path / "store")
    with streamlit_server(store.data_dir, tmp_path) as url:
        context = browser.new_context(viewport=VIEWPORT)
        try:
            page = context.new_page()
            page.goto(f"{url}/importer", timeout=PAGE_TIMEOUT_MS)
            wait_until_done(page, 0)
            page.get_by_role("combobox", name="Plattform").click()
            page.get_by_role("option", name="instagram", exact=True).click()
            wait_until_done(page, 0)
            page.locator('input[type="file"]').set_input_files([str(f) for f in [*files, overview]])
            button = page.get_by_role("button", name="Importer 7 fil(er)")
            button.wait_for(timeout=PAGE_TIMEOUT_MS)
            wait_until_done(page, 0)
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / "importer_platforms.png"), full_page=True)
            button.click()
            page.get_by_text("Importert: 7 fil(er)").wait_for(timeout=PAGE_TIMEOUT_MS)
            total = float(store.read("ads")["spend_nok"].sum())
            page.goto(f"{url}/annonser", timeout=PAGE_TIMEOUT_MS)
            wait_until_done(page, 0)
            assert page.locator('[data-testid="stException"]').count() == 0
            text = page.locator('[data-testid="stApp"]').inner_text().replace(NBSP, " ")
            assert kroner(total).replace(NBSP, " ") in text, (kroner(total), text[:2000])
            page.screenshot(path=str(ARTIFACTS / "annonser_platforms.png"))
        finally:
            context.close()
    kinds = set(store.read("imports")["kind"])
    assert kinds == {"meta_ads", "meta_insights", "linkedin_ads", "snapchat_ads", "tiktok_ads", "ga4", "tiktok_studio"}

