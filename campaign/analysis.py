"""Pure computations on query results: seats with blocs, the party's headline, group shares, turnout, targeting."""
from __future__ import annotations

import pandas as pd

from campaign.areas import krets_to_bydel
from campaign.config import Config
from campaign.seats import allocate, seat_table


def party_rows(frame: pd.DataFrame, party: str) -> pd.DataFrame:
    """One party's rows of a frame with a party_code column."""
    return frame[frame["party_code"] == party]


def party_in_every_area(frame: pd.DataFrame, party: str) -> pd.DataFrame:
    """One party's rows of a party_shares_by_subarea frame, with a row for every area of the frame: where
    the party had no list (a kommune where it did not stand) votes and shares are missing and `stood` is False."""
    own = party_rows(frame, party).assign(stood=True)
    areas = frame.drop_duplicates("area_id")[["area_id", "area_name", "kommune_id", "bydel_id", "krets_id",
                                              "total_votes", "compare_total_votes"]]
    missing = areas[~areas["area_id"].isin(own["area_id"])].assign(party_code=party, stood=False)
    return pd.concat([own, missing], ignore_index=True) if not missing.empty else own.reset_index(drop=True)


def in_bydeler(frame: pd.DataFrame, bydeler) -> pd.DataFrame:
    """The rows (areas) of a frame that lie in these areas (None matches nothing).

    The codes are at the branch's sub-level – bydeler "030112", kommuner "5001" or kretser "5001-0003" –
    and are matched against whichever of the frame's bydel_id, kommune_id and area_id columns it has.
    """
    codes = [b for b in bydeler if b is not None]
    inside = pd.Series(False, index=frame.index)
    for column in ("bydel_id", "kommune_id", "area_id"):
        if column in frame:
            inside |= frame[column].isin(codes)
    return frame[inside]


def has_values(frame: pd.DataFrame, column: str) -> bool:
    """True when the column holds at least one value (not all missing, not empty)."""
    return bool(frame[column].notna().any())


def seats_with_blocs(shares: pd.DataFrame, seats: int, config: Config) -> pd.DataFrame:
    """Seat table (votes, seats, margins) for a party_shares frame, each party with its bloc."""
    table = seat_table(shares[["party_code", "party_name", "votes"]], seats, config.first_divisor)
    table["bloc"] = table["party_code"].map(config.bloc_of)
    return table


def seats_won(shares: pd.DataFrame, seats: int, config: Config) -> dict[str, int]:
    """Seats per party only (no margins) for a party_shares frame."""
    votes = {str(p): int(v) for p, v in zip(shares["party_code"], shares["votes"]) if p != "BLANKE"}
    return allocate(votes, seats, config.first_divisor)


def bloc_totals(seat_frame: pd.DataFrame, config: Config) -> pd.DataFrame:
    """Seats and votes per bloc, in the configured order, "Andre" last."""
    order = [*config.blocs, "Andre"]
    totals = seat_frame.groupby("bloc", as_index=False)[["seats", "votes"]].sum()
    totals["order"] = totals["bloc"].map(order.index)
    totals = totals.sort_values("order").drop(columns="order").reset_index(drop=True)
    totals["majority"] = totals["seats"] > seat_frame["seats"].sum() / 2
    return totals


def group_share(by_bydel: pd.DataFrame, party: str, bydeler) -> dict:
    """A party's share in a set of sub-areas taken together (votes, share, change).

    The frame is party_shares_by_subarea (codes matched on area_id: bydeler, kretser "5001-0003" or
    kommuner) or a frame keyed on bydel_id alone; the share is of the votes the frame counts.
    """
    key = "area_id" if "area_id" in by_bydel else "bydel_id"
    inside = by_bydel[by_bydel[key].isin(list(bydeler))]
    rows = inside[inside["party_code"] == party]
    if rows.empty:
        return {"share_pct": None, "compare_share_pct": None, "change_pp": None, "votes": None, "kommuner": 0}
    # The base is every area of the set, also those where the party had no list (a county's kommuner).
    areas = inside.groupby(key).agg(total=("total_votes", "first"), compare_total=("compare_total_votes", "max"))
    share = 100.0 * rows["votes"].sum() / areas["total"].sum()
    compare = None
    if areas["compare_total"].notna().all() and areas["compare_total"].sum() > 0:
        compare = 100.0 * rows["compare_votes"].fillna(0).sum() / areas["compare_total"].sum()
    return {"share_pct": share, "compare_share_pct": compare,
            "change_pp": None if compare is None else share - compare, "votes": rows["votes"].sum(),
            "kommuner": inside["kommune_id"].nunique() if "kommune_id" in inside else len(areas)}


