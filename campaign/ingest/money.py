"""Fundraising income and campaign costs → `money`: the project's template CSV, or one entry typed into the form.

The template (one row per day or week and kind; `;`, decimal comma, UTF-8 or Windows-1252):

    dato      the day (for a week: its last day), not in the future
    type      income: «medlemmer», «lotteri», «eksternt», «faste givere»; or «kostnad» for the campaign's costs
    beløp_kr  the amount in kroner, 0 or more; a cost is written positive with type «kostnad»
    givere    optional: how many gave (not for «kostnad»)

A newer file with the same dato and type replaces the earlier row.
"""
from __future__ import annotations

import pandas as pd

from campaign import fmt
from campaign.config import Config
from campaign.ingest.base import Check, ParsedBatch
from campaign.ingest.source import FormField, Source
from campaign.ingest.tabular import period_text
from campaign.ingest.template_rows import EXAMPLE_MARK, Template, each, read_rows, refuse_twice

KIND = "money"
COST = "kostnad"
KINDS = ("medlemmer", "lotteri", "eksternt", "faste givere", COST)
TEMPLATE = Template(
    header=("dato", "type", "beløp_kr", "givere"),
    needed=("dato", "type", "beløp_kr"),
    example=("01.09.2023", EXAMPLE_MARK, "12 500", "31"),
    numbers=("beløp_kr", "givere"),
    aliases={"beløp_kr": ("beløp", "belop_kr", "belop", "beløp kr", "beløp (kr)"), "givere": ("antall givere",)},
)
LABELS = {"dato": "Dato", "type": "Type", "beløp_kr": "Beløp (kr)", "givere": "Givere"}


def template_csv() -> bytes:
    return TEMPLATE.csv()


def parse_money(data: bytes, source_name: str, config: Config | None = None) -> ParsedBatch:
    """The template CSV as `money` rows; the whole file is rejected for any broken row."""
    read = read_rows(data, source_name, TEMPLATE, "beløp")
    entries = [_entry(cells) for _, cells in each(read, source_name)]
    frame = pd.DataFrame.from_records(entries)
    refuse_twice(frame, ["date", "kind"], source_name, "samme dato og type")
    frame = frame.drop(columns="_line").astype({"amount_nok": "float64", "donors": "Int64"})
    return ParsedBatch(KIND, source_name, None, {KIND: frame}, _areas(frame), _checks(frame), read.warnings)


def _entry(cells) -> dict:
    day, kind = cells.date("dato"), _kind(cells)
    amount, donors = cells.number("beløp_kr", required=True), cells.count("givere")
    if kind == COST and donors is not None:
        cells.fail("givere", "en kostnad har ingen givere; la cellen stå tom.")
    return {"date": day, "kind": kind, "amount_nok": amount, "donors": donors, "_line": cells.line}


def _kind(cells) -> str:
    text = cells.text("type", required=True)
    if text.casefold() not in KINDS:
        cells.fail("type", f"«{text}» er ikke en kjent type (kjente: {', '.join(KINDS)}). Kostnader føres "
                           f"som positive beløp med type «{COST}».")
    return text.casefold()


def _totals(frame: pd.DataFrame) -> tuple[float, float]:
    cost = frame["kind"] == COST
    return float(frame.loc[~cost, "amount_nok"].sum()), float(frame.loc[cost, "amount_nok"].sum())


def _checks(frame: pd.DataFrame) -> list[Check]:
    income, costs = _totals(frame)
    return [Check("Penger i alt", True, f"{fmt.number(income)} kr inn, {fmt.number(costs)} kr i kostnader.")]


def _areas(frame: pd.DataFrame) -> str:
    income, costs = _totals(frame)
    period = period_text(frame["date"].min(), frame["date"].max())
    return f"{fmt.number(income)} kr inn, {fmt.number(costs)} kr ut, {period}"


def _parse(data: bytes, source_name: str, config: Config) -> ParsedBatch:
    return parse_money(data, source_name, config)


SOURCE = Source(
    kind=KIND,
    label="Penger (mal)",
    description="penger – innsamlede midler per type og valgkampens kostnader (kostnader som positive beløp "
                "med type «kostnad») – i dashbordets egen mal (CSV med kolonnene " + ";".join(TEMPLATE.header) + ")",
    credit="Egne tall: penger",
    extensions=("csv",),
    recognise=TEMPLATE.recognise,
    parse=_parse,
    tables=(KIND,),
    rules=("ukjent type", "negative beløp", "givere på en kostnad", "dato fram i tid",
           "samme dato og type to ganger", "kolonner med navn, telefon eller e-post", "ukjente kolonner",
           "eksempelraden fra malen"),
    template=template_csv,
    form=(FormField("dato", LABELS["dato"], "date", required=True),
          FormField("type", LABELS["type"], "choice", required=True, choices=KINDS,
                    help="kostnader føres som positive beløp med type «kostnad»"),
          FormField("beløp_kr", LABELS["beløp_kr"], "number", required=True),
          FormField("givere", LABELS["givere"], "number", help="hvor mange som ga; kan stå tom")),
)
