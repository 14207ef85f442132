"""The digital half of the demo: social media, paid ads and web traffic over the 2023 campaign.

Deterministic (one seeded numpy generator per table group, P.SEEDS) and true to the published
figures of the 2023 evaluation (../shared/domain.md) wherever a figure is a sum of days; see
demo_digital_social, demo_digital_ads and demo_digital_web for how each figure is reproduced and
what a page must say about it. Written by campaign.demo.write_demo in the same demo import as
the election demo, whose random draws it does not touch.
"""
from __future__ import annotations

import pandas as pd

from campaign.demo_digital_ads import build_ads
from campaign.demo_digital_social import build_audience, build_social
from campaign.demo_digital_web import build_web

DIGITAL_TABLES = ("social", "ads", "ads_period", "web", "web_pages", "audience", "ad_buys")


def build_digital() -> dict[str, pd.DataFrame]:
    """All digital demo tables (without import ids), in DIGITAL_TABLES order."""
    paid = build_ads()
    tables = {"social": build_social(), **paid, **build_web(paid["ads"]), "audience": build_audience()}
    return {name: tables[name] for name in DIGITAL_TABLES}
