"""The invented demo for any branch but Oslo: a kommune's kretser, or a county's kommuner and their kretser.

Every name and figure is made up (campaign.demo_area_params). The rows look like the real files: krets
rows hold election-day votes, krets 0000 every advance vote, turnout per krets and kommune. Storting
elections also get fylke-level rows for the configured fylke (the demo's constituency), so the district
seats can be allocated over the constituency and not over the kommune; once the store has a `mandates`
table, the demo writes the councils' seats (configured or invented) and the constituency's seats there.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from campaign import demo_area_params as A
from campaign import demo_params as P
from campaign.areas import krets_area_id, krets_to_bydel
from campaign.config import Config
from campaign.demo import split_integer
from campaign.schema import SCHEMAS
from campaign.seats import allocate


@dataclass(frozen=True)
class DemoKommune:
    kommune_id: str
    name: str
    eligible: int
    kretser: tuple[tuple[str, str], ...]  # (krets number, invented name)
    urban: float  # −1 (rural) … +1 (city centre)
    seats: int | None = None  # the council's seats (invented for a county's kommuner)


def area_kommuner(config: Config) -> list[DemoKommune]:
    """The kommuner of the demo: the branch's own kommune, or invented kommuner inside the county."""
    if not config.is_county:
        return [DemoKommune(config.kommune_id, config.kommune_name or config.kommune_id, A.KOMMUNE_ELIGIBLE,
                            _branch_kretser(config), 0.6)]
    return [DemoKommune(f"{config.fylke_id}{91 + i}", f"{A.KOMMUNE_PREFIX} {word}", eligible,
                        tuple((f"{n + 1:04d}", f"{A.KRETS_PREFIX} {word} {n + 1}") for n in range(kretser)),
                        urban, seats)
            for i, (word, eligible, kretser, seats, urban) in enumerate(A.KOMMUNER)]


def _branch_kretser(config: Config) -> tuple[tuple[str, str], ...]:
    """A kommune branch's kretser: numbered 0001…, the target areas' kretser among them (so that their figures
    show), or, with [bydeler], BBNN spread over the bydeler."""
    names = [f"{A.KRETS_PREFIX} {word}" for word in A.KRETS_WORDS]
    if not config.bydeler:
        targets = {c.split("-")[1] for c in config.target_bydeler() if c.startswith(f"{config.kommune_id}-")}
        numbers = sorted(targets)[:len(names)]
        numbers += [n for n in (f"{i:04d}" for i in range(1, 2 * len(names))) if n not in targets][:len(names) - len(numbers)]
        return tuple(zip(sorted(numbers), names))
    suffixes = [code[-2:] for code in config.bydeler]
    return tuple((f"{suffixes[i % len(suffixes)]}{i // len(suffixes) + 1:02d}", name) for i, name in enumerate(names))


def demo_places(config: Config) -> list[tuple[str, str | None, str]]:
    """Places a user sees in the field-work demo: (name, krets key "5001-0003" or None, kommune code)."""
    if config.is_county:
        return [(k.name, None, k.kommune_id) for k in area_kommuner(config)]
    kommune = area_kommuner(config)[0]
    return [(name, krets_area_id(kommune.kommune_id, krets), kommune.kommune_id) for krets, name in kommune.kretser]


def party_shares(spec: dict, party_code: str) -> dict[str, float]:
    """The election's shares, with the configured party standing."""
    shares = dict(spec["parties"])
    shares.setdefault(party_code, A.OWN_PARTY_SHARE)
    return shares


def _lean(party: str) -> float:
    urban, rural = A.LEAN.get(party, (0.3, 0.0))
    return urban - rural


