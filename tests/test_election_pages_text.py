"""The election pages on the Oslo demo: no «None», «nan» or English words, every negative with «−»."""
from __future__ import annotations

import re

import pytest
from streamlit.proto.Metric_pb2 import Metric

from tests.apptest import open_page
from tests.test_results_branches import assert_no_none_or_nan, page_texts

DOWN, UP, RED = Metric.MetricDirection.DOWN, Metric.MetricDirection.UP, Metric.MetricColor.RED
ENGLISH = re.compile(r"\b(Upload|Download|rows|Error|Errno|Browse files|per file)\b")
ASCII_NEGATIVE = re.compile(r"(?<![\w.])-\d")  # «-1,8 pp»; dates, codes («0301-1201») and ranges are not numbers


@pytest.mark.parametrize("page", ["views/valgresultat.py", "views/valgdeltakelse.py", "views/banke.py"])
@pytest.mark.parametrize(("election", "compare"), [("ko2023", "ko2019"), ("st2021", "(ingen)"), ("ko2019", "st2021")])
def test_election_page_text_is_norwegian_and_complete(demo_env, page, election, compare):
    at = open_page(page)
    at.session_state["election_id"] = election
    at.session_state["compare_id"] = compare
    at.run()
    assert not at.exception, at.exception
    assert_no_none_or_nan(at)
    texts = page_texts(at)
    assert not [t for t in texts if ENGLISH.search(str(t))]
    shown = [t for t in texts if not t.startswith(("%{", "<b>%{"))]
    assert not [t for t in shown if ASCII_NEGATIVE.search(t)], [t for t in shown if ASCII_NEGATIVE.search(t)][:5]
    if compare != "(ingen)":
        assert any("\u2212" in t for t in shown)  # the falls are there, written with the minus sign
    for metric in at.metric:  # Streamlit reads only an ASCII «-» as a fall: a «−» change is red and points down
        if metric.proto.delta.startswith("\u2212"):
            assert (metric.proto.direction, metric.proto.color) == (DOWN, RED), metric.label
        elif metric.proto.delta.startswith("+"):
            assert metric.proto.direction == UP, metric.label
