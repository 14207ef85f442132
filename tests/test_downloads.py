"""Downloads: every file a page offers neutralises formulas (OWASP CSV injection) and keeps numbers numbers."""
from __future__ import annotations

import ast
import io
from pathlib import Path

import pandas as pd
import pytest

from campaign import analysis, tables
from campaign.config import load_config
from campaign.db import Database
from campaign.downloads import csv_bytes, safe_frame, safe_text
from tests.tiny_store import write_fixture_store

ROOT = Path(__file__).resolve().parent.parent
PAYLOAD = "=cmd|' /C calc'!A0"
ESCAPED = "'" + PAYLOAD


def read_back(data: bytes) -> pd.DataFrame:
    """A downloaded CSV read the way Norwegian Excel reads it."""
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM: Excel sees æøå
    return pd.read_csv(io.BytesIO(data), sep=";", decimal=",", encoding="utf-8-sig", dtype={"bydel_id": str})


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_text_that_starts_like_a_formula_gets_a_quote(start):
    assert safe_text(start + "1+1") == "'" + start + "1+1"


@pytest.mark.parametrize("value", ["Alna", "1+1", " =1", "", None, -1.8, 42])
def test_everything_else_is_left_alone(value):
    assert safe_text(value) == value


def test_safe_frame_escapes_text_cells_and_headers_not_numbers():
    frame = pd.DataFrame({"navn": [PAYLOAD, "-minus", "Alna", None], "=SUM(A1)": [1, 2, 3, 4],
                          "endring_pp": [-1.8, 2.0, -0.25, None],
                          "blandet": pd.Series(["@x", 5, -3, "+y"], dtype=object)})
    safe = safe_frame(frame)
    assert list(safe.columns) == ["navn", "'=SUM(A1)", "endring_pp", "blandet"]
    assert safe["navn"].tolist()[:3] == [ESCAPED, "'-minus", "Alna"] and pd.isna(safe["navn"].iloc[3])
    assert safe["endring_pp"].tolist()[:3] == [-1.8, 2.0, -0.25]
    assert safe["blandet"].tolist() == ["'@x", 5, -3, "'+y"]  # numbers in a mixed column stay numbers
    assert frame["navn"].iloc[0] == PAYLOAD  # the caller's frame is not changed


def test_csv_bytes_norwegian_excel_and_numbers_round_trip():
    frame = pd.DataFrame({"name": ["Alna", PAYLOAD], "change": [-1.8, 2.345], "votes": [1234.0, None]})
    data = csv_bytes(frame, {"name": "omrade", "change": "endring_pp", "votes": "stemmer"},
                     {"endring_pp": 2, "stemmer": 0})
    text = data.decode("utf-8-sig")
    assert text.splitlines()[0] == "omrade;endring_pp;stemmer"
    assert text.splitlines()[1] == "Alna;-1,8;1234"  # decimal comma, a real minus, whole votes
    back = read_back(data)
    assert back["endring_pp"].tolist() == [-1.8, 2.35] and back["stemmer"].iloc[0] == 1234
    assert back["omrade"].iloc[1] == ESCAPED


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory) -> Database:
    """The tiny store after an import whose party, krets and area names are formulas."""
    store = write_fixture_store(tmp_path_factory.mktemp("hostile-names"))
    results, turnout = store.read("results"), store.read("turnout")
    results.loc[results["party_code"] == "A", "party_name"] = PAYLOAD
    results.loc[results["krets_id"] == "0101", "krets_name"] = PAYLOAD
    turnout.loc[turnout["area_id"] == "0301-0101", "area_name"] = PAYLOAD
    store.commit({"results": results, "turnout": turnout})
    return Database(store)


def test_per_bydel_download(hostile_db):
    frame = hostile_db.query("party_shares_by_bydel", election_id="e1", compare_id="e0", kommune_id="0301")
    back = read_back(tables.bydel_csv(frame.assign(bydel=frame["bydel_id"])))
    assert list(back.columns[:4]) == ["bydel_id", "bydel", "partikode", "parti"]
    assert set(back.loc[back["partikode"] == "A", "parti"]) == {ESCAPED}
    row = back[(back["bydel_id"] == "030102") & (back["partikode"] == "A")].iloc[0]
    assert row["stemmer_valgting"] == 50 and row["oppslutning_pct"] == 25.0 and row["endring_pp"] == -25.0


def test_turnout_per_krets_download(hostile_db):
    frame = hostile_db.query("turnout_by_area", election_id="e1", compare_id="e0", kommune_id="0301", level="krets")
    back = read_back(tables.turnout_csv(frame)).set_index("omrade_id")
    assert back.loc["0301-0101", "omrade"] == ESCAPED
    assert back.loc["0301-0101", "valgdeltakelse_pct"] == 75.0 and back.loc["0301-0101", "endring_pp"] == 12.5
    assert back.loc["0301-0101", "stemmeberettigede"] == 400


def test_door_knocking_download(hostile_db):
    turnout = hostile_db.query("turnout_by_area", election_id="e1", compare_id="e0", kommune_id="0301", level="krets")
    shares = hostile_db.query("party_shares_by_krets", election_id="e1", compare_id="e0", kommune_id="0301",
                              bydel_id=None, party_code="B")
    frame = analysis.targeting(turnout, shares, "krets", "0301", load_config())
    back = read_back(tables.targeting_csv(frame)).set_index("omrade_id")
    assert back.loc["0301-0101", "omrade"] == ESCAPED
    assert back.loc["0301-0101", "endring_pp"] == -10.0  # a negative change stays a number
    assert back.loc["0301-0101", "potensial"] == 40  # (400 − 300) × 40 %


def _download_data_arguments() -> list[tuple[str, ast.expr]]:
    calls = []
    for path in sorted((ROOT / "views").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "download_button":
                data = node.args[1] if len(node.args) > 1 else next(k.value for k in node.keywords if k.arg == "data")
                calls.append((path.name, data))
    return calls


def _function_body(name: str) -> str | None:
    """The source of `def name(` in the campaign package, or None."""
    for path in sorted((ROOT / "campaign").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        if f"def {name}(" in text:
            return text.split(f"def {name}(", 1)[1].split("\ndef ", 1)[0]
    return None


def test_every_download_goes_through_a_safe_writer():
    """A page hands st.download_button only what a campaign function made with downloads.csv_bytes/safe_frame."""
    calls = _download_data_arguments()
    assert len(calls) >= 3
    for page, data in calls:
        assert isinstance(data, ast.Call) and isinstance(data.func, ast.Attribute), (page, ast.unparse(data))
        body = _function_body(data.func.attr)
        assert body is not None, f"{page}: {ast.unparse(data.func)} is not a function of the campaign package"
        assert "downloads.csv_bytes(" in body or "downloads.safe_frame(" in body, \
            f"{page}: {ast.unparse(data.func)} must write through campaign.downloads"
