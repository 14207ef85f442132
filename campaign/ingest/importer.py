"""The importer: recognise files, parse and check them, show what they would change, write them.

The same code serves `python -m campaign import`, `fetch-valg` and the import page. A file
that cannot be read is rejected whole; nothing is written for it. Files that belong together
(the responses of one API walk) are written as one import, all or nothing.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field, replace

import pandas as pd

from campaign import fmt
from campaign.config import Config
from campaign.demo import DEMO_KIND
from campaign.ingest import registry
from campaign.ingest.base import (
    Check,
    ImportRejected,
    ParsedBatch,
    election_name,
    second_monday_of_september,
)
from campaign.ingest.touched import commit_touched, read_touched, touched
from campaign.ingest.undo import undo_import as undo_import  # re-exported
from campaign.store import DATA_TABLES, NATURAL_KEYS, ImportRecord, Store, sha256_of


@dataclass
class FileReport:
    """What one file was recognised as and what importing it would do."""
    source_name: str
    sha256: str
    kind: str | None = None
    election_id: str | None = None
    rows: dict[str, int] = field(default_factory=dict)
    areas: str = ""
    replaces: int = 0
    already_imported: bool = False
    checks: list[Check] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    error: str | None = None

    @property
    def accepted(self) -> bool:
        """True when the file can be imported (or was already)."""
        return self.error is None


@dataclass
class ImportPlan:
    """Reports for every file, and the parsed batches that would be written.

    `version` is the generation the reports were checked against (None: not yet). apply_import
    checks again, under the writers' lock, when the store has moved on since: then `replanned`
    is set and the reports say what was actually written.
    """
    reports: list[FileReport]
    batches: list[ParsedBatch]
    shas: list[str]
    version: str | None = None
    parsed: list[tuple[FileReport, ParsedBatch | None]] = field(default_factory=list, repr=False)
    replanned: bool = False
    waited_s: float = 0.0  # how long apply_import waited for another writer


def detect_kind(data: bytes, source_name: str) -> str:
    """The kind of a file from its content (see registry.SOURCES); rejects anything else."""
    return registry.detect(data, source_name).kind


def parse_file(data: bytes, source_name: str, config: Config, **options) -> ParsedBatch:
    """Detect and parse one file; `options` are the registry's options (election, attribution, …)."""
    _, batch = registry.parse(data, source_name, config, **options)
    _require_known_tables(batch)
    return batch


def _require_known_tables(batch: ParsedBatch) -> None:
    """A batch carrying a table the store does not know is a parser bug: raise, never write it as 0 rows."""
    unknown = set(batch.tables) - set(DATA_TABLES)
    if unknown:
        raise ValueError(f"{batch.kind} carries tables the store does not know: {sorted(unknown)}")


def read_files(files: list[tuple[str, bytes]], config: Config, **options) -> ImportPlan:
    """Parse and check every file on its own; the store is neither read nor written."""
    parsed: list[tuple[FileReport, ParsedBatch | None]] = []
    for raw_name, data in files:
        name = fmt.one_line(raw_name)  # the one place outside names enter reports and the log
        try:
            batch = parse_file(data, name, config, **options)
        except ImportRejected as exc:
            parsed.append((FileReport(name, sha256_of(data), error=fmt.one_line(str(exc))), None))
            continue
        parsed.append((_parsed_report(name, sha256_of(data), batch), batch))
    reports = [report for report, _ in parsed]
    _cross_file_checks(reports, [batch for _, batch in parsed if batch is not None])
    return ImportPlan(reports, [], [], parsed=parsed)


def _parsed_report(name: str, sha: str, batch: ParsedBatch) -> FileReport:
    """What the file says by itself (texts that may quote the file made single-line)."""
    return FileReport(name, sha, kind=batch.kind, election_id=batch.election_id,
                      rows={t: len(f) for t, f in batch.tables.items()}, areas=fmt.one_line(batch.areas or ""),
                      checks=[replace(c, message=fmt.one_line(c.message)) for c in batch.checks],
                      warnings=[fmt.one_line(w) for w in batch.warnings])


