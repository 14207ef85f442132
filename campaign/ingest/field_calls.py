"""Phone bank and other call assignments → `field_calls`: the project's template CSV (Zetkin has no
statistics export), or one entry typed into the import page's form.

The template (one row per day, assignment and shift; `;`, UTF-8 or Windows-1252):

    dato         the day (dd.mm.åååå or åååå-mm-dd), not in the future
    oppdrag      the call assignment, e.g. «velgere» (the phone bank) or «medlemmer»
    skift        optional, e.g. «17–21»
    ringt        calls made
    nådd         calls answered (conversations), at most ringt
    positive, usikre, negative   optional outcome counts; together at most nådd
    feil_nummer  optional; at most ringt − nådd

A newer file with the same dato, oppdrag and skift replaces the earlier row.
"""
from __future__ import annotations

import pandas as pd

from campaign import fmt
from campaign.config import Config
from campaign.ingest.base import Check, ParsedBatch
from campaign.ingest.source import FormField, Source
from campaign.ingest.tabular import period_text
from campaign.ingest.template_rows import EXAMPLE_MARK, Template, each, read_rows, refuse_twice

KIND = "field_calls"
ASSIGNMENTS = ("velgere", "medlemmer")  # suggestions; any other word is kept as typed
OUTCOMES = ("positive", "usikre", "negative")
TEMPLATE = Template(
    header=("dato", "oppdrag", "skift", "ringt", "nådd", *OUTCOMES, "feil_nummer"),
    needed=("dato", "oppdrag", "ringt"),
    example=("01.09.2023", EXAMPLE_MARK, "17–21", "250", "48", "20", "15", "13", "9"),
    numbers=("ringt", "nådd", *OUTCOMES, "feil_nummer"),
    aliases={"nådd": ("nadd", "samtaler"), "feil_nummer": ("feil nummer", "feilnummer"), "usikre": ("usikker",),
             "positive": ("positiv",), "negative": ("negativ",)},
)
STORE = {"ringt": "calls_made", "nådd": "calls_reached", "positive": "positive", "usikre": "undecided",
         "negative": "negative", "feil_nummer": "wrong_number"}
LABELS = {"dato": "Dato", "oppdrag": "Oppdrag", "skift": "Skift", "ringt": "Ringt", "nådd": "Nådd",
          "positive": "Positive", "usikre": "Usikre", "negative": "Negative", "feil_nummer": "Feil nummer"}


def template_csv() -> bytes:
    return TEMPLATE.csv()


def parse_field_calls(data: bytes, source_name: str, config: Config | None = None) -> ParsedBatch:
    """The template CSV as `field_calls` rows; the whole file is rejected for any broken row."""
    read = read_rows(data, source_name, TEMPLATE, "ringedager")
    entries = [_entry(cells) for _, cells in each(read, source_name)]
    frame = pd.DataFrame.from_records(entries)
    refuse_twice(frame, ["date", "assignment", "shift"], source_name, "samme dato, oppdrag og skift")
    frame = frame.drop(columns="_line").astype({c: "Int64" for c in STORE.values()})
    return ParsedBatch(KIND, source_name, None, {KIND: frame}, _areas(frame), _checks(frame), read.warnings)


def _entry(cells) -> dict:
    day, assignment = cells.date("dato"), cells.text("oppdrag", required=True)
    made, reached = cells.count("ringt", required=True), cells.count("nådd", required=True)
    counts = {c: cells.count(c) for c in (*OUTCOMES, "feil_nummer")}
    if reached > made:
        cells.fail("nådd", f"{reached} nådd er flere enn {made} ringt.")
    outcomes = sum(counts[c] or 0 for c in OUTCOMES)
    if outcomes > reached:
        cells.fail("positive", f"positive, usikre og negative er {outcomes} til sammen, flere enn {reached} nådd.")
    if (counts["feil_nummer"] or 0) > made - reached:
        cells.fail("feil_nummer", f"{counts['feil_nummer']} feil nummer er flere enn de {made - reached} "
                                  "som ikke ble nådd.")
    known = next((a for a in ASSIGNMENTS if a == assignment.casefold()), assignment)
    row = {"date": day, "assignment": known, "shift": cells.text("skift"), "calls_made": made,
           "calls_reached": reached, "_line": cells.line}
    return row | {STORE[c]: v for c, v in counts.items()}


def _checks(frame: pd.DataFrame) -> list[Check]:
    made, reached = int(frame["calls_made"].sum()), int(frame["calls_reached"].sum())
    share = fmt.percent(100 * reached / made, 0) if made else "–"
    return [Check("Ringt i alt", True, f"{fmt.number(made)} ringt, {fmt.number(reached)} nådd ({share}).")]


def _areas(frame: pd.DataFrame) -> str:
    assignments = ", ".join(sorted(frame["assignment"].unique()))
    period = period_text(frame["date"].min(), frame["date"].max())
    return f"{len(frame)} skift ({assignments}), {fmt.number(int(frame['calls_made'].sum()))} ringt, {period}"


def _parse(data: bytes, source_name: str, config: Config) -> ParsedBatch:
    return parse_field_calls(data, source_name, config)


SOURCE = Source(
    kind=KIND,
    label="Ringing (mal)",
    description="ringing – telefonbank og andre ringeoppdrag – i dashbordets egen mal (CSV med kolonnene "
                + ";".join(TEMPLATE.header) + ")",
    credit="Egne tall: ringing",
    extensions=("csv",),
    recognise=TEMPLATE.recognise,
    parse=_parse,
    tables=(KIND,),
    rules=("nådd flere enn ringt", "utfall til sammen flere enn nådd", "feil nummer flere enn ikke nådd",
           "negative tall eller desimaltall", "dato fram i tid", "samme dato, oppdrag og skift to ganger",
           "kolonner med navn, telefon eller e-post", "ukjente kolonner", "eksempelraden fra malen"),
    template=template_csv,
    form=(FormField("dato", LABELS["dato"], "date", required=True),
          FormField("oppdrag", LABELS["oppdrag"], "choice", required=True, choices=ASSIGNMENTS),
          FormField("skift", LABELS["skift"], help="f.eks. 17–21; kan stå tom"),
          FormField("ringt", LABELS["ringt"], "number", required=True),
          FormField("nådd", LABELS["nådd"], "number", required=True, help="samtaler"),
          *(FormField(c, LABELS[c], "number") for c in (*OUTCOMES, "feil_nummer"))),
)
