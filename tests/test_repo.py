"""House rules that keep the layout honest: every query and page is used, pages hold no SQL."""
from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CODE = [*ROOT.glob("campaign/**/*.py"), *ROOT.glob("views/*.py"), ROOT / "dashboard.py"]


def _source() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in CODE)


def test_every_query_file_is_used():
    source = _source()
    for sql in ROOT.glob("queries/*.sql"):
        assert f'"{sql.stem}"' in source, f"queries/{sql.name} is not used anywhere"


def test_every_page_script_is_in_the_page_table_and_has_its_apptest_file():
    from campaign.pages import PAGES
    files = {p.file for p in PAGES}
    for page in ROOT.glob("views/*.py"):
        assert f"views/{page.name}" in files, f"{page.name} is not in campaign/pages.py"
    for page in PAGES:
        assert (ROOT / page.file).exists(), f"{page.file} is in the page table but does not exist"
        assert (ROOT / "tests" / f"test_page_{page.name}.py").exists(), f"{page.name} has no AppTest file"
    assert len({p.name for p in PAGES}) == len(PAGES), "two pages share a URL path"


def test_navigation_is_built_from_the_page_table():
    dashboard = (ROOT / "dashboard.py").read_text(encoding="utf-8")
    assert "pages.sections()" in dashboard and '"views/' not in dashboard


def test_pages_hold_no_sql_and_no_duckdb():
    for page in ROOT.glob("views/*.py"):
        text = page.read_text(encoding="utf-8")
        assert "duckdb" not in text, page.name
        assert not re.search(r"\bselect\b.+\bfrom\b", text, re.IGNORECASE), page.name


def test_streamlit_stays_out_of_the_library():
    # campaign/login.py: the login screen, cookies and st.login glue (its logic is in campaign/auth.py).
    allowed = {"campaign/cache.py", "campaign/ui.py", "campaign/ui_import.py", "campaign/queries.py", "campaign/login.py"}
    for module in ROOT.glob("campaign/**/*.py"):
        name = module.relative_to(ROOT).as_posix()
        if name not in allowed:
            assert "import streamlit" not in module.read_text(encoding="utf-8"), name


def imported(path: Path) -> set[str]:
    """Every module a file imports; `from a import b` counts as both `a` and `a.b`."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names |= {node.module, *(f"{node.module}.{alias.name}" for alias in node.names)}
    return names


def test_query_functions_import_no_drawing_and_no_compositions():
    banned = ("campaign.maps", "campaign.analysis", "campaign.charts", "campaign.targeting", "campaign.results",
              "campaign.cache.geometry", "plotly")
    for name in imported(ROOT / "campaign" / "queries.py"):
        assert not name.startswith(banned), f"campaign/queries.py imports {name}"


def test_pages_reach_the_store_only_through_query_functions():
    for page in ROOT.glob("views/*.py"):
        for name in imported(page):
            assert name.split(".")[0] != "duckdb", f"{page.name} imports {name}"
            assert name.split(".")[-1] not in {"Store", "Database"}, f"{page.name} imports {name}"
            assert not name.startswith(("campaign.store", "campaign.db")), f"{page.name} imports {name}"


def test_no_fstring_sql_in_queries():
    for sql in ROOT.glob("queries/*.sql"):
        text = sql.read_text(encoding="utf-8")
        assert text.startswith("--"), f"{sql.name} needs a header comment with its grain"
        assert "Grain:" in text, f"{sql.name} must state its grain"
        assert "{" not in text, f"{sql.name} looks like a template"


def test_the_readme_says_what_every_page_is_for():
    from campaign.pages import PAGES
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [page.title for page in PAGES if f"| **{page.title}** |" not in readme]
    assert not missing, f"README «Sidene» has no row for: {missing}"
