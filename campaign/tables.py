"""Display tables: query frames turned into Norwegian columns of numbers, and the Norwegian look they are shown with.

The tables hold numbers, not formatted text, so a column sorts as numbers (1 295 before 10 268); `styled()`
gives each known column its Norwegian display («1 295», «10,1 %», «−1,8 pp») through a pandas Styler, which
st.dataframe shows while sorting by the numbers underneath.
"""
from __future__ import annotations

import pandas as pd

from campaign import downloads, fmt
from campaign.ingest import registry

COUNT_COLUMNS = ("Stemmer", "Stemmer (valgting)", "Godkjente stemmer", "Stemmeberettigede", "Avgitte stemmer",
                 "Stemte ikke", "Potensial (stemmer)", "Stemmer til ett mandat til", "Stemmer å gå på")
PERCENT_COLUMNS = ("Oppslutning", "Forrige valg", "Valgdeltakelse")
PP_COLUMNS = ("Endring",)
NA_TEXT = "na_text"  # frame.attrs key: {column: the text for a missing value} («ingen liste»)


def formatters(frame: pd.DataFrame) -> dict:
    """The Norwegian display of each number column of a display table (another number column: «1 234»)."""
    shown = {**dict.fromkeys(COUNT_COLUMNS, fmt.number), **dict.fromkeys(PERCENT_COLUMNS, fmt.percent),
             **dict.fromkeys(PP_COLUMNS, fmt.pp)}
    missing = frame.attrs.get(NA_TEXT, {})
    result = {}
    for column in frame.columns:
        if pd.api.types.is_numeric_dtype(frame[column]) and not pd.api.types.is_bool_dtype(frame[column]):
            result[column] = _with_missing(shown.get(column, fmt.number), missing.get(column))
    return result


def _with_missing(show, text: str | None):
    return show if text is None else (lambda v: text if pd.isna(v) else show(v))


def styled(frame: pd.DataFrame):
    """The table for st.dataframe: the numbers kept (sorting by value), shown the Norwegian way."""
    # na_rep first for every column, then the number formatters, which show a missing value themselves
    # («–», or the table's own text such as «ingen liste»: a na_rep beside them would win over it)
    return frame.style.format(na_rep="–").format(formatters(frame))


def party_table(shares: pd.DataFrame, seats: pd.DataFrame | None) -> pd.DataFrame:
    """Per party: votes, share, previous share, change in pp and seats."""
    table = pd.DataFrame({
        "Parti": shares["party_name"],
        "Stemmer": _numbers(shares["votes"]),
        "Oppslutning": _numbers(shares["share_pct"]),
        "Forrige valg": _numbers(shares["compare_share_pct"]),
        "Endring": _numbers(shares["change_pp"]),
    })
    if seats is not None:  # several constituencies (a county branch): the party's seats summed
        by_party = seats.groupby("party_code")["seats"].sum().to_dict()
        table["Mandater"] = [int(by_party.get(c, 0)) for c in shares["party_code"]]
    return table


def seat_margin_table(seats: pd.DataFrame) -> pd.DataFrame:
    """Per party: seats, votes needed for one more, votes to spare before losing one."""
    return pd.DataFrame({
        "Parti": seats["party_name"],
        "Blokk": seats["bloc"],
        "Stemmer": _numbers(seats["votes"]),
        "Mandater": seats["seats"],
        "Stemmer til ett mandat til": _numbers(seats["votes_for_next_seat"]),
        "Stemmer å gå på": _numbers(seats["votes_to_spare"]),
    })


NO_LIST = "ingen liste"  # a missing share where the party had no list


def _numbers(values) -> list:
    """A column of numbers (float; missing as NaN), whatever the query's dtype: never text."""
    return list(pd.to_numeric(pd.Series(list(values), dtype="object"), errors="coerce").astype("float64"))


LEVEL_NOUNS = {"bydel": "Bydel", "krets": "Krets", "kommune": "Kommune", "region": "Region"}


def subarea_table(frame: pd.DataFrame, level: str) -> pd.DataFrame:
    """Per sub-area (party_shares_by_subarea, one party): votes, share and change; bydeler count
    election-day votes, kretser the votes counted in the krets, kommuner all votes. Where `stood` is
    False (analysis.party_in_every_area) the party had no list: «ingen liste»."""
    data = frame.sort_values(["share_pct", "area_name"], ascending=[False, True], na_position="last")
    stood = data["stood"] if "stood" in data else pd.Series(True, index=data.index)
    table = pd.DataFrame({
        LEVEL_NOUNS[level]: list(data["area_name"]),
        "Stemmer (valgting)" if level == "bydel" else "Stemmer": _numbers(data["votes"]),
        "Oppslutning": _numbers(data["share_pct"].where(list(stood.fillna(False).astype(bool)))),
        "Forrige valg": _numbers(data["compare_share_pct"]),
        "Endring": _numbers(data["change_pp"]),
    })
    table.attrs[NA_TEXT] = {"Oppslutning": NO_LIST}
    return table


