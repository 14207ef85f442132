"""Files for download: the one place that makes a frame safe to open in a spreadsheet.

Every download goes through `safe_frame` (CSV now, XLSX later). A text cell that begins with
`=`, `+`, `-`, `@`, tab or carriage return would be read by Excel or LibreOffice as a formula
(OWASP «CSV injection»), so it gets a leading single quote and stays text. Numbers are left
alone: a change of −1,8 pp stays a number a spreadsheet can sum.
"""
from __future__ import annotations

import pandas as pd
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
