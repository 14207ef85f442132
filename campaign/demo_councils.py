"""Oslo's demo district-council (bydelsutvalg) and school elections, shaped to the published figures.

- District councils: 15 seats in each bydel; SV 29 seats in 2023 (3 in Gamle Oslo, Grünerløkka and Søndre
  Nordstrand; 1 in Frogner, Ullern, Vestre Aker and Nordstrand; 2 elsewhere), 24 in 2019. SV's votes follow
  its demo share per bydel; the other parties' seats are allocated over their invented votes.
- School elections 2019, 2021 and 2023 at 37 schools: 2023 SV 16,2 % (2 342 votes), Høyre 24,1 %, Ap 17,6 %;
  SV largest at 10 schools and up on 2019 at 19 of 37; 2021 SV 19,5 %; 2019 SV 12,1 %.

Only the Oslo demo writes these tables (other branches' demos leave them empty).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from campaign import demo_params as P
from campaign.config import Config
from campaign.demo import is_oslo_demo, split_integer
from campaign.schema import empty_frame
from campaign.seats import allocate

TABLES = ("district_council", "school_election")

BU_SEATS = 15
SV_BU_SEATS = {
    "bu2019": {"01": 3, "02": 2, "03": 2, "04": 2, "05": 1, "06": 1, "07": 1, "08": 2, "09": 2, "10": 1,
               "11": 1, "12": 2, "13": 2, "14": 1, "15": 1},
    "bu2023": {"01": 3, "02": 3, "03": 2, "04": 2, "05": 1, "06": 1, "07": 1, "08": 2, "09": 2, "10": 2,
               "11": 2, "12": 2, "13": 2, "14": 1, "15": 3},
}
BU_FROM = {"bu2019": "ko2019", "bu2023": "ko2023"}  # the city-council election held the same day
BU_PARTIES = ("H", "A", "MDG", "RØDT", "V", "FRP", "KRF", "PS")

SCHOOLS = (
    "Oslo katedralskole", "Elvebakken vgs", "Hartvig Nissens skole", "Foss vgs", "Edvard Munch vgs",
    "Sofienberg vgs", "Kuben vgs", "Hersleb vgs", "Bjørknes privatskole", "Lambertseter vgs",  # SV largest: 10
    "Nydalen vgs", "Ullern vgs", "Berg vgs", "Bjerke vgs", "Blindern vgs", "Etterstad vgs", "Frogner vgs",
    "Fyrstikkalléen skole", "Hellerud vgs", "Holtet vgs", "Kongshavn vgs", "Kirkeparken vgs", "Kristelig Gymnasium",
    "Manglerud vgs", "Nordstrand vgs", "Persbråten vgs", "Ris skole vgs", "Rosenhof vgs", "Skullerud vgs",
    "Sogn vgs", "Stovner vgs", "Ulsrud vgs", "Uranienborg vgs", "Valle Hovin vgs", "Vestre Aker vgs",
    "Wang Toppidrett", "Bredtvet vgs",
)
SV_LARGEST = 10  # the first ten schools
SV_GREW = 19  # schools where SV did better than in 2019: every other one of the 37, and the first
# election → (votes in all, pinned party totals, shares of the rest)
SCHOOL_ELECTIONS = {
    "skolevalg2019": (13_902, {"SV": 1_682}, {"H": 25.0, "A": 22.0, "MDG": 14.0, "RØDT": 7.0, "V": 8.0, "FRP": 8.0,
                                             "KRF": 2.0, "SP": 2.0}),
    "skolevalg2021": (14_810, {"SV": 2_888}, {"H": 22.0, "A": 20.0, "MDG": 9.0, "RØDT": 10.0, "V": 7.0, "FRP": 8.0,
                                             "KRF": 2.0, "SP": 3.0}),
    "skolevalg2023": (14_457, {"SV": 2_342, "H": 3_484, "A": 2_544},
                      {"MDG": 9.0, "RØDT": 9.0, "V": 10.0, "FRP": 9.0, "KRF": 2.0, "SP": 1.5, "PS": 1.5}),
}
SCHOOL_PARTY_NAMES = {**P.PARTY_NAMES, "SP": "Senterpartiet"}


def build_councils(config: Config) -> dict[str, pd.DataFrame]:
    """The district-council and school-election demo tables (without import ids); empty outside Oslo (so that
    an earlier Oslo demo's rows are cleared when the branch changes)."""
    if not is_oslo_demo(config):
        return {name: empty_frame(name) for name in TABLES}
    councils = pd.concat([_council_rows(e, config) for e in SV_BU_SEATS], ignore_index=True)
    schools = pd.concat([_school_rows(e) for e in SCHOOL_ELECTIONS], ignore_index=True)
    return {TABLES[0]: councils, TABLES[1]: schools}


def _council_rows(election_id: str, config: Config) -> pd.DataFrame:
    """Votes and seats per bydel and party for one district-council election."""
    spec = P.ELECTIONS[BU_FROM[election_id]]
    rng = np.random.default_rng(int(election_id[-4:]) + 7)
    rows = []
    for bb, (size, east, suburb, _) in P.BYDELER.items():
        total = int(size * 550 * rng.uniform(0.95, 1.05))
        sv = round(spec["sv_bydel"][bb] / 100 * total)
        lean = [np.exp(P.LEAN[p][0] * east + P.LEAN[p][1] * suburb) * spec["parties"].get(p, 0.5) for p in BU_PARTIES]
        others = dict(zip(BU_PARTIES, (int(v) for v in split_integer(total - sv, lean))))
        sv_seats = SV_BU_SEATS[election_id][bb]
        seats = allocate(others, BU_SEATS - sv_seats)
        rows.append((bb, "SV", sv, sv_seats))
        rows += [(bb, p, v, seats.get(p, 0)) for p, v in others.items()]
    frame = pd.DataFrame(rows, columns=["bb", "party_code", "votes", "seats"])
    frame["bydel_id"] = config.kommune_id + frame.pop("bb")
    frame["party_name"] = frame["party_code"].map(P.PARTY_NAMES)
    return frame.assign(election_id=election_id)


def _sv_weights(election_id: str) -> np.ndarray:
    """SV's relative strength per school: high at the first ten in 2023; in 2019 lower where SV grew since."""
    n = len(SCHOOLS)
    base = np.where(np.arange(n) < SV_LARGEST, 27.0, 12.5)
    if election_id == "skolevalg2019":
        grew = np.arange(n) % 2 == 0  # 19 of 37
        return base - np.where(grew, 9.0, -1.0)
    return base


def _school_rows(election_id: str) -> pd.DataFrame:
    """Votes per school and party for one school election (party totals exact)."""
    total, pinned, rest = SCHOOL_ELECTIONS[election_id]
    rng = np.random.default_rng(int(election_id[-4:]))
    sizes = split_integer(total, rng.uniform(0.85, 1.15, len(SCHOOLS)))
    sv_share = _sv_weights(election_id)
    h_share = np.where(np.arange(len(SCHOOLS)) < SV_LARGEST, 15.0, 27.5)
    columns = {"SV": sizes * sv_share, "H": sizes * h_share, "A": sizes * 17.6}
    totals = {**pinned}
    rest_total = total - sum(pinned.values())
    for party, votes in zip(rest, split_integer(rest_total, list(rest.values()))):
        totals.setdefault(party, int(votes))
    rows = []
    left = sizes.astype(float).copy()
    for party in ("SV", "H", "A"):
        per_school = split_integer(totals[party], columns[party])
        left -= per_school
        rows += [(school, party, int(v)) for school, v in zip(SCHOOLS, per_school)]
    others = [p for p in totals if p not in ("SV", "H", "A")]
    for party in others:
        per_school = split_integer(totals[party], np.clip(left, 1, None) * rng.uniform(0.8, 1.2, len(SCHOOLS)))
        rows += [(school, party, int(v)) for school, v in zip(SCHOOLS, per_school)]
    frame = pd.DataFrame(rows, columns=["school", "party_code", "votes"])
    frame["party_name"] = frame["party_code"].map(SCHOOL_PARTY_NAMES)
    return frame.assign(election_id=election_id)
