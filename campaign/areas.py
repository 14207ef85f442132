"""Area codes: polling districts (kretser) to city districts (bydeler)."""
from __future__ import annotations

from campaign.config import Config

# Kretser that belong to no bydel: 0000 "Uoppgitt krets" (all advance votes), the
# advance-voting places 40xx, and 9998/9999 (other and late advance votes).
NO_BYDEL_KRETSER = {"0000", "9998", "9999"}


def belongs_to_no_bydel(krets_id: str) -> bool:
    """True for 0000, the advance-voting places 40xx, and 9998/9999."""
    return krets_id in NO_BYDEL_KRETSER or krets_id.startswith("40")


def krets_to_bydel(krets_id: str, kommune_id: str, config: Config) -> str | None:
    """The 6-digit SSB bydel code of a krets `BBNN`, or None when it belongs to no bydel."""
    if kommune_id != config.kommune_id or not config.bydeler:
        return None
    if belongs_to_no_bydel(krets_id):
        return None
    if krets_id in config.krets_exceptions:
        return config.krets_exceptions[krets_id]
    candidate = f"{kommune_id}{krets_id[:2]}"
    return candidate if candidate in config.bydeler else None


def krets_area_id(kommune_id: str, krets_id: str) -> str:
    """The turnout view's key for a krets: kommune and krets number, e.g. 0301-1203."""
    return f"{kommune_id}-{krets_id}"
