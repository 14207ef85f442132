"""Which areas a boundary file's features are: key columns → level and codes, names, attribution.

Column names are matched case-insensitively, and a Shapefile's 10-character cut of a longer
name is understood (see boundaries.py for the levels and their columns).
"""
from __future__ import annotations

import re

import geopandas as gpd
import numpy as np
import pandas as pd

from campaign.areas import krets_area_id, krets_to_bydel
from campaign.config import Config
from campaign.ingest.base import ImportRejected, rejected

KOMMUNE_COLUMNS = ("kommunenummer", "kommunenr", "kommune_id")
KEY_COLUMNS = {
    "krets": ("valgkretsnummer", "stemmekretsnummer", "krets_id"),
    "bydel": ("bydelsnummer", "bydelnr", "bydel_id", "bydel"),
    "kommune": KOMMUNE_COLUMNS,
}
NAME_COLUMNS = {
    "krets": ("valgkretsnavn", "stemmekretsnavn", "krets_name", "navn", "name"),
    "bydel": ("bydelsnavn", "bydelnavn", "navn", "name"),
    "kommune": ("kommunenavn", "navn", "name"),
}
ATTRIBUTION_KEYS = ("attribution", "license", "kilde")
SHAPEFILE_NAME_LENGTH = 10
CODE_TEXT = re.compile(r"[0-9][0-9 \-]*")  # ASCII digits only: str.isdigit and \d also take other scripts


def find_column(columns, candidates: tuple[str, ...], exclude: set[str] | frozenset = frozenset()) -> str | None:
    """The column named like one of the candidates (case-insensitive; also a Shapefile-truncated name)."""
    lowered = {str(c).lower(): c for c in columns if c != "geometry" and c not in exclude}
    for candidate in candidates:
        if candidate in lowered:
            return lowered[candidate]
    for candidate in candidates:
        for low, column in lowered.items():
            if len(low) == SHAPEFILE_NAME_LENGTH and len(candidate) > SHAPEFILE_NAME_LENGTH and candidate.startswith(low):
                return column
    return None


def _digits(value) -> str | None:
    """A code as digits only: 301 → "301", 301.0 → "301", "0301 0101" → "03010101"; None for anything else."""
    if value is None or value is pd.NA or isinstance(value, bool | np.bool_):
        return None
    if isinstance(value, float | np.floating):
        if not (np.isfinite(value) and float(value).is_integer()):
            return None
        value = int(value)
    if isinstance(value, int | np.integer) and value < 0:
        return None
    text = str(value).strip()
    if not CODE_TEXT.fullmatch(text):
        return None
    return re.sub(r"[^0-9]", "", text)


def _codes(frame: pd.DataFrame, column: str | None, source_name: str) -> pd.Series | None:
    """The column's values as digit strings (None where empty), or None when there is no such column.

    A key column holding anything but codes is rejected at its first bad value: a file whose
    `bydelsnummer` says "abc" must not become one kommune outline.
    """
    if column is None:
        return None
    values = frame[column].map(_digits)
    present = frame[column].notna() & frame[column].map(lambda v: not (isinstance(v, str) and not v.strip()))
    bad = present & values.isna()
    if bad.any():
        row = int(np.flatnonzero(bad.to_numpy())[0])
        raise rejected(source_name, f"«{str(frame[column].iloc[row])[:40]}» er ikke en områdekode (bare sifrene "
                                    "0–9).", row=row + 1, column=column)
    return values


def area_keys(frame: gpd.GeoDataFrame, source_name: str, config: Config,
              warnings: list[str]) -> tuple[str, pd.DataFrame]:
    """The level and a frame of area_id, kommune_id, bydel_id (one row per feature)."""
    kommune_column = find_column(frame.columns, KOMMUNE_COLUMNS)
    kommuner = _codes(frame, kommune_column, source_name)
    if kommuner is not None:
        kommuner = kommuner.map(lambda c: c.zfill(4) if c else None)

    krets_column = find_column(frame.columns, KEY_COLUMNS["krets"])
    kretser = _codes(frame, krets_column, source_name)
    if kretser is not None and kommuner is not None:
        return "krets", _krets_keys(kretser, krets_column, kommuner, kommune_column, source_name, config)

    bydel_column = find_column(frame.columns, KEY_COLUMNS["bydel"])
    bydeler = _codes(frame, bydel_column, source_name)
    if bydeler is not None:
        return "bydel", _bydel_keys(bydeler, bydel_column, kommuner, source_name, config, warnings)

    if kommuner is not None:
        _require(kommuner, kommune_column, source_name)
        _require_width(kommuner, 4, kommune_column, source_name)
        return "kommune", pd.DataFrame({"area_id": kommuner, "kommune_id": kommuner, "bydel_id": None})
    raise _no_key_column(frame, krets_column, source_name)


