"""The field-work half of the demo: phone bank, door-knocking, the booth, members, media, events and money.

Deterministic (one seeded numpy generator per table, P.SEEDS) and true to the published 2023 figures
(../shared/domain.md); campaign.demo_field_params says which numbers are published and which are
invented. Any branch but Oslo gets the same figures in its own invented area (campaign.demo_area): door
rounds, local branches, venues and local outlets never carry Oslo's names there (its members are invented
totals). Written by campaign.demo.write_demo in the same demo import as the election and digital demo,
whose random draws it does not touch.
"""
from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from campaign import demo_area_params as A
from campaign import demo_field_params as P
from campaign.areas import krets_to_bydel
from campaign.config import Config
from campaign.demo import is_oslo_demo, split_integer
from campaign.demo_area import area_kommuner, demo_places

FIELD_TABLES = ("field_calls", "field_doors", "field_stands", "members", "media", "events", "money")


def _days(first: dt.date, last: dt.date) -> list[dt.date]:
    return [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]


def _rng(table: str) -> np.random.Generator:
    return np.random.default_rng(P.SEEDS[table])


def _assignment(rng, assignment: str, spec: dict, outcomes: bool) -> pd.DataFrame:
    """One assignment's days: calls made and reached split exactly over its window."""
    days = _days(*spec["window"])
    made = split_integer(spec["made"], rng.uniform(0.6, 1.4, len(days)))
    reached = split_integer(spec["reached"], made * rng.uniform(0.85, 1.15, len(days)))
    frame = pd.DataFrame({"date": days, "assignment": assignment, "shift": P.SHIFT,
                          "calls_made": made, "calls_reached": reached})
    if outcomes:
        frame = _outcomes(rng, frame)
        frame["wrong_number"] = np.round((made - reached) * P.WRONG_NUMBER).astype(np.int64)
    return frame


def _outcomes(rng, frame: pd.DataFrame) -> pd.DataFrame:
    """Split each day's reached calls over positive/undecided/negative (they sum to calls_reached)."""
    base = np.array(list(P.OUTCOMES.values()))
    split = np.array([split_integer(int(r), base * rng.uniform(0.85, 1.15, len(base)))
                      for r in frame["calls_reached"]])
    for i, name in enumerate(P.OUTCOMES):
        frame[name] = split[:, i]
    return frame


def build_calls() -> pd.DataFrame:
    """The phone bank per year (outcomes counted only in 2023) and the 2023 member calls."""
    rng = _rng("calls")
    frames = [_assignment(rng, P.VOTERS, spec, outcomes=year == 2023) for year, spec in P.PHONE_BANK.items()]
    frames.append(_assignment(rng, P.MEMBERS, P.MEMBER_CALLS, outcomes=False))
    return pd.concat(frames, ignore_index=True)


def _door_places(config: Config) -> tuple[list[str], list, list, list]:
    """The rounds' places, bydeler, kretser and kommuner: Oslo's published places, else the invented area's
    kretser (a kommune) or kommuner (a county), the first of them visited twice like Oslo's Stovner."""
    if is_oslo_demo(config):
        code = {name: bydel_id for bydel_id, name in config.bydeler.items()}
        return ([p for _, p, _ in P.DOORS], [code[b] for _, _, b in P.DOORS], [None] * len(P.DOORS),
                [config.kommune_id] * len(P.DOORS))
    places = demo_places(config)
    chosen = [places[i % len(places)] for i in (1, 2, 3, 0, 4, 5, 0, 6)]  # eight rounds on P.DOORS's dates
    bydeler = [krets_to_bydel(k.split("-")[1], m, config) if k else None for _, k, m in chosen]
    return [n for n, _, _ in chosen], bydeler, [k for _, k, _ in chosen], [m for _, _, m in chosen]


def build_doors(config: Config) -> pd.DataFrame:
    """One row per round and place; in Oslo, bydel codes looked up by name in campaign.toml's [bydeler]."""
    rng = _rng("doors")
    places, bydeler, kretser, kommuner = _door_places(config)
    doors = rng.integers(220, 520, len(P.DOORS))
    return pd.DataFrame({
        "date": [d for d, _, _ in P.DOORS], "place": places,
        "bydel_id": bydeler, "krets_id": kretser, "kommune_id": kommuner,
        "doors": doors, "conversations": np.round(doors * rng.uniform(0.15, 0.3, len(doors))).astype(np.int64),
        "participants": rng.integers(6, 22, len(doors)),
    })


