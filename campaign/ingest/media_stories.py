"""Media stories → `media`: the project's template CSV, or one entry typed into the import page's form.

The template (one row per day, outlet and topic; `;`, UTF-8 or Windows-1252):

    dato    the day (dd.mm.åååå or åååå-mm-dd), not in the future
    medium  the outlet, e.g. «Aftenposten», «NRK Trøndelag»
    tema    what the stories were about
    type    «nyhet», «kronikk/innlegg», «debatt» or «radio/TV»
    saker   optional: how many stories, at least 1 (empty is 1)

A newer file with the same dato, medium and tema replaces the earlier row.
"""
from __future__ import annotations

import pandas as pd

from campaign import fmt
from campaign.config import Config
from campaign.ingest.base import Check, ParsedBatch
from campaign.ingest.source import FormField, Source
from campaign.ingest.tabular import period_text
from campaign.ingest.template_rows import EXAMPLE_MARK, Template, each, read_rows, refuse_twice

KIND = "media"
KINDS = ("nyhet", "kronikk/innlegg", "debatt", "radio/TV")
# Other spellings of a kind, casefolded.
KIND_ALIASES = {"nyheter": "nyhet", "kronikk": "kronikk/innlegg", "innlegg": "kronikk/innlegg",
                "radio": "radio/TV", "tv": "radio/TV", "radio-tv": "radio/TV", "radio/tv": "radio/TV"}
TEMPLATE = Template(
    header=("dato", "medium", "tema", "type", "saker"),
    needed=("dato", "medium", "tema"),
    example=("01.09.2023", EXAMPLE_MARK, "kollektivtrafikk", "nyhet", "1"),
    numbers=("saker",),
    aliases={"medium": ("mediehus", "avis"), "saker": ("antall saker", "antall")},
)
LABELS = {"dato": "Dato", "medium": "Medium", "tema": "Tema", "type": "Type", "saker": "Saker"}


def template_csv() -> bytes:
    return TEMPLATE.csv()


def parse_media_stories(data: bytes, source_name: str, config: Config | None = None) -> ParsedBatch:
    """The template CSV as `media` rows; the whole file is rejected for any broken row."""
    read = read_rows(data, source_name, TEMPLATE, "mediesaker")
    entries = [_entry(cells) for _, cells in each(read, source_name)]
    frame = pd.DataFrame.from_records(entries)
    refuse_twice(frame, ["date", "outlet", "topic"], source_name, "samme dato, medium og tema")
    frame = frame.drop(columns="_line").astype({"stories": "Int64"})
    return ParsedBatch(KIND, source_name, None, {KIND: frame}, _areas(frame), _checks(frame), read.warnings)


def _entry(cells) -> dict:
    day, outlet = cells.date("dato"), cells.text("medium", required=True)
    topic, kind = cells.text("tema", required=True), _kind(cells)
    stories = cells.count("saker")
    if stories is None:
        stories = 1
    if stories < 1:
        cells.fail("saker", "saker må være minst 1 (la cellen stå tom for én sak).")
    return {"date": day, "outlet": outlet, "topic": topic, "kind": kind, "stories": stories, "_line": cells.line}


def _kind(cells) -> str:
    text = cells.text("type", required=True)
    known = {k.casefold(): k for k in KINDS} | KIND_ALIASES
    if text.casefold() not in known:
        cells.fail("type", f"«{text}» er ikke en kjent type (kjente: {', '.join(KINDS)}).")
    return known[text.casefold()]


def _checks(frame: pd.DataFrame) -> list[Check]:
    per_kind = frame.groupby("kind")["stories"].sum()
    parts = ", ".join(f"{k} {fmt.number(int(per_kind[k]))}" for k in KINDS if k in per_kind)
    return [Check("Mediesaker i alt", True, f"{fmt.number(int(frame['stories'].sum()))} saker ({parts}).")]


def _areas(frame: pd.DataFrame) -> str:
    period = period_text(frame["date"].min(), frame["date"].max())
    outlets = frame["outlet"].nunique()
    return f"{fmt.number(int(frame['stories'].sum()))} mediesaker i {outlets} medier, {period}"


def _parse(data: bytes, source_name: str, config: Config) -> ParsedBatch:
    return parse_media_stories(data, source_name, config)


SOURCE = Source(
    kind=KIND,
    label="Mediesaker (mal)",
    description="mediesaker – nyheter, kronikker, debatter og radio/TV – i dashbordets egen mal (CSV med "
                "kolonnene " + ";".join(TEMPLATE.header) + ")",
    credit="Egne tall: mediesaker",
    extensions=("csv",),
    recognise=TEMPLATE.recognise,
    parse=_parse,
    tables=(KIND,),
    rules=("ukjent type", "saker under 1", "negative tall eller desimaltall", "dato fram i tid",
           "samme dato, medium og tema to ganger", "kolonner med navn, telefon eller e-post", "ukjente kolonner",
           "eksempelraden fra malen"),
    template=template_csv,
    form=(FormField("dato", LABELS["dato"], "date", required=True),
          FormField("medium", LABELS["medium"], required=True, help="f.eks. Adresseavisen, NRK Trøndelag"),
          FormField("tema", LABELS["tema"], required=True),
          FormField("type", LABELS["type"], "choice", required=True, choices=KINDS),
          FormField("saker", LABELS["saker"], "number", help="antall saker; tom er 1")),
)
