"""The example branches (campaign.toml and examples/*.toml) and the real boundary files in ../shared/geo.

`use_branch(monkeypatch, "trondheim")` makes every load_config() in the process (pages run by
AppTest included) read that example until the test ends.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from campaign.config import DEFAULT_CONFIG, ROOT, Config, load_config

EXAMPLES = ROOT / "examples"
BRANCHES = {"oslo": DEFAULT_CONFIG, "trondheim": EXAMPLES / "trondheim.toml", "trondelag": EXAMPLES / "trondelag.toml"}
GEO = ROOT.parent / "shared" / "geo"


def use_branch(monkeypatch: pytest.MonkeyPatch, name: str) -> Config:
    """Point CAMPAIGN_CONFIG at a branch's configuration for the rest of the test."""
    monkeypatch.setenv("CAMPAIGN_CONFIG", str(BRANCHES[name]))
    load_config.cache_clear()  # conftest clears it again after every test
    return load_config()


def geo_file(name: str) -> Path:
    """A boundary file from ../shared/geo, or skip the test saying why."""
    path = GEO / name
    if not path.exists():
        pytest.skip(f"../shared/geo mangler ({path}); real-data test skipped")
    return path
