"""Typed query functions: one thin wrapper per named query in queries/, cached by data version.

Compositions of several queries live with what they compute (campaign/targeting.py, campaign/results.py).
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from campaign import cache
from campaign.cache import run_query
from campaign.config import load_config


def _bydel_names(frame: pd.DataFrame, column: str = "bydel_id") -> pd.DataFrame:
    names = load_config().bydeler
    return frame.assign(bydel=frame[column].map(names).fillna(frame[column]))


def party_shares(election_id: str, compare_id: str | None, area_id: str) -> pd.DataFrame:
    """One row per party: votes, share and change in one area."""
    return run_query("party_shares", election_id=election_id, compare_id=compare_id, area_id=area_id)


def party_shares_by_subarea(election_id: str, compare_id: str | None, area_id: str, level: str,
                            kommune_id: str | None = None) -> pd.DataFrame:
    """One row per sub-area × party of the branch's area (a kommune, or a 2-digit fylke code) at a level
    («bydel», «kommune», «krets»; `kommune_id` drills into one kommune's kretser): votes, share, change.
    Bydeler are named from campaign.toml (their code when it has no name)."""
    frame = run_query("party_shares_by_subarea", election_id=election_id, compare_id=compare_id, area_id=area_id,
                      level=level, kommune_id=kommune_id)
    if level == "bydel":
        frame = frame.assign(area_name=frame["area_id"].map(load_config().bydeler).fillna(frame["area_id"]))
    return frame


def party_shares_by_krets(election_id: str, compare_id: str | None, kommune_id: str, bydel_id: str | None,
                          party_code: str) -> pd.DataFrame:
    """One row per krets in a bydel (all bydeler when None): election-day votes, share, comparable change."""
    return run_query("party_shares_by_krets", election_id=election_id, compare_id=compare_id,
                     kommune_id=kommune_id, bydel_id=bydel_id, party_code=party_code)


def boundaries(level: str, kommune_id: str) -> pd.DataFrame:
    """Imported boundaries at a level: one row per area with its GeoJSON geometry and attribution."""
    return run_query("boundaries", level=level, kommune_id=kommune_id)


def turnout_by_area(election_id: str, compare_id: str | None, kommune_id: str, level: str) -> pd.DataFrame:
    """One row per area at a level in a kommune (or, for a 2-digit fylke code, in all its kommuner):
    eligible voters, votes cast, turnout and change."""
    return run_query("turnout_by_area", election_id=election_id, compare_id=compare_id,
                     kommune_id=kommune_id, level=level)


def elections_available(kommune_id: str | None, fylke_id: str) -> pd.DataFrame:
    """Elections with data for the kommune (every kommune of the fylke when None), newest first."""
    return run_query("elections_available", kommune_id=kommune_id, fylke_id=fylke_id)


def data_status() -> pd.Series:
    """One row describing what the store holds."""
    return run_query("data_status").iloc[0]


def import_log() -> pd.DataFrame:
    """One row per import, newest first, with the rows it still has in the store."""
    return run_query("import_log")


# --- social media, paid ads and website (dates are datetime.date; None = all) ---------------------

def digital_sources(tables: tuple[str, ...]) -> pd.DataFrame:
    """One row per table × platform × account/campaign/site: what these social, ad and web tables hold."""
    return run_query("digital_sources", tables=tuple(sorted(tables)))


def social_daily(first_date, last_date, platform: str | None, account: str | None,
                 per_platform: bool = False) -> pd.DataFrame:
    """One row per day × platform × account (per platform, account None, when summed): each metric, and engagement."""
    return run_query("social_daily", first_date=first_date, last_date=last_date, platform=platform, account=account,
                     per_platform=per_platform)


def social_period_totals(first_date, last_date, previous_first, previous_last, platform: str | None,
                         account: str | None) -> pd.DataFrame:
    """One row per period (current, previous) × platform × account: the metrics summed, followers first/last."""
    return run_query("social_period_totals", first_date=first_date, last_date=last_date, previous_first=previous_first,
                     previous_last=previous_last, platform=platform, account=account)


def audience_shares(first_date, last_date, platform: str | None, account: str | None) -> pd.DataFrame:
    """One row per platform × account × dimension × bucket: the newest reported share."""
    return run_query("audience_shares", first_date=first_date, last_date=last_date, platform=platform, account=account)


def ads_daily(first_date, last_date, platform: str | None, campaign: str | None) -> pd.DataFrame:
    """One row per day × platform: spend, impressions, link clicks, landing-page views."""
    return run_query("ads_daily", first_date=first_date, last_date=last_date, platform=platform, campaign=campaign)


def ads_campaign_totals(first_date, last_date, platform: str | None) -> pd.DataFrame:
    """One row per platform × campaign: the period's sums and the platform's de-duplicated reach."""
    return run_query("ads_campaign_totals", first_date=first_date, last_date=last_date, platform=platform)


def paid_channels(first_date, last_date) -> pd.DataFrame:
    """One row per paid channel (ad platforms and other buys): spend, reach, clicks, landing-page views."""
    return run_query("paid_channels", first_date=first_date, last_date=last_date)


def web_daily(first_date, last_date, site: str | None) -> pd.DataFrame:
    """One row per day × channel: sessions, engaged sessions, users, views."""
    return run_query("web_daily", first_date=first_date, last_date=last_date, site=site)


def web_channels(first_date, last_date) -> pd.DataFrame:
    """One row per site × channel over the period: sessions, views, users."""
    return run_query("web_channels", first_date=first_date, last_date=last_date)


def web_same_window_by_year(first_date, last_date, site: str | None) -> pd.DataFrame:
    """One row per year with data in the same dates: sessions, views, unique pageviews."""
    return run_query("web_same_window_by_year", first_date=first_date, last_date=last_date, site=site)


def web_pages_top(first_date, last_date, site: str | None) -> pd.DataFrame:
    """The 50 most viewed pages: views and users."""
    return run_query("web_pages_top", first_date=first_date, last_date=last_date, site=site)


def web_page_daily(first_date, last_date, site: str | None, page: str) -> pd.DataFrame:
    """One page's views and users per day."""
    return run_query("web_page_daily", first_date=first_date, last_date=last_date, site=site, page=page)


# --- field work: phone bank, door-knocking, stands, members, media, money --------------------------

def field_calls_by_year() -> pd.DataFrame:
    """One row per campaign year × assignment: calls made, reached and outcomes (NULL when not reported)."""
    return run_query("field_calls_by_year")


def field_calls_daily(year: int) -> pd.DataFrame:
    """One row per day × assignment in one year: calls made and reached."""
    return run_query("field_calls_daily", year=year)


def field_doors() -> pd.DataFrame:
    """One row per door-knocking round (date × place), with the bydel's name."""
    return _bydel_names(run_query("field_doors"))


def field_stands_by_place() -> pd.DataFrame:
    """One row per stand place: days, hours, people on shift and leaflets."""
    return run_query("field_stands_by_place")


def members_latest() -> pd.DataFrame:
    """One row per local branch on the newest snapshot: members, active, activists."""
    return run_query("members_latest")


def media_by_outlet() -> pd.DataFrame:
    """One row per outlet: media stories."""
    return run_query("media_by_outlet")


def money_by_kind() -> pd.DataFrame:
    """One row per kind of money: amount in kroner and donors."""
    return run_query("money_by_kind")


# --- goals ([[goals]] in campaign.toml; each returns one row with `value`) ---------------------------

def goal_door_rounds(first_date, last_date) -> pd.Series:
    """Door-knocking rounds (distinct dates) in the window."""
    return run_query("goal_door_rounds", first_date=first_date, last_date=last_date).iloc[0]


def goal_active_share(branch: str | None = None) -> pd.Series:
    """Active members as % of members on the latest snapshot."""
    return run_query("goal_active_share", branch=branch).iloc[0]


def goal_members(branch: str | None = None) -> pd.Series:
    """Members on the latest snapshot."""
    return run_query("goal_members", branch=branch).iloc[0]


def goal_money_raised(first_date, last_date, kinds: tuple[str, ...]) -> pd.Series:
    """Money raised of these kinds in the window."""
    return run_query("goal_money_raised", first_date=first_date, last_date=last_date, kinds=tuple(kinds)).iloc[0]


def goal_ad_spend(first_date, last_date) -> pd.Series:
    """Paid social spend in the window."""
    return run_query("goal_ad_spend", first_date=first_date, last_date=last_date).iloc[0]


def goal_measure(name: str, **params) -> pd.Series:
    """Any goal measure (a goal_* named query) by name: its one row."""
    if not name.startswith("goal_"):
        raise ValueError(f"{name} er ikke en målespørring (goal_*)")
    return run_query(name, **params).iloc[0]


def media_weekly() -> pd.DataFrame:
    """One row per week from the first to the last media story: stories and the week's summed social reach."""
    return run_query("media_weekly")


def field_doors_by_area(level: str) -> pd.DataFrame:
    """One row per area at a map level (bydel, krets or kommune): rounds, doors, conversations, participants, dates."""
    return run_query("field_doors_by_area", level=level)


# --- the evaluation's other elections (issue 12) ---

def district_council_seats(election_id: str, compare_id: str | None) -> pd.DataFrame:
    """One row per bydel × party of a district-council election: votes, share, seats, the comparison's seats."""
    frame = run_query("district_council_seats", election_id=election_id, compare_id=compare_id)
    return _bydel_names(frame)


def school_election_shares(election_id: str, compare_id: str | None) -> pd.DataFrame:
    """One row per school × party of a school election: votes, share, place, change since the comparison."""
    return run_query("school_election_shares", election_id=election_id, compare_id=compare_id)


# --- the «SQL» page: one read-only SELECT in the sandbox (campaign/sandbox.py), never cached -------------

def adhoc_sql(sql: str, limit: int = 10_000) -> tuple[object | None, str | None, float]:
    """(SqlResult or None, a Norwegian error or None, seconds taken); a refused or failing query never raises."""
    import time

    from campaign import sandbox
    from campaign.store import Store, default_data_dir
    started = time.perf_counter()
    try:  # the limits as the sandbox sets them when called (tests shorten the deadline)
        result, error = sandbox.run_sql(Store(default_data_dir()), sql, limit=limit, timeout_s=sandbox.TIMEOUT_S), None
    except sandbox.SandboxError as exc:
        result, error = None, str(exc)
    except Exception:  # noqa: BLE001 - the page shows a message, never a traceback
        result, error = None, "Spørringen kunne ikke kjøres på grunn av en uventet feil."
    return result, error, time.perf_counter() - started


# --- «Utforsk»: SQL built from declared identifiers with bound values (campaign/explore_sql.py) -------

def explore(sql: str, params: dict) -> pd.DataFrame:
    """Run an explore_sql.build(...) query through the cache (per SQL text, values and data version)."""
    data_dir = str(cache.default_data_dir())
    bound = tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in params.items()))
    return _explored(sql, bound, data_dir, cache.data_version(data_dir))


@st.cache_data(max_entries=500, show_spinner=False)
def _explored(sql: str, params: tuple, data_dir: str, version: str) -> pd.DataFrame:
    bound = {k: list(v) if isinstance(v, tuple) else v for k, v in params}
    return cache.database(data_dir).execute(sql, bound, version=version)


def kommune_names(fylke_id: str) -> pd.DataFrame:
    """One row per kommune in the fylke that has a name in the results: kommune_id, kommune_name."""
    return run_query("kommune_names", fylke_id=fylke_id)
