"""Seat allocation: textbook cases, margins checked by brute force, and the real 2021 file."""
from __future__ import annotations

import pandas as pd
import pytest

from campaign.seats import allocate, margins
from tests.conftest import reference_file

VOTES = {"A": 100_000, "B": 80_000, "C": 30_000, "D": 20_000}


def test_pure_sainte_lague_textbook():
    assert allocate(VOTES, 7, first_divisor=1.0) == {"A": 3, "B": 2, "C": 1, "D": 1}


def test_modified_first_divisor_takes_the_small_partys_seat():
    assert allocate(VOTES, 7, first_divisor=1.4) == {"A": 3, "B": 3, "C": 1, "D": 0}


def test_margins_on_textbook_case():
    rows = {r.party_code: r for r in margins(VOTES, 7, 1.4)}
    # D needs v/1.4 > 16 000 (B's third seat): 22 401 votes, 2 401 more.
    assert rows["D"].votes_for_next_seat == 2_401
    assert rows["D"].votes_to_spare is None
    # A keeps its third seat while v/5 > 20 000/1.4: at least 71 429 votes.
    assert rows["A"].votes_to_spare == 100_000 - 71_429


@pytest.mark.parametrize("party", list(VOTES))
def test_margins_are_exact_by_brute_force(party):
    row = next(r for r in margins(VOTES, 7, 1.4) if r.party_code == party)
    more = dict(VOTES, **{party: VOTES[party] + row.votes_for_next_seat})
    assert allocate(more, 7)[party] == row.seats + 1
    fewer_more = dict(VOTES, **{party: VOTES[party] + row.votes_for_next_seat - 1})
    assert allocate(fewer_more, 7)[party] == row.seats
    if row.votes_to_spare is not None:
        keep = dict(VOTES, **{party: VOTES[party] - row.votes_to_spare})
        assert allocate(keep, 7)[party] == row.seats
        lose = dict(VOTES, **{party: VOTES[party] - row.votes_to_spare - 1})
        assert allocate(lose, 7)[party] == row.seats - 1


def test_zero_seats_and_no_votes():
    assert allocate({"A": 0, "B": 0}, 3) == {"A": 0, "B": 0}
    assert allocate({"A": 10}, 0) == {"A": 0}


def _read_fylke_file(path) -> pd.DataFrame:
    """Test-only reader for the official partifordeling CSV at fylke level."""
    frame = pd.read_csv(path, sep=";", decimal=",", encoding="utf-8-sig",
                        dtype={"Fylkenummer": str, "Partikode": str})
    return frame.loc[:, ~frame.columns.str.startswith("Unnamed")]


def test_st2021_district_seats_for_all_19_constituencies():
    frame = _read_fylke_file(reference_file("st2021_partifordeling_fylke.csv"))
    frame = frame[frame["Partikode"] != "BLANKE"]
    assert frame["Fylkenummer"].nunique() == 19
    for fylke, rows in frame.groupby("Fylkenummer"):
        expected = dict(zip(rows["Partikode"], rows["Antall mandater"] - rows["Antall utjevningsmandater"]))
        seats = int(sum(expected.values()))
        got = allocate(dict(zip(rows["Partikode"], rows["Antall stemmer totalt"].astype(int))), seats, 1.4)
        assert got == expected, fylke
