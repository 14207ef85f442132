"""Where seats are won (campaign.results): the demo store (Oslo) and a tiny county store with known numbers.

`write_county_store` is shared with the query contracts (tests/test_sql_contracts.py) and test_seats.py:
three kommuner of fylke 50 – Trondheim 5001 and Frøya 5014 in the 2021 valgdistrikt 16, Steinkjer 5006 in
17 – a municipal election ko2019 (krets rows, fylke_id 50) and a Storting election st2021 (krets rows whose
fylke_id is the valgdistrikt, fylke rows for 16 and 17, and their «Antall mandater»).
"""
from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from campaign.config import load_config
from campaign.db import Database
from campaign.results import election_kind, seat_basis, seat_frame, seats_before
from campaign.store import ImportRecord, Store
from tests.branches import BRANCHES

CONFIG = load_config()
NAMES = {"5001": "Trondheim", "5006": "Steinkjer", "5014": "Frøya"}
# (election, kommune, fylke_id, krets, krets name, {party: (advance, election day)})
COUNTY_KRETSER = [
    ("ko2019", "5001", "50", "0000", "Uoppgitt krets", {"A": (100, 0), "SV": (50, 0), "BLANKE": (5, 0)}),
    ("ko2019", "5001", "50", "0001", "Midtbyen", {"A": (0, 30), "SV": (0, 20)}),
    ("ko2019", "5001", "50", "0002", "Ila", {"A": (0, 10), "SV": (0, 40)}),
    ("ko2019", "5006", "50", "0000", "Uoppgitt krets", {"A": (30, 10), "SV": (10, 0)}),
    ("ko2019", "5014", "50", "0001", "Sistranda", {"A": (5, 20), "H": (5, 20)}),  # no SV list in Frøya
    ("st2021", "5001", "16", "0000", "Uoppgitt krets", {"A": (200, 0), "SV": (100, 0), "H": (100, 0)}),
    ("st2021", "5001", "16", "0001", "Midtbyen", {"A": (0, 50), "SV": (0, 50)}),
    ("st2021", "5014", "16", "0001", "Sistranda", {"A": (0, 40), "H": (0, 10)}),
    ("st2021", "5006", "17", "0000", "Uoppgitt krets", {"A": (60, 0), "SV": (10, 0), "H": (30, 0)}),
]
# The valgdistrikter's own rows (the fylke file) and their seats (seats, leveling seats).
DISTRICT_VOTES = {"16": {"A": 500, "SV": 300, "H": 200, "BLANKE": 10}, "17": {"A": 300, "SV": 50, "H": 150}}
DISTRICT_SEATS = {"16": {"A": (2, 0), "SV": (1, 0), "H": (1, 1)}, "17": {"A": (1, 0), "H": (1, 0), "SV": (0, 0)}}
DISTRICT_NAMES = {"16": "Sør-Trøndelag", "17": "Nord-Trøndelag"}


def _county_results() -> pd.DataFrame:
    rows = [{"election_id": e, "area_level": "krets", "fylke_id": f, "kommune_id": k, "bydel_id": None,
             "krets_id": krets, "krets_name": name, "party_code": p, "party_name": f"Parti {p}",
             "advance_votes": a, "election_day_votes": d, "votes": a + d, "kommune_name": NAMES[k]}
            for e, k, f, krets, name, parties in COUNTY_KRETSER for p, (a, d) in parties.items()]
    rows += [{"election_id": "st2021", "area_level": "fylke", "fylke_id": f, "kommune_id": None, "bydel_id": None,
              "krets_id": None, "krets_name": None, "party_code": p, "party_name": f"Parti {p}", "advance_votes": v,
              "election_day_votes": 0, "votes": v, "kommune_name": None}
             for f, parties in DISTRICT_VOTES.items() for p, v in parties.items()]
    return pd.DataFrame(rows).assign(import_id=1)


def write_county_store(path) -> Store:
    """The tiny county store (see the module docstring)."""
    mandates = pd.DataFrame(
        [{"election_id": "st2021", "area_level": "fylke", "area_id": f, "area_name": DISTRICT_NAMES[f],
          "party_code": p, "seats": s, "leveling_seats": lev} for f, ps in DISTRICT_SEATS.items() for p, (s, lev)
         in ps.items()]
        + [{"election_id": "ko2019", "area_level": "kommune", "area_id": "5001", "area_name": "Trondheim",
            "party_code": p, "seats": s, "leveling_seats": 0} for p, s in {"A": 3, "SV": 2}.items()]).assign(import_id=1)
    elections = pd.DataFrame([
        {"election_id": "ko2019", "kind": "ko", "year": 2019, "election_date": dt.date(2019, 9, 9), "name": "K 2019"},
        {"election_id": "st2021", "kind": "st", "year": 2021, "election_date": dt.date(2021, 9, 13), "name": "S 2021"},
    ]).assign(import_id=1)
    store = Store(path)
    store.commit({"results": _county_results(), "mandates": mandates, "elections": elections},
                 ImportRecord(kind="fixture", source_name="fylke.csv", sha256="c", rows=len(COUNTY_KRETSER)))
    return store


