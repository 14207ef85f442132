"""District-council election results typed in → `district_council`: the project's template CSV, or one row
typed into the form. Oslo elects a bydelsutvalg in each bydel on the day of the municipal election; the
official figures are published per bydel (votes and seats per party).

The template (one row per bydel and party; `;`, UTF-8 or Windows-1252):

    valgår      the election year (2023); one year per file
    bydel       the bydel's code (030102) or its name as in campaign.toml [bydeler] (Grünerløkka)
    parti       the party code as Valgdirektoratet writes it (SV, A, H, RØDT …)
    partinavn   optional: the party's name
    stemmer     the party's votes in the bydel
    mandater    the party's seats in the bydelsutvalg (0 when none)

Stored as election «bu<year>»; a newer row for the same year, bydel and party replaces the earlier one.
"""
from __future__ import annotations

import datetime as dt

import pandas as pd

from campaign import fmt
from campaign.config import Config
from campaign.ingest.base import Check, ParsedBatch, rejected
from campaign.ingest.source import FormField, Source
from campaign.ingest.template_rows import EXAMPLE_MARK, Template, each, read_rows, refuse_twice

KIND = "district_council"
PREFIX = "bu"
TEMPLATE = Template(
    header=("valgår", "bydel", "parti", "partinavn", "stemmer", "mandater"),
    needed=("valgår", "bydel", "parti", "stemmer", "mandater"),
    example=("2023", EXAMPLE_MARK, "SV", "SV – Sosialistisk Venstreparti", "4210", "3"),
    numbers=("valgår", "stemmer", "mandater"),
    aliases={"valgår": ("år", "valg"), "parti": ("partikode",), "mandater": ("representanter", "seter")},
)
LABELS = {"valgår": "Valgår", "bydel": "Bydel", "parti": "Partikode", "partinavn": "Partinavn",
          "stemmer": "Stemmer", "mandater": "Mandater"}


def election_year(cells) -> int:
    """The «valgår» cell as a plausible election year (not in the future)."""
    year = cells.count("valgår", required=True)
    if not 1990 <= year <= dt.date.today().year:
        cells.fail("valgår", f"«{year}» er ikke et valgår (1990–{dt.date.today().year}).")
    return year


def party_code(cells) -> str:
    """The «parti» cell as an upper-case party code without spaces."""
    code = cells.text("parti", required=True).upper()
    if " " in code or len(code) > 12:
        cells.fail("parti", f"«{code}» ser ikke ut som en partikode (SV, A, H, RØDT …); navnet hører hjemme i "
                            "kolonnen partinavn.")
    return code


def one_year(frame: pd.DataFrame, source_name: str) -> int:
    """The file's one election year; a file with several years is rejected (one file per election)."""
    years = sorted(frame["year"].unique())
    if len(years) > 1:
        raise rejected(source_name, f"filen har rader for flere valgår ({', '.join(map(str, years))}); lag én fil "
                                    "per valg.")
    return int(years[0])


def parse_district_council(data: bytes, source_name: str, config: Config | None = None) -> ParsedBatch:
    """The template CSV as `district_council` rows; the whole file is rejected for any broken row."""
    read = read_rows(data, source_name, TEMPLATE, "bydelsutvalgsresultater")
    names = {name.casefold(): code for code, name in (config.bydeler if config else {}).items()}
    entries = [_entry(cells, names) for _, cells in each(read, source_name)]
    frame = pd.DataFrame.from_records(entries)
    refuse_twice(frame, ["year", "bydel_id", "party_code"], source_name, "samme valgår, bydel og parti")
    election_id = f"{PREFIX}{one_year(frame, source_name)}"
    frame = (frame.drop(columns=["_line", "year"]).assign(election_id=election_id)
             .astype({"votes": "Int64", "seats": "Int64"}))
    return ParsedBatch(KIND, source_name, election_id, {"district_council": frame}, _areas(frame), _checks(frame),
                       read.warnings)


def _entry(cells, names: dict[str, str]) -> dict:
    year, text = election_year(cells), cells.text("bydel", required=True)
    bydel = text if text.isdigit() else names.get(text.casefold())
    if bydel is None or (names and bydel not in names.values()):
        known = ", ".join(sorted(n.title() for n in names)[:4])
        cells.fail("bydel", f"«{text}» er ikke en bydel i campaign.toml [bydeler]" + (f" (f.eks. {known})." if known
                                                                                      else "."))
    return {"year": year, "bydel_id": bydel, "party_code": party_code(cells), "party_name": cells.text("partinavn"),
            "votes": cells.count("stemmer", required=True), "seats": cells.count("mandater", required=True),
            "_line": cells.line}


def _checks(frame: pd.DataFrame) -> list[Check]:
    per_bydel = frame.groupby("bydel_id")["seats"].sum()
    return [Check("Mandater", True, f"{fmt.number(int(frame['seats'].sum()))} mandater i {len(per_bydel)} "
                                    f"bydelsutvalg (fra {int(per_bydel.min())} til {int(per_bydel.max())} per bydel).")]


def _areas(frame: pd.DataFrame) -> str:
    return f"{frame['bydel_id'].nunique()} bydeler, {frame['party_code'].nunique()} partier"


def _parse(data: bytes, source_name: str, config: Config) -> ParsedBatch:
    return parse_district_council(data, source_name, config)


SOURCE = Source(
    kind=KIND,
    label="Bydelsutvalgsvalg (mal)",
    description="stemmer og mandater per bydel og parti i bydelsutvalgsvalget, i dashbordets egen mal (CSV med "
                "kolonnene " + ";".join(TEMPLATE.header) + ")",
    credit="Oslo kommune: bydelsutvalgsvalget",
    extensions=("csv",),
    recognise=TEMPLATE.recognise,
    parse=_parse,
    tables=("district_council",),
    rules=("ukjent bydel", "flere valgår i én fil", "valgår fram i tid", "negative tall",
           "samme valgår, bydel og parti to ganger", "kolonner med navn, telefon eller e-post", "ukjente kolonner",
           "eksempelraden fra malen"),
    template=TEMPLATE.csv,
    form=(FormField("valgår", LABELS["valgår"], "number", required=True),
          FormField("bydel", LABELS["bydel"], required=True, help="Bydelens navn (som i campaign.toml) eller kode"),
          FormField("parti", LABELS["parti"], "choice", required=True, choices=("SV", "A", "H", "MDG", "RØDT", "V",
                                                                                "FRP", "KRF", "SP")),
          FormField("partinavn", LABELS["partinavn"]),
          FormField("stemmer", LABELS["stemmer"], "number", required=True),
          FormField("mandater", LABELS["mandater"], "number", required=True)),
)
