"""The election charts (campaign/charts.py): party names not codes, the minus sign, room for the bar labels."""
from __future__ import annotations

import pandas as pd

from campaign import charts

SHARES = pd.DataFrame({
    "party_code": ["SV", "LIBS", "DEMN", "GENP", "XYZ"],
    "party_name": ["SV - Sosialistisk Venstreparti", "Liberalistene", "Demokratene i Norge", "Generasjonspartiet",
                   "Norges Kommunistiske Parti og Venner"],
    "votes": [30000, 400, 200, 150, 90], "share_pct": [10.1, 0.13, 0.07, 0.05, 0.03],
    "change_pp": [1.0, -0.2, None, 0.0, -1.8],
})


def test_party_short_names_a_party_the_way_the_tables_do():
    assert charts.party_short("SV", "SV - Sosialistisk Venstreparti") == "SV"  # the short name campaign.colors knows
    assert charts.party_short("LIBS", "Liberalistene") == "Liberalistene"
    assert charts.party_short("DEMN", "Demokratene i Norge") == "Demokratene"
    assert charts.party_short("XYZ", "Norges Kommunistiske Parti og Venner") == "Norges Kommunistiske\u2026"
    assert charts.party_short("GENP", None) == "GENP"  # no stored name: the code is all there is


def test_party_shares_bar_labels_parties_by_name_and_gives_the_labels_room():
    figure = charts.party_shares_bar(SHARES, "SV", "Oppslutning", "Andel", "Kilde: x")
    labels = [label.replace("<b>", "").replace("</b>", "") for label in figure.data[0].y]
    assert {"Liberalistene", "Demokratene", "Generasjonspartiet", "SV"} <= set(labels)
    assert not {"LIBS", "DEMN", "GENP"} & set(labels)
    assert figure.layout.xaxis.range[1] >= 10.1 * 1.3


def test_change_labels_use_the_minus_sign():
    figure = charts.change_bar(SHARES.assign(label=[charts.party_short(c, n) for c, n in
                                                     zip(SHARES["party_code"], SHARES["party_name"])]),
                               "label", "Endring", "pp", "Kilde: x", color_col="party_code")
    texts = list(figure.data[0].text)
    assert "\u22121,8\u00a0pp" in texts and "\u22120,2\u00a0pp" in texts and not any("-" in t for t in texts)


def test_bar_labels_with_the_change_fit_beside_the_longest_bar():
    """«15,5 % (+2,1 pp)» and «89,8 % (+2,1 pp)» were cut at the chart edge: the axis now leaves them room."""
    areas = pd.DataFrame({"area_id": ["1", "2"], "area_name": ["Alna", "Stovner"], "share_pct": [15.5, 8.0],
                          "change_pp": [2.1, -1.8]})
    bar = charts.subarea_share_bar(areas, "SV", {"1"}, "SV per bydel", "Andel", "Kilde: x")
    assert bar.layout.xaxis.range[1] >= 15.5 * 1.9
    assert "15,5\u00a0% (+2,1\u00a0pp)" in bar.data[0].text
    turnout = pd.DataFrame({"area_id": ["1", "2"], "area_name": ["Vestre Aker", "Stovner"], "turnout_pct": [89.8, 55.0],
                            "change_pp": [2.1, -3.0], "eligible_voters": [40000, 20000]})
    bar = charts.turnout_bar(turnout, set(), "Valgdeltakelse", "Andel", "Kilde: x", "#B5317C")
    assert bar.layout.xaxis.range[1] >= 89.8 * 1.9 and max(bar.layout.xaxis.tickvals) == 100  # no «140 %» tick
