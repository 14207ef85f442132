"""One party colour table, used by every chart."""
from __future__ import annotations

PARTY_COLORS = {
    "A": "#E4202C", "H": "#0065F1", "SV": "#B5317C", "MDG": "#3D8B3D", "RØDT": "#8B0000",
    "V": "#00807B", "FRP": "#024C93", "KRF": "#F0B800", "SP": "#00843D", "PS": "#5B3F94",
    "INP": "#2C3E50", "FNB": "#6D6E70", "PP": "#8E7CC3", "KRISTNE": "#C77C02",
    "DEMN": "#A0522D", "PIR": "#6A1B9A", "LIBS": "#D4A017", "HELSE": "#4FA3A5",
    "BLANKE": "#BDBDBD",
}
OTHER = "#9E9E9E"
PARTY_SHORT = {"A": "Ap", "H": "Høyre", "SV": "SV", "MDG": "MDG", "RØDT": "Rødt", "V": "Venstre",
               "FRP": "FrP", "KRF": "KrF", "SP": "Sp", "PS": "Sentrum", "INP": "INP",
               "FNB": "FNB", "PP": "PP", "BLANKE": "Blanke"}


def party_color(code: str) -> str:
    """The colour of a party (grey for parties without one)."""
    return PARTY_COLORS.get(code, OTHER)


def party_label(code: str) -> str:
    """The short name used on chart axes."""
    return PARTY_SHORT.get(code, code)
