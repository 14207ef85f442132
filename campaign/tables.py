"""Display tables: query frames turned into Norwegian columns and formatted figures."""
from __future__ import annotations

import pandas as pd

from campaign import downloads, fmt
from campaign.ingest import registry


def party_table(shares: pd.DataFrame, seats: pd.DataFrame | None) -> pd.DataFrame:
    """Per party: votes, share, previous share, change in pp and seats."""
    table = pd.DataFrame({
        "Parti": shares["party_name"],
        "Stemmer": [fmt.number(v) for v in shares["votes"]],
        "Oppslutning": [fmt.percent(v) for v in shares["share_pct"]],
        "Forrige valg": [fmt.percent(v) for v in shares["compare_share_pct"]],
        "Endring": [fmt.pp(v) for v in shares["change_pp"]],
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
        "Stemmer": [fmt.number(v) for v in seats["votes"]],
        "Mandater": seats["seats"],
        "Stemmer til ett mandat til": [fmt.number(v) for v in seats["votes_for_next_seat"]],
        "Stemmer å gå på": [fmt.number(v) for v in seats["votes_to_spare"]],
    })


LEVEL_NOUNS = {"bydel": "Bydel", "krets": "Krets", "kommune": "Kommune", "region": "Region"}


def subarea_table(frame: pd.DataFrame, level: str) -> pd.DataFrame:
    """Per sub-area (party_shares_by_subarea, one party): votes, share and change; bydeler count
    election-day votes, kretser the votes counted in the krets, kommuner all votes. Where `stood` is
    False (analysis.party_in_every_area) the party had no list: «ingen liste»."""
    data = frame.sort_values(["share_pct", "area_name"], ascending=[False, True], na_position="last")
    stood = data["stood"] if "stood" in data else pd.Series(True, index=data.index)
    return pd.DataFrame({
        LEVEL_NOUNS[level]: list(data["area_name"]),
        "Stemmer (valgting)" if level == "bydel" else "Stemmer": [fmt.number(v) for v in data["votes"]],
        "Oppslutning": [fmt.percent(v) if s else "ingen liste" for v, s in zip(data["share_pct"], stood)],
        "Forrige valg": [fmt.percent(v) for v in data["compare_share_pct"]],
        "Endring": [fmt.pp(v) for v in data["change_pp"]],
    })


def region_table(rows: list[tuple[str, dict]]) -> pd.DataFrame:
    """Per region (analysis.region_shares): votes, share, previous share and change."""
    return pd.DataFrame({
        "Region": [name for name, _ in rows],
        "Kommuner": [figures["kommuner"] for _, figures in rows],
        "Stemmer": [fmt.number(figures["votes"]) for _, figures in rows],
        "Oppslutning": [fmt.percent(figures["share_pct"]) for _, figures in rows],
        "Forrige valg": [fmt.percent(figures["compare_share_pct"]) for _, figures in rows],
        "Endring": [fmt.pp(figures["change_pp"]) for _, figures in rows],
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
        "Stemmeberettigede": [fmt.number(v) for v in data["eligible_voters"]],
        "Avgitte stemmer": [fmt.number(v) for v in data["votes_cast"]],
        "Valgdeltakelse": [fmt.percent(v) for v in data["turnout_pct"]],
        "Forrige valg": [fmt.percent(v) for v in data["compare_turnout_pct"]],
        "Endring": [fmt.pp(v) for v in data["change_pp"]],
    })