WHOLE_AREA_LABELS = {"bydel": "Hele byen (valgting)", "krets": "Hele {name} (kretsene)", "kommune": "Hele {name}"}


def target_area_shares(by_bydel: pd.DataFrame, party: str, config: Config) -> list[tuple[str, dict]]:
    """The party's group_share in each target area, in all of them together, and in the whole area
    (at the branch's sub-level: «Hele byen (valgting)» for bydeler, as before)."""
    key = "area_id" if "area_id" in by_bydel else "bydel_id"
    summary = [(name, group_share(by_bydel, party, codes)) for name, codes in config.target_areas.items()]
    if config.target_areas:
        summary.append(("Alle målområder", group_share(by_bydel, party, config.target_bydeler())))
    whole = WHOLE_AREA_LABELS[config.sublevel].format(name=config.area_name)
    summary.append((whole, group_share(by_bydel, party, set(by_bydel[key]))))
    return summary


def region_shares(by_kommune: pd.DataFrame, party: str, config: Config) -> list[tuple[str, dict]]:
    """The party's group_share in each [regions] group of kommuner, and in the kommuner outside every region."""
    summary = [(name, group_share(by_kommune, party, codes)) for name, codes in config.regions.items()]
    grouped = {code for codes in config.regions.values() for code in codes}
    rest = set(by_kommune["area_id"]) - grouped
    if rest:
        summary.append(("Andre kommuner", group_share(by_kommune, party, rest)))
    return [(name, figures) for name, figures in summary if figures["share_pct"] is not None]


def target_area_of(config: Config) -> dict[str, str]:
    """bydel code → the name of the target area it belongs to."""
    return {b: name for name, codes in config.target_areas.items() for b in codes}


def turnout_and_share(turnout: pd.DataFrame, by_bydel: pd.DataFrame, party: str,
                      config: Config) -> pd.DataFrame:
    """Per area: eligible voters, turnout, the party's share, and its target area (if any).

    `by_bydel` is party_shares_by_subarea (joined on area_id) or a frame keyed on bydel_id alone.
    """
    key = "area_id" if "area_id" in by_bydel else "bydel_id"
    shares = by_bydel.loc[by_bydel["party_code"] == party, [key, "share_pct", "change_pp"]]
    shares = shares.rename(columns={key: "share_area_id"})
    merged = turnout.merge(shares, left_on="area_id", right_on="share_area_id", how="inner",
                           suffixes=("_turnout", "_share")).drop(columns="share_area_id")
    merged["target_area"] = _target_areas(merged, config)
    return merged


def turnout_gap(turnout: pd.DataFrame) -> dict:
    """The highest- and lowest-turnout area and the gap between them in pp."""
    valid = turnout.dropna(subset=["turnout_pct"])
    if valid.empty:
        return {}
    high = valid.loc[valid["turnout_pct"].idxmax()]
    low = valid.loc[valid["turnout_pct"].idxmin()]
    return {"highest": high["area_name"], "highest_pct": high["turnout_pct"],
            "lowest": low["area_name"], "lowest_pct": low["turnout_pct"],
            "gap_pp": high["turnout_pct"] - low["turnout_pct"]}


def default_comparison(election_id: str, available: list[str], kinds: dict[str, str]) -> str | None:
    """The previous election of the same kind; None when there is none (never one of another kind: Storting
    seats against city-council seats mean nothing). `available` is newest first."""
    older = available[available.index(election_id) + 1:] if election_id in available else []
    same = [e for e in older if kinds.get(e) == kinds.get(election_id)]
    return same[0] if same else None


def next_election(config: Config, today) -> tuple | None:
    """The next configured election on or after today, and the days left to it."""
    upcoming = [e for e in config.elections if e.election_date >= today]
    if not upcoming:
        return None
    election = min(upcoming, key=lambda e: e.election_date)
    return election, (election.election_date - today).days


def rank_and_gap(shares: pd.DataFrame, party: str) -> tuple[int, str | None, int | None]:
    """The party's place by votes, the party just ahead of it, and the votes between them."""
    ordered = shares.sort_values("votes", ascending=False).reset_index(drop=True)
    position = ordered.index[ordered["party_code"] == party]
    if len(position) == 0:
        return 0, None, None
    place = int(position[0])
    if place == 0:
        return 1, None, None
    ahead = ordered.iloc[place - 1]
    return place + 1, str(ahead["party_code"]), int(ahead["votes"] - ordered.iloc[place]["votes"])


