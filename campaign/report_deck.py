"""The evaluation deck to hand out: the «Evaluering» slides as one self-contained 16:9 HTML file (Plotly's
JavaScript inlined once, so it opens offline), or that HTML printed to PDF by the system Chromium.

PDF needs Chromium (Debian package `chromium`, /usr/bin/chromium; CAMPAIGN_CHROMIUM chooses another binary).
"""
from __future__ import annotations

import html
import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import plotly.graph_objects as go
from plotly.offline import get_plotlyjs

from campaign import queries
from campaign.evaluation_slides import Deck, Slide, build_deck

WIDTH, HEIGHT = 1280, 720  # px: one 16:9 page, the projector's resolution
CHART_HEIGHT, GOALS_CHART_HEIGHT = 540, 300
MARK = {"met": ("#2E7D32", "●"), "missed": ("#C62828", "●"), "unknown": ("#9E9E9E", "○")}  # no emoji font needed
STYLE = """
@page { size: 1280px 720px; margin: 0; }
* { box-sizing: border-box; }
body { margin: 0; background: #555; font-family: "Source Sans 3", "Source Sans Pro", Arial, sans-serif; color: #111; }
.slide { width: 1280px; height: 720px; margin: 16px auto; padding: 26px 40px 16px; background: #fff;
  display: flex; flex-direction: column; overflow: hidden; break-after: page; page-break-after: always; }
.slide h1 { font-size: 30px; line-height: 1.2; margin: 0 0 10px; }
.slide.cover h1 { font-size: 46px; margin-top: 200px; }
.slide p, .slide li { font-size: 21px; line-height: 1.35; margin: 4px 0; }
.slide ul { padding-left: 0; list-style: none; margin: 4px 0 8px; }
.chart { flex: 1; min-height: 0; }
.foot { font-size: 14px; color: #555; display: flex; justify-content: space-between; gap: 24px; }
.demo { color: #8a4b00; font-weight: 600; }
@media print { body { background: #fff; } .slide { margin: 0; } }
"""


class ReportError(Exception):
    """The report could not be written; the message is Norwegian."""


def _figure_json(figure: go.Figure, height: int) -> str:
    """The figure as JSON at a fixed size, safe inside a <script> element."""
    sized = go.Figure(figure)  # a copy: the deck may be cached and shared
    sized.update_layout(height=height, width=WIDTH - 80, autosize=False)
    return sized.to_json().replace("</", "<\\/")


def _slide_html(slide: Slide, number: int, total: int) -> tuple[str, str]:
    """One slide's <section> and the script that draws its chart."""
    goals = "".join(f'<li><span style="color:{MARK[s.status][0]}">{MARK[s.status][1]}</span> '
                    f"<b>{html.escape(s.goal.name)}: {html.escape(s.label.lower())}.</b> {html.escape(s.sentence)}</li>"
                    for s in slide.goals)
    chart_id = f"chart{number}"
    chart = f'<div class="chart" id="{chart_id}"></div>' if slide.figure is not None else ""
    note = f"<p>{html.escape(slide.note)}</p>" if slide.note else ""
    section = (f'<section class="slide" id="{slide.key}"><h1>{html.escape(slide.title)}</h1>'
               f'{"<ul>" + goals + "</ul>" if goals else ""}{chart}{note}'
               f'<div class="foot"><span>{html.escape(slide.source)} {html.escape(slide.stamp)}.</span>'
               f"<span>{number} / {total}</span></div></section>")
    if slide.figure is None:
        return section, ""
    height = GOALS_CHART_HEIGHT if slide.goals else CHART_HEIGHT
    script = (f"Plotly.newPlot({json.dumps(chart_id)}, ...(f => [f.data, f.layout])"
              f"({_figure_json(slide.figure, height)}), {{displaylogo: false, displayModeBar: false}});")
    return section, script