def _krets_keys(kretser: pd.Series, krets_column: str, kommuner: pd.Series, kommune_column: str,
                source_name: str, config: Config) -> pd.DataFrame:
    """area_id "0301-1203" and bydel_id (via krets_to_bydel); an 8-digit kommune+krets code is cut to 4."""
    _require(kretser, krets_column, source_name)
    _require(kommuner, kommune_column, source_name)
    kretser = pd.Series([k[-4:] if len(k) == 8 and k.startswith(m) else k.zfill(4)
                         for k, m in zip(kretser, kommuner)], index=kretser.index)
    _require_width(kretser, 4, krets_column, source_name)
    return pd.DataFrame({
        "area_id": [krets_area_id(m, k) for m, k in zip(kommuner, kretser)],
        "kommune_id": kommuner,
        "bydel_id": [krets_to_bydel(k, m, config) for m, k in zip(kommuner, kretser)],
    })


def _bydel_keys(bydeler: pd.Series, bydel_column: str, kommuner: pd.Series | None, source_name: str,
                config: Config, warnings: list[str]) -> pd.DataFrame:
    """The 6-digit bydel code; a 1–2 digit number is completed by the kommune (the file's, else the configured)."""
    _require(bydeler, bydel_column, source_name)
    if (bydeler.str.len() <= 2).any() and kommuner is None and config.kommune_id is None:
        raise rejected(source_name, f"bydelsnumrene i «{bydel_column}» er korte og fila har ingen kommunenummer; "
                                    f"{config.area_name} er et fylke, så kommunen kan ikke gjettes. Legg til "
                                    "kolonnen «kommunenummer».", column=bydel_column)
    if (bydeler.str.len() <= 2).any() and kommuner is None:
        warnings.append(f"Bydelsnumrene i «{bydel_column}» er korte og fila har ingen kommunenummer; "
                        f"de er lest som bydeler i {config.kommune_name} ({config.kommune_id}).")
    prefixes = kommuner if kommuner is not None else pd.Series(config.kommune_id, index=bydeler.index)
    bydeler = pd.Series([f"{(m or '').zfill(4)}{b.zfill(2)}" if len(b) <= 2 else b.zfill(6)
                         for b, m in zip(bydeler, prefixes)], index=bydeler.index)
    _require_width(bydeler, 6, bydel_column, source_name)
    return pd.DataFrame({"area_id": bydeler, "kommune_id": bydeler.str[:4], "bydel_id": bydeler})


def _no_key_column(frame: gpd.GeoDataFrame, krets_column: str | None, source_name: str) -> ImportRejected:
    columns = ", ".join(f"«{c}»" for c in frame.columns if c != "geometry") or "ingen"
    hint = " (kretsnummer trenger også «kommunenummer»)" if krets_column else ""
    return rejected(source_name, "fant ingen kolonne med områdekode" + hint + ". Forventet bydelsnummer/bydelnr, "
                                 f"valgkretsnummer + kommunenummer, eller kommunenummer. Kolonner i fila: {columns}.")


def _require(codes: pd.Series, column: str, source_name: str) -> None:
    missing = codes.isna() | (codes == "")
    if missing.any():
        raise rejected(source_name, "mangler kode.", row=int(np.flatnonzero(missing.to_numpy())[0]) + 1, column=column)


def _require_width(codes: pd.Series, width: int, column: str, source_name: str) -> None:
    wrong = codes.str.len() != width
    if wrong.any():
        row = int(np.flatnonzero(wrong.to_numpy())[0])
        raise rejected(source_name, f"koden «{codes.iloc[row]}» har ikke {width} sifre.", row=row + 1, column=column)


def area_names(frame: gpd.GeoDataFrame, level: str, keyed: pd.DataFrame, config: Config) -> list[str]:
    """The file's name for each area; else campaign.toml's name for a bydel; else the code."""
    key_columns = {c for names in KEY_COLUMNS.values() if (c := find_column(frame.columns, names))}
    column = find_column(frame.columns, NAME_COLUMNS[level], exclude=key_columns)
    names = frame[column] if column else pd.Series(None, index=frame.index, dtype=object)
    result = []
    for name, area_id in zip(names, keyed["area_id"]):
        text = str(name).strip() if isinstance(name, str) else ""
        result.append(text or (config.bydeler.get(area_id) if level == "bydel" else None) or area_id)
    return result


def attribution_of(document: dict | None, frame: gpd.GeoDataFrame) -> str | None:
    """A top-level attribution/license/kilde of a GeoJSON, else the first value of such a column."""
    if document:
        for key, value in document.items():
            if key.lower() in ATTRIBUTION_KEYS and isinstance(value, str) and value.strip():
                return value.strip()
    column = find_column(frame.columns, ATTRIBUTION_KEYS)
    if column:
        values = [v.strip() for v in frame[column] if isinstance(v, str) and v.strip()]
        if values:
            return values[0]
    return None
