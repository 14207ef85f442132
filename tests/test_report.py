"""`python -m campaign report`: the evaluation deck as a self-contained HTML file and as a 16:9 PDF."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from campaign.cli import main
from campaign.fmt import NBSP

GOAL_FIGURES = ("27 av 59", "363 stemmer bak MDG", "29 representanter i bydelsutvalgene, mot 24 i 2019",
                "SV vokste i alle 5 bydelene i målområdene", "2 av 4 mål nådd")


def report(tmp_path: Path, demo_dir: Path, monkeypatch, capsys, name: str, *extra: str) -> tuple[int, str, str]:
    monkeypatch.setenv("CAMPAIGN_DATA_DIR", str(demo_dir))  # restored after the test (the command sets it)
    code = main(["report", "ko2023", "--data-dir", str(demo_dir), "--out", str(tmp_path / name), *extra])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_html_deck_is_self_contained_with_the_goal_figures(tmp_path, demo_dir, monkeypatch, capsys):
    code, out, err = report(tmp_path, demo_dir, monkeypatch, capsys, "rapport.html")
    assert code == 0 and err == "", err
    assert re.match(r"rapport: \d+ lysbilder \(Kommunestyrevalget 2023 i Oslo – sammenlignet med Kommunestyrevalget "
                    r"2019\)", out)
    page = (tmp_path / "rapport.html").read_text(encoding="utf-8").replace(NBSP, " ")
    findings = page.count('<section class="slide" id=')  # the cover and «Ikke med» have no id
    assert findings >= 6 and page.count('<section class="slide cover">') == 1
    assert page.count("Plotly.newPlot(") == findings and "<script src=" not in page  # Plotly inlined once
    assert page.count("plotly.js v") == 1  # the bundle's banner: inlined once, no CDN link
    for figure in GOAL_FIGURES:
        assert figure in page, figure
    assert "Eksempeldata – tallene er generert" in page and "@page { size: 1280px 720px" in page


@pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="/usr/bin/chromium mangler: PDF-en skrives "
                    "av Chromium (Debian-pakken chromium)")
def test_pdf_has_16_9_pages_holding_the_goal_figures(tmp_path, demo_dir, monkeypatch, capsys):
    pypdf = pytest.importorskip("pypdf", reason="pypdf (requirements-dev.txt) trengs for å lese teksten i PDF-en")
    code, out, err = report(tmp_path, demo_dir, monkeypatch, capsys, "rapport.pdf", "--compare", "ko2019")
    assert code == 0, err
    reader = pypdf.PdfReader(tmp_path / "rapport.pdf")
    assert len(reader.pages) >= 7
    box = reader.pages[0].mediabox
    assert round(float(box.width) / float(box.height), 3) == round(16 / 9, 3)
    text = " ".join(" ".join(p.extract_text().replace(NBSP, " ").split()) for p in reader.pages)
    for figure in GOAL_FIGURES:
        assert figure in text, figure
    assert "Skolevalget 2023: SV 16,2 % (2 342 stemmer)" in text


def test_without_chromium_a_norwegian_error_and_exit_1(tmp_path, demo_dir, monkeypatch, capsys):
    from campaign import report_deck

    monkeypatch.setattr(report_deck, "chromium", lambda: None)
    code, out, err = report(tmp_path, demo_dir, monkeypatch, capsys, "rapport.pdf")
    assert code == 1 and "Feil: fant ikke Chromium" in err and "--out rapport.html" in err
    assert not (tmp_path / "rapport.pdf").exists()


@pytest.mark.parametrize(("args", "message"), [
    (["report", "ko2099", "--out", "x.pdf"], "ingen resultater for «ko2099» i lageret"),
    (["report", "ko2023", "--compare", "st2099", "--out", "x.pdf"], "ingen resultater for «st2099»"),
    (["report", "ko2023", "--out", "x.docx"], "må slutte på .pdf eller .html"),
])
def test_wrong_arguments_are_named(tmp_path, demo_dir, monkeypatch, capsys, args, message):
    monkeypatch.setenv("CAMPAIGN_DATA_DIR", str(demo_dir))
    monkeypatch.chdir(tmp_path)
    assert main([*args, "--data-dir", str(demo_dir)]) == 1
    assert message in capsys.readouterr().err
    assert not list(tmp_path.iterdir())