def deck_html(deck: Deck, demo: bool = False) -> str:
    """The whole deck as one HTML document: a cover, the slides, and what was left out."""
    total = len(deck.slides) + 1 + bool(deck.missing)
    marker = ('<p class="demo">Eksempeldata – tallene er generert for demonstrasjon.</p>' if demo else "")
    parts = [f'<section class="slide cover"><h1>Evaluering: {html.escape(deck.heading)}</h1>{marker}'
             f"<p>{len(deck.slides)} lysbilder, ett spørsmål hver – svaret står i overskriften.</p></section>"]
    scripts = []
    for number, slide in enumerate(deck.slides, start=2):
        section, script = _slide_html(slide, number, total)
        parts.append(section)
        scripts.append(script)
    if deck.missing:
        items = "".join(f"<li>{html.escape(m)}</li>" for m in deck.missing)
        parts.append(f'<section class="slide"><h1>Ikke med i denne rapporten</h1><ul>{items}</ul>'
                     f'<div class="foot"><span></span><span>{total} / {total}</span></div></section>')
    return (f'<!DOCTYPE html><html lang="nb"><head><meta charset="utf-8"><title>Evaluering – '
            f"{html.escape(deck.heading)}</title><style>{STYLE}</style>"
            f"<script>{get_plotlyjs()}</script></head><body>{''.join(parts)}"
            f"<script>{''.join(scripts)}</script></body></html>")


def chromium() -> str | None:
    """The Chromium binary: CAMPAIGN_CHROMIUM, /usr/bin/chromium, or chromium/chromium-browser on PATH."""
    for candidate in (os.environ.get("CAMPAIGN_CHROMIUM"), "/usr/bin/chromium"):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    return shutil.which("chromium") or shutil.which("chromium-browser")


def print_pdf(page: str, out: Path, timeout_s: float = 120.0) -> None:
    """Print an HTML document to a PDF file with headless Chromium (16:9 pages from the CSS @page)."""
    out.write_bytes(pdf_bytes(page, timeout_s))


def pdf_bytes(page: str, timeout_s: float = 120.0) -> bytes:
    """An HTML document printed to PDF by headless Chromium; ReportError (Norwegian) when it cannot be."""
    binary = chromium()
    if binary is None:
        raise ReportError("fant ikke Chromium (/usr/bin/chromium). Installer Debian-pakken «chromium», sett "
                          "CAMPAIGN_CHROMIUM til nettleseren, eller skriv HTML i stedet (--out rapport.html).")
    with tempfile.TemporaryDirectory(prefix="rapport-") as work:
        source = Path(work) / "rapport.html"
        source.write_text(page, encoding="utf-8")
        target = Path(work) / "rapport.pdf"
        command = [binary, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                   "--disable-component-update", "--no-first-run", f"--user-data-dir={work}/profil",
                   "--no-pdf-header-footer", "--virtual-time-budget=30000", f"--print-to-pdf={target}",
                   source.as_uri()]
        try:
            done = subprocess.run(command, capture_output=True, timeout=timeout_s, check=False)
        except subprocess.TimeoutExpired:
            raise ReportError(f"Chromium ble ikke ferdig med PDF-en på {int(timeout_s)} sekunder.") from None
        if not target.is_file() or target.stat().st_size == 0:
            why = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["ukjent feil"]
            raise ReportError(f"Chromium skrev ingen PDF (avslutningskode {done.returncode}: {why[0]}).")
        return target.read_bytes()


def write_report(election_id: str, compare_id: str | None, out: Path) -> Deck:
    """Write the deck to `out`: HTML for .html/.htm, PDF for .pdf; returns the deck."""
    suffix = out.suffix.lower()
    if suffix not in (".pdf", ".html", ".htm"):
        raise ReportError(f"«{out.name}»: filen må slutte på .pdf eller .html.")
    deck = build_deck(election_id, compare_id)
    page = deck_html(deck, demo=bool(queries.data_status()["demo_imports"]))
    if suffix == ".pdf":
        print_pdf(page, out)
    else:
        out.write_text(page, encoding="utf-8")
    return deck