def check_against_store(plan: ImportPlan, store: Store) -> ImportPlan:
    """Fill in what each parsed file would change in the live generation (in place); writes nothing."""
    version = store.version()
    batches = [batch for _, batch in plan.parsed if batch is not None]
    live = _live_imports(store, version, {(r.sha256, b.area) for r, b in plan.parsed if b is not None})
    current = read_touched(store, touched(batches), version)
    demo_ids = _demo_ids(store.read("imports", version))
    plan.reports, plan.batches, plan.shas = [], [], []
    for parsed_report, batch in plan.parsed:
        report = replace(parsed_report, checks=list(parsed_report.checks), warnings=list(parsed_report.warnings))
        plan.reports.append(report)
        if batch is None:
            continue
        report.already_imported = (report.sha256, batch.area) in live
        if not report.already_imported:
            _count_replaced(report, batch, current, demo_ids)
            plan.batches.append(batch)
            plan.shas.append(report.sha256)
    plan.version = version
    return plan


def plan_import(files: list[tuple[str, bytes]], store: Store, config: Config, **options) -> ImportPlan:
    """Parse and check every file, and work out what each would replace; writes nothing."""
    return check_against_store(read_files(files, config, **options), store)


def _count_replaced(report: FileReport, batch: ParsedBatch, current: dict[str, pd.DataFrame], demo_ids: set) -> None:
    demo_masks = _demo_rows(current, demo_ids, {batch.election_id} - {None})
    report.replaces = _replaced_rows(current, batch, demo_masks)
    demo = sum(int(m.sum()) for t, m in demo_masks.items() if t != "elections")
    if demo:
        report.warnings.insert(0, f"Eksempeldataene for {batch.election_id} fjernes ({fmt.number(demo)} rader), "
                                  "så ekte og genererte tall aldri blandes i samme valg.")


def _demo_ids(log: pd.DataFrame) -> set:
    return set(log.loc[log["kind"] == DEMO_KIND, "import_id"]) if len(log) else set()


def _cross_file_checks(reports: list[FileReport], batches: list[ParsedBatch]) -> None:
    """Checks across the files of one kind and election (bydeler add up to the kommune), on the first file."""
    groups: dict[tuple, list[ParsedBatch]] = {}
    for batch in batches:
        groups.setdefault((batch.kind, batch.election_id), []).append(batch)
    for (kind, _), group in groups.items():
        source = registry.by_kind(kind)
        if len(group) < 2 or source is None or source.check_together is None:
            continue
        checks = source.check_together(group)
        for report in reports:
            if report.source_name == group[0].source_name:
                report.checks.extend(replace(c, message=fmt.one_line(c.message)) for c in checks)


def _live_imports(store: Store, version: str, keys: set[tuple[str, str | None]]) -> set[tuple[str, str | None]]:
    """Of `keys` (sha256, area), those of imports that still have rows in the store (reads import ids,
    never whole tables). The area is the one the rows were cut to: the same whole-country file imported
    for another fylke is a new import. NULL (an older log, or a file kept whole) equals only None."""
    log = store.read("imports", version, columns=["import_id", "sha256", "area"])
    shas = {sha for sha, _ in keys}
    candidates = log[log["sha256"].isin(shas)]
    ids, live = set(candidates["import_id"]), set()
    for table in DATA_TABLES:
        if live == ids:
            break
        live |= store.import_ids(table, version, among=ids - live)
    alive = candidates[candidates["import_id"].isin(live)]
    found = {(sha, None if pd.isna(area) else area) for sha, area in zip(alive["sha256"], alive["area"])}
    return found & keys


def _overlap(existing: pd.DataFrame, fresh: pd.DataFrame, keys: list[str]) -> pd.Series:
    """A mask over `existing`: rows whose natural key is in `fresh` (NULL and "" count as equal)."""
    if existing.empty or fresh.empty:
        return pd.Series(False, index=existing.index)
    left = pd.MultiIndex.from_frame(existing[keys].astype("string").fillna(""))
    right = pd.MultiIndex.from_frame(fresh[keys].astype("string").fillna(""))
    return pd.Series(left.isin(right), index=existing.index)


def _demo_rows(current: dict[str, pd.DataFrame], demo_ids: set, elections: set[str]) -> dict[str, pd.Series]:
    """Masks of demo rows belonging to elections that real data is about to replace (none in tables
    without an election, like boundaries)."""
    return {name: (frame["import_id"].isin(demo_ids) & frame["election_id"].isin(elections)
                   if "election_id" in frame.columns else pd.Series(False, index=frame.index))
            for name, frame in current.items()}


def _replaced_rows(current: dict[str, pd.DataFrame], batch: ParsedBatch, demo: dict[str, pd.Series]) -> int:
    """Rows the batch would remove: same natural key, or demo rows of the same election."""
    total = 0
    for table in (name for name in DATA_TABLES if name in current):
        mask = demo[table]
        if table in batch.tables:
            mask = mask | _overlap(current[table], batch.tables[table], NATURAL_KEYS[table])
        total += int(mask.sum())
    return total


