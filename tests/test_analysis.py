"""Pure computations: blocs, group shares, turnout gap, comparisons, next election."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from campaign.analysis import (
    bloc_totals,
    default_comparison,
    filter_targets,
    group_share,
    has_values,
    in_bydeler,
    mobilisation_potential,
    next_election,
    own_result,
    party_rows,
    rank_and_gap,
    seats_with_blocs,
    seats_won,
    target_area_shares,
    targeting,
    turnout_gap,
)
from campaign.config import load_config

CONFIG = load_config()


def test_default_comparison_is_the_previous_election_of_the_same_kind_or_none():
    ids = ["st2025", "ko2023", "st2021", "ko2019"]
    kinds = {"st2025": "st", "ko2023": "ko", "st2021": "st", "ko2019": "ko"}
    assert default_comparison("ko2023", ids, kinds) == "ko2019"
    assert default_comparison("st2025", ids, kinds) == "st2021"  # not the newer-but-other-kind ko2023
    assert default_comparison("st2021", ids, kinds) is None  # no earlier st: no comparison, never ko2019
    assert default_comparison("ko2019", ids, kinds) is None


def test_group_share_weights_by_votes():
    frame = pd.DataFrame({
        "bydel_id": ["1", "2", "1"], "party_code": ["SV", "SV", "A"],
        "votes": [10, 30, 50], "total_votes": [100, 100, 100],
        "compare_votes": [5, 15, 40], "compare_total_votes": [100, 50, 100],
    })
    result = group_share(frame, "SV", {"1", "2"})
    assert result["share_pct"] == pytest.approx(20.0)  # 40 / 200
    assert result["compare_share_pct"] == pytest.approx(100 * 20 / 150)
    assert result["change_pp"] == pytest.approx(20.0 - 100 * 20 / 150)
    assert group_share(frame, "SV", {"9"})["share_pct"] is None


def test_seats_blocs_and_rank():
    shares = pd.DataFrame({"party_code": ["H", "A", "PS"], "party_name": ["Høyre", "Ap", "PS"],
                           "votes": [600, 500, 90]})
    seats = seats_with_blocs(shares, 5, CONFIG)
    assert dict(zip(seats["party_code"], seats["bloc"])) == {"H": "Borgerlige", "A": "Rødgrønne", "PS": "Andre"}
    blocs = bloc_totals(seats, CONFIG)
    assert list(blocs["bloc"]) == ["Rødgrønne", "Borgerlige", "Andre"]
    assert blocs["seats"].sum() == 5
    assert rank_and_gap(shares, "A") == (2, "H", 100)
    assert rank_and_gap(shares, "H") == (1, None, None)


def test_turnout_gap():
    frame = pd.DataFrame({"area_name": ["X", "Y", "Z"], "turnout_pct": [50.0, 80.5, 60.0]})
    gap = turnout_gap(frame)
    assert (gap["highest"], gap["lowest"]) == ("Y", "X")
    assert gap["gap_pp"] == pytest.approx(30.5)


def test_next_election_counts_days():
    election, days = next_election(CONFIG, dt.date(2027, 9, 1))
    assert election.election_id == "ko2027" and days == 12
    assert next_election(CONFIG, dt.date(2030, 1, 1)) is None


def test_seats_won_matches_the_seat_table():
    shares = pd.DataFrame({"party_code": ["H", "A", "PS", "BLANKE"], "party_name": ["H", "A", "PS", "Blanke"],
                           "votes": [600, 500, 90, 1000]})
    table = seats_with_blocs(shares[shares["party_code"] != "BLANKE"], 5, CONFIG)
    assert seats_won(shares, 5, CONFIG) == dict(zip(table["party_code"], table["seats"]))


def test_mobilisation_potential_formula():
    # 1 000 eligible, 600 voted, 10 % share: 400 non-voters × 10 % = 40 votes
    assert mobilisation_potential(1000, 600, 10.0) == pytest.approx(40.0)


def _targeting_inputs():
    turnout = pd.DataFrame({
        "area_id": ["0301-0101", "0301-0102", "0301-1201"], "area_name": ["A skole", "B skole", "C skole"],
        "bydel_id": ["030101", "030101", "030112"], "eligible_voters": [1000, 2000, 1500],
        "votes_cast": [600, 1800, 750], "non_voters": [400, 200, 750], "turnout_pct": [60.0, 90.0, 50.0],
        "compare_turnout_pct": [None, None, None], "change_pp": [None, None, None],
    })
    shares = pd.DataFrame({"krets_id": ["0101", "0102", "1201"], "krets_name": ["A skole", "B skole", "C skole"],
                           "bydel_id": ["030101", "030101", "030112"], "share_pct": [10.0, 30.0, 9.0],
                           "change_pp": [1.0, None, 2.0]})
    return turnout, shares


def test_targeting_ranks_by_potential_and_marks_target_areas():
    turnout, shares = _targeting_inputs()
    frame = targeting(turnout, shares, "krets", "0301", CONFIG)
    assert list(frame["area_id"]) == ["0301-1201", "0301-0102", "0301-0101"]  # 67.5, 60, 40 votes
    assert list(frame["potential"]) == pytest.approx([67.5, 60.0, 40.0])
    assert frame.loc[0, "target_area"] == "Groruddalen" and pd.isna(frame.loc[1, "target_area"])
    assert filter_targets(frame, "Groruddalen", 0, CONFIG)["area_id"].tolist() == ["0301-1201"]
    assert filter_targets(frame, "Alle områder", 1500, CONFIG)["area_id"].tolist() == ["0301-1201", "0301-0102"]


def test_targeting_without_turnout_keeps_the_shares():
    turnout, shares = _targeting_inputs()
    frame = targeting(turnout.iloc[0:0], shares, "krets", "0301", CONFIG)
    assert len(frame) == 3 and frame["potential"].isna().all()
    assert set(frame["area_name"]) == {"A skole", "B skole", "C skole"}


def _shares():
    return pd.DataFrame({"party_code": ["H", "A", "SV"], "party_name": ["Høyre", "Ap", "SV"],
                         "votes": [600, 500, 90], "share_pct": [50.4, 42.0, 7.6],
                         "change_pp": [1.5, -2.0, 0.5], "compare_votes": [580, 450, None]})


def test_own_result_with_a_comparison():
    shares = _shares()
    seats = seats_with_blocs(shares, 5, CONFIG)  # 1.4-divisor: H 428.6, A 357.1, H 200, A 166.7, H 120
    own = own_result(shares, seats, "A", {"H": 2, "A": 3})
    assert (own["share_pct"], own["change_pp"], own["votes"]) == (42.0, -2.0, 500)
    assert own["votes_change"] == 50  # 500 − 450
    assert (own["place"], own["ahead"], own["behind_by"]) == (2, "H", 100)
    assert own["seats"] == 2 and own["seat_change"] == -1  # 2 now, 3 before


def test_own_result_without_a_comparison_or_votes():
    shares = _shares()
    seats = seats_with_blocs(shares, 5, CONFIG)
    own = own_result(shares, seats, "SV", None)
    assert own["votes_change"] is None and own["seat_change"] is None  # SV had no votes to compare with
    assert (own["place"], own["behind_by"], own["seats"]) == (3, 410, 0)
    assert own_result(shares, seats, "SV", {"A": 3})["seat_change"] == 0  # absent before: 0 seats
    assert own_result(shares, seats, "KRF", None) is None


def test_target_area_shares_per_area_all_targets_and_city():
    frame = pd.DataFrame({
        "bydel_id": ["030110", "030115", "030101"], "party_code": ["SV", "SV", "SV"],
        "votes": [10, 30, 20], "total_votes": [100, 100, 200],
        "compare_votes": [5, 20, 10], "compare_total_votes": [100, 100, 100],
    })
    summary = dict(target_area_shares(frame, "SV", CONFIG))
    assert list(summary) == ["Groruddalen", "Søndre Nordstrand", "Alle målområder", "Hele byen (valgting)"]
    assert summary["Groruddalen"]["share_pct"] == pytest.approx(10.0)  # Grorud only: 10 / 100
    assert summary["Søndre Nordstrand"]["change_pp"] == pytest.approx(10.0)  # 30 % against 20 %
    assert summary["Alle målområder"]["share_pct"] == pytest.approx(20.0)  # 40 / 200
    assert summary["Alle målområder"]["change_pp"] == pytest.approx(20.0 - 12.5)  # 25 / 200 before
    assert summary["Hele byen (valgting)"]["share_pct"] == pytest.approx(15.0)  # 60 / 400
    assert summary["Hele byen (valgting)"]["change_pp"] == pytest.approx(15.0 - 100 * 35 / 300)


def test_party_rows_in_bydeler_and_has_values():
    frame = pd.DataFrame({"party_code": ["SV", "A", "SV"], "bydel_id": ["030101", "030112", None],
                          "share_pct": [12.5, None, 8.0]})
    assert party_rows(frame, "SV")["share_pct"].tolist() == [12.5, 8.0]
    assert in_bydeler(frame, ("030112", "030109"))["party_code"].tolist() == ["A"]
    assert in_bydeler(frame, [None]).empty  # no bydel chosen: not the kretser without a bydel
    assert has_values(frame, "share_pct") and not has_values(frame.iloc[1:2], "share_pct")
    assert not has_values(frame.iloc[0:0], "share_pct")
