"""The shapes a map draws for a set of areas: imported boundaries, else schematic tiles."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from campaign import cache
from campaign.config import Config, load_config
from campaign.maps.geometry import label_points, paths, subset
from campaign.maps.schematic import schematic_bydeler, schematic_kommuner, schematic_kretser

MAX_LISTED = 15  # areas named in the warning about missing shapes; the rest are counted
TILES_NOTE = "Skjematisk kart: én like stor flis per {level}, ordnet etter {order} (ingen {borders} importert)."


@dataclass(frozen=True)
class MapLayer:
    """The shapes to draw (projected paths per area): imported boundaries, else schematic tiles."""
    shapes: dict
    points: dict
    attribution: str | None
    schematic: bool
    missing: list[str]
    note: str | None = None  # what the schematic tiles show, when it is not the bydeler's rough geography


def choose_layer(level: str, areas: pd.DataFrame, imported: tuple[dict, dict, str | None],
                 config: Config) -> MapLayer:
    """Imported shapes when any of these areas (area_id, area_name) has one, else schematic tiles."""
    shapes, points, attribution = imported
    ids = list(areas["area_id"])
    if set(shapes) & set(ids):
        return MapLayer(shapes, points, attribution, False, sorted(set(ids) - set(shapes)))
    named = list(zip(areas["area_id"], areas["area_name"]))
    if level == "bydel":
        return _tiles(subset(schematic_bydeler(config), ids))
    if level == "kommune":
        order = "region og navn" if config.regions else "navn"
        return _tiles(schematic_kommuner(named, config), TILES_NOTE.format(level="kommune", order=order, borders="kommunegrenser"))
    # Oslo's krets map keeps the note it always had
    note = None if config.bydeler else TILES_NOTE.format(level="krets", order="kretsnummer", borders="kretsgrenser")
    return _tiles(schematic_kretser(named), note)


def _tiles(tiles: dict, note: str | None = None) -> MapLayer:
    return MapLayer(paths(tiles), label_points(tiles), None, True, [], note)


def map_layer(level: str, kommune_id: str, areas: pd.DataFrame) -> MapLayer:
    """Shapes for these areas (area_id, area_name): imported boundaries (cached), or a schematic layout.

    `kommune_id` is the kommune whose bydel/krets boundaries are read; at level 'kommune' every imported
    kommune boundary is read and any code will do (the branch's area code)."""
    return choose_layer(level, areas, cache.geometry(level, kommune_id), load_config())


def missing_warning(layer: MapLayer, areas: pd.DataFrame) -> str | None:
    """The warning naming areas that have values but no imported shape (None when all have one)."""
    if not layer.missing:
        return None
    names = dict(zip(areas["area_id"], areas["area_name"]))
    listed = ", ".join(names.get(a, a) for a in layer.missing[:MAX_LISTED])
    more = f" og {len(layer.missing) - MAX_LISTED} til" if len(layer.missing) > MAX_LISTED else ""
    return (f"Mangler kartflate for {len(layer.missing)} områder: {listed}{more}. "
            "Importer en grensefil som dekker dem.")