def region_table(rows: list[tuple[str, dict]]) -> pd.DataFrame:
    """Per region (analysis.region_shares): votes, share, previous share and change."""
    return pd.DataFrame({
        "Region": [name for name, _ in rows],
        "Kommuner": [figures["kommuner"] for _, figures in rows],
        "Stemmer": _numbers([figures["votes"] for _, figures in rows]),
        "Oppslutning": _numbers([figures["share_pct"] for _, figures in rows]),
        "Forrige valg": _numbers([figures["compare_share_pct"] for _, figures in rows]),
        "Endring": _numbers([figures["change_pp"] for _, figures in rows]),
    })


def council_seats_table(rows: list[tuple[str, int, dict[str, int]]], party: str, party_name: str,
                        label=str) -> pd.DataFrame:
    """Per kommune (name, seats in all, seats per party): the council's size, the party's seats, the
    party with the most seats (`label` names a party code)."""
    return pd.DataFrame({
        "Kommune": [name for name, _, _ in rows],
        "Mandater i alt": [total for _, total, _ in rows],
        party_name: [won.get(party, 0) for _, _, won in rows],
        "Flest mandater": [label(max(won, key=lambda p: (won[p], p))) if won else "–" for _, _, won in rows],
    })


def turnout_table(turnout: pd.DataFrame) -> pd.DataFrame:
    """Per area: eligible voters, votes cast, turnout, previous turnout and change."""
    data = turnout.sort_values("turnout_pct")
    return pd.DataFrame({
        "Område": data["area_name"],
        "Stemmeberettigede": _numbers(data["eligible_voters"]),
        "Avgitte stemmer": _numbers(data["votes_cast"]),
        "Valgdeltakelse": _numbers(data["turnout_pct"]),
        "Forrige valg": _numbers(data["compare_turnout_pct"]),
        "Endring": _numbers(data["change_pp"]),
    })


def krets_table(frame: pd.DataFrame, votes_label: str = "Stemmer (valgting)") -> pd.DataFrame:
    """Per krets for one party (party_shares_by_krets, or party_shares_by_subarea at krets level): votes and share."""
    names = frame["krets_name"] if "krets_name" in frame else frame["area_name"]
    return pd.DataFrame({
        "Krets": [f"{k} {n}" for k, n in zip(frame["krets_id"], names)],
        votes_label: _numbers(frame["votes"]),
        "Godkjente stemmer": _numbers(frame["total_votes"]),
        "Oppslutning": _numbers(frame["share_pct"]),
        "Endring": _numbers(frame["change_pp"]),
    })


def import_log_table(log: pd.DataFrame) -> pd.DataFrame:
    """The import log for the import page."""
    return pd.DataFrame({
        "Nr.": log["import_id"],
        "Importert": [fmt.datetime(v) for v in log["imported_at"]],
        "Type": [registry.label(k) for k in log["kind"]],
        "Kilde": log["source_name"],
        "Valg": log["election_id"],
        "Rader": [fmt.number(v) for v in log["rows"]],
        "Erstattet": [fmt.number(v) for v in log["replaced_rows"]],
        "Rader i lageret nå": [fmt.number(v) for v in log["live_rows"]],
    })


def targeting_table(frame: pd.DataFrame) -> pd.DataFrame:
    """The door-knocking list, ranked by potential; a missing share is a party without a list there."""
    table = pd.DataFrame({
        "Nr.": range(1, len(frame) + 1),
        "Område": frame["area_name"],
        "Bydel": frame["bydel"],
        "Målområde": frame["target_area"].fillna(""),
        "Stemmeberettigede": _numbers(frame["eligible_voters"]),
        "Stemte ikke": _numbers(frame["non_voters"]),
        "Valgdeltakelse": _numbers(frame["turnout_pct"]),
        "Oppslutning": _numbers(frame["share_pct"]),
        "Endring": _numbers(frame["share_change_pp"]),
        "Potensial (stemmer)": _numbers(frame["potential"]),
    })
    table.attrs[NA_TEXT] = {"Oppslutning": NO_LIST}
    if table["Endring"].isna().all():  # no comparison election chosen: no empty column (the grid drew «None»)
        table = table.drop(columns="Endring")
        table.attrs[NA_TEXT] = {"Oppslutning": NO_LIST}
    return table


