"""Files for download: the one place that makes a frame safe to open in a spreadsheet.

Every download is made here: `csv_bytes` (Norwegian Excel: `;`, decimal comma, UTF-8 with BOM)
and `xlsx_bytes` (real numbers and dates, a bold frozen header row, column widths). A text cell
that begins with `=`, `+`, `-`, `@`, tab or carriage return would be read by Excel or LibreOffice
as a formula (OWASP «CSV injection»): in CSV it gets a leading single quote (`safe_frame`), in
XLSX it is stored as a string cell with Excel's quote prefix, never as a formula. Numbers are
left alone: a change of −1,8 pp stays a number a spreadsheet can sum.
"""
from __future__ import annotations

import datetime as dt
import decimal
import io
import math
import re

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from pandas.api import types

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_text(value):
    """A text value that a spreadsheet will not evaluate; anything else unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _is_text(column: pd.Series) -> bool:
    # Object columns may mix text with numbers (Decimal sums, None): each cell is checked alone.
    return not (types.is_numeric_dtype(column) or types.is_bool_dtype(column)
                or types.is_datetime64_any_dtype(column) or isinstance(column.dtype, pd.PeriodDtype))


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of the frame with every text cell and column name neutralised for spreadsheets."""
    safe = frame.rename(columns=lambda name: safe_text(str(name)))
    for index in range(safe.shape[1]):
        column = safe.iloc[:, index]
        if isinstance(column.dtype, pd.CategoricalDtype):
            column = column.astype(object)
        if _is_text(column):
            safe.isetitem(index, column.map(safe_text, na_action="ignore"))
    return safe


def csv_bytes(frame: pd.DataFrame, columns: dict[str, str] | None = None,
              decimals: dict[str, int] | None = None) -> bytes:
    """A frame as CSV for Norwegian Excel: `;`, decimal comma, UTF-8 with BOM, no formulas.

    `columns` picks and renames columns (in that order); `decimals` rounds them by their new
    name, and a column rounded to 0 decimals is written as whole numbers (empty when missing).
    """
    data = frame[list(columns)].rename(columns=columns) if columns else frame
    for name, places in (decimals or {}).items():
        rounded = pd.to_numeric(data[name]).round(places)
        data = data.assign(**{name: rounded.astype("Int64") if places == 0 else rounded})
    return safe_frame(data).to_csv(index=False, sep=";", decimal=",").encode("utf-8-sig")


def rounded(frame: pd.DataFrame, decimals: int = 2) -> pd.DataFrame:
    """Float columns rounded (no 27.445510026155187 in a download); those that are whole become whole numbers."""
    out = frame.copy()
    for index in range(out.shape[1]):
        column = out.iloc[:, index]
        if types.is_float_dtype(column):
            column = column.round(decimals)
            present = column.dropna()
            out.isetitem(index, column.astype("Int64") if (present == present.round()).all() else column)
    return out


SHEET_FORBIDDEN = re.compile(r"[\\/*?:\[\]]")  # characters Excel refuses in a sheet name
DATE_FORMAT, DATETIME_FORMAT = "dd.mm.yyyy", "dd.mm.yyyy hh:mm"
WHOLE_FORMAT, DECIMAL_FORMAT = "#,##0", "#,##0.0#####"  # Excel shows them with the reader's own separators
MIN_WIDTH, MAX_WIDTH = 6, 60
OSLO = "Europe/Oslo"


def xlsx_bytes(frame: pd.DataFrame, sheet_name: str = "Tabell") -> bytes:
    """A frame as an Excel workbook: numbers and dates as real cells, a bold frozen header, widths from the content.

    Headers are written as given (Norwegian). No cell becomes a formula: text is always a string cell, and text
    that starts like a formula also gets Excel's quote prefix, so editing the cell does not evaluate it either.
    """
    book = Workbook()
    sheet = book.active
    sheet.title = SHEET_FORBIDDEN.sub(" ", str(sheet_name)).strip()[:31] or "Tabell"
    for index, name in enumerate(frame.columns, start=1):
        _text_cell(sheet.cell(row=1, column=index), str(name)).font = Font(bold=True)
    for index in range(frame.shape[1]):
        _write_column(sheet, index + 1, frame.iloc[:, index])
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _write_column(sheet, column: int, values: pd.Series) -> None:
    """One column's cells from row 2, with a number or date format, and the column's width."""
    whole = types.is_integer_dtype(values) or (types.is_float_dtype(values) and _all_whole(values))
    if types.is_datetime64_any_dtype(values):
        values = _naive(values)
        present = values.dropna()
        values = values.dt.date if (present == present.dt.normalize()).all() else values  # dates, not midnights
    width = len(str(sheet.cell(row=1, column=column).value))
    for row, value in enumerate(values.astype(object), start=2):
        cell = sheet.cell(row=row, column=column)
        value = _cell_value(value)
        if isinstance(value, str):
            _text_cell(cell, value)
        elif value is not None:
            cell.value = value
            cell.number_format = _number_format(value, whole)
        width = max(width, _shown_width(value))
    sheet.column_dimensions[get_column_letter(column)].width = min(max(width + 2, MIN_WIDTH), MAX_WIDTH)


def _naive(values: pd.Series) -> pd.Series:
    """Times in Oslo without a time zone (Excel has none)."""
    return values.dt.tz_convert(OSLO).dt.tz_localize(None) if values.dt.tz is not None else values


def _all_whole(values: pd.Series) -> bool:
    present = values.dropna()
    return bool(len(present)) and bool((present == present.round()).all())


def _cell_value(value):
    """What openpyxl can write: None for missing (and ±inf), plain numbers, naive datetimes, dates; text otherwise."""
    if value is None or (types.is_scalar(value) and not isinstance(value, str | bytes) and pd.isna(value)):
        return None
    if isinstance(value, dt.datetime):
        value = pd.Timestamp(value)
        return (value.tz_convert(OSLO).tz_localize(None) if value.tzinfo else value).to_pydatetime()
    if isinstance(value, str | dt.date):
        return value
    if isinstance(value, bool | np.bool_):
        return bool(value)
    if isinstance(value, decimal.Decimal) or types.is_number(value):
        number = float(value)
        return None if not math.isfinite(number) else int(number) if isinstance(value, int | np.integer) else number
    return str(value)


def _number_format(value, whole: bool) -> str:
    if isinstance(value, dt.datetime):
        return DATETIME_FORMAT
    if isinstance(value, dt.date):
        return DATE_FORMAT
    if isinstance(value, bool):
        return "General"
    return WHOLE_FORMAT if whole or isinstance(value, int) else DECIMAL_FORMAT


def _text_cell(cell, text: str):
    """A string cell, never a formula (openpyxl would make one of any text starting with «=»)."""
    cell.value = text
    cell.data_type = "s"
    if text.startswith(FORMULA_START):
        cell.quotePrefix = True
    return cell


def _shown_width(value) -> int:
    if value is None:
        return 0
    if isinstance(value, dt.date):
        return 16 if isinstance(value, dt.datetime) else 10
    if isinstance(value, float):
        return len(f"{value:,.2f}")
    if isinstance(value, int) and not isinstance(value, bool):
        return len(f"{value:,}")
    return max((len(line) for line in str(value).splitlines()), default=0)
