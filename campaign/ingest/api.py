"""Importing into the configured store: what the import page calls (it never opens the store itself)."""
from __future__ import annotations

from collections.abc import Callable

from campaign import auth
from campaign.config import load_config
from campaign.ingest.importer import ImportPlan, apply_import, plan_import, undo_import
from campaign.store import Store

OnWait = Callable[[float], None] | None  # called once with the timeout when another writer holds the store


def plan(files: list[tuple[str, bytes]], **options) -> ImportPlan:
    """Check files against the store (CAMPAIGN_DATA_DIR or data/); writes nothing."""
    return plan_import(files, Store(), load_config(), **options)


def apply(plan: ImportPlan, source_name: str | None = None, on_wait: OnWait = None) -> list[int]:
    """Write a plan's accepted files; returns the new import ids.

    Waits its turn behind another import (StoreBusy after the timeout, nothing written); checks the
    files again when the store changed since `plan`, so `plan.reports` say what was written.
    Raises auth.NotAllowed (nothing written) unless the session's role may import.
    """
    auth.require("import")
    return apply_import(plan, Store(), load_config(), source_name, on_wait)


def undo(import_id: int, on_wait: OnWait = None) -> int:
    """Remove the rows one import wrote; returns how many. Raises auth.NotAllowed unless the role may undo."""
    auth.require("undo")
    return undo_import(Store(), import_id, on_wait)
