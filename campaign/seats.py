"""Seat allocation by modified Sainte-Laguë (divisors 1.4, 3, 5, 7, …) and seat margins.

Quotients are compared as exact fractions so that no float rounding decides a seat.
Equal quotients: the party with more votes gets the seat (valgloven); where the
votes are equal too the law draws lots, and we take the alphabetically first code so that
results are reproducible.
"""
from __future__ import annotations

import heapq
import math
from dataclasses import dataclass
from fractions import Fraction

import pandas as pd


def divisor(seats_won: int, first_divisor: Fraction) -> Fraction:
    """The divisor for a party's next seat: first_divisor, then 3, 5, 7, …"""
    return first_divisor if seats_won == 0 else Fraction(2 * seats_won + 1)


def allocate(votes: dict[str, int], seats: int, first_divisor: float = 1.4) -> dict[str, int]:
    """Seats per party for the given votes (blank votes must be left out by the caller)."""
    first = Fraction(str(first_divisor))
    won = {party: 0 for party in votes}
    # Max-heap on (quotient, votes, code order): the same order as the tie rule.
    heap = [(-Fraction(v) / first, -v, p) for p, v in votes.items() if v > 0]
    heapq.heapify(heap)
    for _ in range(seats if heap else 0):
        _, neg_votes, party = heapq.heappop(heap)
        won[party] += 1
        heapq.heappush(heap, (Fraction(neg_votes) / divisor(won[party], first), neg_votes, party))
    return won


@dataclass(frozen=True)
class SeatRow:
    party_code: str
    votes: int
    seats: int
    votes_for_next_seat: int | None
    votes_to_spare: int | None


def margins(votes: dict[str, int], seats: int, first_divisor: float = 1.4) -> list[SeatRow]:
    """Per party: seats, votes more needed for one more seat, votes it could lose and keep them.

    Only the party's own votes change; the others' stay as they are. "Needed" is the least
    number of extra votes whose next quotient beats the weakest seat held by another party;
    "to spare" is how many votes it can lose while its last seat still beats every other
    party's best losing quotient. Where the quotients tie, the tie rule of allocate() decides,
    checked by allocating again.
    """
    first = Fraction(str(first_divisor))
    won = allocate(votes, seats, first_divisor)
    rows = []
    for party, v in votes.items():
        others = [p for p in votes if p != party]
        held = [Fraction(votes[p]) / divisor(k, first) for p in others for k in range(won[p])]
        losing = [Fraction(votes[p]) / divisor(won[p], first) for p in others if votes[p] > 0]
        need = None
        if held:
            threshold = min(held) * divisor(won[party], first)
            least = max(math.ceil(threshold), v)
            if least == threshold and _seats_with(votes, party, least, seats, first_divisor) <= won[party]:
                least += 1  # an exact tie that the tie rule gives to the other party
            need = least - v
        spare = None
        if won[party] > 0:
            threshold = max(losing, default=Fraction(0)) * divisor(won[party] - 1, first)
            least = math.ceil(threshold)
            if least == threshold and _seats_with(votes, party, least, seats, first_divisor) < won[party]:
                least += 1  # an exact tie lost under the tie rule
            spare = v - least
        rows.append(SeatRow(party, v, won[party], need, spare))
    return sorted(rows, key=lambda r: (-r.seats, -r.votes, r.party_code))


def _seats_with(votes: dict[str, int], party: str, new_votes: int, seats: int, first_divisor: float) -> int:
    return allocate({**votes, party: new_votes}, seats, first_divisor)[party]


def seat_table(votes: pd.DataFrame, seats: int, first_divisor: float = 1.4) -> pd.DataFrame:
    """margins() for a frame with party_code and votes columns; BLANKE is dropped."""
    counted = votes[votes["party_code"] != "BLANKE"]
    mapping = {str(p): int(v) for p, v in zip(counted["party_code"], counted["votes"])}
    rows = margins(mapping, seats, first_divisor)
    frame = pd.DataFrame([r.__dict__ for r in rows])
    for column in ("votes_for_next_seat", "votes_to_spare"):
        frame[column] = frame[column].astype("Int64")
    if "party_name" in votes.columns:
        names = dict(zip(votes["party_code"], votes["party_name"]))
        frame.insert(1, "party_name", frame["party_code"].map(names))
    return frame
