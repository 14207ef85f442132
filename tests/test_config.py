"""campaign.toml: the campaign period and the budgets (the digital pages' defaults)."""
from __future__ import annotations

import datetime as dt

import pytest

from campaign.config import _parse, load_config

BASE = {"organisation": {"name": "Lag", "party_code": "SV", "fylke_id": "03", "kommune_id": "0301",
                         "kommune_name": "Oslo"}}


def test_the_shipped_config_has_the_2023_campaign_and_the_ads_budget():
    config = load_config()
    assert config.campaign_period == (dt.date(2023, 7, 27), dt.date(2023, 9, 11))
    assert config.budget("ads_nok") == 91040


def test_period_and_budget_are_optional():
    config = _parse(BASE)
    assert config.campaign_period is None and config.budget("ads_nok") is None


def test_budget_and_period_read_from_toml_values():
    config = _parse({**BASE, "campaign": {"first_date": dt.date(2025, 8, 1), "last_date": dt.date(2025, 9, 8)},
                     "budget": {"ads_nok": 120000, "print_nok": 5e4}})
    assert config.campaign_period == (dt.date(2025, 8, 1), dt.date(2025, 9, 8))
    assert config.budget("print_nok") == 50000.0


def test_a_period_that_ends_before_it_starts_is_refused():
    with pytest.raises(ValueError, match=r"\[campaign\]"):
        _parse({**BASE, "campaign": {"first_date": dt.date(2025, 9, 8), "last_date": dt.date(2025, 8, 1)}})
