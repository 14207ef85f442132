"""[[goals]] in campaign.toml: what a goal is, and its validation (errors in Norwegian)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

QUERY_DIR = Path(__file__).resolve().parent.parent / "queries"
DIRECTIONS = ("minst", "høyst")
YEAR = "år"  # period = "år": the calendar year of the day the goal is evaluated
KEYS = {"id", "name", "measure", "target", "budget", "band", "unit", "direction", "deadline", "period", "params"}


@dataclass(frozen=True)
class Goal:
    """One goal: a target value or a band, tracked by a named query (measure) returning `value`."""
    id: str
    name: str
    measure: str
    unit: str
    direction: str = "minst"
    target: float | None = None
    band: tuple[float, float] | None = None
    deadline: dt.date | None = None
    period: tuple[dt.date, dt.date] | str | None = None  # (first, last), "år" or None
    params: dict = field(default_factory=dict)  # extra query parameters, e.g. kinds = ["lotteri"]

    def period_for(self, today: dt.date) -> tuple[dt.date, dt.date] | None:
        """The period as dates; "år" is the calendar year of today."""
        if self.period == YEAR:
            return dt.date(today.year, 1, 1), dt.date(today.year, 12, 31)
        return self.period  # type: ignore[return-value]

    def deadline_for(self, today: dt.date) -> dt.date | None:
        """The deadline; without one, the end of the period (if any)."""
        if self.deadline is not None:
            return self.deadline
        period = self.period_for(today)
        return period[1] if period else None


def _fail(label: str, message: str) -> ValueError:
    return ValueError(f"[[goals]] {label}: {message}")


def _text(raw: dict, key: str, label: str) -> str:
    value = raw.get(key)
    if not isinstance(value, str) or not value.strip():
        raise _fail(label, f"«{key}» mangler eller er ikke en tekst")
    return value


def _number(value, label: str, key: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _fail(label, f"«{key}» må være et tall, ikke {value!r}")
    return float(value)


def _target_or_band(raw: dict, label: str, budgets: dict[str, float]) -> tuple[float | None,
                                                                             tuple[float, float] | None]:
    if sum(key in raw for key in ("target", "budget", "band")) != 1:
        raise _fail(label, "oppgi nøyaktig én av «target», «budget» og «band»")
    if "budget" in raw:
        if raw["budget"] not in budgets:
            raise _fail(label, f"«budget» = {raw['budget']!r}: finnes ikke under [budget]")
        return budgets[raw["budget"]], None
    if "target" in raw:
        return _number(raw["target"], label, "target"), None
    band = raw["band"]
    if not (isinstance(band, list) and len(band) == 2):
        raise _fail(label, f"«band» må være [lav, høy], ikke {band!r}")
    low, high = (_number(v, label, "band") for v in band)
    if low > high:
        raise _fail(label, f"«band» = {band!r}: lav må være mindre enn eller lik høy")
    return None, (low, high)


def _period(raw: dict, label: str) -> tuple[dt.date, dt.date] | str | None:
    value = raw.get("period")
    if value is None or value == YEAR:
        return value
    if not (isinstance(value, list) and len(value) == 2 and all(isinstance(v, dt.date) for v in value)
            and value[0] <= value[1]):
        raise _fail(label, f"«period» må være [første dato, siste dato] eller \"{YEAR}\", ikke {value!r}")
    return value[0], value[1]


def _deadline(raw: dict, label: str) -> dt.date | None:
    value = raw.get("deadline")
    if value is not None and not isinstance(value, dt.date):
        raise _fail(label, f"«deadline» må være en dato (2027-09-13), ikke {value!r}")
    return value


def parse_goal(raw: dict, index: int, budgets: dict[str, float]) -> Goal:
    """One [[goals]] table, validated; budget = "ads_nok" takes its target from [budget]."""
    label = f"nr. {index + 1}" if not isinstance(raw.get("id"), str) else f"«{raw['id']}»"
    unknown = set(raw) - KEYS
    if unknown:
        raise _fail(label, f"ukjente nøkler: {', '.join(sorted(unknown))}")
    measure = _text(raw, "measure", label)
    if not (QUERY_DIR / f"{measure}.sql").exists():
        raise _fail(label, f"«measure» = {measure!r}: finner ingen spørring queries/{measure}.sql")
    direction = raw.get("direction", "minst")
    if direction not in DIRECTIONS:
        raise _fail(label, f"«direction» må være «minst» eller «høyst», ikke {direction!r}")
    if not isinstance(raw.get("params", {}), dict):
        raise _fail(label, "«params» må være en tabell")
    target, band = _target_or_band(raw, label, budgets)
    return Goal(id=_text(raw, "id", label), name=_text(raw, "name", label), measure=measure,
                unit=_text(raw, "unit", label), direction=direction, target=target, band=band,
                deadline=_deadline(raw, label), period=_period(raw, label), params=dict(raw.get("params", {})))


def parse_goals(raw: list, budgets: dict[str, float]) -> tuple[Goal, ...]:
    """All [[goals]], with unique ids."""
    if not isinstance(raw, list) or not all(isinstance(item, dict) for item in raw):
        raise ValueError("[[goals]]: hvert mål må være en egen [[goals]]-tabell")
    goals = tuple(parse_goal(item, i, budgets) for i, item in enumerate(raw))
    ids = [g.id for g in goals]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise ValueError(f"[[goals]]: samme «id» brukt flere ganger: {', '.join(duplicates)}")
    return goals
