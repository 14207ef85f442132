"""A tiny hand-made store with known numbers, for query contract tests."""
from __future__ import annotations

import datetime as dt

import pandas as pd

from campaign.store import ImportRecord, Store

# (election, krets, bydel, party, advance, election_day)
KRETS_ROWS = [
    ("e1", "0000", None, "A", 300, 0), ("e1", "0000", None, "B", 100, 0),
    ("e1", "0000", None, "BLANKE", 10, 0),
    ("e1", "0101", "030101", "A", 0, 60), ("e1", "0101", "030101", "B", 0, 40),
    ("e1", "0102", "030101", "A", 0, 20), ("e1", "0102", "030101", "B", 0, 80),
    ("e1", "0201", "030102", "A", 0, 50), ("e1", "0201", "030102", "B", 0, 150),
    ("e1", "0201", "030102", "BLANKE", 0, 5),
    ("e0", "0000", None, "A", 200, 0), ("e0", "0000", None, "B", 200, 0),
    ("e0", "0101", "030101", "A", 0, 50), ("e0", "0101", "030101", "B", 0, 50),
    ("e0", "0201", "030102", "A", 0, 100), ("e0", "0201", "030102", "B", 0, 100),
]
KRETS_NAMES = {"0000": "Uoppgitt krets", "0101": "Skole A", "0102": "Skole B", "0201": "Skole C"}
# (election, level, area_id, name, bydel, eligible, cast)
TURNOUT_ROWS = [
    ("e1", "kommune", "0301", "By", None, 2000, 1265),
    ("e1", "bydel", "030101", "Øst", "030101", 800, 610),
    ("e1", "bydel", "030102", "Vest", "030102", 1200, 655),
    ("e1", "krets", "0301-0101", "Skole A", "030101", 400, 300),
    ("e1", "krets", "0301-0102", "Skole B", "030101", 400, 310),
    ("e1", "krets", "0301-0201", "Skole C", "030102", 1200, 655),
    ("e0", "kommune", "0301", "By", None, 2000, 1100),
    ("e0", "bydel", "030101", "Øst", "030101", 800, 500),
    ("e0", "bydel", "030102", "Vest", "030102", 1200, 600),
    ("e0", "krets", "0301-0101", "Skole A", "030101", 800, 500),
    ("e0", "krets", "0301-0201", "Annen skole", "030102", 1200, 600),
]


def results_frame() -> pd.DataFrame:
    rows = [{"election_id": e, "area_level": "krets", "fylke_id": "03", "kommune_id": "0301",
             "bydel_id": b, "krets_id": k, "krets_name": KRETS_NAMES[k], "party_code": p,
             "party_name": f"Parti {p}", "advance_votes": a, "election_day_votes": d, "votes": a + d,
             "import_id": 1}
            for e, k, b, p, a, d in KRETS_ROWS]
    return pd.DataFrame(rows)


def write_fixture_store(path, with_kommune_level: bool = False) -> Store:
    """Write the tiny store; optionally also e1 at kommune level (same totals)."""
    results = results_frame()
    if with_kommune_level:
        city = (results[results["election_id"] == "e1"]
                .groupby(["party_code", "party_name"], as_index=False)[["advance_votes", "election_day_votes", "votes"]]
                .sum())
        city = city.assign(election_id="e1", area_level="kommune", fylke_id="03", kommune_id="0301",
                           bydel_id=None, krets_id=None, krets_name=None, import_id=1)
        results = pd.concat([results, city], ignore_index=True)
    turnout = pd.DataFrame(TURNOUT_ROWS, columns=["election_id", "area_level", "area_id", "area_name",
                                                  "bydel_id", "eligible_voters", "votes_cast"])
    turnout = turnout.assign(kommune_id="0301", import_id=1)
    elections = pd.DataFrame([
        {"election_id": "e1", "kind": "ko", "year": 2023, "election_date": dt.date(2023, 9, 11), "name": "Valg 1"},
        {"election_id": "e0", "kind": "ko", "year": 2019, "election_date": dt.date(2019, 9, 9), "name": "Valg 0"},
    ]).assign(import_id=1)
    store = Store(path)
    store.commit({"results": results, "turnout": turnout, "elections": elections},
                 ImportRecord(kind="fixture", source_name="fixture.csv", sha256="x", rows=len(results)))
    return store
