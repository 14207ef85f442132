"""Presentation mode (projector, `?presentasjon=1`): its CSS, chart scaling, the camera button's PNG size and
the previous/next page. Pure functions; the Streamlit side is in campaign/ui.py."""
from __future__ import annotations

import re
import textwrap

import plotly.graph_objects as go

FONT_SCALE = 1.2  # chart type on the projector: 18 px → 22 px, titles 24 → 29
PNG = {"format": "png", "width": 1920, "height": 1080, "scale": 1}  # the camera button: one projector slide

# Streamlit sizes its type in rem, so the root font size scales text, headings, metrics and st.table; 17 px at
# 1280 wide, 22 px at 1920 (not st.dataframe: a canvas with its own pixel sizes, and CSS zoom pushes it past the
# page's edge). The page's own title moves into the top bar; the demo banner is a one-line note.
CSS = """<style>
[data-testid='stSidebar'],[data-testid='stSidebarCollapsedControl'],[data-testid='stHeader']{display:none}
html{font-size:clamp(17px,1.15vw,24px)}
.block-container{padding:0.4rem 1.5rem 2rem;max-width:100%}
[data-testid='stMain'] [data-testid='stElementContainer']:has(h1){display:none}
[data-testid='stMain'] h2{font-size:1.6rem;padding:0.6rem 0 0.3rem}
[data-testid='stMain'] h3{font-size:1.3rem}
[data-testid='stMetricValue']{font-size:2rem}
[data-testid='stMetricLabel'] *{white-space:normal !important}
.st-key-presentation_bar{position:sticky;top:0;z-index:999;background:white;border-bottom:1px solid #ddd;
  padding:0.2rem 0;gap:0.6rem}
.st-key-presentation_bar p{margin:0}
.st-key-presentation_bar [data-testid='stPageLink'] a{padding:0.1rem 0.4rem}
.st-key-presentation_title p{font-size:1.35rem;font-weight:700;white-space:nowrap;line-height:1.2}
.st-key-presentation_title [data-testid='stMarkdownContainer']{margin-bottom:0}
.st-key-presentation_demo p{font-size:0.85rem;color:#8a5a00}
[data-testid='stElementContainer']:has(> [data-testid='stMarkdown'] style){display:none}
</style>"""

SUBTITLE_CHARS = 100  # a longer subtitle is wrapped: it must fit a full-width chart at 1280 px with the sidebar
COLUMN_CHARS = 64  # … and in a column, the narrowest chart (680 px, see COLUMNS_CSS)
TITLE_PAD = 40  # px from the top to the title's first baseline, about (Plotly anchors multi-line titles so)
TITLE_BLOCK = 80  # px of top margin a title and one subtitle line need under TITLE_PAD
LEGEND_ROW = 30  # px: a horizontal legend above the plot gets its own row under a wrapped subtitle
SUBTITLE_LINE = 32  # px a wrapped subtitle line adds (Plotly spaces title lines by the title's font size)
# Two charts side by side only when each gets 680 px: narrower (1280 px with the sidebar open) they stack,
# full width, so no title, label or source line is cut off.
COLUMNS_CSS = ("[data-testid='stHorizontalBlock']:has(.js-plotly-plot){flex-wrap:wrap}"
               "[data-testid='stColumn']:has(.js-plotly-plot){min-width:min(100%,680px)}")

FONT_KEYS = ("font", "tickfont", "textfont", "insidetextfont", "outsidetextfont", "title_font")


def scaled(figure: go.Figure, factor: float = FONT_SCALE) -> go.Figure:
    """A copy of the figure with the layout's type (titles, axes, legend, notes, and text that inherits the base
    font) and its margins `factor` times larger, heights kept. Fonts set on traces stay: the builders size them
    to fit (map labels to their tiles)."""
    spec = figure.to_plotly_json()
    layout = spec.setdefault("layout", {})
    _scale_fonts(layout, factor)
    if "margin" in layout:
        layout["margin"] = {k: (round(v * factor) if k in "lrtb" and isinstance(v, int | float) else v)
                            for k, v in layout["margin"].items()}
    for annotation in layout.get("annotations") or []:
        if "yshift" in annotation:
            annotation["yshift"] = round(annotation["yshift"] * factor)
    pad = (layout.get("title") or {}).get("pad") or {}
    if "t" in pad:
        pad["t"] = round(pad["t"] * factor)
    if "uniformtext" in layout and "minsize" in layout["uniformtext"]:
        layout["uniformtext"]["minsize"] = round(layout["uniformtext"]["minsize"] * factor)
    return go.Figure(spec)


def wrapped(figure: go.Figure, chars: int = SUBTITLE_CHARS) -> go.Figure:
    """The figure with a long subtitle (the `<sup>` line of charts._figure's title) wrapped at `chars` characters,
    the top margin and the height grown by the added lines; the figure itself when there is nothing to wrap."""
    text = figure.layout.title.text or ""
    head, sep, rest = text.partition("<sup>")
    sub, end, tail = rest.partition("</sup>")
    if not sep or not end or len(sub) <= chars or "<" in sub:
        return figure
    count = -(-len(sub) // chars)  # lines of about equal length, no lone last word
    lines = textwrap.wrap(sub, min(chars, -(-len(sub) // count) + 6), break_long_words=False, break_on_hyphens=False)
    legend = figure.layout.legend
    legend_above = bool(figure.layout.showlegend) and (legend.y or 0) > 1 and legend.orientation == "h"
    top = figure.layout.margin.t or 0
    wanted = TITLE_BLOCK + SUBTITLE_LINE * (len(lines) - 1) + (LEGEND_ROW if legend_above else 0)
    added = max(wanted - top, 0)
    height = figure.layout.height
    subtitle = "<br>".join(f"<sup>{line}</sup>" for line in lines)  # Plotly ends a tag at a line break
    # From the top (not centred in the top margin, Plotly's default): the added lines push the plot down.
    spec = {"title": {"text": f"{head}{subtitle}{tail}", "yref": "container", "y": 1, "yanchor": "top",
                      "pad": {"t": TITLE_PAD}}}
    spec["margin"] = {"t": top + added}
    if height is not None:
        spec["height"] = height + added
    return go.Figure(figure).update_layout(spec)


def _scale_fonts(node, factor: float) -> None:
    if isinstance(node, list):
        for item in node:
            _scale_fonts(item, factor)
    elif isinstance(node, dict):
        for key, value in node.items():
            if key in FONT_KEYS and isinstance(value, dict) and isinstance(value.get("size"), int | float):
                value["size"] = round(value["size"] * factor, 1)
            _scale_fonts(value, factor)


def image_options(figure: go.Figure) -> dict:
    """The camera button's settings: a 1920×1080 PNG named after the chart's title."""
    title = figure.layout.title.text or "diagram"
    return {**PNG, "filename": file_name(title)}


def file_name(title: str) -> str:
    """«SV per bydel<br><sup>…</sup>» → «sv_per_bydel» (the first line, Norwegian letters kept)."""
    first = re.split(r"<br\s*/?>", title)[0]
    words = re.findall(r"[0-9a-zæøå]+", re.sub(r"<[^>]+>", "", first).lower())
    return "_".join(words)[:60] or "diagram"


def neighbours(names: list[str], current: str) -> tuple[str | None, str | None]:
    """The pages before and after `current` in `names` (None at either end, or when not there)."""
    if current not in names:
        return None, None
    i = names.index(current)
    return (names[i - 1] if i > 0 else None), (names[i + 1] if i + 1 < len(names) else None)
