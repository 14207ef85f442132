"""Import timings on the real reference files: parse + check (plan), write (apply), re-import.

Prints a table to quote in notes. Needs ../shared/reference-data/elections; says so when absent.
"""
from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from campaign.config import load_config  # noqa: E402
from campaign.ingest.importer import apply_import, plan_import  # noqa: E402
from campaign.store import Store  # noqa: E402

REFERENCE = ROOT.parent / "shared" / "reference-data" / "elections"
REPS = 5


def timed(func) -> tuple[float, object]:
    start = time.perf_counter()
    result = func()
    return (time.perf_counter() - start) * 1000, result


def main() -> int:
    if not REFERENCE.exists():
        print(f"{REFERENCE} mangler: ingen referansefiler å måle på.")
        return 0
    config = load_config()
    files = [(p.name, p.read_bytes()) for p in sorted(REFERENCE.rglob("*")) if p.suffix in {".csv", ".json"}]
    groups = {
        "ko2019 krets CSV (hele landet, 1,7 MB)": [f for f in files if f[0].startswith("ko2019")],
        "st2021 krets CSV (hele landet, 3,0 MB)": [f for f in files if f[0].startswith("st2021_partifordeling_stemme")],
        "st2021 fylke CSV": [f for f in files if f[0] == "st2021_partifordeling_fylke.csv"],
        "17 JSON-svar (kommune + bydeler)": [f for f in files if f[0].endswith(".json")][:17],
        f"alle {len(files)} filer": files,
    }
    rows = []
    for label, chosen in groups.items():
        plans, applies, reimports = [], [], []
        for _ in range(REPS):
            folder = Path(tempfile.mkdtemp(prefix="bench-import-"))
            try:
                store = Store(folder)
                ms, plan = timed(lambda: plan_import(chosen, store, config))  # noqa: B023
                plans.append(ms)
                applies.append(timed(lambda: apply_import(plan, store, config))[0])  # noqa: B023
                reimports.append(timed(lambda: plan_import(chosen, store, config))[0])  # noqa: B023
            finally:
                shutil.rmtree(folder)
        rows.append((label, len(chosen), plans, applies, reimports))
    print(f"| files | n files | plan p50 ms | apply p50 ms | re-import check p50 ms | (reps {REPS}) |")
    print("|---|---:|---:|---:|---:|---|")
    for label, n, plans, applies, reimports in rows:
        print(f"| {label} | {n} | {statistics.median(plans):.0f} | {statistics.median(applies):.0f} | "
              f"{statistics.median(reimports):.0f} | |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
