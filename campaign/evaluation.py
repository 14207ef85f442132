"""The campaign goals of an election scored from data: met or missed, the numbers, one Norwegian sentence each.

The goals are configuration, `[[evaluation_goals]]` in campaign.toml, each with a `kind`:

- `bloc_majority`: `bloc` (a [[blocs]] name) has more than half the seats («27 av 59»);
- `party_rank`: the party (`party`, default the branch's) is among the `rank` largest by votes; missed by
  the vote gap to the party just ahead («363 stemmer bak MDG»);
- `growth_in_target_areas`: the party's share grew in every sub-area of the target areas (`areas`: names of
  [[target_areas]], default all), per area in pp;
- `district_council_seats`: the party has more district-council seats than in the comparison (29 vs 24).

Pure: `score_goals` takes the frames (see EvaluationData) and never queries.
"""
from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from campaign import fmt
from campaign.analysis import group_share, rank_and_gap
from campaign.colors import party_label
from campaign.config import DEFAULT_CONFIG, Config

KINDS = ("bloc_majority", "party_rank", "growth_in_target_areas", "district_council_seats")
PLURAL = {"bydel": "bydeler", "krets": "kretser", "kommune": "kommuner"}
DEFINITE = {"bydel": "bydelene", "krets": "kretsene", "kommune": "kommunene"}
STATUS = {"met": "Nådd", "missed": "Ikke nådd", "unknown": "Kan ikke vurderes"}


@dataclass(frozen=True)
class EvaluationGoal:
    id: str
    name: str
    kind: str
    party: str = ""  # "" = the branch's party
    bloc: str = ""
    rank: int = 0
    areas: tuple[str, ...] = ()


@dataclass(frozen=True)
class GoalScore:
    goal: EvaluationGoal
    status: str  # met, missed, unknown
    sentence: str
    figures: dict = field(default_factory=dict)

    @property
    def label(self) -> str:
        return STATUS[self.status]


@dataclass(frozen=True)
class EvaluationData:
    """What the goals are scored on (frames from campaign.queries; None: not in the store)."""
    shares: pd.DataFrame | None = None  # party_shares in the branch's area
    seats: pd.DataFrame | None = None  # analysis.seats_with_blocs (party_code, seats, bloc)
    by_area: pd.DataFrame | None = None  # party_shares_by_subarea at the branch's sub-level, with a comparison
    councils: pd.DataFrame | None = None  # district_council_seats (with compare_seats)
    compare_name: str = ""  # «i 2019»: how the sentences name the comparison
    delegation: bool = False  # the seats are a Storting constituency's delegation: no majority to win there


def parse_evaluation_goals(raw: list[dict], config: Config) -> tuple[EvaluationGoal, ...]:
    """[[evaluation_goals]] as goals; a wrong entry is a ValueError naming it (in Norwegian)."""
    goals = []
    for entry in raw:
        name, kind = entry.get("name") or entry.get("id"), entry.get("kind")
        if not name or kind not in KINDS:
            raise ValueError(f"[[evaluation_goals]] «{name}»: kind må være én av {', '.join(KINDS)} (fikk {kind!r}).")
        goal = EvaluationGoal(str(entry.get("id") or name), str(name), kind, str(entry.get("party", "")),
                              str(entry.get("bloc", "")), int(entry.get("rank", 0)),
                              tuple(str(a) for a in entry.get("areas", ())))
        if kind == "bloc_majority" and goal.bloc not in config.blocs:
            raise ValueError(f"[[evaluation_goals]] «{name}»: bloc = {goal.bloc!r} finnes ikke i [[blocs]].")
        if kind == "party_rank" and goal.rank < 1:
            raise ValueError(f"[[evaluation_goals]] «{name}»: rank må være 1 eller mer.")
        unknown = [a for a in goal.areas if a not in config.target_areas]
        if unknown:
            raise ValueError(f"[[evaluation_goals]] «{name}»: {', '.join(unknown)} finnes ikke i [[target_areas]].")
        goals.append(goal)
    return tuple(goals)


def load_evaluation_goals(config: Config, path: str | None = None) -> tuple[EvaluationGoal, ...]:
    """The [[evaluation_goals]] of campaign.toml (CAMPAIGN_CONFIG overrides the path, as for load_config)."""
    chosen = Path(path or os.environ.get("CAMPAIGN_CONFIG") or DEFAULT_CONFIG)
    with chosen.open("rb") as fh:
        return parse_evaluation_goals(tomllib.load(fh).get("evaluation_goals", []), config)


def score_goals(goals, data: EvaluationData, config: Config) -> list[GoalScore]:
    """Each goal scored on the data, in the configured order."""
    scorers = {"bloc_majority": _bloc_majority, "party_rank": _party_rank,
               "growth_in_target_areas": _growth, "district_council_seats": _council_seats}
    return [scorers[g.kind](g, data, config) for g in goals]


def _unknown(goal: EvaluationGoal, why: str) -> GoalScore:
    return GoalScore(goal, "unknown", why)


def _bloc_majority(goal: EvaluationGoal, data: EvaluationData, config: Config) -> GoalScore:
    if data.seats is None or data.seats.empty:
        return _unknown(goal, "Ingen mandatfordeling for valget (antall mandater er ikke oppgitt, eller ingen "
                              "resultater er importert).")
    if data.delegation:
        return _unknown(goal, "Flertall gjelder et kommunestyre eller fylkesting; ett valgdistrikts "
                              "stortingsmandater har ikke noe flertall å vinne.")
    total = int(data.seats["seats"].sum())
    won = int(data.seats.loc[data.seats["party_code"].isin(config.blocs[goal.bloc]), "seats"].sum())
    needed = total // 2 + 1
    figures = {"seats": won, "total": total, "needed": needed}
    if won >= needed:
        return GoalScore(goal, "met", f"{goal.bloc} fikk {won} av {total} mandater: flertall ({needed} trengs).",
                         figures)
    return GoalScore(goal, "missed", f"{goal.bloc} fikk {won} av {total} mandater – {needed - won} færre enn de "
                                     f"{needed} som trengs for flertall.", figures)