def apply_import(plan: ImportPlan, store: Store, config: Config, source_name: str | None = None,
                 on_wait: Callable[[float], None] | None = None) -> list[int]:
    """Write the plan's batches in one commit: one import per batch, or one for all when source_name is given.

    Holds the writers' lock from checking to the commit. When the store changed after the plan was
    made (another import), the plan is checked again first, so nothing is lost and the reports tell
    what was written. Raises StoreBusy (nothing written) when the lock stays taken too long.
    """
    if not plan.batches and all(batch is None for _, batch in plan.parsed):
        return []  # every file rejected: nothing to wait for
    with store.writing(on_wait=on_wait) as waited:
        plan.waited_s = waited
        if plan.version != store.version():
            plan.replanned = plan.version is not None
            check_against_store(plan, store)
        return _write(plan, store, config, source_name)


def _write(plan: ImportPlan, store: Store, config: Config, source_name: str | None) -> list[int]:
    """Apply the plan to the live tables and commit (the caller holds the lock)."""
    groups = ([(source_name, plan.batches, plan.shas)] if source_name and plan.batches
              else [(b.source_name, [b], [s]) for b, s in zip(plan.batches, plan.shas)])
    if not groups:
        return []
    for batch in plan.batches:
        _require_known_tables(batch)
    demo_ids = _demo_ids(store.read("imports"))
    read = touched(plan.batches)
    tables = read_touched(store, read)
    first_id = store.next_import_id()
    records = []
    for offset, (name, batches, shas) in enumerate(groups):
        records.append(_apply_group(tables, demo_ids, config, first_id + offset, fmt.one_line(name), batches,
                                    ",".join(shas)))
    commit_touched(store, tables, read, records)
    return [first_id + i for i in range(len(groups))]


def _apply_group(tables: dict[str, pd.DataFrame], demo_ids: set, config: Config, import_id: int,
                 source_name: str, batches: list[ParsedBatch], sha: str) -> ImportRecord:
    """Apply one import to the touched tables in memory (replacing overlaps and same-election demo rows)."""
    elections = {b.election_id for b in batches} - {None}  # boundaries belong to no election
    fresh = {name: [b.tables[name] for b in batches if name in b.tables] for name in tables}
    if "elections" in tables:
        fresh["elections"] = [_elections_frame(elections, config)] if elections else []
    demo = _demo_rows(tables, demo_ids, elections)
    replaced = written = 0
    for name, frames in fresh.items():
        new = pd.concat(frames, ignore_index=True).assign(import_id=import_id) if frames else None
        drop = demo[name] | (_overlap(tables[name], new, NATURAL_KEYS[name]) if new is not None else False)
        keep = tables[name][~drop]
        if name in DATA_TABLES:
            replaced += int(drop.sum())
            written += len(new) if new is not None else 0
        tables[name] = keep if new is None else (pd.concat([keep, new], ignore_index=True) if len(keep) else new)
    dates = [_election_date(e, config) for e in elections] + _data_dates(batches)
    return ImportRecord(kind=batches[0].kind, source_name=source_name, sha256=sha, rows=written,
                        first_date=min(dates, default=None), last_date=max(dates, default=None),
                        election_id=",".join(sorted(elections)) or None, replaced_rows=replaced,
                        area=batches[0].area)


def _data_dates(batches: list[ParsedBatch]) -> list[dt.date]:
    """The first and last day of dated rows and periods (platform and field data) in these batches."""
    days = [frame[c].dropna() for b in batches for frame in b.tables.values()
            for c in ("date", "first_date", "last_date") if c in frame.columns]
    days = [d for d in days if len(d)]
    return [min(d.min() for d in days), max(d.max() for d in days)] if days else []


def _election_date(election_id: str, config: Config) -> dt.date:
    setting = config.election(election_id)
    return setting.election_date if setting else second_monday_of_september(int(election_id[-4:]))


def _elections_frame(elections: set[str], config: Config) -> pd.DataFrame:
    rows = []
    for election_id in sorted(elections):
        setting = config.election(election_id)
        rows.append({
            "election_id": election_id,
            "kind": setting.kind if setting else election_id[:-4],
            "year": int(election_id[-4:]),
            "election_date": _election_date(election_id, config),
            "name": setting.name if setting else election_name(election_id),
        })
    return pd.DataFrame(rows)