def build_stands() -> pd.DataFrame:
    """The booth: one 3-hour shift every day of the campaign period."""
    rng = _rng("stands")
    days = _days(*P.CAMPAIGN)
    return pd.DataFrame({"date": days, "place": P.BOOTH["place"], "hours": P.BOOTH["hours"],
                         "people": rng.integers(2, 7, len(days)), "leaflets": rng.integers(60, 260, len(days))})


def build_members(config: Config) -> pd.DataFrame:
    """Members, active members and signed-up activists per local branch, summing to the published totals
    (for any branch but Oslo: invented totals over the invented area's kretser or kommuner)."""
    rng = _rng("members")
    if not is_oslo_demo(config):
        return _invented_members(config, rng)
    branches = list(config.bydeler.values())
    others = [b for b in branches if b not in P.PINNED]
    pinned = {k: sum(p[k] for p in P.PINNED.values()) for k in ("members", "active")}
    members = dict(zip(others, split_integer(P.MEMBER_TOTALS["members"] - pinned["members"],
                                             [P.BRANCH_WEIGHT[b] * rng.uniform(0.9, 1.1) for b in others])))
    active = dict(zip(others, split_integer(P.MEMBER_TOTALS["active"] - pinned["active"],
                                            [members[b] * rng.uniform(0.6, 1.4) for b in others])))
    members |= {b: p["members"] for b, p in P.PINNED.items()}
    active |= {b: p["active"] for b, p in P.PINNED.items()}
    activists = split_integer(P.MEMBER_TOTALS["activists"], [active[b] * rng.uniform(0.8, 1.2) for b in branches])
    return pd.DataFrame({"date": P.MEMBERS_DATE, "branch": branches, "members": [members[b] for b in branches],
                         "active": [active[b] for b in branches], "activists": activists})


def _invented_members(config: Config, rng) -> pd.DataFrame:
    """Local branches named after the invented area's first eight places (kretser or kommuner)."""
    branches = [name for name, _, _ in demo_places(config)][:8]
    size = [k.eligible for k in area_kommuner(config)][:8] if config.is_county else [1.0] * len(branches)
    members = split_integer(A.MEMBER_TOTALS["members"], np.sqrt(size) * rng.uniform(0.5, 2.0, len(branches)))
    active = split_integer(A.MEMBER_TOTALS["active"], members * rng.uniform(0.6, 1.4, len(branches)))
    activists = split_integer(A.MEMBER_TOTALS["activists"], active * rng.uniform(0.8, 1.2, len(branches)))
    return pd.DataFrame({"date": P.MEMBERS_DATE, "branch": branches, "members": members,
                         "active": active, "activists": activists})


def _story_dates(rng, n: int) -> list[dt.date]:
    days = _days(*P.MEDIA_PERIOD)
    return [days[i] for i in rng.integers(0, len(days), n)]


def _outlet_stories(rng, outlet: str, n: int) -> list[tuple]:
    """One outlet's stories: (date, outlet, topic, kind); NRK's are four Dagsnytt 18 appearances and one news story."""
    if outlet == "NRK":
        topics = P.DAGSNYTT + [str(rng.choice(P.TOPICS))]
        kinds = ["radio-TV"] * len(P.DAGSNYTT) + ["nyhet"]
    else:
        topics = [str(t) for t in rng.choice(P.TOPICS, n)]
        kinds = ["radio-TV"] * n if outlet in P.BROADCASTERS else \
            [str(k) for k in rng.choice(list(P.MEDIA_KINDS), n, p=list(P.MEDIA_KINDS.values()))]
    return list(zip(_story_dates(rng, n), [outlet] * n, topics, kinds))


