"""Run one hostile file through the importer (or the CLI) and say what happened, for tests and bench."""
from __future__ import annotations

import contextlib
import hashlib
import io
import re
import traceback
from dataclasses import dataclass
from pathlib import Path

from campaign.config import Config
from campaign.ingest.importer import apply_import, plan_import
from campaign.store import Store
from tests.hostile_corpus import FIXTURES, KRETS_CSV, Case

REJECTED, CRASH, ACCEPTED = "avvist", "krasj", "godtatt"
# Signs of a Python or library message leaking through instead of a Norwegian sentence
FOREIGN = re.compile(r"Traceback|Error\b|Exception|Expecting |line \d+ column|not recognized|No such file")


@dataclass
class Outcome:
    """What importing one case did: status, the message shown, whether the store changed."""
    status: str
    message: str
    store_changed: bool

    @property
    def clean(self) -> bool:
        """Rejected with a message that names the file and is no leaked library text."""
        return self.status == REJECTED and not FOREIGN.search(self.message)


def fill_store(path: Path, config: Config) -> Store:
    """A store with something in it (a krets CSV and a bydel map), so 'unchanged' means something."""
    store = Store(path)
    files = [(name, (FIXTURES / name).read_bytes()) for name in (KRETS_CSV, "bydeler_mini.geojson")]
    plan = plan_import(files, store, config)
    assert all(r.accepted for r in plan.reports), [r.error for r in plan.reports]
    apply_import(plan, store, config)
    return store


def fingerprint(path: Path) -> dict[str, str]:
    """sha256 of every file under the data dir, by relative path."""
    return {p.relative_to(path).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(path.rglob("*")) if p.is_file()}


def try_case(case: Case, data_dir: Path, config: Config) -> Outcome:
    """plan_import + apply_import on one case; any exception but ImportRejected is a crash."""
    before = fingerprint(data_dir)
    store = Store(data_dir)
    try:
        plan = plan_import([(case.name, case.data)], store, config)
        apply_import(plan, store, config)
    except Exception:  # noqa: BLE001 - the point is to catch whatever escapes
        return Outcome(CRASH, traceback.format_exc(limit=3), fingerprint(data_dir) != before)
    report = plan.reports[0]
    changed = fingerprint(data_dir) != before
    if report.error is None:
        return Outcome(ACCEPTED, f"godtatt: {report.rows}", changed)
    named = report.error.startswith(f"«{case.name}»")
    return Outcome(REJECTED if named else CRASH, report.error, changed)


def try_cli(case: Case, data_dir: Path, work: Path) -> tuple[Outcome, int]:
    """`python -m campaign import FILE` in-process; the outcome and the exit code."""
    from campaign.cli import main
    path = work / case.name
    path.write_bytes(case.data)
    before = fingerprint(data_dir)
    out, err = io.StringIO(), io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["import", "--data-dir", str(data_dir), str(path)])
    except BaseException:  # noqa: BLE001 - SystemExit from argparse counts too
        return Outcome(CRASH, traceback.format_exc(limit=3) + err.getvalue(), fingerprint(data_dir) != before), -1
    text = out.getvalue() + err.getvalue()
    rejected = text.startswith("AVVIST") and f"«{case.name}»" in text and "Traceback" not in text
    return Outcome(REJECTED if rejected else (ACCEPTED if code == 0 else CRASH), text,
                   fingerprint(data_dir) != before), code
