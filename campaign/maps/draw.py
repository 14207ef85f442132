"""Maps end to end: the targeting figures per area, their shapes, and the figure (Kart and the small maps)."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from campaign.analysis import has_values
from campaign.config import Config
from campaign.maps.figure import area_map, map_note
from campaign.maps.layer import MapLayer, map_layer
from campaign.targeting import targeting


def target_outlines(frame: pd.DataFrame) -> list[str]:
    """The areas of a targeting frame that lie in a target area (drawn with a thick outline)."""
    return list(frame.loc[frame["target_area"].notna(), "area_id"])


def targeting_map(frame: pd.DataFrame, level: str, area_id: str, metric: str, title: str, counts: str,
                  source: str, outline: bool = True, **size) -> tuple[go.Figure, MapLayer]:
    """A targeting frame's areas coloured by one metric, target areas outlined; and the shapes used.

    `area_id` is the kommune whose bydel/krets boundaries are drawn (any code at level 'kommune').
    """
    layer = map_layer(level, area_id, frame[["area_id", "area_name"]])
    figure = area_map(frame, layer.shapes, layer.points, metric, title, counts, map_note(source, layer.attribution),
                      outline_ids=target_outlines(frame) if outline else [], schematic=layer.schematic,
                      schematic_note=layer.note, **size)
    return figure, layer


def overview_map(election_id: str, compare_id: str | None, config: Config, metric: str, title: str, counts: str,
                 source: str) -> go.Figure | None:
    """The small map at the branch's sub-level (bydeler, kretser or a county's kommuner) shown on other
    pages; None when the metric has no values."""
    level = config.sublevel
    frame = targeting(election_id, compare_id, config.area_id, level, config.party_code)
    if not has_values(frame, metric):
        return None
    figure, _ = targeting_map(frame, level, config.area_id, metric, title, counts, source,
                              height=600, label_size=11)
    return figure
