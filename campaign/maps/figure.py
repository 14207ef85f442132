"""Area maps: one metric per bydel or krets as filled shapes. A figure builder; it never queries.

Shapes are drawn as filled x/y paths in Web Mercator, not as Plotly geo traces: geo traces
fetch a world outline from the internet even when it is hidden, and the dashboard must work
offline on a projector.
"""
from __future__ import annotations

import pandas as pd
import plotly.colors
import plotly.graph_objects as go

from campaign import fmt
from campaign.charts import MAX_LABELS, _figure
from campaign.maps.geometry import project

# What each map metric is: label, unit on the legend, colour scale, diverging (centred on 0)?
MAP_METRICS = {
    "share_pct": ("Oppslutning", "%", "RdPu", False),
    "share_change_pp": ("Endring i oppslutning", "pp", "RdBu", True),
    "turnout_pct": ("Valgdeltakelse", "%", "Blues", False),
    "turnout_change_pp": ("Endring i valgdeltakelse", "pp", "RdBu", True),
    "potential": ("Mobiliseringspotensial", "stemmer", "YlOrRd", False),
}
NO_DATA = "#E5E7EB"
SCHEMATIC_NOTE = "Skjematisk kart: like store fliser plassert omtrent slik områdene ligger (ingen grenser importert)."
TILE_LABEL_SIZE = 9  # names on many small schematic tiles
TILE_LABEL_CHARS = 14
CROWDED = 60  # more tiles than this: smaller type and shorter lines (Oslo's ~100 kretser)


def metric_text(metric: str, value) -> str:
    """A metric value formatted with its unit: '10,1 %', '+2,1 pp', '1 234 stemmer'."""
    unit = MAP_METRICS[metric][1]
    if unit == "%":
        return fmt.percent(value)
    if unit == "pp":
        return fmt.pp(value)
    return f"{fmt.number(value)} {unit}"


def tile_label(name: str, chars: int = TILE_LABEL_CHARS) -> str:
    """A name short enough for a small schematic tile: two lines at a space, long words cut with «…»."""
    words = str(name).split()
    lines, line = [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > chars:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    shown = [text if len(text) <= chars else text[:chars - 1] + "…" for text in lines[:2]]
    if len(lines) > 2:
        shown[1] = shown[1][:chars - 1].rstrip() + "…"
    return "<br>".join(shown)


def colorscale(metric: str) -> list[list]:
    """The metric's colour scale; sequential ones skip their near-white end so every area shows on a projector."""
    _, _, name, diverging = MAP_METRICS[metric]
    start = 0.0 if diverging else 0.15
    stops = [start + (1 - start) * i / 10 for i in range(11)]
    return [[i / 10, color] for i, color in enumerate(plotly.colors.sample_colorscale(name, stops))]


def map_note(source: str, attribution: str | None) -> str:
    """The source line under a map, crediting imported boundaries when there are any."""
    return f"{source} Kartdata: {attribution}." if attribution else source


def _range(values: pd.Series, diverging: bool) -> tuple[float, float]:
    if values.empty:
        return 0.0, 1.0
    if diverging:
        bound = float(values.abs().max()) or 1.0
        return -bound, bound
    low, high = float(values.min()), float(values.max())
    return (low, high) if high > low else (low - 1.0, high + 1.0)


def _text_color(fill: str) -> str:
    """White text on dark fills, near-black on light ones (relative luminance)."""
    red, green, blue = plotly.colors.unlabel_rgb(plotly.colors.convert_colors_to_same_type(fill, "rgb")[0][0])
    luminance = (0.2126 * red + 0.7152 * green + 0.0722 * blue) / 255
    return "#FFFFFF" if luminance < 0.45 else "#111111"


def _hover(row) -> str:
    share = (f"Oppslutning {fmt.percent(row.share_pct)} ({fmt.pp(row.share_change_pp)})" if pd.notna(row.share_pct)
             else "Ingen liste")
    if pd.isna(row.turnout_pct):  # no turnout imported: nothing to say about it
        return f"<b>{row.area_name}</b><br>{share}<br>Valgdeltakelse ikke importert"
    return (f"<b>{row.area_name}</b><br>{share}"
            f"<br>Valgdeltakelse {fmt.percent(row.turnout_pct)} ({fmt.pp(row.turnout_change_pp)})"
            f"<br>Stemte ikke: {fmt.number(row.non_voters)}<br>Potensial: {fmt.number(row.potential)} stemmer")


def area_map(frame: pd.DataFrame, shapes: dict, points: dict, metric: str, title: str, counts: str,
             source: str, outline_ids=(), schematic: bool = False, height: int = 720,
             label_size: int = 14, schematic_note: str | None = None) -> go.Figure:
    """Filled shapes (geometry.paths) coloured by one metric, a colour bar with its unit, target areas outlined.

    Up to MAX_LABELS areas are labelled with name and value; more only on schematic tiles (names in
    small type: the tiles say nothing without them), else hover only.
    """
    _, unit, _, diverging = MAP_METRICS[metric]
    scale = colorscale(metric)
    data = frame[frame["area_id"].isin(shapes)]
    low, high = _range(data[metric].dropna(), diverging)
    traces, fills = [], {}
    for row in data.itertuples():
        value = getattr(row, metric)
        color = NO_DATA if pd.isna(value) else plotly.colors.sample_colorscale(scale, (value - low) / (high - low))[0]
        fills[row.area_id] = color
        xs, ys = shapes[row.area_id]
        traces.append(dict(type="scatter", x=xs, y=ys, fill="toself", fillcolor=color, mode="lines",
                           line=dict(color="white", width=1.5), hoveron="fills", name=row.area_name,
                           text=_hover(row), hoverinfo="text", showlegend=False))
    for area_id in (a for a in outline_ids if a in shapes):
        xs, ys = shapes[area_id]
        traces.append(dict(type="scatter", x=xs, y=ys, mode="lines", line=dict(color="#111", width=4),
                           hoverinfo="skip", showlegend=False))
    labelled = [r for r in data.itertuples() if r.area_id in points]
    projected = [project(*points[r.area_id]) for r in labelled]
    few, crowded = len(labelled) <= MAX_LABELS, len(labelled) > CROWDED
    traces.append(dict(
        type="scatter", x=[p[0] for p in projected], y=[p[1] for p in projected],
        mode="text+markers" if few or schematic else "markers",
        text=[f"<b>{r.area_name}</b><br>{metric_text(metric, getattr(r, metric))}" if few
              else tile_label(r.area_name, 10 if crowded else TILE_LABEL_CHARS) for r in labelled],
        textfont=dict(size=label_size if few else TILE_LABEL_SIZE - crowded,
                      color=[_text_color(fills[r.area_id]) for r in labelled]),
        hovertext=[_hover(r) for r in labelled], hoverinfo="text",
        marker=dict(size=1, color=[low], colorscale=scale, cmin=low, cmax=high, showscale=True,
                    colorbar=dict(title=dict(text=unit), ticksuffix=f" {unit}" if unit in ("%", "pp") else "",
                                  len=0.75, thickness=22, tickfont=dict(size=16))),
        showlegend=False))
    notes = [schematic_note or SCHEMATIC_NOTE, source] if schematic else [source]
    hidden = dict(visible=False, showgrid=False, zeroline=False)
    return _figure(traces, title, counts, "<br>".join(notes), height, hovermode="closest",
                   xaxis=hidden, yaxis=dict(hidden, scaleanchor="x", scaleratio=1),
                   margin=dict(l=10, r=10, t=95, b=100))
