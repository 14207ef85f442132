"""AppTest helpers shared by the page test files: open a page of the dashboard, read its metrics."""
from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from campaign.fmt import NBSP

APP = str(Path(__file__).resolve().parent.parent / "dashboard.py")


def plain(text) -> str:
    return str(text).replace(NBSP, " ")


def open_page(page: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60).run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def metrics(at: AppTest) -> dict[str, tuple[str, str]]:
    return {m.label: (plain(m.value), plain(m.delta)) for m in at.metric}
