"""Maps end to end: the targeting figures per area, their shapes, and the figure (Kart and the small maps)."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from campaign import fmt, queries
from campaign.analysis import has_values
from campaign.config import Config
from campaign.maps.figure import area_map, map_note
from campaign.maps.layer import MapLayer, map_layer
from campaign.targeting import targeting

DOOR_KEYS = {"bydel": "bydel_id", "krets": "krets_id", "kommune": "kommune_id"}
NO_ROUNDS = ("Ingen dørbankerunder i lageret ennå. Importer malen for dørbanking på siden «Importer data» "
             "(eller skriv inn en runde der); kartet viser oppslutningen.")


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


def with_doors(frame: pd.DataFrame, level: str) -> tuple[pd.DataFrame, str | None]:
    """A targeting frame with the door-knocking per area (`doors`, 0 where no round was held, and a hover),
    and the period of the rounds; or the frame and a sentence saying why there is nothing to show."""
    doors = queries.field_doors_by_area(level)
    if doors.empty:
        return frame, (NO_ROUNDS if queries.field_doors().empty else
                       f"Ingen dørbankerunder er registrert per {level} (kolonnen {DOOR_KEYS[level]} i malen er tom); "
                       "kartet viser oppslutningen.")
    merged = frame.merge(doors, on="area_id", how="left")
    hover = [f"<b>{r.area_name}</b><br>Ingen dørbankerunder" if pd.isna(r.doors) else
             f"<b>{r.area_name}</b><br>{fmt.number(r.doors)} dører, {fmt.number(r.conversations)} {'samtale' if r.conversations == 1 else 'samtaler'}"
             f"<br>{fmt.number(r.rounds)} {'runde' if r.rounds == 1 else 'runder'}, {fmt.period(r.first_date, r.last_date)}"
             f"<br>Deltakere (summert over rundene): {fmt.people(r.participants)}" for r in merged.itertuples()]
    return merged.assign(doors=merged["doors"].fillna(0), hover=hover), None


def doors_period(frame: pd.DataFrame) -> str:
    """The dates of the rounds on a door-knocking map, for its subtitle."""
    return fmt.period(frame["first_date"].min(), frame["last_date"].max())
