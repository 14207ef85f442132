"""The demo dataset: deterministic, Oslo-like, and faithful to the published 2023 figures.

For Oslo only: any other branch gets an invented demo of its own area (campaign.demo_area).

Built top-down so that the published numbers hold exactly: city votes per party, then
turnout per bydel, then election-day votes per bydel (SV pinned to its published share),
then kretser. All advance votes go to krets 0000, as in Oslo's real files.
"""
from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from campaign import demo_params as P
from campaign.areas import krets_area_id, krets_to_bydel
from campaign.config import Config, load_config
from campaign.schema import SCHEMAS, empty_frame
from campaign.store import ImportRecord, Store

DEMO_KIND = "demo"
DEMO_SOURCE = "Eksempeldata (generert)"
OSLO = "0301"
DEMO_ONLY_SOME = ("mandates",)  # tables only some branches' demos write (the invented ones, not Oslo's)


def is_oslo_demo(config: Config) -> bool:
    """True when the branch is Oslo with its bydeler: the demo is then Oslo's, shaped to its published figures.

    Any other branch gets an invented demo of its own area (campaign.demo_area)."""
    return config.kommune_id == OSLO and all(f"{OSLO}{bb}" in config.bydeler for bb in P.BYDELER)


def demo_note(config: Config) -> str:
    """What the demo banner adds for an invented area (nothing for Oslo)."""
    if is_oslo_demo(config):
        return ""
    places = "kommunene og kretsene" if config.is_county else "kretsene"
    return f" Navnene på {places} er oppdiktet, ikke ekte steder i {config.area_name}."


def demo_elections(config: Config) -> list[str]:
    """The elections the demo writes for this branch."""
    from campaign.demo_area import demo_elections as area_elections  # demo_area imports this module
    return list(P.ELECTIONS) if is_oslo_demo(config) else area_elections(config)


def split_integer(total: int, weights) -> np.ndarray:
    """Split an integer total in proportion to weights, exactly (largest remainder)."""
    weights = np.asarray(weights, dtype=float)
    if total == 0 or weights.sum() <= 0:
        return np.zeros(len(weights), dtype=np.int64)
    raw = weights / weights.sum() * total
    out = np.floor(raw).astype(np.int64)
    remainder = int(total - out.sum())
    order = np.argsort(-(raw - out), kind="stable")
    out[order[:remainder]] += 1
    return out


def kretser_for(election_id: str) -> dict[str, list[tuple[str, str]]]:
    """Krets numbers and names per bydel suffix for an election."""
    year = int(election_id[-4:])
    out: dict[str, list[tuple[str, str]]] = {}
    for bb, (_, _, _, names) in P.BYDELER.items():
        if bb == "11" and year >= 2023:
            names = P.STOVNER_FROM_2023
        out[bb] = [(f"{bb}{i + 1:02d}", name) for i, name in enumerate(names)]
    for krets, (bb, name) in P.EXTRA_KRETSER.items():
        out[bb].append((krets, name))
    return out


def party_totals(spec: dict) -> dict[str, int]:
    """City-wide votes per party (non-blank), with pinned parties exact."""
    pinned = dict(spec.get("votes", {}))
    if "SV" not in pinned:
        pinned["SV"] = round(spec["parties"]["SV"] / 100 * spec["nonblank"])
    rest = {p: s for p, s in spec["parties"].items() if p not in pinned}
    counts = split_integer(spec["nonblank"] - sum(pinned.values()), list(rest.values()))
    totals = {**pinned, **dict(zip(rest, (int(c) for c in counts)))}
    return {p: v for p, v in totals.items() if v > 0}  # a share of 0 means "did not stand"


def _ipf(seed: np.ndarray, row_targets: np.ndarray, col_targets: np.ndarray) -> np.ndarray:
    """Scale a positive matrix so its rows and columns sum to the targets (approximately)."""
    m = seed.copy()
    for _ in range(50):
        m *= (row_targets / m.sum(axis=1))[:, None]
        m *= (col_targets / m.sum(axis=0))[None, :]
    return m


