"""The hostile-file corpus through the importer and the CLI: how many files are rejected cleanly.

Prints a table to quote in notes: files tried / rejected cleanly / crashes / wrong accepts /
store changed, per kind of file and origin (tests/fixtures always; ../shared when present), and
the odd-but-valid files that must still import. The corpus is tests/hostile_corpus.py.

    .venv/bin/python bench/bench_hostile.py [--no-cli]
"""
from __future__ import annotations

import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from campaign.config import load_config  # noqa: E402
from campaign.ingest.importer import apply_import, plan_import  # noqa: E402
from campaign.store import Store  # noqa: E402
from tests.hostile_corpus import REFERENCE, fixture_cases, reference_cases, still_accepted  # noqa: E402
from tests.hostile_run import ACCEPTED, CRASH, fill_store, try_case, try_cli  # noqa: E402

COLUMNS = ("filer", "avvist rent", "krasj", "feilaktig godtatt", "lager endret", "uklar melding")


def tally(outcomes: list) -> Counter:
    counts = Counter()
    for outcome in outcomes:
        counts["filer"] += 1
        counts["avvist rent"] += outcome.clean
        counts["krasj"] += outcome.status == CRASH
        counts["feilaktig godtatt"] += outcome.status == ACCEPTED
        counts["lager endret"] += outcome.store_changed
        counts["uklar melding"] += outcome.status not in (CRASH, ACCEPTED) and not outcome.clean
    return counts


def row(label: str, counts: Counter) -> str:
    return f"| {label:<28} | " + " | ".join(f"{counts[c]:>{len(c)}}" for c in COLUMNS) + " |"


def run(cases, label: str, attempt) -> list[str]:
    groups: dict[str, list] = {}
    failures = []
    for case in cases:
        outcome = attempt(case)
        groups.setdefault(f"{case.origin} / {case.kind}", []).append(outcome)
        if not outcome.clean or outcome.store_changed:
            last = outcome.message.strip().splitlines()[-1] if outcome.message.strip() else ""
            failures.append(f"  {case.id}: {outcome.status}: {last[:160]}")
    lines = [f"\n{label}\n", f"| {'korpus':<28} | " + " | ".join(COLUMNS) + " |",
             "|" + "|".join("-" * (len(c) + 2) for c in ("x" * 28, *COLUMNS)) + "|"]
    lines += [row(key, tally(outcomes)) for key, outcomes in sorted(groups.items())]
    lines.append(row("i alt", tally([o for outcomes in groups.values() for o in outcomes])))
    return lines + failures


def accepted_lines(config) -> list[str]:
    files = still_accepted()
    ok = 0
    with tempfile.TemporaryDirectory() as tmp:
        for i, (_, name, data) in enumerate(files):
            store = Store(Path(tmp) / str(i))
            plan = plan_import([(name, data)], store, config)
            ok += bool(plan.reports[0].accepted and apply_import(plan, store, config))
    return [f"\nGyldige, men uvanlige filer (kolonner i annen rekkefølge, alle gyldige fixtures): "
            f"{ok} av {len(files)} importert."]


def main(argv: list[str]) -> int:
    config = load_config()
    cases = fixture_cases() + reference_cases()
    if not REFERENCE.exists():
        print(f"{REFERENCE} mangler: bare korpuset fra tests/fixtures måles.")
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp) / "lager"
        fill_store(data_dir, config)
        lines = run(cases, "plan_import + apply_import", lambda c: try_case(c, data_dir, config))
        if "--no-cli" not in argv:
            work = Path(tmp) / "filer"
            work.mkdir()
            lines += run(cases, "python -m campaign import FIL", lambda c: try_cli(c, data_dir, work)[0])
    lines += accepted_lines(config)
    print("\n".join(lines))
    print(f"\n{len(cases)} filer, {time.perf_counter() - start:.1f} s.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
