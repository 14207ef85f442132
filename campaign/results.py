"""Election results composed from a query and a computation: the seats a comparison election gave."""
from __future__ import annotations

from campaign import analysis, queries
from campaign.config import Config


def seats_in(election_id: str | None, kommune_id: str, config: Config) -> dict[str, int] | None:
    """Seats per party won in an election in the kommune (None when no election is chosen)."""
    if election_id is None:
        return None
    shares = queries.party_shares(election_id, None, kommune_id)
    return analysis.seats_won(shares, config.seats_for(election_id), config)
