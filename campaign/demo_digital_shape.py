"""Shapes for the digital demo data: day ranges, daily intensity curves and exact integer splits."""
from __future__ import annotations

import datetime as dt

import numpy as np

from campaign.demo import split_integer

WEEKDAY = np.array([1.05, 1.08, 1.06, 1.02, 0.92, 0.88, 0.99])  # Monday … Sunday (invented)


def days(first: dt.date, last: dt.date) -> list[dt.date]:
    """Every day from first to last, both included."""
    return [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]


def ramp(dates: list[dt.date], rng: np.random.Generator, growth: float = 2.0, noise: float = 0.15) -> np.ndarray:
    """Positive daily weights rising towards the last day (quadratically), with weekday rhythm and noise."""
    x = np.linspace(0.0, 1.0, len(dates))
    weekday = WEEKDAY[[d.weekday() for d in dates]]
    return (1.0 + growth * x ** 2) * weekday * rng.lognormal(0.0, noise, len(dates))


def split(total: int, weights) -> np.ndarray:
    """An integer total split in proportion to weights, exactly (largest remainder)."""
    return split_integer(int(total), weights)


def split_capped(total: int, weights, caps) -> np.ndarray:
    """As split, but no part above its cap (what is above moves to parts with room); total ≤ sum(caps)."""
    caps = np.asarray(caps, dtype=np.int64)
    if total > caps.sum():
        raise ValueError(f"{total} does not fit under caps summing to {caps.sum()}")
    out = np.minimum(split(total, weights), caps)
    while out.sum() < total:
        room = caps - out
        out += np.minimum(split(total - out.sum(), room * (np.asarray(weights, dtype=float) + 1e-9)), room)
    return out


def part_of(parent, ratio: float, rng: np.random.Generator, spread: float = 0.1) -> np.ndarray:
    """Per row, about `ratio` of the parent count (never above it): users of sessions, engaged sessions."""
    parent = np.asarray(parent, dtype=np.int64)
    scaled = np.round(parent * ratio * rng.uniform(1 - spread, 1 + spread, len(parent))).astype(np.int64)
    return np.clip(scaled, 0, parent)


def spikes(n: int, rng: np.random.Generator, count: int, size: float) -> np.ndarray:
    """A few days with a burst that fades over the next days (a post that travelled), as extra weight."""
    extra = np.zeros(n)
    for start in rng.choice(n, size=min(count, n), replace=False):
        height = size * rng.lognormal(0.0, 0.5)
        fade = height * 0.45 ** np.arange(n - start)
        extra[start:] += fade
    return extra
