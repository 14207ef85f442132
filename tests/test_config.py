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


def test_a_county_branch_has_a_fylke_and_no_kommune():
    config = _parse({"organisation": {"name": "Trøndelag SV", "party_code": "SV", "fylke_id": "50",
                                      "fylke_name": "Trøndelag"},
                     "regions": {"Trondheim": ["5001"], "Innherred": ["5037", "5038"]}})
    assert config.is_county and config.kommune_id is None
    assert (config.area_id, config.area_name, config.sublevel) == ("50", "Trøndelag", "kommune")
    assert config.in_area("5038") and not config.in_area("4601") and not config.in_area(None)
    assert config.region_of("5037") == "Innherred" and config.region_of("5001") == "Trondheim"
    assert config.region_of("5006") is None


def test_a_kommune_without_bydeler_is_divided_into_kretser():
    config = _parse({"organisation": {"name": "Trondheim SV", "party_code": "SV", "fylke_id": "50",
                                      "kommune_id": "5001", "kommune_name": "Trondheim"},
                     "target_areas": [{"name": "Sentrum", "kretser": ["5001-0003", "5001-0004"]}]})
    assert not config.is_county and config.sublevel == "krets" and config.area_id == "5001"
    assert config.in_area("5001") and not config.in_area("5006")
    assert config.in_fylke("5006") and not config.in_fylke("0301")
    assert config.target_bydeler() == {"5001-0003", "5001-0004"}


def test_oslo_keeps_its_bydeler_and_election_seats_are_optional():
    config = load_config()
    assert config.sublevel == "bydel" and config.area_id == "0301" and config.area_name == "Oslo"
    assert config.seats_for("ko2019") == 59 and config.seats_for("ko1999") is None


def test_a_target_area_names_exactly_one_kind_of_code():
    with pytest.raises(ValueError, match="target_areas"):
        _parse({**BASE, "target_areas": [{"name": "X", "bydeler": ["030101"], "kretser": ["0301-0101"]}]})
    with pytest.raises(ValueError, match="fylke_id"):
        _parse({"organisation": {"name": "Lag", "party_code": "SV"}})
