"""The targeting list per sub-area (bydel, kommune or krets), composed from the turnout and party-share queries."""
from __future__ import annotations

import pandas as pd

from campaign import analysis, queries, tables
from campaign.config import Config, load_config

NO_REGION = "Andre kommuner"
NO_LIST = "ingen liste"  # as the Valgresultat tables write it
PLURAL = {"bydel": "bydeler", "kommune": "kommuner", "krets": "kretser"}


def targeting(election_id: str, compare_id: str | None, area_id: str, level: str, party_code: str,
              kommune_id: str | None = None) -> pd.DataFrame:
    """Per sub-area of the branch's area (`area_id`: a kommune, or a fylke code for a county branch):
    the party's share and change, turnout, non-voters and mobilisation potential.

    `kommune_id` drills into one kommune's kretser (a county branch at level 'krets').
    """
    turnout = queries.turnout_by_area(election_id, compare_id, kommune_id or area_id, level)
    shares = queries.party_shares_by_subarea(election_id, compare_id, area_id, level, kommune_id)
    return analysis.targeting(turnout, analysis.party_in_every_area(shares, party_code), level, kommune_id,
                              load_config())


def unlisted_note(frame: pd.DataFrame, party: str, level: str) -> str | None:
    """A sentence naming the areas where the party had no list (shown without a share), or None."""
    names = sorted(frame.loc[frame["share_pct"].isna(), "area_name"].astype(str))
    if not names:
        return None
    listed = ", ".join(names[:12]) + (f" og {len(names) - 12} til" if len(names) > 12 else "")
    return (f"{party} stilte ikke liste i {len(names)} {PLURAL[level] if len(names) > 1 else level} "
            f"(uten farge på kartet, «{NO_LIST}» i tabellen): {listed}.")


def levels(config: Config) -> list[str]:
    """The levels a page offers for the branch: Oslo bydel/krets, a kommune without bydeler krets,
    a county kommune/krets (kretser of one kommune at a time)."""
    return [config.sublevel] if config.sublevel == "krets" else [config.sublevel, "krets"]


def zoom_choices(config: Config, level: str) -> dict[str, tuple[str, ...] | None]:
    """Map zooms: the whole area (None), the target areas, the regions (county) or the bydeler (Oslo)."""
    zooms: dict[str, tuple[str, ...] | None] = {f"Hele {config.area_name}": None}
    if config.is_county and level == "krets":
        return zooms  # one kommune's kretser: the kommune is chosen separately
    zooms.update(config.target_areas)
    zooms.update({f"Region {name}": codes for name, codes in config.regions.items()})
    zooms.update({name: (code,) for code, name in config.bydeler.items()})
    return zooms


def kommune_choices(frame: pd.DataFrame) -> dict[str, str]:
    """Kommune name → code from a kommune-level targeting frame, by name."""
    ordered = frame.sort_values("area_name")
    return dict(zip(ordered["area_name"], ordered["area_id"]))


def default_kommune(config: Config, choices: dict[str, str]) -> str | None:
    """The kommune a county's krets view opens with: the first kommune of the first target area, else the
    first by name."""
    first = next((codes[0] for codes in config.target_areas.values() if codes), None)
    return next((name for name, code in choices.items() if code == first), next(iter(choices), None))


def turnout_total(parts: pd.DataFrame) -> dict | None:
    """Turnout summed over the areas that have it (a county without a fylke row): the rate and how many."""
    valid = parts.dropna(subset=["eligible_voters", "votes_cast"])
    if valid.empty or valid["eligible_voters"].sum() == 0:
        return None
    return {"turnout_pct": 100.0 * valid["votes_cast"].sum() / valid["eligible_voters"].sum(), "areas": len(valid)}


def ranked(frame: pd.DataFrame) -> pd.DataFrame:
    """The list by potential; without turnout (no potential anywhere) by the party's share."""
    if frame["potential"].notna().any():
        return frame
    return frame.sort_values(["share_pct", "area_id"], ascending=[False, True],
                             na_position="last").reset_index(drop=True)


def targeting_table(frame: pd.DataFrame, config: Config, level: str) -> pd.DataFrame:
    """The door-knocking table for the branch: «Bydel» for Oslo, «Region» for a county's kommuner,
    no group column otherwise; the turnout columns left out when nothing was measured."""
    table = tables.targeting_table(frame)
    if config.is_county and level == "kommune":
        table["Bydel"] = list(frame["region"].fillna(NO_REGION))
        table = table.rename(columns={"Bydel": "Region"})
    elif not frame["bydel"].notna().any():
        table = table.drop(columns="Bydel")
    if not frame["turnout_pct"].notna().any():
        table = table.drop(columns=["Stemmeberettigede", "Stemte ikke", "Valgdeltakelse", "Potensial (stemmer)"])
    return table


def vote_basis(config: Config, level: str) -> str:
    """What a share at this level is a share of (for chart subtitles): «valgtingsstemmene» in Oslo."""
    if level == "kommune":
        return "alle godkjente stemmer"
    if config.bydeler or level == "bydel":
        return "valgtingsstemmene"
    return "stemmene talt i kretsen"


def basis_note(config: Config, level: str) -> str:
    """One sentence under a page saying what the shares per area count."""
    if level == "kommune":
        return "Oppslutning per kommune er andel av alle godkjente stemmer i kommunen – den offisielle andelen."
    if config.bydeler:
        return "Forhåndsstemmer telles sentralt: oppslutning per bydel og krets er andel av valgtingsstemmene."
    return ("Oppslutning per krets er andel av stemmene talt i kretsen; forhåndsstemmer som telles sentralt "
            "(krets 0000, 40xx, 9998 og 9999), er ikke med.")


def no_turnout_note(level: str, election_name: str) -> str:
    """Why turnout is missing, and what to import (the CSV files carry no turnout)."""
    return (f"Valgdeltakelse per {level} er ikke importert for {election_name}. Resultatfilene (CSV) fra "
            "valgresultat.no har ikke valgdeltakelse; hent den som JSON fra valgresultat.no på siden «Importer data».")


def others_named(figure, level: str):
    """A turnout/share scatter's «Andre bydeler» legend entry named for the level («Andre kretser»)."""
    return figure.update_traces(selector=dict(name="Andre bydeler"), name=f"Andre {PLURAL[level]}")
