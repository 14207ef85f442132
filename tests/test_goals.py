"""Goals: [[goals]] in campaign.toml, the pace arithmetic on known numbers, and the statuses on the demo."""
from __future__ import annotations

import datetime as dt

import pytest

from campaign import goals
from campaign.config import _parse, load_config
from campaign.goal_config import Goal
from campaign.goal_status import goal_row, goal_statuses
from tests.test_config import BASE

D = dt.date
YEAR = (D(2023, 1, 1), D(2023, 12, 31))


def test_the_shipped_goals():
    shipped = {g.id: g for g in load_config().goals}
    assert set(shipped) == {"dorbanking", "aktive", "innsamling_medlemmer", "innsamling_lotteri",
                            "innsamling_eksternt", "annonsebudsjett"}
    assert shipped["aktive"].band == (15, 30) and shipped["aktive"].target is None
    assert shipped["annonsebudsjett"].target == 91040 and shipped["annonsebudsjett"].direction == "høyst"
    assert shipped["dorbanking"].period_for(D(2025, 3, 1)) == (D(2025, 1, 1), D(2025, 12, 31))
    assert shipped["dorbanking"].deadline_for(D(2025, 3, 1)) == D(2025, 12, 31)
    assert sum(shipped[f"innsamling_{k}"].target for k in ("medlemmer", "lotteri", "eksternt")) == 410_000


GOOD = {"id": "x", "name": "Mål", "measure": "goal_members", "target": 2000, "unit": "medlemmer"}


@pytest.mark.parametrize(("change", "message"), [
    ({"target": None}, "«target» eller «band»"),  # neither (None removes the key below)
    ({"band": [15, 30]}, "nøyaktig én"),
    ({"band": [30, 15], "target": None}, "lav må være"),
    ({"measure": "goal_finnes_ikke"}, "finner ingen spørring"),
    ({"direction": "mest"}, "«minst» eller «høyst»"),
    ({"deadline": "snart"}, "må være en dato"),
    ({"period": [D(2023, 12, 1), D(2023, 1, 1)]}, "«period»"),
    ({"name": ""}, "«name» mangler"),
    ({"budget": "trykk_nok", "target": None}, "finnes ikke under [budget]"),
    ({"farge": "rød"}, "ukjente nøkler: farge"),
])
def test_a_malformed_goal_is_refused_in_norwegian(change, message):
    raw = {k: v for k, v in {**GOOD, **change}.items() if v is not None}
    with pytest.raises(ValueError, match="goals"):
        _parse({**BASE, "goals": [raw]})
    with pytest.raises(ValueError) as error:
        _parse({**BASE, "goals": [raw]})
    assert message.replace("«target» eller «band»", "nøyaktig én") in str(error.value)


def test_duplicate_ids_are_refused():
    with pytest.raises(ValueError, match="samme «id»"):
        _parse({**BASE, "goals": [GOOD, GOOD]})


def test_goals_are_optional():
    assert _parse(BASE).goals == ()


# Pure arithmetic on known numbers.

def test_eight_rounds_by_1_september_of_ten_a_year_is_on_track():
    today = D(2023, 9, 1)
    assert goals.expected(10, today, *YEAR) == pytest.approx(10 * 243 / 364)  # 6,68 rounds due
    assert goals.progress(8, target=10) == pytest.approx(0.8)
    pace = goals.pace_needed(8, 10, today, YEAR[1])
    assert (pace.remaining, pace.days) == (2, 121)
    assert pace.per_week == pytest.approx(2 / 121 * 7)
    assert goals.target_status(8, 10, today, *YEAR) == goals.ON_TRACK


@pytest.mark.parametrize(("rounds", "status"), [(6.1, goals.ON_TRACK), (6.0, goals.A_LITTLE_BEHIND),
                                                (4.7, goals.A_LITTLE_BEHIND), (4.6, goals.FAR_BEHIND)])
def test_the_thresholds_are_90_and_70_percent_of_linear_pace(rounds, status):
    # 1 September: 6,68 rounds due; 90 % = 6,01, 70 % = 4,67
    assert goals.target_status(rounds, 10, D(2023, 9, 1), *YEAR) == status


def test_active_share_below_the_band_is_far_behind():
    share = 100 * 419 / 3620
    assert share == pytest.approx(11.57, abs=0.005)
    assert goals.band_position(share, (15, 30)) == "under"
    assert goals.progress(share, band=(15, 30)) == pytest.approx(share / 15)
    assert goals.band_status(share, (15, 30)) == goals.FAR_BEHIND
    assert goals.band_status(14, (15, 30)) == goals.A_LITTLE_BEHIND  # 6,7 % below the bound
    assert goals.band_status(20, (15, 30)) == goals.ON_TRACK and goals.progress(20, band=(15, 30)) == 1.0
    assert goals.band_status(34, (15, 30)) == goals.FAR_BEHIND