def _kommune_rows(kommune: DemoKommune, spec: dict, shares: dict[str, float], rng) -> tuple[list, list]:
    """One kommune's result rows (kretser and krets 0000) and turnout rows (kretser and the kommune)."""
    n = len(kommune.kretser)
    urban = np.clip(kommune.urban + rng.normal(0.0, 0.35, n), -1.0, 1.0)
    eligible = split_integer(kommune.eligible, rng.uniform(0.6, 1.4, n))
    rate = np.clip(spec["turnout"] / 100 * (1 + 0.08 * urban) * rng.uniform(0.95, 1.05, n), 0.3, 0.95)
    cast = np.round(eligible * rate).astype(np.int64)
    parties = list(shares)
    weights = np.array([[shares[p] * np.exp(_lean(p) * u) for u in urban] for p in parties])
    weights *= rng.uniform(0.85, 1.15, weights.shape)
    weights /= weights.sum(axis=0)
    blank = int(round(cast.sum() * spec["blank_share"] / 100))
    totals = dict(zip(parties, split_integer(int(cast.sum()) - blank, (weights * cast).sum(axis=1))))
    totals["BLANKE"] = blank
    eday = np.round(cast * (1 - spec["advance_share"]) * rng.uniform(0.9, 1.1, n)).astype(np.int64)
    eday_blank = np.round(eday * spec["blank_share"] / 100).astype(np.int64)
    results, turnout = [], []
    eday_totals = dict.fromkeys(totals, 0)
    for k, (krets_id, krets_name) in enumerate(kommune.kretser):
        votes = dict(zip(parties, split_integer(int(eday[k] - eday_blank[k]), weights[:, k])))
        votes["BLANKE"] = int(eday_blank[k])
        for party, v in votes.items():
            results.append((kommune.kommune_id, kommune.name, krets_id, krets_name, party, 0, int(v)))
            eday_totals[party] += int(v)
        turnout.append(("krets", krets_area_id(kommune.kommune_id, krets_id), krets_name, kommune.kommune_id,
                        krets_id, int(eligible[k]), int(cast[k])))
    for party, total in totals.items():
        advance = int(total) - eday_totals[party]
        assert advance >= 0, (kommune.kommune_id, party, advance)
        results.append((kommune.kommune_id, kommune.name, *A.ADVANCE_KRETS, party, advance, 0))
    turnout.append(("kommune", kommune.kommune_id, kommune.name, kommune.kommune_id, None,
                    int(eligible.sum()), int(cast.sum())))
    return results, turnout


def _results_frame(rows: list, election_id: str, config: Config) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["kommune_id", "kommune_name", "krets_id", "krets_name", "party_code",
                                        "advance_votes", "election_day_votes"])
    frame["votes"] = frame["advance_votes"] + frame["election_day_votes"]
    frame["party_name"] = frame["party_code"].map(lambda p: P.PARTY_NAMES.get(p, p))
    frame["bydel_id"] = [krets_to_bydel(k, m, config) for k, m in zip(frame["krets_id"], frame["kommune_id"])]
    frame["election_id"] = election_id
    frame["area_level"] = "krets"
    frame["fylke_id"] = config.fylke_id
    return frame


def _turnout_frame(rows: list, election_id: str, config: Config) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["area_level", "area_id", "area_name", "kommune_id", "krets_id",
                                        "eligible_voters", "votes_cast"])
    frame["bydel_id"] = [krets_to_bydel(k, m, config) if isinstance(k, str) else None
                         for k, m in zip(frame["krets_id"], frame["kommune_id"])]
    frame["election_id"] = election_id
    bydeler = frame[frame["area_level"].eq("krets") & frame["bydel_id"].notna()].groupby(
        ["election_id", "kommune_id", "bydel_id"], as_index=False)[["eligible_voters", "votes_cast"]].sum()
    bydeler = bydeler.assign(area_level="bydel", area_id=bydeler["bydel_id"], area_name=bydeler["bydel_id"].map(config.bydeler))
    return pd.concat([frame.drop(columns="krets_id"), bydeler], ignore_index=True)


def _fylke_rows(results: pd.DataFrame, spec: dict, config: Config, rng) -> pd.DataFrame:
    """Fylke-level rows of a Storting election: the kommuner's votes, plus the rest of the constituency
    when the branch is one kommune (more rural than the kommune)."""
    sums = results.groupby("party_code", sort=False)[["advance_votes", "election_day_votes"]].sum()
    if not config.is_county:
        rest = sums.sum(axis=1) * np.array([np.exp(-_lean(p)) for p in sums.index]) * rng.uniform(0.9, 1.1, len(sums))
        rest_votes = split_integer(int(sums.to_numpy().sum() * A.REST_OF_CONSTITUENCY), rest.to_numpy())
        rest_advance = np.round(rest_votes * spec["advance_share"]).astype(np.int64)
        sums["advance_votes"] += rest_advance
        sums["election_day_votes"] += rest_votes - rest_advance
    frame = sums.reset_index()
    frame["votes"] = frame["advance_votes"] + frame["election_day_votes"]
    frame["party_name"] = frame["party_code"].map(lambda p: P.PARTY_NAMES.get(p, p))
    return frame.assign(election_id=results["election_id"].iloc[0], area_level="fylke", fylke_id=config.fylke_id,
                        kommune_id=None, kommune_name=None, bydel_id=None, krets_id=None, krets_name=None)


