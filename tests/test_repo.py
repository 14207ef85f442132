"""House rules that keep the layout honest: every query and page is used, pages hold no SQL."""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CODE = [*ROOT.glob("campaign/*.py"), *ROOT.glob("views/*.py"), ROOT / "dashboard.py"]


def _source() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in CODE)


def test_every_query_file_is_used():
    source = _source()
    for sql in ROOT.glob("queries/*.sql"):
        assert f'"{sql.stem}"' in source, f"queries/{sql.name} is not used anywhere"


def test_every_page_is_in_the_navigation():
    dashboard = (ROOT / "dashboard.py").read_text(encoding="utf-8")
    for page in ROOT.glob("views/*.py"):
        assert f'"views/{page.name}"' in dashboard, f"{page.name} is not in st.navigation"


def test_pages_hold_no_sql_and_no_duckdb():
    for page in ROOT.glob("views/*.py"):
        text = page.read_text(encoding="utf-8")
        assert "duckdb" not in text, page.name
        assert not re.search(r"\bselect\b.+\bfrom\b", text, re.IGNORECASE), page.name


def test_streamlit_stays_out_of_the_library():
    allowed = {"cache.py", "ui.py", "queries.py"}
    for module in ROOT.glob("campaign/*.py"):
        if module.name not in allowed:
            assert "import streamlit" not in module.read_text(encoding="utf-8"), module.name


def test_no_fstring_sql_in_queries():
    for sql in ROOT.glob("queries/*.sql"):
        text = sql.read_text(encoding="utf-8")
        assert text.startswith("--"), f"{sql.name} needs a header comment with its grain"
        assert "Grain:" in text, f"{sql.name} must state its grain"
        assert "{" not in text, f"{sql.name} looks like a template"