def _export(frame: pd.DataFrame, columns: dict[str, str], decimals: dict[str, int]) -> pd.DataFrame:
    """A frame for a download (ui.download_buttons): these columns under their Norwegian names, numbers rounded
    (whole numbers as integers), nothing formatted as text."""
    data = frame[list(columns)].rename(columns=columns)
    for name, places in decimals.items():
        rounded = pd.to_numeric(data[name]).round(places)
        data = data.assign(**{name: rounded.astype("Int64") if places == 0 else rounded})
    return data.reset_index(drop=True)


def targeting_export(frame: pd.DataFrame) -> pd.DataFrame:
    """The door-knocking list for a download: raw numbers, Norwegian headers."""
    return _export(frame, *_targeting_columns())


def targeting_csv(frame: pd.DataFrame) -> bytes:
    """The list as CSV for a spreadsheet: raw numbers, Norwegian headers, `;` and decimal comma."""
    return downloads.csv_bytes(targeting_export(frame))


def _targeting_columns() -> tuple[dict, dict]:
    columns = {"area_id": "omrade_id", "area_name": "omrade", "bydel": "bydel", "target_area": "malomrade",
               "eligible_voters": "stemmeberettigede", "non_voters": "stemte_ikke", "turnout_pct": "valgdeltakelse_pct",
               "share_pct": "oppslutning_pct", "share_change_pp": "endring_pp", "potential": "potensial"}
    return columns, {"valgdeltakelse_pct": 2, "oppslutning_pct": 2, "endring_pp": 2, "potensial": 0}


def subarea_csv(frame: pd.DataFrame, level: str) -> bytes:
    """Every party per sub-area (party_shares_by_subarea) as CSV for a spreadsheet."""
    return downloads.csv_bytes(subarea_export(frame, level))


def subarea_export(frame: pd.DataFrame, level: str) -> pd.DataFrame:
    """Every party per sub-area (party_shares_by_subarea) for a download: Norwegian headers, rounded numbers."""
    noun = LEVEL_NOUNS[level].lower()
    counted = "stemmer_valgting" if level == "bydel" else "stemmer"
    columns = {"area_id": f"{noun}_id", "area_name": noun, "party_code": "partikode", "party_name": "parti",
               "votes": counted, "total_votes": f"godkjente_{counted}", "share_pct": "oppslutning_pct",
               "compare_votes": "stemmer_forrige_valg", "compare_total_votes": "godkjente_stemmer_forrige_valg",
               "compare_share_pct": "oppslutning_forrige_valg_pct", "change_pp": "endring_pp"}
    if level == "kommune":
        columns = {"region": "region", **columns}
    counts = (counted, f"godkjente_{counted}", "stemmer_forrige_valg", "godkjente_stemmer_forrige_valg")
    shares = ("oppslutning_pct", "oppslutning_forrige_valg_pct", "endring_pp")
    return _export(frame, columns, {**dict.fromkeys(counts, 0), **dict.fromkeys(shares, 2)})


def turnout_csv(frame: pd.DataFrame) -> bytes:
    """Turnout per area (turnout_by_area) as CSV for a spreadsheet."""
    return downloads.csv_bytes(turnout_export(frame))


def turnout_export(frame: pd.DataFrame) -> pd.DataFrame:
    """Turnout per area (turnout_by_area) for a download: Norwegian headers, rounded numbers."""
    columns = {"area_id": "omrade_id", "area_name": "omrade", "bydel_id": "bydel_id",
               "eligible_voters": "stemmeberettigede", "votes_cast": "avgitte_stemmer", "non_voters": "stemte_ikke",
               "turnout_pct": "valgdeltakelse_pct", "compare_eligible_voters": "stemmeberettigede_forrige_valg",
               "compare_turnout_pct": "valgdeltakelse_forrige_valg_pct", "change_pp": "endring_pp"}
    counts = ("stemmeberettigede", "avgitte_stemmer", "stemte_ikke", "stemmeberettigede_forrige_valg")
    rates = ("valgdeltakelse_pct", "valgdeltakelse_forrige_valg_pct", "endring_pp")
    return _export(frame, columns, {**dict.fromkeys(counts, 0), **dict.fromkeys(rates, 2)})
