"""School-election (skolevalg) results typed in → `school_election`: the project's template CSV, or one row
typed into the form. School elections are mock elections in upper secondary schools, held before each
municipal and Storting election; the results are published per school and party.

The template (one row per school and party; `;`, UTF-8 or Windows-1252):

    valgår      the election year (2023); one year per file
    skole       the school's name, written the same way every year (shares are compared by name)
    parti       the party code (SV, A, H, RØDT …)
    partinavn   optional: the party's name
    stemmer     the party's votes at the school

Stored as election «skolevalg<year>»; a newer row for the same year, school and party replaces the earlier one.
"""
from __future__ import annotations

import pandas as pd

from campaign import fmt
from campaign.config import Config
from campaign.ingest.base import Check, ParsedBatch
from campaign.ingest.district_council import election_year, one_year, party_code
from campaign.ingest.source import FormField, Source
from campaign.ingest.template_rows import EXAMPLE_MARK, Template, each, read_rows, refuse_twice

KIND = "school_election"
PREFIX = "skolevalg"
TEMPLATE = Template(
    header=("valgår", "skole", "parti", "partinavn", "stemmer"),
    needed=("valgår", "skole", "parti", "stemmer"),
    example=("2023", EXAMPLE_MARK, "SV", "SV – Sosialistisk Venstreparti", "120"),
    numbers=("valgår", "stemmer"),
    aliases={"valgår": ("år", "valg"), "skole": ("skolenavn",), "parti": ("partikode",)},
)
LABELS = {"valgår": "Valgår", "skole": "Skole", "parti": "Partikode", "partinavn": "Partinavn", "stemmer": "Stemmer"}


def parse_school_election(data: bytes, source_name: str, config: Config | None = None) -> ParsedBatch:
    """The template CSV as `school_election` rows; the whole file is rejected for any broken row."""
    read = read_rows(data, source_name, TEMPLATE, "skolevalgresultater")
    entries = [{"year": election_year(cells), "school": cells.text("skole", required=True),
                "party_code": party_code(cells), "party_name": cells.text("partinavn"),
                "votes": cells.count("stemmer", required=True), "_line": cells.line}
               for _, cells in each(read, source_name)]
    frame = pd.DataFrame.from_records(entries)
    refuse_twice(frame, ["year", "school", "party_code"], source_name, "samme valgår, skole og parti")
    election_id = f"{PREFIX}{one_year(frame, source_name)}"
    frame = frame.drop(columns=["_line", "year"]).assign(election_id=election_id).astype({"votes": "Int64"})
    checks = [Check("Stemmer", True, f"{fmt.number(int(frame['votes'].sum()))} stemmer på "
                                     f"{frame['school'].nunique()} skoler.")]
    areas = f"{frame['school'].nunique()} skoler, {frame['party_code'].nunique()} partier"
    return ParsedBatch(KIND, source_name, election_id, {"school_election": frame}, areas, checks, read.warnings)


def _parse(data: bytes, source_name: str, config: Config) -> ParsedBatch:
    return parse_school_election(data, source_name, config)


SOURCE = Source(
    kind=KIND,
    label="Skolevalg (mal)",
    description="stemmer per skole og parti i skolevalget, i dashbordets egen mal (CSV med kolonnene "
                + ";".join(TEMPLATE.header) + ")",
    credit="Skolevalget: resultater per skole",
    extensions=("csv",),
    recognise=TEMPLATE.recognise,
    parse=_parse,
    tables=("school_election",),
    rules=("flere valgår i én fil", "valgår fram i tid", "negative tall", "samme valgår, skole og parti to ganger",
           "kolonner med navn, telefon eller e-post", "ukjente kolonner", "eksempelraden fra malen"),
    template=TEMPLATE.csv,
    form=(FormField("valgår", LABELS["valgår"], "number", required=True),
          FormField("skole", LABELS["skole"], required=True),
          FormField("parti", LABELS["parti"], "choice", required=True, choices=("SV", "A", "H", "MDG", "RØDT", "V",
                                                                                "FRP", "KRF", "SP")),
          FormField("partinavn", LABELS["partinavn"]),
          FormField("stemmer", LABELS["stemmer"], "number", required=True)),
)
