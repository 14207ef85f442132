"""Every input is data, never a crash: a corpus of malformed files is rejected cleanly and changes nothing.

The corpus (tests/hostile_corpus.py, tests/hostile_maps.py) is made at run time: from tests/fixtures
(always, also on a fresh clone) and from the real files in ../shared (skipped when absent). Each
file goes through plan_import + apply_import against a store that already holds data, and must
give a Norwegian rejection naming the file, with no other exception escaping and every file under
the data dir byte-for-byte unchanged. bench/bench_hostile.py prints the counts.
"""
from __future__ import annotations

import pytest

from campaign.config import load_config
from campaign.ingest.base import count_problem, json_depth
from campaign.ingest.importer import apply_import, plan_import
from campaign.ingest.report import INFORMING, REJECTING, describe
from campaign.store import Store
from tests.hostile_corpus import REFERENCE, Case, fixture_cases, reference_cases, still_accepted
from tests.hostile_run import CRASH, REJECTED, fill_store, try_case, try_cli

CONFIG = load_config()
FIXTURE_CASES = fixture_cases()
REFERENCE_CASES = reference_cases()
CLI_MUTATIONS = ("arabisk_indiske_sifre", "over_64_bit", "nostet_100000", "lat_lon_byttet", "binaert_tull",
                 "zip_500_filer")


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    path = tmp_path_factory.mktemp("hostile-store")
    fill_store(path, CONFIG)
    return path


def assert_rejected_cleanly(case: Case, data_dir) -> None:
    outcome = try_case(case, data_dir, CONFIG)
    assert outcome.status != CRASH, f"{case.mutation}: {outcome.message}"
    assert outcome.status == REJECTED, f"{case.mutation} was accepted: {outcome.message}"
    assert outcome.clean, f"{case.mutation}: not a Norwegian sentence: {outcome.message}"
    assert not outcome.store_changed, f"{case.mutation} changed the store"


def test_the_corpus_is_large_enough():
    assert len(FIXTURE_CASES) >= 60  # on a fresh clone too
    assert len({c.name for c in FIXTURE_CASES + REFERENCE_CASES}) == len(FIXTURE_CASES + REFERENCE_CASES)


@pytest.mark.parametrize("case", FIXTURE_CASES, ids=[c.id for c in FIXTURE_CASES])
def test_fixture_mutation_is_rejected_cleanly(case, data_dir):
    assert_rejected_cleanly(case, data_dir)


@pytest.mark.parametrize("case", REFERENCE_CASES or [None], ids=[c.id for c in REFERENCE_CASES] or ["ingen"])
def test_reference_mutation_is_rejected_cleanly(case, data_dir):
    if case is None:
        pytest.skip(f"../shared/reference-data mangler ({REFERENCE}); mutasjoner av ekte filer hoppes over")
    assert_rejected_cleanly(case, data_dir)


@pytest.mark.parametrize("mutation", CLI_MUTATIONS)
def test_the_cli_rejects_in_norwegian_and_writes_nothing(mutation, data_dir, tmp_path):
    case = next(c for c in FIXTURE_CASES if c.mutation == mutation)
    outcome, code = try_cli(case, data_dir, tmp_path)
    assert code == 1 and outcome.status == REJECTED, outcome.message
    assert outcome.message.startswith("AVVIST") and "Traceback" not in outcome.message
    assert not outcome.store_changed


ACCEPTED = still_accepted()


@pytest.mark.parametrize(("name", "data"), [(n, d) for _, n, d in ACCEPTED], ids=[i for i, _, _ in ACCEPTED])
def test_odd_but_valid_files_still_import(name, data, tmp_path):
    store = Store(tmp_path)
    plan = plan_import([(name, data)], store, CONFIG)
    assert plan.reports[0].accepted, plan.reports[0].error
    assert apply_import(plan, store, CONFIG)
    assert sum(len(store.read(t)) for t in ("results", "turnout", "boundaries")) > 0


def test_reordered_columns_give_the_same_rows(tmp_path):
    by_id = {i: (n, d) for i, n, d in ACCEPTED}
    frames = []
    for key in ("fixture:2019-09-14_partifordeling_4_ko_2019.csv", "fixture:kolonner_baklengs"):
        plan = plan_import([by_id[key]], Store(tmp_path / key.replace(":", "_")), CONFIG)
        frames.append(plan.batches[0].tables["results"].sort_values(["krets_id", "party_code"]).reset_index(drop=True))
    assert frames[0].equals(frames[1])


def test_the_report_says_which_checks_reject_and_which_inform(tmp_path):
    name, data = next((n, d) for i, n, d in ACCEPTED if i.endswith("bydel-03-0301-1.json"))
    report = plan_import([(name, data)], Store(tmp_path), CONFIG).reports[0]
    rejecting = [c.name for c in report.checks if c.rejects]
    assert {"Umulige data", "Valgdeltakelse høyst 100 %", "Stemmesedler i alt"} <= set(rejecting)
    assert "Partiandeler" not in rejecting  # surprising but possible: informs
    text = describe(report)
    assert "avvisende" in text.headline and "til informasjon" in text.headline
    lines = [line for _, line in text.checks]
    assert lines[0].startswith(f"{REJECTING} – Umulige data")
    assert any(line.startswith(f"{INFORMING} – Partiandeler") for line in lines)


@pytest.mark.parametrize(("text", "depth"), [
    (b"{}", 1), (b"[[[]]]", 3), (b'{"a": "[[[[{{"}', 1), (b'{"a": "x\\"[[["}', 1),
    (b'{"a": "x\\\\", "b": [[1]]}', 3), (b'["\\\\\\"[", [[]]]', 3), (b"", 0), (b"[" * 100_000, 100_000),
])
def test_json_depth_counts_brackets_outside_strings_only(text, depth):
    assert json_depth(text) == depth


def test_counts_are_plain_ascii_numbers_within_the_bound():
    assert count_problem("332") is None and count_problem("0010000000") is None
    assert "sifre som ikke er 0–9" in count_problem("٣٣٢") and "sifre som ikke er 0–9" in count_problem("３３２")
    assert "urimelig stort" in count_problem("10000001") and "urimelig stort" in count_problem("9" * 5000)
    assert count_problem("-3").startswith("Negativt") and count_problem("").startswith("Verdien mangler")