def demo_elections(config: Config) -> list[str]:
    """The invented elections written: those configured (all of them when none is)."""
    configured = [e.election_id for e in config.elections if e.election_id in A.ELECTIONS]
    return configured or list(A.ELECTIONS)


def build_election(election_id: str, config: Config) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Results (krets level, plus fylke level for a Storting election) and turnout for one invented election."""
    spec = A.ELECTIONS[election_id]
    rng = np.random.default_rng(spec["seed"])
    shares = party_shares(spec, config.party_code)
    results, turnout = [], []
    for kommune in area_kommuner(config):
        rows, area_turnout = _kommune_rows(kommune, spec, shares, rng)
        results += rows
        turnout += area_turnout
    frame = _results_frame(results, election_id, config)
    if election_id.startswith("st"):
        frame = pd.concat([frame, _fylke_rows(frame, spec, config, rng)], ignore_index=True)
    return frame, _turnout_frame(turnout, election_id, config)


def _seat_rows(election_id: str, level: str, area_id: str, name: str, votes: pd.Series, seats: int,
               leveling: int, config: Config) -> list[dict]:
    """One body's seats by modified Sainte-Laguë; the leveling seats go to the parties next in line."""
    votes = {p: int(v) for p, v in votes.items() if p != "BLANKE"}
    district = allocate(votes, seats - leveling, config.first_divisor)
    total = allocate(votes, seats, config.first_divisor)
    return [{"election_id": election_id, "area_level": level, "area_id": area_id, "area_name": name,
             "party_code": p, "seats": total[p], "leveling_seats": total[p] - district[p]} for p in votes if total[p]]


def build_mandates(results: pd.DataFrame, config: Config) -> pd.DataFrame:
    """The demo's `mandates` rows: each kommune's council where its seats are known (configured for a kommune
    branch, invented for a county's kommuner), and the demo constituency's seats for a Storting election."""
    rows: list[dict] = []
    for election_id, frame in results.groupby("election_id", sort=False):
        krets = frame[frame["area_level"] == "krets"]
        for kommune in area_kommuner(config):
            count = kommune.seats if config.is_county else config.seats_for(election_id)
            if election_id.startswith("ko") and count:
                votes = krets[krets["kommune_id"] == kommune.kommune_id].groupby("party_code")["votes"].sum()
                rows += _seat_rows(election_id, "kommune", kommune.kommune_id, kommune.name, votes, count, 0, config)
        fylke = frame[frame["area_level"] == "fylke"].set_index("party_code")["votes"]
        if len(fylke):
            rows += _seat_rows(election_id, "fylke", config.fylke_id, config.fylke_name or config.fylke_id, fylke,
                               A.DISTRICT_SEATS, A.LEVELING_SEATS, config)
    return pd.DataFrame(rows)


def build_area_demo(config: Config) -> dict[str, pd.DataFrame]:
    """All election demo tables of an invented area (without import ids); `mandates` once the store has it."""
    ids = demo_elections(config)
    results, turnout = zip(*(build_election(e, config) for e in ids))
    elections = pd.DataFrame([
        {"election_id": e.election_id, "kind": e.kind, "year": e.election_date.year,
         "election_date": e.election_date, "name": e.name}
        for e in config.elections if e.election_id in ids
    ])
    tables = {"results": pd.concat(results, ignore_index=True),
              "turnout": pd.concat(turnout, ignore_index=True), "elections": elections}
    if "mandates" in SCHEMAS:
        tables["mandates"] = build_mandates(tables["results"], config)
    return tables