def build_election(election_id: str, config: Config) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Results (krets level) and turnout (kommune, bydel, krets) for one demo election."""
    spec = P.ELECTIONS[election_id]
    rng = np.random.default_rng(spec["seed"])  # draws happen in a fixed order: the figures depend on it
    totals = party_totals(spec)
    eligible, cast, eday_votes = _bydel_votes(spec, totals, rng)
    totals["BLANKE"] = spec["blank"]
    results, turnout = _krets_rows(election_id, config, eligible, cast, eday_votes, rng)
    for party, total in totals.items():
        advance = int(total - eday_votes[party].sum())
        assert advance >= 0, (election_id, party, advance)
        results.append(("0000", "Uoppgitt krets", party, advance, 0))
    turnout.append(("kommune", config.kommune_id, config.kommune_name, None, int(eligible.sum()), int(cast.sum())))
    return _results_frame(results, election_id, config), _turnout_frame(turnout, election_id, config)


def _bydel_votes(spec: dict, totals: dict, rng) -> tuple[np.ndarray, np.ndarray, dict[str, np.ndarray]]:
    """Per bydel: eligible voters, votes cast, and election-day votes per party (SV's share as published)."""
    bbs = list(P.BYDELER)
    ballots = spec["nonblank"] + spec["blank"]
    eligible_city = round(ballots / (spec["turnout"] / 100))
    size = np.array([P.BYDELER[b][0] for b in bbs]) * rng.uniform(0.97, 1.03, len(bbs))
    eligible = split_integer(eligible_city, size)
    rate = np.array([P.TURNOUT[b] for b in bbs]) * rng.uniform(0.98, 1.02, len(bbs))
    cast = split_integer(ballots, eligible * rate)
    eday = np.round(cast * (1 - spec["advance_share"]) * rng.uniform(0.93, 1.07, len(bbs))).astype(int)
    blank_eday = np.round(eday * spec["blank"] / ballots).astype(int)
    nonblank_eday = eday - blank_eday
    sv_eday = np.round(np.array([spec["sv_bydel"][b] for b in bbs]) / 100 * nonblank_eday).astype(int)
    eday_votes = _other_parties(totals, (nonblank_eday - sv_eday).astype(float), rng)
    eday_votes["SV"] = sv_eday
    eday_votes["BLANKE"] = blank_eday
    return eligible, cast, eday_votes


def _other_parties(totals: dict, col: np.ndarray, rng) -> dict[str, np.ndarray]:
    """Election-day votes of every party but SV per bydel: city totals spread by east/suburb lean (IPF)."""
    bbs = list(P.BYDELER)
    others = [p for p in totals if p != "SV"]
    east = np.array([P.BYDELER[b][1] for b in bbs])
    suburb = np.array([P.BYDELER[b][2] for b in bbs])
    lean = np.array([np.exp(P.LEAN.get(p, (0.0, 0.2))[0] * east + P.LEAN.get(p, (0.0, 0.2))[1] * suburb)
                     for p in others]) * rng.uniform(0.9, 1.1, (len(others), len(bbs)))
    other_totals = np.array([totals[p] for p in others], dtype=float)
    matrix = _ipf(lean * other_totals[:, None], other_totals * col.sum() / other_totals.sum(), col)
    eday_votes = {p: np.zeros(len(bbs), dtype=np.int64) for p in others}
    for j in range(len(bbs)):
        column = split_integer(int(col[j]), matrix[:, j])
        for i, p in enumerate(others):
            eday_votes[p][j] = column[i]
    return eday_votes


def _krets_rows(election_id: str, config: Config, eligible, cast, eday_votes: dict, rng) -> tuple[list, list]:
    """Each bydel's figures split over its kretser: result rows (election-day votes) and turnout rows."""
    results, turnout = [], []
    kretser = kretser_for(election_id)
    kommune = config.kommune_id
    for j, bb in enumerate(P.BYDELER):
        bydel_id = f"{kommune}{bb}"
        krets_list = kretser[bb]
        weight = rng.uniform(0.65, 1.35, len(krets_list))
        k_eligible = split_integer(int(eligible[j]), weight)
        k_cast = split_integer(int(cast[j]), weight * rng.uniform(0.9, 1.1, len(krets_list)))
        for (krets_id, krets_name), el, vc in zip(krets_list, k_eligible, k_cast):
            turnout.append(("krets", krets_area_id(kommune, krets_id), krets_name,
                            krets_to_bydel(krets_id, kommune, config), int(el), int(vc)))
        turnout.append(("bydel", bydel_id, config.bydeler.get(bydel_id, bydel_id), bydel_id,
                        int(eligible[j]), int(cast[j])))
        for party, by_bydel in eday_votes.items():
            noise = weight * rng.lognormal(0.0, 0.15, len(krets_list))
            for (krets_id, krets_name), v in zip(krets_list, split_integer(int(by_bydel[j]), noise)):
                results.append((krets_id, krets_name, party, 0, int(v)))
    return results, turnout


def _results_frame(rows: list, election_id: str, config: Config) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["krets_id", "krets_name", "party_code",
                                        "advance_votes", "election_day_votes"])
    frame["votes"] = frame["advance_votes"] + frame["election_day_votes"]
    frame["party_name"] = frame["party_code"].map(P.PARTY_NAMES)
    frame["bydel_id"] = [krets_to_bydel(k, config.kommune_id, config) for k in frame["krets_id"]]
    frame["election_id"] = election_id
    frame["area_level"] = "krets"
    frame["fylke_id"] = config.fylke_id
    frame["kommune_id"] = config.kommune_id
    frame["kommune_name"] = config.kommune_name
    return frame


