"""Roles in a real browser: a viewer following a link to the import page lands on Forside, with no import page.

Uses the server and Chromium helpers of tests/test_browser.py (skipped like it when Chromium or
Playwright is missing). The secrets come from a temporary file, never .streamlit/secrets.toml.
"""
from __future__ import annotations

from tests.test_browser import (  # noqa: F401 - `browser` is a fixture
    ARTIFACTS,
    PAGE_TIMEOUT_MS,
    VIEWPORT,
    browser,
    log_in,
    streamlit_server,
    wait_until_done,
)


def test_a_viewer_never_sees_the_import_page(demo_dir, browser, tmp_path, monkeypatch):  # noqa: F811
    secrets = tmp_path / "secrets.toml"
    secrets.write_text('cookie_secret = "browser-roles"\n[passwords]\nviewer = "les"\neditor = "skriv"\n',
                       encoding="utf-8")
    monkeypatch.setenv("STREAMLIT_SECRETS_FILES", str(secrets))
    with streamlit_server(demo_dir, tmp_path) as url:
        context = browser.new_context(viewport=VIEWPORT)
        try:
            page = context.new_page()
            page.goto(f"{url}/importer", timeout=PAGE_TIMEOUT_MS)
            wait_until_done(page, 0)
            log_in(page, "les")
            wait_until_done(page, 0)
            sidebar = page.locator('[data-testid="stSidebar"]').inner_text()
            assert "Innlogget som leser" in sidebar and "Valgresultat" in sidebar
            assert "Importer data" not in sidebar and "Importlogg" not in page.content()
            assert page.locator('[data-testid="stException"]').count() == 0
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / "roles_viewer.png"))

            editor = browser.new_context(viewport=VIEWPORT).new_page()
            editor.goto(f"{url}/importer", timeout=PAGE_TIMEOUT_MS)
            wait_until_done(editor, 0)
            log_in(editor, "skriv")
            wait_until_done(editor, 0)
            assert editor.locator("h1").first.inner_text() == "Importer data"
            assert "Innlogget som redaktør" in editor.locator('[data-testid="stSidebar"]').inner_text()
            editor.context.close()
        finally:
            context.close()
