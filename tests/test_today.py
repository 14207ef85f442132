"""«I dag» computations (campaign.today) on a fixture with known days and numbers."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from campaign import today
from campaign.config import ElectionSetting
from campaign.fmt import NBSP

DAY = dt.date(2023, 9, 11)
PERIOD = (dt.date(2023, 7, 27), dt.date(2023, 9, 11))


def _fixture() -> pd.DataFrame:
    """14 days before DAY: reach 100 a day in the first week and 150 in the second (yesterday 200),
    doors 10 a day then 5 a day; spend only on the day before yesterday."""
    dates = [DAY - dt.timedelta(days=n) for n in range(14, 0, -1)]
    reach = [100] * 7 + [150] * 6 + [200]
    social = pd.DataFrame({"date": dates, "reach": reach, "platform": "x"})
    doors = pd.DataFrame({"date": dates, "doors": [10] * 7 + [5] * 7})
    ads = pd.DataFrame({"date": [DAY - 2 * today.DAY], "spend_nok": [500.0]})
    return today.daily_totals([social, doors, ads, pd.DataFrame()])


def test_reference_day_inside_and_outside():
    assert today.reference_day(dt.date(2023, 8, 1), PERIOD) == (dt.date(2023, 8, 1), False)
    assert today.reference_day(dt.date(2026, 11, 30), PERIOD) == (PERIOD[1], True)
    assert today.reference_day(dt.date(2026, 11, 30), None) == (dt.date(2026, 11, 30), False)


def test_next_election_on_or_after():
    elections = [ElectionSetting("ko2023", "ko", "K 2023", dt.date(2023, 9, 11), 59),
                 ElectionSetting("st2025", "st", "S 2025", dt.date(2025, 9, 8), 19)]
    assert today.next_election(dt.date(2023, 9, 1), elections) == ("K 2023", 10)
    assert today.next_election(DAY, elections) == ("K 2023", 0)
    assert today.next_election(dt.date(2023, 9, 12), elections)[0] == "S 2025"
    assert today.next_election(dt.date(2030, 1, 1), elections) is None


def test_windows_on_known_days():
    spans = today.windows(_fixture(), DAY)
    assert spans.loc["reach"].tolist() == [200, 150, 6 * 150 + 200, 700]
    assert spans.loc["doors"].tolist() == [5, 5, 35, 70]
    assert spans.loc["spend_nok", "yesterday"] != spans.loc["spend_nok", "yesterday"]  # NaN: no spend that day
    assert spans.loc["spend_nok", "before"] == 500
    assert spans.loc["calls_made"].isna().all()


def test_relative_and_change_text():
    assert today.relative(150, 100) == pytest.approx(50)
    assert today.relative(5, 0) is None and today.relative(None, 3) is None
    assert today.change_text(200, 150) == f"+33,3{NBSP}%"
    assert today.change_text(40, 0) == "+40"
    assert today.change_text(float("nan"), 3) == "–"


def test_biggest_changes_and_sentences():
    spans = today.windows(_fixture(), DAY)
    biggest = today.biggest_changes(spans)
    assert [m for m, _ in biggest] == ["reach", "doors"]  # spend has no 7 days before: no relative change
    assert biggest[0][1] == pytest.approx(400 / 700 * 100)
    assert biggest[1][1] == pytest.approx(-50)
    assert today.change_sentence("doors", -50, spans).replace(NBSP, " ") == \
        "Dører falt med 50,0 % siste 7 dager (fra 70 til 35)."


def test_budget_pace():
    spent, elapsed = today.budget_pace(45520, 91040, PERIOD, dt.date(2023, 8, 19))
    assert spent == pytest.approx(50)
    assert elapsed == pytest.approx(24 / 47 * 100)
    assert today.budget_pace(91040, 91040, PERIOD, DAY) == (100, 100)
    assert today.budget_pace(0, 100, PERIOD, dt.date(2023, 1, 1))[1] == 0
    assert "raskere enn tiden" in today.pace_sentence(60, 40)
    assert "i takt med tiden" in today.pace_sentence(51, 49)
    assert "saktere enn tiden" in today.pace_sentence(20, 40)


def test_spend_is_shown_in_kroner_and_counts_as_numbers():
    assert today.value_text("spend_nok", 8022) == "8\u00a0022\u00a0kr"
    assert today.value_text("doors", 8022) == "8\u00a0022"
    assert today.value_text("spend_nok", None) == "–"