def _turnout_frame(rows: list, election_id: str, config: Config) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["area_level", "area_id", "area_name", "bydel_id",
                                        "eligible_voters", "votes_cast"])
    frame["election_id"] = election_id
    frame["kommune_id"] = config.kommune_id
    return frame


def build_demo(config: Config) -> dict[str, pd.DataFrame]:
    """All election demo tables (without import ids): Oslo's, or an invented one for any other branch."""
    if not is_oslo_demo(config):
        from campaign.demo_area import build_area_demo  # demo_area imports this module
        return build_area_demo(config)
    results, turnout = zip(*(build_election(e, config) for e in P.ELECTIONS))
    elections = pd.DataFrame([
        {"election_id": e.election_id, "kind": e.kind, "year": e.election_date.year,
         "election_date": e.election_date, "name": e.name}
        for e in config.elections if e.election_id in P.ELECTIONS
    ])
    return {"results": pd.concat(results, ignore_index=True),
            "turnout": pd.concat(turnout, ignore_index=True), "elections": elections}


def write_demo(store: Store, config: Config | None = None,
               on_wait: Callable[[float], None] | None = None) -> tuple[str, int]:
    """Replace earlier demo rows with a fresh demo import; imported data is never touched.

    The demo is built first; the writers' lock is held from reading the store to the commit.
    """
    from campaign.demo_councils import build_councils  # district councils and school elections (Oslo only)
    from campaign.demo_digital import build_digital  # here: demo_digital imports this module
    from campaign.demo_field import build_field  # here too: demo_field imports this module

    config = config or load_config()
    demo = {**build_demo(config), **build_digital(config), **build_field(config), **build_councils(config)}
    for name in set(SCHEMAS) & set(DEMO_ONLY_SOME):  # cleared of an earlier demo's rows even when not written
        demo.setdefault(name, empty_frame(name))
    with store.writing(on_wait=on_wait):
        log = store.read("imports")
        old_ids = set(log.loc[log["kind"] == DEMO_KIND, "import_id"]) if len(log) else set()
        import_id = store.next_import_id()
        tables, replaced, written = {}, 0, 0
        for name, fresh in demo.items():
            current = store.read(name)
            keep = current[~current["import_id"].isin(old_ids)]
            replaced += len(current) - len(keep)
            fresh = fresh.assign(import_id=import_id)
            written += len(fresh) if name != "elections" else 0  # as the import log counts data rows
            tables[name] = pd.concat([keep, fresh], ignore_index=True) if len(keep) else fresh
        record = ImportRecord(kind=DEMO_KIND, source_name=DEMO_SOURCE, sha256="", rows=written,
                              election_id=",".join(demo_elections(config)), replaced_rows=replaced)
        return store.commit(tables, record), written
