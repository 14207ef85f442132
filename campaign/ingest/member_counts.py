"""Membership snapshots typed in → `members`: the project's template CSV, or one entry typed into the form.

For branches without a Zetkin list export (or counts from the membership register). The template
(one row per local branch and date; `;`, UTF-8 or Windows-1252):

    dato        the snapshot date (dd.mm.åååå or åååå-mm-dd), not in the future
    lokallag    the local branch
    medlemmer   members on that date, at least 1
    aktive      optional: active members (at most the members)
    aktivister  optional: activists (at most the members)

Only counts are stored; a newer row for the same dato and lokallag replaces the earlier one.
"""
from __future__ import annotations

import pandas as pd

from campaign import fmt
from campaign.config import Config
from campaign.ingest.base import Check, ParsedBatch
from campaign.ingest.source import FormField, Source
from campaign.ingest.tabular import period_text
from campaign.ingest.template_rows import EXAMPLE_MARK, Template, each, read_rows, refuse_twice

KIND = "member_counts"
TEMPLATE = Template(
    header=("dato", "lokallag", "medlemmer", "aktive", "aktivister"),
    needed=("dato", "lokallag", "medlemmer"),
    example=("01.09.2023", EXAMPLE_MARK, "412", "80", "40"),
    numbers=("medlemmer", "aktive", "aktivister"),
    aliases={"lokallag": ("lag", "avdeling"), "medlemmer": ("antall medlemmer",)},
)
LABELS = {"dato": "Dato", "lokallag": "Lokallag", "medlemmer": "Medlemmer", "aktive": "Aktive",
          "aktivister": "Aktivister"}


def template_csv() -> bytes:
    return TEMPLATE.csv()


def parse_member_counts(data: bytes, source_name: str, config: Config | None = None) -> ParsedBatch:
    """The template CSV as `members` rows; the whole file is rejected for any broken row."""
    read = read_rows(data, source_name, TEMPLATE, "medlemstall")
    entries = [_entry(cells) for _, cells in each(read, source_name)]
    frame = pd.DataFrame.from_records(entries)
    refuse_twice(frame, ["date", "branch"], source_name, "samme dato og lokallag")
    frame = frame.drop(columns="_line").astype({"branch": "string", "members": "Int64", "active": "Int64",
                                                 "activists": "Int64"})
    return ParsedBatch(KIND, source_name, None, {"members": frame}, _areas(frame), _checks(frame), read.warnings)


def _entry(cells) -> dict:
    day, branch = cells.date("dato"), cells.text("lokallag", required=True)
    members = cells.count("medlemmer", required=True)
    if members < 1:
        cells.fail("medlemmer", "et lokallag har minst ett medlem.")
    counts = {column: cells.count(column) for column in ("aktive", "aktivister")}
    for column, value in counts.items():
        if value is not None and value > members:
            cells.fail(column, f"{fmt.number(value)} {column} er flere enn {fmt.number(members)} medlemmer.")
    return {"date": day, "branch": branch, "members": members, "active": counts["aktive"],
            "activists": counts["aktivister"], "_line": cells.line}


def _checks(frame: pd.DataFrame) -> list[Check]:
    latest = frame[frame["date"] == frame["date"].max()]
    return [Check("Medlemmer", True, f"{fmt.number(int(latest['members'].sum()))} medlemmer i {len(latest)} "
                                     f"lokallag per {fmt.date(frame['date'].max())}.")]


def _areas(frame: pd.DataFrame) -> str:
    period = period_text(frame["date"].min(), frame["date"].max())
    return f"{frame['branch'].nunique()} lokallag, {period}"


def _parse(data: bytes, source_name: str, config: Config) -> ParsedBatch:
    return parse_member_counts(data, source_name, config)


SOURCE = Source(
    kind=KIND,
    label="Medlemstall (mal)",
    description="medlemmer, aktive og aktivister per lokallag og dato i dashbordets egen mal (CSV med kolonnene "
                + ";".join(TEMPLATE.header) + ")",
    credit="Egne tall: medlemmer",
    extensions=("csv",),
    recognise=TEMPLATE.recognise,
    parse=_parse,
    tables=("members",),
    rules=("ingen medlemmer", "flere aktive eller aktivister enn medlemmer", "negative tall", "dato fram i tid",
           "samme dato og lokallag to ganger", "kolonner med navn, telefon eller e-post", "ukjente kolonner",
           "eksempelraden fra malen"),
    template=template_csv,
    form=(FormField("dato", LABELS["dato"], "date", required=True),
          FormField("lokallag", LABELS["lokallag"], required=True),
          FormField("medlemmer", LABELS["medlemmer"], "number", required=True),
          FormField("aktive", LABELS["aktive"], "number"),
          FormField("aktivister", LABELS["aktivister"], "number")),
)
