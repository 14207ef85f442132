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
from campaign.maps import labels
from campaign.maps.geometry import project

# What each map metric is: label, unit on the legend, colour scale, diverging (centred on 0)?
MAP_METRICS = {
    "share_pct": ("Oppslutning", "%", "RdPu", False),
    "share_change_pp": ("Endring i oppslutning", "pp", "RdBu", True),
    "turnout_pct": ("Valgdeltakelse", "%", "Blues", False),
    "turnout_change_pp": ("Endring i valgdeltakelse", "pp", "RdBu", True),
    "potential": ("Mobiliseringspotensial", "stemmer", "YlOrRd", False),
    "doors": ("Dørbanking", "dører", "Greens", False),
}
ZERO_IS_EMPTY = {"doors"}  # no rounds in an area: grey like «no data», not the scale's lightest colour
OUTLINE_COLORS = ("#111111", "#1F5FA8", "#E07B00", "#2E8B57", "#6A3D9A")  # one per target area, in config order
SOURCE_CHARS = 110  # a source line wraps here (13 px type on a ~900 px chart)
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
    """The source line under a map, crediting imported boundaries on a line of its own when there are any."""
    return f"{source}<br>Kartdata: {attribution}." if attribution else source


def wrapped(text: str, chars: int = SOURCE_CHARS) -> str:
    """Lines (split at <br>) longer than `chars` broken at spaces, so a source line is never cut off."""
    out = []
    for line in text.split("<br>"):
        current = ""
        for word in line.split(" "):
            if current and len(current) + 1 + len(word) > chars:
                out.append(current)
                current = word
            else:
                current = f"{current} {word}" if current else word
        out.append(current)
    return "<br>".join(out)


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
    if isinstance(getattr(row, "hover", None), str):  # a metric that brings its own (Dørbanking)
        return row.hover
    share = (f"Oppslutning {fmt.percent(row.share_pct)} ({fmt.pp(row.share_change_pp)})" if pd.notna(row.share_pct)
             else "Ingen liste")
    if pd.isna(row.turnout_pct):  # no turnout imported: nothing to say about it
        return f"<b>{row.area_name}</b><br>{share}<br>Valgdeltakelse ikke importert"
    return (f"<b>{row.area_name}</b><br>{share}"
            f"<br>Valgdeltakelse {fmt.percent(row.turnout_pct)} ({fmt.pp(row.turnout_change_pp)})"
            f"<br>Stemte ikke: {fmt.number(row.non_voters)}<br>Potensial: {fmt.number(row.potential)} stemmer")


def _fill_color(metric: str, value, scale: list, low: float, high: float) -> str:
    if pd.isna(value) or (metric in ZERO_IS_EMPTY and value == 0):
        return NO_DATA
    return plotly.colors.sample_colorscale(scale, (value - low) / (high - low))[0]


def _outlines(data: pd.DataFrame, shapes: dict, outline_ids) -> list[dict]:
    """Thick outlines of the target areas, one colour and one legend entry per named target area."""
    names = dict(zip(data["area_id"], data["target_area"])) if "target_area" in data else {}
    groups = list(dict.fromkeys(str(names.get(a) or "Målområde") for a in outline_ids if a in shapes))
    traces = []
    for area_id in (a for a in outline_ids if a in shapes):
        group = str(names.get(area_id) or "Målområde")
        first = not any(t["legendgroup"] == group for t in traces)
        xs, ys = shapes[area_id]
        color = OUTLINE_COLORS[groups.index(group) % len(OUTLINE_COLORS)]
        traces.append(dict(type="scatter", x=xs, y=ys, mode="lines", line=dict(color=color, width=4),
                           hoverinfo="skip", name=f"Målområde: {group}" if group != "Målområde" else group,
                           legendgroup=group, showlegend=first))
    return traces


def tile_font(names: list[str], tile_px: float, largest: int) -> tuple[int, int]:
    """(font size, characters per line) so the longest word of any name fits a tile (at least TILE_LABEL_SIZE)."""
    longest = max((len(word) for name in names for word in str(name).split()), default=1)
    size = max(TILE_LABEL_SIZE, min(largest, int(tile_px * 0.9 / (labels.CHAR_WIDTH * longest))))
    return size, max(6, int(tile_px * 0.9 / (labels.CHAR_WIDTH * size)))


