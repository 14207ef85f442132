"""Seats won in a comparison election, composed from party_shares and the seat allocation (demo store)."""
from __future__ import annotations

from campaign.config import load_config
from campaign.results import seats_in

CONFIG = load_config()


def test_seats_in_the_comparison_election(demo_env):
    seats = seats_in("ko2019", "0301", CONFIG)
    assert (seats["H"], seats["A"], seats["SV"]) == (15, 12, 6)
    assert sum(seats.values()) == 59
    assert seats_in(None, "0301", CONFIG) is None