def own_result(shares: pd.DataFrame, seats: pd.DataFrame | None, party: str,
               seats_before: dict[str, int] | None) -> dict | None:
    """The party's share, votes, place and seats with their changes; None when it got no votes.

    `seats` None: no seat allocation (seats and seat_change None); `seats_before` None: no seat
    change (no comparison, or the comparison election filled another body)."""
    own = party_rows(shares, party)
    if own.empty:
        return None
    row = own.iloc[0]
    place, ahead, behind_by = rank_and_gap(shares, party)
    own_seats = None if seats is None else int(seats.loc[seats["party_code"] == party, "seats"].sum())
    return {"share_pct": row["share_pct"], "change_pp": row["change_pp"], "votes": row["votes"],
            "votes_change": None if pd.isna(row["compare_votes"]) else row["votes"] - row["compare_votes"],
            "place": place, "ahead": ahead, "behind_by": behind_by, "seats": own_seats,
            "seat_change": None if seats_before is None or own_seats is None
            else own_seats - seats_before.get(party, 0)}


POTENTIAL_EXPLAINED = ("Mobiliseringspotensial = antall som ikke stemte × vår oppslutning i området: "
                       "så mange flere stemmer kan vi vente om de som satt hjemme, stemte som naboene sine.")


def mobilisation_potential(eligible, votes_cast, share_pct):
    """Non-voters × the party's share: the votes we could expect if non-voters voted like their neighbours."""
    return (eligible - votes_cast) * share_pct / 100.0


def targeting(turnout: pd.DataFrame, shares: pd.DataFrame, level: str, kommune_id: str | None,
              config: Config) -> pd.DataFrame:
    """Per area with results: the party's share and change, turnout, non-voters, potential, target area.

    `shares` is one party's rows of party_shares_by_subarea (with area_id/area_name), or of a frame keyed
    on bydel_id alone (bydel) or of party_shares_by_krets (krets, keyed "kommune_id-krets_id");
    `turnout` is a turnout_by_area frame at the same level (may be empty: then no potential).
    """
    if "area_id" not in shares:
        if level == "krets":
            shares = shares.assign(area_id=kommune_id + "-" + shares["krets_id"], area_name=shares["krets_name"])
        else:
            shares = shares.assign(area_id=shares["bydel_id"], area_name=None)
    if level == "krets" and "krets_id" in shares:  # a krets's bydel from its number, where the query gave none
        shares = shares.assign(bydel_id=shares["bydel_id"].where(shares["bydel_id"].notna(), [
            krets_to_bydel(k, m, config) if isinstance(k, str) and isinstance(m, str) else None
            for k, m in zip(shares["krets_id"], shares.get("kommune_id", pd.Series(kommune_id, index=shares.index)))]))
    if level == "bydel":  # bydel names from campaign.toml, as on every other page
        shares = shares.assign(area_name=shares["bydel_id"].map(config.bydeler).fillna(shares["area_name"]))
    base = shares.assign(kommune_id=shares.get("kommune_id", kommune_id))
    base = base[["area_id", "area_name", "kommune_id", "bydel_id", "share_pct", "change_pp"]].rename(
        columns={"change_pp": "share_change_pp"})
    measured = turnout[["area_id", "eligible_voters", "votes_cast", "non_voters", "turnout_pct", "change_pp"]]
    frame = base.merge(measured.rename(columns={"change_pp": "turnout_change_pp"}), on="area_id", how="left")
    frame["potential"] = mobilisation_potential(frame["eligible_voters"], frame["votes_cast"], frame["share_pct"])
    frame["target_area"] = _target_areas(frame, config)
    frame["bydel"] = frame["bydel_id"].map(config.bydeler)
    frame["region"] = frame["kommune_id"].map(lambda k: config.region_of(k) if isinstance(k, str) else None)
    return frame.sort_values(["potential", "area_id"], ascending=[False, True], na_position="last").reset_index(drop=True)


def _target_areas(frame: pd.DataFrame, config: Config) -> pd.Series:
    """The target area each row's area lies in: by its own code, its bydel or its kommune (target areas
    are lists of codes at the branch's sub-level)."""
    names = target_area_of(config)
    found = pd.Series(None, index=frame.index, dtype=object)
    for column in ("area_id", "bydel_id", "kommune_id"):
        if column in frame:
            found = found.where(found.notna(), frame[column].map(names))
    return found


def filter_targets(frame: pd.DataFrame, area: str, minimum_eligible: int, config: Config) -> pd.DataFrame:
    """The targeting list for one choice of area ("Alle områder", "Alle målområder" or a target area's name)."""
    if area == "Alle målområder":
        frame = frame[frame["target_area"].notna()]
    elif area in config.target_areas:
        frame = in_bydeler(frame, config.target_areas[area])
    return frame[frame["eligible_voters"].fillna(0) >= minimum_eligible].reset_index(drop=True)
