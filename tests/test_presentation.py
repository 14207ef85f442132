"""campaign/presentation.py: the projector's chart scaling, subtitle wrapping, PNG file names, previous/next."""
from __future__ import annotations

import plotly.graph_objects as go

from campaign import charts, presentation

SUB = "Avgitte stemmer / stemmeberettigede (endring i pp); målområder uthevet"  # 72 characters


def _figure(sub: str = SUB, **layout) -> go.Figure:
    return charts.styled_figure([dict(type="bar", x=[1], y=["a"], textfont=dict(size=16))], "Valgdeltakelse per bydel",
                                sub, "Kilde: Eksempeldata.", 500, **layout)


def test_scaled_makes_the_layout_type_and_margins_larger_and_keeps_the_figure():
    figure = _figure()
    big = presentation.scaled(figure, 1.5)
    assert big.layout.font.size == 27 and big.layout.title.font.size == 36
    assert big.layout.annotations[0].font.size == 19.5
    assert big.data[0].textfont.size == 16  # sized by its builder to fit (map labels in their tiles)
    assert big.layout.margin.t == round(95 * 1.5) and big.layout.height == 500
    assert figure.layout.font.size == 18  # the cached figure is not changed


def test_a_long_subtitle_is_wrapped_in_lines_of_about_equal_length():
    figure = _figure()
    wrapped = presentation.wrapped(figure, 64)
    title = wrapped.layout.title.text
    assert title == ("Valgdeltakelse per bydel<br><sup>Avgitte stemmer / stemmeberettigede</sup><br>"
                     "<sup>(endring i pp); målområder uthevet</sup>")
    assert wrapped.layout.margin.t == presentation.TITLE_BLOCK + presentation.SUBTITLE_LINE
    assert wrapped.layout.height == 500 + wrapped.layout.margin.t - 95  # the plot keeps its height
    assert presentation.wrapped(figure, 100) is figure  # fits: untouched
    assert presentation.wrapped(_figure("<b>" + SUB + "</b>"), 64).layout.title.text.count("<br>") == 1  # markup kept


def test_a_legend_above_the_plot_gets_its_own_row_under_a_wrapped_subtitle():
    legend = dict(showlegend=True, legend=dict(orientation="h", y=1.02, yanchor="bottom"))
    plain, with_legend = (presentation.wrapped(_figure(**extra), 64) for extra in ({}, legend))
    assert with_legend.layout.margin.t == plain.layout.margin.t + presentation.LEGEND_ROW


def test_the_camera_button_names_the_png_after_the_chart():
    assert presentation.image_options(_figure()) == {"format": "png", "width": 1920, "height": 1080, "scale": 1,
                                                     "filename": "valgdeltakelse_per_bydel"}
    assert presentation.file_name("<b>Ringt og nådd</b> – 2023<br><sup>x</sup>") == "ringt_og_nådd_2023"
    assert presentation.file_name("") == "diagram"


def test_neighbours_in_the_navigation_order():
    names = ["forside", "i_dag", "banke"]
    assert presentation.neighbours(names, "forside") == (None, "i_dag")
    assert presentation.neighbours(names, "i_dag") == ("forside", "banke")
    assert presentation.neighbours(names, "banke") == ("i_dag", None)
    assert presentation.neighbours(names, "sql") == (None, None)  # a page the role may not see
