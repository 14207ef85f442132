"""The stored tables: columns (✱ the views' contract), natural keys, sort order and partitions.

Every table's columns end with import_id, which links a row to the import log. The store
(store.py) writes these tables; the importer replaces rows by their natural key.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import pyarrow as pa


@dataclass(frozen=True)
class Table:
    """One stored table: its columns (✱ the views' contract), natural key and sort order.

    The natural key says which rows a newer import replaces instead of adding to them. Tables
    with a key and `data=True` hold rows that belong to an import (undo removes them); the
    elections catalogue has a key but is rebuilt from the data; the import log has no key.
    `partition_by` stores a table as one file per partition (see partitions.py): a date column
    partitions by month; the columns must be part of the natural key.
    """
    schema: pa.Schema
    label: str  # Norwegian, in import reports
    natural_key: tuple[str, ...] = ()
    sort_key: tuple[str, ...] = ()
    data: bool = True
    partition_by: tuple[str, ...] = ()


def _schema(*columns: tuple[str, pa.DataType]) -> pa.Schema:
    return pa.schema([*columns, ("import_id", pa.int64())])


STRING, INT, FLOAT, DATE = pa.string(), pa.int64(), pa.float64(), pa.date32()

# ✱ The views' columns (the data dictionary). import_id links each row to the import log.
TABLE_SPECS: dict[str, Table] = {
    "elections": Table(_schema(
        ("election_id", STRING), ("kind", STRING), ("year", pa.int32()),
        ("election_date", DATE), ("name", STRING),
    ), "valg", natural_key=("election_id",), data=False),
    "results": Table(_schema(
        ("election_id", STRING), ("area_level", STRING),
        ("fylke_id", STRING), ("kommune_id", STRING), ("bydel_id", STRING),
        ("krets_id", STRING), ("krets_name", STRING),
        ("party_code", STRING), ("party_name", STRING),
        ("advance_votes", INT), ("election_day_votes", INT), ("votes", INT),
        ("kommune_name", STRING),  # Kommunenavn from the file; NULL for fylke rows and older imports
    ), "resultater", natural_key=("election_id", "area_level", "fylke_id", "kommune_id", "bydel_id", "krets_id", "party_code"),
        sort_key=("election_id", "area_level", "kommune_id", "krets_id", "party_code")),
    # Seats per party where an official file gives them («Antall mandater»): a Storting
    # constituency (fylke/valgdistrikt rows) or a kommune's council (kommune rows).
    "mandates": Table(_schema(
        ("election_id", STRING), ("area_level", STRING), ("area_id", STRING), ("area_name", STRING),
        ("party_code", STRING), ("seats", INT), ("leveling_seats", INT),
    ), "mandater", natural_key=("election_id", "area_level", "area_id", "party_code"),
        sort_key=("election_id", "area_level", "area_id", "party_code")),
    "turnout": Table(_schema(
        ("election_id", STRING), ("area_level", STRING), ("area_id", STRING),
        ("area_name", STRING), ("kommune_id", STRING), ("bydel_id", STRING),
        ("eligible_voters", INT), ("votes_cast", INT),
    ), "valgdeltakelse", natural_key=("election_id", "area_level", "area_id"), sort_key=("election_id", "area_level", "area_id")),
    "social": Table(_schema(
        ("date", DATE), ("platform", STRING), ("account", STRING), ("metric", STRING), ("value", FLOAT),
    ), "sosiale medier", natural_key=("date", "platform", "account", "metric"), sort_key=("date", "platform"),
        partition_by=("platform", "date")),
    "ads": Table(_schema(
        ("date", DATE), ("platform", STRING), ("campaign", STRING),
        ("spend_nok", FLOAT), ("impressions", INT), ("reach", INT),
        ("link_clicks", INT), ("landing_page_views", INT),
        ("video_p25", INT), ("video_p50", INT), ("video_p75", INT), ("video_p100", INT),
    ), "annonser", natural_key=("date", "platform", "campaign"), sort_key=("date", "platform"),
        partition_by=("platform", "date")),
    # The platforms' own de-duplicated figures for a whole period (reach is never summed across days).
    "ads_period": Table(_schema(
        ("platform", STRING), ("campaign", STRING), ("first_date", DATE), ("last_date", DATE),
        ("reach", INT), ("impressions", INT), ("frequency", FLOAT),
        ("spend_nok", FLOAT), ("link_clicks", INT), ("landing_page_views", INT),
    ), "annonser for perioden", natural_key=("platform", "campaign", "first_date", "last_date"),
        sort_key=("platform", "first_date"), partition_by=("platform", "first_date")),  # a line per export: grows
    "web": Table(_schema(
        ("date", DATE), ("site", STRING), ("channel", STRING),
        ("sessions", INT), ("engaged_sessions", INT), ("users", INT), ("views", INT),
    ), "nettsidebesøk", natural_key=("date", "site", "channel"), sort_key=("date", "site"),
        partition_by=("date",)),  # by month only: a national party has hundreds of sites
    "web_pages": Table(_schema(
        ("date", DATE), ("site", STRING), ("page", STRING), ("views", INT), ("users", INT),
    ), "sidevisninger", natural_key=("date", "site", "page"), sort_key=("date", "site"),
        partition_by=("date",)),
    # Gender/age/place shares as the platforms report them (share in 0–1 of the period's audience).
    "audience": Table(_schema(
        ("first_date", DATE), ("last_date", DATE), ("platform", STRING), ("account", STRING),
        ("dimension", STRING), ("bucket", STRING), ("share", FLOAT),
    ), "publikum", natural_key=("first_date", "last_date", "platform", "account", "dimension", "bucket"),
        sort_key=("platform", "first_date")),
    # Paid channels outside social media (outdoor, newspapers, Google, direct mail, SMS).
    "ad_buys": Table(_schema(
        ("first_date", DATE), ("last_date", DATE), ("channel", STRING), ("supplier", STRING),
        ("spend_nok", FLOAT), ("impressions", INT), ("landing_page_views", INT),
    ), "andre annonsekjøp", natural_key=("first_date", "last_date", "channel", "supplier"),
        sort_key=("first_date", "channel")),
    # Field work (issue «The campaign's day»): aggregates only, never a person.
    "field_calls": Table(_schema(
        ("date", DATE), ("assignment", STRING), ("shift", STRING), ("calls_made", INT), ("calls_reached", INT),
        ("positive", INT), ("undecided", INT), ("negative", INT), ("wrong_number", INT),
    ), "ringing", natural_key=("date", "assignment", "shift"), sort_key=("date", "assignment")),
    "field_doors": Table(_schema(
        ("date", DATE), ("place", STRING), ("bydel_id", STRING), ("krets_id", STRING), ("kommune_id", STRING),
        ("doors", INT), ("conversations", INT), ("participants", INT),
    ), "dørbanking", natural_key=("date", "place"), sort_key=("date", "place")),
    "field_stands": Table(_schema(
        ("date", DATE), ("place", STRING), ("hours", FLOAT), ("people", INT), ("leaflets", INT),
    ), "stands", natural_key=("date", "place"), sort_key=("date", "place")),
    # Members and activists per local branch and snapshot date (counted at import; no person is stored).
    "members": Table(_schema(
        ("date", DATE), ("branch", STRING), ("members", INT), ("active", INT), ("activists", INT),
    ), "medlemmer", natural_key=("date", "branch"), sort_key=("date", "branch")),
    "media": Table(_schema(
        ("date", DATE), ("outlet", STRING), ("topic", STRING), ("kind", STRING), ("stories", INT),
    ), "mediesaker", natural_key=("date", "outlet", "topic"), sort_key=("date", "outlet")),
    "events": Table(_schema(
        ("date", DATE), ("kind", STRING), ("name", STRING), ("attendance", INT),
    ), "arrangementer", natural_key=("date", "kind", "name"), sort_key=("date", "kind")),
    "money": Table(_schema(
        ("date", DATE), ("kind", STRING), ("amount_nok", FLOAT), ("donors", INT),
    ), "penger", natural_key=("date", "kind"), sort_key=("date", "kind")),
    # District-council elections (Oslo's bydelsutvalg, election_id «bu2023») and school elections
    # (mock elections in upper secondary schools, «skolevalg2023»): votes and seats per area and party.
    "district_council": Table(_schema(
        ("election_id", STRING), ("bydel_id", STRING), ("party_code", STRING), ("party_name", STRING),
        ("votes", INT), ("seats", INT),
    ), "bydelsutvalgsvalg", natural_key=("election_id", "bydel_id", "party_code"),
        sort_key=("election_id", "bydel_id", "party_code")),
    "school_election": Table(_schema(
        ("election_id", STRING), ("school", STRING), ("party_code", STRING), ("party_name", STRING),
        ("votes", INT),
    ), "skolevalg", natural_key=("election_id", "school", "party_code"),
        sort_key=("election_id", "school", "party_code")),
    # Map boundaries, simplified and in EPSG:4326 at import. area_id uses the turnout view's keys
    # (bydel "030112", krets "0301-1203", kommune "0301"); geometry is a GeoJSON geometry object.
    "boundaries": Table(_schema(
        ("level", STRING), ("area_id", STRING), ("area_name", STRING),
        ("kommune_id", STRING), ("bydel_id", STRING), ("geometry", STRING), ("attribution", STRING),
    ), "kartgrenser", natural_key=("level", "area_id"), sort_key=("level", "area_id")),
    # «Utforsk»: questions saved with a name for everyone (campaign/saved_questions.py); not import data.
    "saved_questions": Table(pa.schema([
        ("name", STRING), ("question_json", STRING), ("saved_at", pa.timestamp("s")), ("saved_by", STRING),
    ]), "lagrede spørsmål", data=False),
    "imports": Table(pa.schema([
        ("import_id", INT), ("imported_at", pa.timestamp("s")), ("kind", STRING),
        ("source_name", STRING), ("sha256", STRING), ("rows", INT),
        ("first_date", DATE), ("last_date", DATE),
        ("election_id", STRING), ("replaced_rows", INT),
        ("area", STRING),  # the configured area that decided which rows were kept (fylke code); NULL: none
    ]), "importlogg", data=False),
}
SCHEMAS: dict[str, pa.Schema] = {name: spec.schema for name, spec in TABLE_SPECS.items()}
TABLES = tuple(SCHEMAS)
# Tables an import may write, with the key that decides what a newer import replaces.
NATURAL_KEYS: dict[str, list[str]] = {n: list(s.natural_key) for n, s in TABLE_SPECS.items() if s.natural_key}
# Tables whose rows belong to an import (rows carry import_id; undo removes them).
DATA_TABLES = tuple(n for n, s in TABLE_SPECS.items() if s.natural_key and s.data)
# Tables stored as one file per partition, with their partition columns.
PARTITIONED: dict[str, tuple[str, ...]] = {n: s.partition_by for n, s in TABLE_SPECS.items() if s.partition_by}


def empty_frame(table: str) -> pd.DataFrame:
    """An empty DataFrame with the table's columns and types."""
    return SCHEMAS[table].empty_table().to_pandas()


def to_arrow(table: str, frame: pd.DataFrame) -> pa.Table:
    """Conform a frame to the table's schema (missing columns become NULL)."""
    schema = SCHEMAS[table]
    frame = frame.copy()
    for name in schema.names:
        if name not in frame.columns:
            frame[name] = None
    keys = [k for k in TABLE_SPECS[table].sort_key if k in frame.columns]
    if keys and len(frame):
        frame = frame.sort_values(keys, kind="stable", na_position="first")
    return pa.Table.from_pandas(frame[schema.names], schema=schema, preserve_index=False)


def conform(table: str, stored: pa.Table, columns: list[str] | None = None) -> pa.Table:
    """A stored Arrow table with the schema's columns (or `columns` of them); missing ones are NULL."""
    fields = [SCHEMAS[table].field(name) for name in (columns or SCHEMAS[table].names)]
    arrays = [stored[f.name].cast(f.type) if f.name in stored.column_names else pa.nulls(stored.num_rows, f.type)
              for f in fields]
    return pa.Table.from_arrays(arrays, schema=pa.schema(fields))

