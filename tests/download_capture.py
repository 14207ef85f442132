"""Capture a page's downloads in AppTest: every ui.download_buttons call, both files read back like a spreadsheet."""
from __future__ import annotations

import io
from dataclasses import dataclass

import openpyxl
import pandas as pd


@dataclass
class Download:
    """One table's two files, as bytes, and read back with pandas (CSV the way Norwegian Excel reads it)."""
    name: str
    csv: bytes
    xlsx: bytes

    def csv_frame(self) -> pd.DataFrame:
        assert self.csv.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM: Excel sees æøå
        return pd.read_csv(io.BytesIO(self.csv), sep=";", decimal=",", encoding="utf-8-sig")

    def xlsx_frame(self) -> pd.DataFrame:
        return pd.read_excel(io.BytesIO(self.xlsx))

    def formula_cells(self) -> list[str]:
        sheet = openpyxl.load_workbook(io.BytesIO(self.xlsx)).active
        return [cell.coordinate for row in sheet.iter_rows() for cell in row if cell.data_type == "f"]


def capture(monkeypatch) -> dict[str, Download]:
    """Record what ui.download_buttons hands the buttons (name → Download) while the page runs."""
    from campaign import downloads, ui
    seen: dict[str, Download] = {}
    original = ui.download_buttons

    def recording(frame, name, where=None, label="tabellen"):
        seen[name] = Download(name, downloads.csv_bytes(frame), downloads.xlsx_bytes(frame, sheet_name=name))
        return original(frame, name, where, label)

    monkeypatch.setattr(ui, "download_buttons", recording)
    return seen


def files(at) -> set[str]:
    """The file names of the page's download buttons (Streamlit keeps them in the media URL's name)."""
    return {b.proto.url.rsplit("/", 1)[-1] for b in at.get("download_button")}


def labels(at) -> list[str]:
    return [b.label for b in at.get("download_button")]
