"""The digital half of the demo: social media, paid ads and web traffic over the 2023 campaign.

Deterministic (one seeded numpy generator per table group, P.SEEDS) and true to the published
figures of the 2023 evaluation (../shared/domain.md) wherever a figure is a sum of days; see
demo_digital_social, demo_digital_ads and demo_digital_web for how each figure is reproduced and
what a page must say about it. Written by campaign.demo.write_demo in the same demo import as
the election demo, whose random draws it does not touch.
"""
from __future__ import annotations

import pandas as pd

from campaign import demo_area_params as A
from campaign import demo_digital_params as P
from campaign.config import Config
from campaign.demo import is_oslo_demo
from campaign.demo_area import area_kommuner
from campaign.demo_digital_ads import build_ads
from campaign.demo_digital_social import build_audience, build_social
from campaign.demo_digital_web import build_web

DIGITAL_TABLES = ("social", "ads", "ads_period", "web", "web_pages", "audience", "ad_buys")


def build_digital(config: Config | None = None) -> dict[str, pd.DataFrame]:
    """All digital demo tables (without import ids), in DIGITAL_TABLES order; for any branch but Oslo,
    with the branch's own name and place where a user sees Oslo's (the figures are the same)."""
    paid = build_ads()
    tables = {"social": build_social(), **paid, **build_web(paid["ads"]), "audience": build_audience()}
    tables = {name: tables[name] for name in DIGITAL_TABLES}
    if config is None or is_oslo_demo(config):
        return tables
    names = local_names(config)
    return {name: _renamed(frame, names) for name, frame in tables.items()}


def local_names(config: Config) -> dict[str, str]:
    """Oslo's names in the digital demo → the branch's: the account, the audience's city, local outlets."""
    city = config.kommune_name if not config.is_county else area_kommuner(config)[0].name
    names = {P.ORG: config.org_name, "Oslo": city, city: "Andre byer", **A.OUTLETS, **A.PAGES}
    return {old: new for old, new in names.items() if old != new}


def _renamed(frame: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    frame = frame.copy()
    for column in frame.columns:
        if frame[column].dtype == object or pd.api.types.is_string_dtype(frame[column]):
            frame[column] = frame[column].replace(names)
    return frame