@pytest.fixture(scope="module")
def county_run(tmp_path_factory):
    return Database(write_county_store(tmp_path_factory.mktemp("county"))).query


def test_seats_before_in_the_same_body_only(demo_env):
    before = seats_before("ko2023", "ko2019", CONFIG)
    assert (before["H"], before["A"], before["SV"]) == (15, 12, 6)
    assert sum(before.values()) == 59
    assert seats_before("ko2023", None, CONFIG) is None
    assert seats_before("st2021", "ko2019", CONFIG) is None  # Storting seats are not bystyre seats


def test_oslo_seats_are_the_configured_bodies(demo_env):
    bystyre = seat_basis("ko2023", CONFIG)
    assert (bystyre.total, bystyre.body, bystyre.note, bystyre.key) == (59, "bystyret", None, ("ko", "0301"))
    storting = seat_basis("st2021", CONFIG)  # Oslo is its own constituency: its own votes, 19 seats
    assert (storting.total, storting.body, storting.note) == (19, "Stortinget (distriktsmandater fra Oslo)", None)
    assert storting.key[0] == "st" and not storting.votes.empty
    assert election_kind("xx1999", CONFIG) == "xx" and election_kind("st2021", CONFIG) == "st"


def test_kommune_in_a_larger_constituency_gets_the_district_seats(county_run):
    config = load_config(str(BRANCHES["trondheim"]))
    basis = seat_basis("st2021", config, county_run)
    assert (basis.total, basis.body) == (3, "Stortinget (distriktsmandater fra Sør-Trøndelag)")  # 4 seats − 1 leveling
    assert basis.note.startswith("Trondheim er en del av valgdistriktet Sør-Trøndelag")
    assert dict(zip(basis.votes["party_code"], basis.votes["votes"])) == {"A": 500, "SV": 300, "H": 200}
    # 1,4-divisor: A 357,1, SV 214,3, A 166,7 (500/3) beat H 142,9.
    seats = seat_frame(basis, config)
    assert dict(zip(seats["party_code"], seats["seats"])) == {"A": 2, "SV": 1, "H": 0}
    assert basis.official == {"A": 2, "SV": 1, "H": 0}


def test_kommunestyre_seats_from_configuration_or_the_mandates_rows(county_run):
    config = load_config(str(BRANCHES["trondheim"]))
    basis = seat_basis("ko2019", config, county_run)
    assert (basis.total, basis.body, basis.official) == (67, "bystyret", {"A": 3, "SV": 2})  # configured 67 wins
    assert dict(zip(basis.votes["party_code"], basis.votes["votes"])) == {"A": 140, "SV": 110}


def test_county_branch_storting_one_basis_per_constituency(county_run):
    config = load_config(str(BRANCHES["trondelag"]))
    basis = seat_basis("st2021", config, county_run)
    assert basis.total is None and [p.area_name for p in basis.parts] == ["Sør-Trøndelag", "Nord-Trøndelag"]
    assert [p.total for p in basis.parts] == [3, 2]
    # The tiny store's kommuner hold 550 of Sør-Trøndelag's 1 000 votes and 100 of Nord-Trøndelag's 500:
    # the county is a part of each (on the real files it is the whole of both: no note, see test_results_branches).
    assert [p.note.split(";")[0] for p in basis.parts] == [
        "Trøndelag er en del av valgdistriktet Sør-Trøndelag", "Trøndelag er en del av valgdistriktet Nord-Trøndelag"]
    seats = seat_frame(basis, config)
    # Nord-Trøndelag: A 300/1,4 = 214,3, H 150/1,4 = 107,1 beat A 100 and SV 35,7.
    assert seats.groupby("area")["seats"].sum().to_dict() == {"Nord-Trøndelag": 2, "Sør-Trøndelag": 3}
    assert seats.groupby("party_code")["seats"].sum().to_dict() == {"A": 3, "H": 1, "SV": 1}


def test_county_branch_municipal_election_seats_per_kommune_where_known(county_run):
    config = load_config(str(BRANCHES["trondelag"]))
    basis = seat_basis("ko2019", config, county_run)
    assert [(p.area_name, p.total, p.body) for p in basis.parts] == [("Trondheim", 5, "kommunestyret i Trondheim")]
    assert basis.parts[0].official == {"A": 3, "SV": 2}


def test_missing_fylke_file_is_said_instead_of_allocating_over_the_kommune(tmp_path):
    store = write_county_store(tmp_path)
    results = store.read("results")
    store.commit({"results": results[results["area_level"] != "fylke"]},
                 ImportRecord(kind="fixture", source_name="uten-fylke.csv", sha256="d", rows=0))
    config = load_config(str(BRANCHES["trondheim"]))
    basis = seat_basis("st2021", config, Database(store).query)
    assert basis.total is None and not basis.allocates and basis.votes.empty
    assert basis.note.startswith("Importer fylkesfila for st2021")
