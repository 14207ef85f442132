"""Events → `events`: the project's template CSV, or one entry typed into the import page's form.

The template (one row per event; `;`, UTF-8 or Windows-1252):

    dato         the day (dd.mm.åååå or åååå-mm-dd), not in the future
    type         e.g. «debatt», «valgkampseminar», «stand», «møte»; any other word is kept as typed
    arrangement  the event's name (not «navn»: a `navn` column is refused as personal data)
    oppmøte      optional: how many came, a whole number of 0 or more

A newer file with the same dato, type and arrangement replaces the earlier row.
"""
from __future__ import annotations

import pandas as pd

from campaign import fmt
from campaign.config import Config
from campaign.ingest.base import Check, ParsedBatch
from campaign.ingest.source import FormField, Source
from campaign.ingest.tabular import period_text
from campaign.ingest.template_rows import EXAMPLE_MARK, Template, each, read_rows, refuse_twice

KIND = "events"
KINDS = ("debatt", "valgkampseminar", "stand", "møte")  # suggestions; any other word is kept as typed
TEMPLATE = Template(
    header=("dato", "type", "arrangement", "oppmøte"),
    needed=("dato", "type", "oppmøte"),  # not the name: a file with «navn» instead is refused as personal
    example=("01.09.2023", "debatt", EXAMPLE_MARK, "120"),
    numbers=("oppmøte",),
    aliases={"oppmøte": ("oppmote", "deltakere", "fremmøte", "frammøte"), "arrangement": ("arrangementsnavn",)},
)
LABELS = {"dato": "Dato", "type": "Type", "arrangement": "Arrangement", "oppmøte": "Oppmøte"}


def template_csv() -> bytes:
    return TEMPLATE.csv()


def parse_events(data: bytes, source_name: str, config: Config | None = None) -> ParsedBatch:
    """The template CSV as `events` rows; the whole file is rejected for any broken row."""
    read = read_rows(data, source_name, TEMPLATE, "arrangementer")
    entries = [_entry(cells) for _, cells in each(read, source_name)]
    frame = pd.DataFrame.from_records(entries)
    refuse_twice(frame, ["date", "kind", "name"], source_name, "samme dato, type og arrangement")
    frame = frame.drop(columns="_line").astype({"attendance": "Int64"})
    return ParsedBatch(KIND, source_name, None, {KIND: frame}, _areas(frame), _checks(frame), read.warnings)


def _entry(cells) -> dict:
    day, kind = cells.date("dato"), cells.text("type", required=True)
    name = cells.text("arrangement", required=True)
    known = next((k for k in KINDS if k == kind.casefold()), kind)
    return {"date": day, "kind": known, "name": name, "attendance": cells.count("oppmøte"), "_line": cells.line}


def _checks(frame: pd.DataFrame) -> list[Check]:
    came = frame["attendance"].sum()
    return [Check("Arrangementer i alt", True, f"{len(frame)} arrangementer, {fmt.number(int(came))} "
                                               "oppmøtte der tallet er oppgitt.")]


def _areas(frame: pd.DataFrame) -> str:
    kinds = ", ".join(sorted(frame["kind"].unique()))
    period = period_text(frame["date"].min(), frame["date"].max())
    return f"{len(frame)} arrangementer ({kinds}), {period}"


def _parse(data: bytes, source_name: str, config: Config) -> ParsedBatch:
    return parse_events(data, source_name, config)


SOURCE = Source(
    kind=KIND,
    label="Arrangementer (mal)",
    description="arrangementer – debatter, seminarer, møter – i dashbordets egen mal (CSV med kolonnene "
                + ";".join(TEMPLATE.header) + ")",
    credit="Egne tall: arrangementer",
    extensions=("csv",),
    recognise=TEMPLATE.recognise,
    parse=_parse,
    tables=(KIND,),
    rules=("negative tall eller desimaltall", "dato fram i tid", "samme dato, type og arrangement to ganger",
           "kolonner med navn, telefon eller e-post", "ukjente kolonner", "eksempelraden fra malen"),
    template=template_csv,
    form=(FormField("dato", LABELS["dato"], "date", required=True),
          FormField("type", LABELS["type"], "choice", required=True, choices=KINDS),
          FormField("arrangement", LABELS["arrangement"], required=True, help="arrangementets navn"),
          FormField("oppmøte", LABELS["oppmøte"], "number", help="hvor mange som kom; kan stå tom")),
)
