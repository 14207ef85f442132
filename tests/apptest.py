"""AppTest helpers shared by the page test files: open a page of the dashboard, read its metrics."""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
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


def figures(at: AppTest) -> list[dict]:
    """The page's Plotly figures as JSON, in page order."""
    import json
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def figure_titled(at: AppTest, title: str) -> dict:
    """The page's Plotly figure whose title starts with `title`."""
    return next(f for f in figures(at) if f["layout"]["title"]["text"].startswith(title))


def tables(at: AppTest) -> list:
    """The page's st.table frames with plain spaces (no NBSP, no soft hyphens), in page order."""
    return [t.value.map(lambda v: _unescaped(plain(v).replace("\u00ad", "")))
            .rename(columns=lambda c: c.replace("\u00ad", "")) for t in at.table]


def _unescaped(text: str) -> str:
    """A cell as the reader sees it: «8\\. mai» is Markdown for «8. mai» (campaign.ui escapes leading numbers)."""
    return re.sub(r"^(\d+)\\\.", r"\1.", text)


def shown(element) -> pd.DataFrame:
    """An st.dataframe as the reader sees it, plain spaces: the Styler's display text (campaign.tables.styled)
    where the page styled the table, else its values as text. `.value` keeps the numbers underneath."""
    from streamlit import dataframe_util
    display = element.proto.arrow_data.styler.display_values
    frame = dataframe_util.convert_arrow_bytes_to_pandas_df(display) if display else element.value
    return frame.map(plain)