def krets_table(frame: pd.DataFrame, votes_label: str = "Stemmer (valgting)") -> pd.DataFrame:
    """Per krets for one party (party_shares_by_krets, or party_shares_by_subarea at krets level): votes and share."""
    names = frame["krets_name"] if "krets_name" in frame else frame["area_name"]
    return pd.DataFrame({
        "Krets": [f"{k} {n}" for k, n in zip(frame["krets_id"], names)],
        votes_label: [fmt.number(v) for v in frame["votes"]],
        "Godkjente stemmer": [fmt.number(v) for v in frame["total_votes"]],
        "Oppslutning": [fmt.percent(v) for v in frame["share_pct"]],
        "Endring": [fmt.pp(v) for v in frame["change_pp"]],
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
    """The door-knocking list, ranked by potential."""
    return pd.DataFrame({
        "Nr.": range(1, len(frame) + 1),
        "Område": frame["area_name"],
        "Bydel": frame["bydel"],
        "Målområde": frame["target_area"].fillna(""),
        "Stemmeberettigede": [fmt.number(v) for v in frame["eligible_voters"]],
        "Stemte ikke": [fmt.number(v) for v in frame["non_voters"]],
        "Valgdeltakelse": [fmt.percent(v) for v in frame["turnout_pct"]],
        "Oppslutning": [fmt.percent(v) for v in frame["share_pct"]],
        "Endring": [fmt.pp(v) for v in frame["share_change_pp"]],
        "Potensial (stemmer)": [fmt.number(v) for v in frame["potential"]],
    })


def targeting_csv(frame: pd.DataFrame) -> bytes:
    """The list as CSV for a spreadsheet: raw numbers, Norwegian headers, `;` and decimal comma."""
    columns = {"area_id": "omrade_id", "area_name": "omrade", "bydel": "bydel", "target_area": "malomrade",
               "eligible_voters": "stemmeberettigede", "non_voters": "stemte_ikke", "turnout_pct": "valgdeltakelse_pct",
               "share_pct": "oppslutning_pct", "share_change_pp": "endring_pp", "potential": "potensial"}
    return downloads.csv_bytes(frame, columns, {"valgdeltakelse_pct": 2, "oppslutning_pct": 2, "endring_pp": 2,
                                                "potensial": 0})


def bydel_csv(frame: pd.DataFrame) -> bytes:
    """Every party per bydel (party_shares_by_bydel) as CSV for a spreadsheet."""
    columns = {"bydel_id": "bydel_id", "bydel": "bydel", "party_code": "partikode", "party_name": "parti",
               "votes": "stemmer_valgting", "total_votes": "godkjente_stemmer_valgting",
               "share_pct": "oppslutning_pct", "compare_votes": "stemmer_forrige_valg",
               "compare_total_votes": "godkjente_stemmer_forrige_valg",
               "compare_share_pct": "oppslutning_forrige_valg_pct", "change_pp": "endring_pp"}
    counts = ("stemmer_valgting", "godkjente_stemmer_valgting", "stemmer_forrige_valg", "godkjente_stemmer_forrige_valg")
    shares = ("oppslutning_pct", "oppslutning_forrige_valg_pct", "endring_pp")
    return downloads.csv_bytes(frame, columns, {**dict.fromkeys(counts, 0), **dict.fromkeys(shares, 2)})


def subarea_csv(frame: pd.DataFrame, level: str) -> bytes:
    """Every party per sub-area (party_shares_by_subarea) as CSV for a spreadsheet."""
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
    return downloads.csv_bytes(frame, columns, {**dict.fromkeys(counts, 0), **dict.fromkeys(shares, 2)})


def turnout_csv(frame: pd.DataFrame) -> bytes:
    """Turnout per area (turnout_by_area) as CSV for a spreadsheet."""
    columns = {"area_id": "omrade_id", "area_name": "omrade", "bydel_id": "bydel_id",
               "eligible_voters": "stemmeberettigede", "votes_cast": "avgitte_stemmer", "non_voters": "stemte_ikke",
               "turnout_pct": "valgdeltakelse_pct", "compare_eligible_voters": "stemmeberettigede_forrige_valg",
               "compare_turnout_pct": "valgdeltakelse_forrige_valg_pct", "change_pp": "endring_pp"}
    counts = ("stemmeberettigede", "avgitte_stemmer", "stemte_ikke", "stemmeberettigede_forrige_valg")
    rates = ("valgdeltakelse_pct", "valgdeltakelse_forrige_valg_pct", "endring_pp")
    return downloads.csv_bytes(frame, columns, {**dict.fromkeys(counts, 0), **dict.fromkeys(rates, 2)})