def test_297_000_of_350_000_at_the_deadline_is_far_behind_with_no_pace_left():
    deadline = D(2023, 9, 11)
    assert goals.progress(297_000, target=350_000) == pytest.approx(0.8486, abs=1e-4)
    assert goals.pace_needed(297_000, 350_000, deadline, deadline) is None
    assert goals.target_status(297_000, 350_000, deadline, D(2023, 1, 1), deadline) == goals.A_LITTLE_BEHIND
    assert goals.target_status(240_000, 350_000, deadline, D(2023, 1, 1), deadline) == goals.FAR_BEHIND
    pace = goals.pace_needed(297_000, 350_000, D(2023, 8, 28), deadline)
    assert (pace.remaining, pace.days, pace.per_day) == (53_000, 14, pytest.approx(53_000 / 14))


def test_no_pace_without_a_deadline_or_once_met():
    assert goals.pace_needed(5, 10, D(2023, 1, 1), None) is None
    assert goals.pace_needed(12, 10, D(2023, 1, 1), D(2023, 12, 31)) is None


def test_a_budget_is_on_track_at_pace_and_far_behind_when_overspent():
    first, last = D(2023, 7, 27), D(2023, 9, 11)  # 46 days
    halfway = D(2023, 8, 19)  # 23 days: 45 520 kr due
    assert goals.target_status(50_000, 91_040, halfway, first, last, "høyst") == goals.ON_TRACK
    assert goals.target_status(60_000, 91_040, halfway, first, last, "høyst") == goals.A_LITTLE_BEHIND
    assert goals.target_status(91_041, 91_040, last, first, last, "høyst") == goals.FAR_BEHIND
    assert goals.target_status(91_040, 91_040, last, first, last, "høyst") == goals.ON_TRACK
    allowed = goals.pace_needed(50_000, 91_040, halfway, last, "høyst")
    assert allowed.per_day == pytest.approx(41_040 / 23)


def test_a_goal_without_data_has_no_status():
    row = goal_row(Goal(id="m", name="Medlemmer", measure="goal_members", unit="medlemmer", target=2000),
                   None, D(2023, 9, 1))
    assert (row["status"], row["progress"], row["value_text"]) == ("ingen data", None, "ingen data")


# Composed with the named queries on the demo store.

def test_goal_statuses_on_the_demo(demo_env):
    frame = goal_statuses(D(2023, 9, 1)).set_index("id")
    assert list(frame.columns) == ["name", "value", "value_text", "target_text", "progress", "pace_text", "status",
                                   "colour"]
    assert frame.loc["dorbanking", "value"] == 2  # 7 and 27 August; three more evenings in September
    assert frame.loc["dorbanking", "status"] == "langt bak"  # 6,7 rounds due by linear pace
    assert frame.loc["aktive", "value"] == pytest.approx(100 * 419 / 3620)
    assert frame.loc["aktive", "status"] == "langt bak" and frame.loc["aktive", "pace_text"] == ""
    assert frame.loc["aktive", "target_text"] == "15–30\u00a0%"
    assert frame.loc["innsamling_lotteri", "status"] == "på skinner"
    assert frame.loc["innsamling_medlemmer", "pace_text"].startswith("trenger ")
    assert frame.loc["annonsebudsjett", "pace_text"].startswith("kan bruke ")
    assert set(frame["colour"]) <= set(goals.COLOURS.values())


def test_goal_statuses_at_the_election(demo_env):
    frame = goal_statuses(D(2023, 9, 11)).set_index("id")
    assert frame.loc["innsamling_medlemmer", "value"] == 287_000  # 297 000 less the 10 000 lottery
    assert frame.loc["innsamling_medlemmer", "progress"] == pytest.approx(0.82)
    assert frame.loc["innsamling_medlemmer", "status"] == "litt bak"
    assert frame.loc["innsamling_eksternt", "value"] == 42_250
    assert frame.loc["annonsebudsjett", "value"] == pytest.approx(91_040)
    assert frame.loc["annonsebudsjett", "status"] == "på skinner"
    assert frame.loc["dorbanking", "value"] == 5
    assert (frame["pace_text"].loc[["innsamling_medlemmer", "annonsebudsjett"]] == "").all()
