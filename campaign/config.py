"""Branch settings read once from campaign.toml."""
from __future__ import annotations

import datetime as dt
import functools
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from campaign.goal_config import Goal, parse_goals

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CONFIG = ROOT / "campaign.toml"


@dataclass(frozen=True)
class ElectionSetting:
    election_id: str
    kind: str
    name: str
    election_date: dt.date
    seats: int | None = None  # None: the seats come from the data (or no allocation is shown)
    body: str = ""


@dataclass(frozen=True)
class Config:
    org_name: str
    party_code: str
    fylke_id: str
    kommune_id: str | None  # None for a county branch (the whole fylke)
    kommune_name: str
    council_name: str
    first_divisor: float
    elections: tuple[ElectionSetting, ...]
    # [[target_areas]]: name → codes at the branch's sub-level (bydeler "030112", kommuner "5001"
    # or kretser "5001-0003"), see `sublevel`.
    target_areas: dict[str, tuple[str, ...]]
    blocs: dict[str, tuple[str, ...]]
    bydeler: dict[str, str]
    krets_exceptions: dict[str, str] = field(default_factory=dict)
    # Hexagon tile (col, row) per bydel code for the schematic map; see [schematic.bydeler] in campaign.toml.
    schematic_bydeler: dict[str, tuple[int, int]] = field(default_factory=dict)
    # [campaign] first_date/last_date: the digital pages' default date range; None when not set.
    campaign_period: tuple[dt.date, dt.date] | None = None
    budgets: dict[str, float] = field(default_factory=dict)  # [budget]: name → kroner, e.g. ads_nok
    goals: tuple[Goal, ...] = ()  # [[goals]]: see campaign/goal_config.py
    fylke_name: str = ""
    # [regions]: name → kommune codes, groups of kommuner for a county branch (Trøndelag's 7 regions).
    regions: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def is_county(self) -> bool:
        """A county branch: a fylke and no kommune of its own."""
        return self.kommune_id is None

    @property
    def area_id(self) -> str:
        """The branch's whole area: its kommune, or its fylke for a county branch."""
        return self.kommune_id or self.fylke_id

    @property
    def area_name(self) -> str:
        """The area's name as the pages write it («Oslo», «Trøndelag»)."""
        return (self.fylke_name or f"fylke {self.fylke_id}") if self.is_county else self.kommune_name

    @property
    def sublevel(self) -> str:
        """The level right below the branch's area: «kommune» (county), «bydel» (with [bydeler]) or «krets»."""
        if self.is_county:
            return "kommune"
        return "bydel" if self.bydeler else "krets"

    def budget(self, name: str) -> float | None:
        """A budget in kroner from [budget] ("ads_nok"), or None when not set."""
        return self.budgets.get(name)

    def election(self, election_id: str) -> ElectionSetting | None:
        """The configured election with this id, if any."""
        return next((e for e in self.elections if e.election_id == election_id), None)

    def seats_for(self, election_id: str) -> int | None:
        """Seats configured for an election in campaign.toml, or None (then the data decides)."""
        setting = self.election(election_id)
        return setting.seats if setting else None

    def body_for(self, election_id: str) -> str:
        """What the seats of an election are seats in ("bystyret"); the council name by default."""
        setting = self.election(election_id)
        return setting.body if setting and setting.body else self.council_name

    def target_bydeler(self) -> set[str]:
        """All codes (at the sub-level: bydeler, kommuner or kretser) in any target area."""
        return {b for codes in self.target_areas.values() for b in codes}

    def in_area(self, kommune_id: str | None) -> bool:
        """True for a kommune code inside the branch's area (its kommune, or any kommune of its fylke)."""
        if not kommune_id:
            return False
        return kommune_id == self.kommune_id if self.kommune_id else kommune_id[:2] == self.fylke_id

    def in_fylke(self, kommune_id: str | None) -> bool:
        """True for a kommune of the branch's fylke: what the store keeps from a whole-country file,
        so that a county branch and its kommuner can switch configuration without importing again."""
        return bool(kommune_id) and kommune_id[:2] == self.fylke_id

    def region_of(self, kommune_id: str) -> str | None:
        """The [regions] name a kommune belongs to, or None."""
        return next((name for name, codes in self.regions.items() if kommune_id in codes), None)

    def bloc_of(self, party_code: str) -> str:
        """The bloc a party belongs to, or "Andre"."""
        return next((n for n, ps in self.blocs.items() if party_code in ps), "Andre")