def build_media(config: Config | None = None) -> pd.DataFrame:
    """77 stories 7 Aug – 9 Sep; a story on the same day, outlet and topic as another is counted in one row.
    For any branch but Oslo, Oslo's local outlets get invented local names."""
    rng = _rng("media")
    rows = [r for outlet, n in {**P.MEDIA_PUBLISHED, **P.MEDIA_OTHER}.items() for r in _outlet_stories(rng, outlet, n)]
    rows[0], rows[-1] = (P.MEDIA_PERIOD[0], *rows[0][1:]), (P.MEDIA_PERIOD[1], *rows[-1][1:])  # the period's ends
    frame = pd.DataFrame(rows, columns=["date", "outlet", "topic", "kind"]).assign(stories=1)
    if config is not None and not is_oslo_demo(config):
        frame["outlet"] = frame["outlet"].replace(A.OUTLETS)
    return frame.groupby(["date", "outlet", "topic"], as_index=False, sort=True).agg(
        kind=("kind", "first"), stories=("stories", "sum"))


def _event_names(config: Config | None) -> tuple[list[str], list[str], list[tuple]]:
    """Debate arenas, venues and the two fixed events: Oslo's, or invented ones in the invented area."""
    if config is None or is_oslo_demo(config):
        return P.DEBATE_ARENAS, P.DEBATE_VENUES, P.FIXED_EVENTS
    places = [name for name, _, _ in demo_places(config)]
    arenas = [a.replace("Bydelsdebatt", "Lokaldebatt") for a in P.DEBATE_ARENAS]
    (seminar, (day, kind, _, attendance)) = P.FIXED_EVENTS
    return arenas, A.DEBATE_VENUES + places[:10], [seminar, (day, kind, f"Valgkampfest, {places[0]}", attendance)]


def build_events(config: Config | None = None) -> pd.DataFrame:
    """About 85 debates at distinct arenas and venues, the campaign seminar and the Stovner party
    (for any branch but Oslo: a party in the invented area)."""
    rng = _rng("events")
    arenas, venues, fixed_events = _event_names(config)
    names = [f"{a}, {v}" for a in arenas for v in venues]
    chosen = rng.choice(len(names), P.DEBATES, replace=False)
    days = _days(*P.DEBATE_PERIOD)
    debates = pd.DataFrame({"date": [days[i] for i in rng.integers(0, len(days), P.DEBATES)], "kind": "debatt",
                            "name": [names[i] for i in chosen], "attendance": rng.integers(25, 320, P.DEBATES)})
    fixed = pd.DataFrame(fixed_events, columns=["date", "kind", "name", "attendance"])
    return pd.concat([fixed, debates], ignore_index=True)


def _weekly_members(rng) -> pd.DataFrame:
    """Members' gifts per week: the fundraising total minus the lottery and the regular donors."""
    weeks = _days(*P.MEMBER_WEEKS)[::7]
    total = P.FUNDRAISING_TOTAL - P.LOTTERY[1] - P.REGULAR["monthly"] * len(P.REGULAR["months"])
    amounts = split_integer(total // 100, rng.uniform(0.3, 1.0, len(weeks)) * np.linspace(0.5, 1.5, len(weeks)))
    return pd.DataFrame({"date": weeks, "kind": "medlemmer", "amount_nok": amounts * 100.0,
                         "donors": np.maximum(1, amounts * 100 // 450)})


def build_money() -> pd.DataFrame:
    """Fundraising (members, regular donors, lottery), other party bodies and the two SMS costs."""
    regular = [(dt.date(2023, m, 1), "faste givere", float(P.REGULAR["monthly"]), P.REGULAR["donors"])
               for m in P.REGULAR["months"]]
    other = [(P.LOTTERY[0], "lotteri", float(P.LOTTERY[1]), None),
             (P.PARTY_BODIES[0], "partiledd", float(P.PARTY_BODIES[1]), None)]
    costs = [(d, "kostnad", float(a), None) for d, a in P.SMS_COSTS]
    fixed = pd.DataFrame(regular + other + costs, columns=["date", "kind", "amount_nok", "donors"])
    frame = pd.concat([_weekly_members(_rng("money")), fixed], ignore_index=True)
    frame["donors"] = frame["donors"].astype("Int64")
    return frame.sort_values(["date", "kind"], ignore_index=True)


def build_field(config: Config) -> dict[str, pd.DataFrame]:
    """All field-work demo tables (without import ids), in FIELD_TABLES order."""
    tables = {"field_calls": build_calls(), "field_doors": build_doors(config), "field_stands": build_stands(),
              "members": build_members(config), "media": build_media(config), "events": build_events(config),
              "money": build_money()}
    return {name: tables[name] for name in FIELD_TABLES}
