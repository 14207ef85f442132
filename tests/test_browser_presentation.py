"""Presentation mode in a real browser (issue 12): nothing cut off at 1280×720 or 1920×1080, normal and
presentation, on every page; in presentation mode at 1280×720 the page's first chart starts on the first screen;
the top bar moves between pages and elections without leaving the mode, and a reload keeps it.

One Streamlit server for the module (tests/test_browser.py's fixtures), one browser context per size.
Screenshots of every page go to tests/artifacts/presentasjon_<page>_<width>[_normal].png, and the
measurements to tests/artifacts/presentasjon_<width>.json.
"""
from __future__ import annotations

import json

import pytest

from campaign.pages import HOME, PAGES, sections
from tests.test_browser import (  # noqa: F401 - module fixtures: one server and one browser for this file
    ARTIFACTS,
    EXPECTED,
    NBSP,
    PAGE_TIMEOUT_MS,
    app_url,
    browser,
    server_url,
    wait_until_done,
)

SIZES = [(1280, 720), (1920, 1080)]
ORDER = [p for group in sections(every_page=True).values() for p in group]  # the navigation's order
SEEN = 150  # px: the chart's title and some of it show above the fold, not just its top edge

# Elements in the page (sidebar, charts, data grids and code blocks aside) that clip their text – overflow not
# visible, or an ellipsis – and whose text is wider than their box, or text reaching past the page's right edge;
# and Plotly text (titles, labels, source
# lines) reaching outside its chart, where Plotly cuts it. Streamlit scrolls inside stMain: the fold is innerHeight.
MEASURE = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  const text = el => (el.tagName === 'INPUT' ? el.value : el.innerText || '').trim();  // a select box shows an input
  const say = el => (el.getAttribute('data-testid') || el.tagName.toLowerCase()) + ': '
                    + text(el).replace(/\\s+/g, ' ').slice(0, 60);
  const cut = [];
  const block = document.querySelector('[data-testid="stMainBlockContainer"]');
  const edge = block.getBoundingClientRect().right - parseFloat(getComputedStyle(block).paddingRight);
  for (const el of main.querySelectorAll('*')) {
    if (el.closest('.js-plotly-plot, [data-testid="stDataFrame"], [data-testid="stCode"]')) continue;
    if (!el.offsetParent || !text(el)) continue;
    const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    if (own && el.getBoundingClientRect().right > edge + 2) cut.push(`${say(el)} (past the page's right edge)`);
    const css = getComputedStyle(el);
    if (css.overflowX === 'visible' && css.textOverflow !== 'ellipsis') continue;
    if (el.scrollWidth > el.clientWidth + 1) cut.push(`${say(el)} (${el.scrollWidth} > ${el.clientWidth} px)`);
  }
  for (const box of main.querySelectorAll('[data-testid="stDataFrame"], [data-testid="stTable"], .js-plotly-plot'))
    if (box.getBoundingClientRect().right > edge + 2) cut.push(`${say(box)} (past the page's right edge)`);
  const svg = [];
  for (const plot of main.querySelectorAll('.js-plotly-plot')) {
    const box = plot.querySelector('.main-svg').getBoundingClientRect();
    for (const t of plot.querySelectorAll('text')) {
      const r = t.getBoundingClientRect();
      if (r.width && t.textContent.trim() && (r.right > box.right + 1 || r.left < box.left - 1))
        svg.push(t.textContent.slice(0, 50));
    }
  }
  const chart = main.querySelector('.js-plotly-plot');
  return {cut, svg, chart_top: chart ? Math.round(chart.getBoundingClientRect().top) : null, fold: innerHeight};
}"""


def _url(base: str, page, present: bool) -> str:
    return f"{base}/{'' if page is HOME else page.name}" + ("?presentasjon=1" if present else "")


def _visit(page, spec, shot: str) -> dict:
    wait_until_done(page, EXPECTED.get(spec.name, (0,))[0])
    assert page.locator('[data-testid="stException"]').count() == 0, f"{spec.name}: exception box"
    page.screenshot(path=str(ARTIFACTS / f"{shot}.png"))
    return page.evaluate(MEASURE)


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_nothing_cut_off_and_the_chart_on_the_first_screen(app_url, browser, size):  # noqa: F811
    width, height = size
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": width, "height": height})
    found, problems = {}, []
    try:
        page = context.new_page()
        for spec in PAGES:  # normal mode, the sidebar open
            page.goto(_url(app_url, spec, False), timeout=PAGE_TIMEOUT_MS)
            found[f"{spec.name} normal"] = _visit(page, spec, f"presentasjon_{spec.name}_{width}_normal")
        page.goto(_url(app_url, HOME, True), timeout=PAGE_TIMEOUT_MS)
        for number, spec in enumerate(ORDER):  # presentation mode: through the pages with the top bar's «Neste»
            if number:
                page.locator(".st-key-presentation_bar").get_by_role("link", name="Neste").click()
                page.wait_for_url(f"**/{spec.name}?presentasjon=1", timeout=PAGE_TIMEOUT_MS)
                page.mouse.move(1, 1)  # the link's tooltip would cover the page in the screenshot
            found[f"{spec.name} presentation"] = measured = _visit(page, spec, f"presentasjon_{spec.name}_{width}")
            bar = page.locator(".st-key-presentation_bar").inner_text()
            if spec.title not in bar or not page.locator('[data-testid="stSidebar"]').is_hidden():
                problems.append(f"{spec.name}: no top bar with the title, or the sidebar shows:\n{bar}")
            charts = EXPECTED.get(spec.name, (0,))[0]
            if charts and width == 1280 and not measured["chart_top"] < height - SEEN:
                problems.append(f"{spec.name}: the first chart starts at {measured['chart_top']} px, "
                                f"below the first screen ({height} px)")
    finally:
        context.close()
    (ARTIFACTS / f"presentasjon_{width}.json").write_text(json.dumps(found, ensure_ascii=False, indent=1))
    problems += [f"{where}: text cut off: {cut}" for where, m in found.items() for cut in m["cut"]]
    problems += [f"{where}: chart text cut off: {text}" for where, m in found.items() for text in m["svg"]]
    assert not problems, "\n".join(problems)


def test_the_mode_survives_a_reload_a_page_change_and_an_election_change(app_url, browser):  # noqa: F811
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    try:
        page = context.new_page()
        page.goto(f"{app_url}/valgresultat?presentasjon=1", timeout=PAGE_TIMEOUT_MS)
        wait_until_done(page, 5)
        bar = page.locator(".st-key-presentation_bar")
        bar.get_by_role("combobox").first.click()
        page.get_by_role("option", name="Kommunestyrevalget 2019", exact=True).click()
        wait_until_done(page, 2)
        text = page.locator('[data-testid="stMain"]').inner_text().replace(NBSP, " ")
        assert "Kommunestyrevalget 2019 i Oslo" in text
        page.reload(timeout=PAGE_TIMEOUT_MS)  # a new session: the URL keeps the mode, not the election
        wait_until_done(page, 5)
        assert page.url.endswith("/valgresultat?presentasjon=1") and bar.is_visible()
        bar.get_by_role("link", name="Forrige").click()
        page.wait_for_url("**/feltarbeid?presentasjon=1", timeout=PAGE_TIMEOUT_MS)
        wait_until_done(page, 6)
        assert "Feltarbeid" in bar.inner_text()
        bar.get_by_role("button", name="Avslutt").click()
        page.locator('[data-testid="stSidebar"]').wait_for(state="visible", timeout=PAGE_TIMEOUT_MS)
        wait_until_done(page, 1)
        assert "presentasjon" not in page.url and bar.count() == 0
    finally:
        context.close()