def _labels(labelled: list, shapes: dict, points: dict, metric: str, schematic: bool, size: int,
            scale: float) -> tuple[list[str], list | None, list[dict]]:
    """Label texts drawn on the areas ('' when moved), where they go (None: the layer's label points) and
    annotations for the labels moved out of small or crowded areas."""
    texts = [f"<b>{r.area_name}</b><br>{metric_text(metric, getattr(r, metric))}" for r in labelled]
    if schematic:  # equal tiles never overlap: names wrapped to the tile (full name in the hover)
        _, chars = tile_font([r.area_name for r in labelled], _width(shapes[labelled[0].area_id]) * scale, size)
        return [f"<b>{tile_label(r.area_name, chars)}</b><br>{metric_text(metric, getattr(r, metric))}"
                for r in labelled], None, []
    areas = [labels.polygon(shapes[r.area_id]) for r in labelled]
    spots = labels.place([(labels.anchor(a) or project(*points[r.area_id]), labels.text_size(t, size), a)
                          for r, t, a in zip(labelled, texts, areas)], scale)
    moved = [dict(x=p.anchor[0], y=p.anchor[1], ax=p.x, ay=p.y, axref="x", ayref="y", text=t, showarrow=True,
                  arrowhead=0, arrowwidth=1.5, arrowcolor="#333", bgcolor="rgba(255,255,255,0.92)",
                  bordercolor="#333", borderwidth=1, borderpad=2, font=dict(size=size, color="#111"))
             for p, t in zip(spots, texts) if p.moved]
    return [("" if p.moved else t) for p, t in zip(spots, texts)], [(p.anchor if p.moved else (p.x, p.y))
                                                                     for p in spots], moved


def _width(path: tuple[list, list]) -> float:
    xs = [x for x in path[0] if x is not None]
    return max(xs) - min(xs)


def _colorbar(unit: str) -> dict:
    return dict(title=dict(text=unit), ticksuffix=f" {unit}" if unit in ("%", "pp") else "", separatethousands=True,
                exponentformat="none", len=0.75, thickness=22, tickfont=dict(size=16))


def area_map(frame: pd.DataFrame, shapes: dict, points: dict, metric: str, title: str, counts: str,
             source: str, outline_ids=(), schematic: bool = False, height: int = 720,
             label_size: int = 14, schematic_note: str | None = None) -> go.Figure:
    """Filled shapes (geometry.paths) coloured by one metric, a colour bar with its unit, target areas outlined
    and named in the legend.

    Up to MAX_LABELS areas are labelled with name and value (moved out with a leader line where they do not
    fit); more only on schematic tiles (names in small type: the tiles say nothing without them), else hover only.
    """
    _, unit, _, diverging = MAP_METRICS[metric]
    scale = colorscale(metric)
    data = frame[frame["area_id"].isin(shapes)]
    low, high = _range(data[metric].dropna(), diverging)
    fills = {r.area_id: _fill_color(metric, getattr(r, metric), scale, low, high) for r in data.itertuples()}
    traces = [dict(type="scatter", x=shapes[r.area_id][0], y=shapes[r.area_id][1], fill="toself",
                   fillcolor=fills[r.area_id], mode="lines", line=dict(color="white", width=1.5), hoveron="fills",
                   name=r.area_name, text=_hover(r), hoverinfo="text", showlegend=False) for r in data.itertuples()]
    outlines = _outlines(data, shapes, outline_ids)
    labelled = [r for r in data.itertuples() if r.area_id in points]
    projected = [project(*points[r.area_id]) for r in labelled]
    few, crowded = len(labelled) <= MAX_LABELS, len(labelled) > CROWDED
    notes = wrapped("<br>".join([schematic_note or SCHEMATIC_NOTE, source] if schematic else [source]))
    margin = dict(l=10, r=10, t=125 if outlines else 95, b=80 + 18 * notes.count("<br>"))
    px = labels.px_per_unit({a: shapes[a] for a in data["area_id"]}, height, margin["t"] + margin["b"])
    if few and schematic and labelled:
        label_size, _ = tile_font([r.area_name for r in labelled], _width(shapes[labelled[0].area_id]) * px,
                                  label_size)
    texts, spots, moved = (_labels(labelled, shapes, points, metric, schematic, label_size, px) if few
                    else ([tile_label(r.area_name, 10 if crowded else TILE_LABEL_CHARS) for r in labelled], None, []))
    projected = spots or projected
    traces += outlines + [dict(
        type="scatter", x=[p[0] for p in projected], y=[p[1] for p in projected],
        mode="text+markers" if few or schematic else "markers", text=texts,
        textfont=dict(size=label_size if few else TILE_LABEL_SIZE - crowded,
                      color=[_text_color(fills[r.area_id]) for r in labelled],
                      shadow="auto" if few else "none"),  # a halo where a name spills over its area's edge
        hovertext=[_hover(r) for r in labelled], hoverinfo="text",
        marker=dict(size=1, color=[low], colorscale=scale, cmin=low, cmax=high, showscale=True,
                    colorbar=_colorbar(unit)), showlegend=False)]
    hidden = dict(visible=False, showgrid=False, zeroline=False)
    figure = _figure(traces, title, counts, notes, height, hovermode="closest", annotations=moved,
                   xaxis=hidden, yaxis=dict(hidden, scaleanchor="x", scaleratio=1), margin=margin,
                   showlegend=bool(outlines), legend=dict(orientation="h", x=0, y=1.0, xanchor="left",
                                                         yanchor="bottom", font=dict(size=14)))
    figure.layout.annotations[0].align = "left"  # the source lines, one under the other
    return figure