TARGET_KEYS = ("bydeler", "kommuner", "kretser")


def _parse(raw: dict) -> Config:
    org = raw["organisation"]
    for key in ("name", "party_code", "fylke_id"):
        if not org.get(key):
            raise ValueError(f"[organisation] {key} mangler i campaign.toml")
    kommune_id = org.get("kommune_id") or None
    return Config(
        org_name=org["name"],
        party_code=org["party_code"],
        fylke_id=str(org["fylke_id"]),
        kommune_id=str(kommune_id) if kommune_id else None,
        kommune_name=org.get("kommune_name", ""),
        council_name=org.get("council_name", "kommunestyret" if kommune_id else "fylkestinget"),
        first_divisor=float(raw.get("seats", {}).get("first_divisor", 1.4)),
        elections=tuple(ElectionSetting(**e) for e in raw.get("elections", [])),
        target_areas={a["name"]: _target_codes(a) for a in raw.get("target_areas", [])},
        blocs={b["name"]: tuple(b["parties"]) for b in raw.get("blocs", [])},
        bydeler=dict(raw.get("bydeler", {})),
        krets_exceptions=dict(raw.get("krets_to_bydel_exceptions", {})),
        schematic_bydeler=_schematic_positions(raw.get("schematic", {}).get("bydeler", {})),
        campaign_period=_period(raw.get("campaign", {})),
        budgets=(budgets := {name: float(value) for name, value in raw.get("budget", {}).items()}),
        goals=parse_goals(raw.get("goals", []), budgets),
        fylke_name=org.get("fylke_name", ""),
        regions={str(name): tuple(str(c) for c in codes) for name, codes in raw.get("regions", {}).items()},
    )


def _target_codes(area: dict) -> tuple[str, ...]:
    """A target area's codes: one of `bydeler`, `kommuner` or `kretser` (krets keys like "5001-0003")."""
    given = [key for key in TARGET_KEYS if key in area]
    if len(given) != 1:
        raise ValueError(f"[[target_areas]] {area.get('name')!r}: expected exactly one of {', '.join(TARGET_KEYS)}")
    return tuple(str(code) for code in area[given[0]])


def _period(raw: dict) -> tuple[dt.date, dt.date] | None:
    """[campaign] first_date and last_date (TOML dates), or None when either is missing."""
    first, last = raw.get("first_date"), raw.get("last_date")
    if first is None or last is None:
        return None
    if not (isinstance(first, dt.date) and isinstance(last, dt.date) and first <= last):
        raise ValueError(f"[campaign] first_date = {first!r}, last_date = {last!r}: expected two dates, first ≤ last")
    return first, last


def _schematic_positions(raw: dict) -> dict[str, tuple[int, int]]:
    """[schematic.bydeler]: code = [col, row], integers, at most one bydel per tile."""
    positions: dict[str, tuple[int, int]] = {}
    taken: dict[tuple[int, int], str] = {}
    for code, value in raw.items():
        if not (isinstance(value, list) and len(value) == 2 and all(type(v) is int for v in value)):
            raise ValueError(f"[schematic.bydeler] {code} = {value!r}: expected [col, row] (two integers)")
        tile = (value[0], value[1])
        if tile in taken:
            raise ValueError(f"[schematic.bydeler] {code} and {taken[tile]} share the tile {list(tile)}")
        taken[tile] = code
        positions[str(code)] = tile
    return positions


@functools.cache
def load_config(path: str | None = None) -> Config:
    """Read campaign.toml once per process (CAMPAIGN_CONFIG overrides the path)."""
    chosen = Path(path or os.environ.get("CAMPAIGN_CONFIG") or DEFAULT_CONFIG)
    with chosen.open("rb") as fh:
        return _parse(tomllib.load(fh))
