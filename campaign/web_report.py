"""What the Nettside page shows, per filter set: queries → computations → tables and figures.

Each function is one page section; the page gets it through ui.built, so it is made once per
filters and data version, not on every rerun.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from campaign import digital_charts, digital_tables, fmt, queries, web_traffic

SITES_NOTE = ("Nettstedene legges aldri sammen: et «nettsted» kan være en GA4-rapport filtrert til én side "
              "(f.eks. landingssiden), og besøkene der er da også med i hele nettstedets tall.")


@dataclass(frozen=True)
class Sites:
    """The sites with visits in the period: all of them, the whole website, and the one whose channels name sources."""
    names: list[str]
    largest: str | None
    with_sources: str | None


def sites(first: dt.date, last: dt.date) -> Sites:
    """Which sites to offer, and the defaults."""
    channels = queries.web_channels(first, last)
    return Sites(sorted(channels["site"].unique()), web_traffic.largest_site(channels), web_traffic.source_site(channels))


@dataclass(frozen=True)
class Traffic:
    """Visits, pageviews and unique pageviews against an earlier year, and visits per day and channel."""
    metrics: list[tuple[str, str, str | None]]
    note: str
    per_day: go.Figure


def traffic(first: dt.date, last: dt.date, site: str, source: str) -> Traffic | None:
    """The site's totals and daily visits; None when it has no visits in the period."""
    by_year = queries.web_same_window_by_year(first, last, site)
    current, earlier = web_traffic.year_comparison(by_year)
    if current is None:
        return None
    daily = web_traffic.top_channels(queries.web_daily(first, last, site))
    per_day = digital_charts.stacked_bars(daily, "sessions", "channel", f"Besøk per dag – {site}",
                                          "Økter per dag og kanal (de minste kanalene samlet i «Andre»)", source)
    return Traffic(digital_tables.web_metrics(web_traffic.web_summary(by_year), earlier),
                   web_traffic.comparison_note(first, last, earlier), per_day)


@dataclass(frozen=True)
class Pages:
    """The most viewed pages (at most 50 to choose from, 15 in the table), and the landing page by default."""
    names: list[str]
    landing: str | None
    table: pd.DataFrame
    numbers: pd.DataFrame | None = None  # the table as numbers, for downloads


def pages(first: dt.date, last: dt.date, site: str) -> Pages:
    """The site's top pages in the period."""
    top = queries.web_pages_top(first, last, site)
    return Pages(list(top["page"]), web_traffic.landing_page(top), digital_tables.top_pages_table(top.head(15)),
                 digital_tables.top_pages_numbers(top.head(15)))


def landing(first: dt.date, last: dt.date, site: str, page: str, source: str) -> tuple[str, go.Figure]:
    """One page's totals as a sentence, and its views and unique views per day."""
    views, unique = web_traffic.page_totals(queries.web_pages_top(first, last, site), page)
    text = f"**{page}**: {fmt.number(views)} sidevisninger, {fmt.number(unique)} unike sidevisninger i perioden."
    figure = digital_charts.daily_lines(web_traffic.page_series(queries.web_page_daily(first, last, site, page)),
                                        "value", "series", f"{page} per dag",
                                        "Sidevisninger og unike sidevisninger (økter der siden ble sett) per dag", source)
    return text, figure


@dataclass(frozen=True)
class Origins:
    """Where a site's visits came from: per group (sessions, share, parts), the share chart, the table."""
    groups: list[tuple[str, str, str, str]]  # label, sessions, share of all, «Av dem: …»
    chart: go.Figure
    table: pd.DataFrame
    numbers: pd.DataFrame | None = None  # the table as numbers, for downloads


def origins(first: dt.date, last: dt.date, site: str, source: str) -> Origins:
    """Visits per channel as shares of all visits and of their group (social media, websites and newspapers)."""
    shares = web_traffic.channel_shares(queries.web_channels(first, last), site)
    groups = []
    for group in (web_traffic.SOCIAL, web_traffic.WEBSITES):
        sessions, share, parts = web_traffic.group_summary(shares, group)
        groups.append((f"Fra {group}", fmt.number(sessions), f"{fmt.percent(share)} av besøkene",
                       f"Av dem: {parts}." if parts else "Ingen besøk fra denne gruppen."))
    chart = digital_charts.share_bars(shares, f"Andel av besøkene – {site}",
                                      "Økter fra kanalen ÷ alle økter; annonseplattformer og aviser i fet skrift", source)
    return Origins(groups, chart, digital_tables.channel_table(shares), digital_tables.channel_numbers(shares))
