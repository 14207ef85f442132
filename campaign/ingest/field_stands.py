"""Stands and election booths → `field_stands`: the project's template CSV, or one entry typed into the form.

The template (one row per stand; `;`, decimal comma, UTF-8 or Windows-1252):

    dato        the day (dd.mm.åååå or åååå-mm-dd), not in the future
    sted        where the stand was
    timer       hours staffed, more than 0 and at most 24 (2,5 is fine)
    personer    people staffing it, at least 1
    løpesedler  optional: leaflets handed out

A newer file with the same dato and sted replaces the earlier row.
"""
from __future__ import annotations

import pandas as pd

from campaign import fmt
from campaign.config import Config
from campaign.ingest.base import Check, ParsedBatch
from campaign.ingest.source import FormField, Source
from campaign.ingest.tabular import period_text
from campaign.ingest.template_rows import EXAMPLE_MARK, Template, each, read_rows, refuse_twice

KIND = "field_stands"
TEMPLATE = Template(
    header=("dato", "sted", "timer", "personer", "løpesedler"),
    needed=("dato", "sted", "timer"),
    example=("01.09.2023", EXAMPLE_MARK, "3,5", "4", "400"),
    numbers=("timer", "personer", "løpesedler"),
    aliases={"løpesedler": ("lopesedler", "flyers"), "timer": ("antall timer",)},
)
LABELS = {"dato": "Dato", "sted": "Sted", "timer": "Timer", "personer": "Personer", "løpesedler": "Løpesedler"}


def template_csv() -> bytes:
    return TEMPLATE.csv()


def parse_field_stands(data: bytes, source_name: str, config: Config | None = None) -> ParsedBatch:
    """The template CSV as `field_stands` rows; the whole file is rejected for any broken row."""
    read = read_rows(data, source_name, TEMPLATE, "stands")
    entries = [_entry(cells) for _, cells in each(read, source_name)]
    frame = pd.DataFrame.from_records(entries)
    refuse_twice(frame, ["date", "place"], source_name, "samme dato og sted")
    frame = frame.drop(columns="_line").astype({"hours": "float64", "people": "Int64", "leaflets": "Int64"})
    return ParsedBatch(KIND, source_name, None, {KIND: frame}, _areas(frame), _checks(frame), read.warnings)


def _entry(cells) -> dict:
    day, place = cells.date("dato"), cells.text("sted", required=True)
    hours, people = cells.number("timer", required=True), cells.count("personer", required=True)
    if not 0 < hours <= 24:
        cells.fail("timer", f"{fmt.number(hours, 1)} timer er ikke mellom 0 og 24.")
    if people < 1:
        cells.fail("personer", "minst én må ha stått på standen.")
    return {"date": day, "place": place, "hours": hours, "people": people, "leaflets": cells.count("løpesedler"),
            "_line": cells.line}


def _checks(frame: pd.DataFrame) -> list[Check]:
    leaflets = frame["leaflets"].sum()
    return [Check("Stands i alt", True, f"{len(frame)} stands, {fmt.number(frame['hours'].sum(), 1)} timer, "
                                        f"{fmt.number(int(leaflets))} løpesedler delt ut.")]


def _areas(frame: pd.DataFrame) -> str:
    period = period_text(frame["date"].min(), frame["date"].max())
    return f"{len(frame)} stands, {fmt.number(frame['hours'].sum(), 1)} timer, {period}"


def _parse(data: bytes, source_name: str, config: Config) -> ParsedBatch:
    return parse_field_stands(data, source_name, config)


SOURCE = Source(
    kind=KIND,
    label="Stands (mal)",
    description="stands og valgboder i dashbordets egen mal (CSV med kolonnene " + ";".join(TEMPLATE.header) + ")",
    credit="Egne tall: stands",
    extensions=("csv",),
    recognise=TEMPLATE.recognise,
    parse=_parse,
    tables=(KIND,),
    rules=("timer ikke mellom 0 og 24", "ingen personer", "negative tall", "dato fram i tid",
           "samme dato og sted to ganger", "kolonner med navn, telefon eller e-post", "ukjente kolonner",
           "eksempelraden fra malen"),
    template=template_csv,
    form=(FormField("dato", LABELS["dato"], "date", required=True),
          FormField("sted", LABELS["sted"], required=True),
          FormField("timer", LABELS["timer"], "number", required=True, help="timer standen var bemannet"),
          FormField("personer", LABELS["personer"], "number", required=True),
          FormField("løpesedler", LABELS["løpesedler"], "number")),
)