def _party_rank(goal: EvaluationGoal, data: EvaluationData, config: Config) -> GoalScore:
    party = goal.party or config.party_code
    if data.shares is None or data.shares.empty:
        return _unknown(goal, "Ingen resultater for valget i lageret.")
    shares = data.shares[data.shares["party_code"] != "BLANKE"]
    place, ahead, behind_by = rank_and_gap(shares, party)
    if place == 0:
        return _unknown(goal, f"{party_label(party)} har ingen stemmer i valget.")
    figures = {"place": place, "ahead": ahead, "behind_by": behind_by}
    if place <= goal.rank:
        return GoalScore(goal, "met", f"{party_label(party)} ble {place}. største parti (målet var "
                                      f"{goal.rank}. største eller bedre).", figures)
    # Missed: how far from the party holding the goal's place.
    ordered = shares.sort_values("votes", ascending=False).reset_index(drop=True)
    target = ordered.iloc[goal.rank - 1]
    own_votes = int(ordered.loc[ordered["party_code"] == party, "votes"].iloc[0])
    gap = int(target["votes"]) - own_votes
    figures.update(target=str(target["party_code"]), gap=gap)
    return GoalScore(goal, "missed", f"{party_label(party)} ble {place}. største parti, {fmt.number(gap)} stemmer "
                                     f"bak {party_label(str(target['party_code']))} (målet var {goal.rank}. største).",
                     figures)


def _growth(goal: EvaluationGoal, data: EvaluationData, config: Config) -> GoalScore:
    party = goal.party or config.party_code
    names = goal.areas or tuple(config.target_areas)
    codes = [c for n in names for c in config.target_areas.get(n, ())]
    frame = data.by_area
    if frame is None or frame.empty or not codes or "change_pp" not in frame or frame["change_pp"].isna().all():
        return _unknown(goal, "Ingen endring per område å måle: velg et sammenligningsvalg med resultater per "
                              f"{config.sublevel}, og sjekk [[target_areas]] i campaign.toml.")
    rows = frame[(frame["party_code"] == party) & frame["area_id"].isin(codes)].sort_values("area_name")
    changes = [(str(r.area_name), float(r.change_pp)) for r in rows.itertuples() if pd.notna(r.change_pp)]
    if not changes:
        return _unknown(goal, f"Ingen sammenlignbare tall for {party_label(party)} i målområdene.")
    grew = [name for name, change in changes if change > 0]
    inside = group_share(frame, party, codes)["change_pp"]
    whole = _whole_change(data.shares, party)
    whole = group_share(frame, party, set(frame["area_id"]))["change_pp"] if whole is None else whole
    figures = {"changes": changes, "grew": len(grew), "areas": len(changes), "inside_pp": inside, "whole_pp": whole}
    listed = ", ".join(f"{name} {fmt.pp(change)}" for name, change in changes)
    versus = (f"; samlet {fmt.pp(inside)} mot {fmt.pp(whole)} i hele {config.area_name}" if inside is not None
              else "")
    if len(grew) == len(changes):
        return GoalScore(goal, "met", f"{party_label(party)} vokste i alle {len(changes)} {DEFINITE[config.sublevel]} i målområdene: "
                                      f"{listed}{versus}.", figures)
    return GoalScore(goal, "missed", f"{party_label(party)} vokste i {len(grew)} av {len(changes)} {PLURAL[config.sublevel]} i "
                                     f"målområdene: {listed}{versus}.", figures)


def _whole_change(shares: pd.DataFrame | None, party: str) -> float | None:
    """The party's change in the whole area (every vote, advance votes too), as the published figures give it."""
    if shares is None or "change_pp" not in shares:
        return None
    own = shares.loc[shares["party_code"] == party, "change_pp"].dropna()
    return float(own.iloc[0]) if len(own) else None


def _council_seats(goal: EvaluationGoal, data: EvaluationData, config: Config) -> GoalScore:
    party = goal.party or config.party_code
    frame = data.councils
    if frame is None or frame.empty:
        return _unknown(goal, "Bydelsutvalgsvalget er ikke importert (malen «Bydelsutvalgsvalg» på siden "
                              "«Importer data»).")
    own = frame[frame["party_code"] == party]
    seats = int(own["seats"].sum())
    if frame["compare_seats"].isna().all():
        return _unknown(goal, f"{party_label(party)} fikk {seats} representanter i bydelsutvalgene; forrige "
                              "bydelsutvalgsvalg er ikke importert, så det er ingenting å sammenligne med.")
    before = int(own["compare_seats"].fillna(0).sum())
    figures = {"seats": seats, "before": before, "bydeler": int((own["seats"] > 0).sum()),
               "of": int(frame["bydel_id"].nunique())}
    status = "met" if seats > before else "missed"
    return GoalScore(goal, status, f"{party_label(party)} fikk {seats} representanter i bydelsutvalgene, mot "
                                   f"{before} {data.compare_name or 'forrige gang'} ({fmt.signed(seats - before)}); "
                                   f"representert i {figures['bydeler']} av {figures['of']} bydeler.", figures)
