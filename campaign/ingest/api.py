"""Importing into the configured store: what the import page calls (it never opens the store itself)."""
from __future__ import annotations

from campaign.config import load_config
from campaign.ingest.importer import ImportPlan, apply_import, plan_import, undo_import
from campaign.store import Store


def plan(files: list[tuple[str, bytes]], **options) -> ImportPlan:
    """Check files against the store (CAMPAIGN_DATA_DIR or data/); writes nothing."""
    return plan_import(files, Store(), load_config(), **options)


def apply(plan: ImportPlan, source_name: str | None = None) -> list[int]:
    """Write a plan's accepted files; returns the new import ids."""
    return apply_import(plan, Store(), load_config(), source_name)


def undo(import_id: int) -> int:
    """Remove the rows one import wrote; returns how many."""
    return undo_import(Store(), import_id)
