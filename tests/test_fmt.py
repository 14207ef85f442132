"""Norwegian formatting."""
import datetime as dt

import pytest

from campaign import fmt


def plain(text: str) -> str:
    return text.replace(fmt.NBSP, " ")


@pytest.mark.parametrize(("value", "expected"), [
    (10.1034, "10,1 %"), (10.15, "10,2 %"), (0.0, "0,0 %"), (None, "–"), (float("nan"), "–"),
])
def test_percent(value, expected):
    assert plain(fmt.percent(value)) == expected


@pytest.mark.parametrize(("value", "expected"), [
    (2.1, "+2,1 pp"), (-0.75, "\u22120,8 pp"), (0.01, "±0,0 pp"), (1.003, "+1,0 pp"),
])
def test_pp(value, expected):
    assert plain(fmt.pp(value)) == expected


def test_kroner_numbers_dates():
    assert plain(fmt.kroner(62551)) == "62 551 kr"
    assert plain(fmt.number(1213968)) == "1 213 968"
    assert plain(fmt.number(3.0612, 2)) == "3,06"
    assert plain(fmt.number(-1234)) == "\u22121 234"  # the minus sign U+2212, never ASCII «-»
    assert fmt.date(dt.date(2023, 9, 11)) == "11. sep. 2023"
    assert fmt.date(dt.date(2023, 3, 1)) == "1. mars 2023"
    assert fmt.signed(363) == "+363"
    assert fmt.datetime(dt.datetime(2023, 9, 11, 21, 5)) == "11. sep. 2023 kl. 21.05"


def test_period_and_signed_percent():
    assert plain(fmt.period(dt.date(2023, 7, 27), dt.date(2023, 9, 11))) == "27. juli – 11. sep. 2023"
    assert plain(fmt.period(dt.date(2022, 12, 30), dt.date(2023, 1, 2))) == "30. des. 2022 – 2. jan. 2023"
    assert plain(fmt.period(dt.date(2023, 8, 1), dt.date(2023, 8, 1))) == "1. aug. 2023"
    assert fmt.period(None, dt.date(2023, 8, 1)) == "–"
    assert plain(fmt.signed_percent(63.69)) == "+63,7 %"
    assert plain(fmt.signed_percent(-5.04)) == "\u22125,0 %"
    assert fmt.signed_percent(None) == "–"


def test_people_suppresses_small_counts():
    from campaign.fmt import NBSP, people
    assert [people(n) for n in (0, 3, 4)] == [f"under{NBSP}5"] * 3
    assert people(5) == "5" and people(412) == "412" and people(None) == "–"


def test_every_negative_uses_the_minus_sign_and_metrics_still_read_it_as_a_fall():
    for text in (fmt.number(-3), fmt.pp(-1.8), fmt.signed(-363), fmt.percent(-0.5), fmt.kroner(-20)):
        assert "-" not in text and text.startswith("\u2212"), text
    assert fmt.delta_style(fmt.pp(-1.8)) == {"delta_color": "red", "delta_arrow": "down"}
    assert fmt.delta_style(fmt.pp(2.1)) == {"delta_color": "green", "delta_arrow": "up"}
    assert fmt.delta_style(fmt.signed(0)) == {"delta_color": "gray", "delta_arrow": "off"}
    assert fmt.delta_style("363 stemmer bak MDG", plain=True) == {"delta_color": "off", "delta_arrow": "off"}
    assert fmt.delta_style(None) == {"delta_color": "off", "delta_arrow": "off"}
