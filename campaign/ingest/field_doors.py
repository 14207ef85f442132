"""Door-knocking rounds → `field_doors`: the project's template CSV, or one entry typed into the form.

The template (one row per round and place; `;`, UTF-8 or Windows-1252):

    dato        the day (dd.mm.åååå or åååå-mm-dd), not in the future
    sted        where (street, area, housing estate)
    bydel       optional: the area below the branch's own. A bydel by name or SSB code from
                campaign.toml's [bydeler]; for a county branch a kommune (4-digit code in the fylke;
                the column may be headed «kommune»); for a kommune without bydeler a krets number
    krets       optional: a valgkrets number (1203 or 0301-1203; a county branch writes 5001-0003,
                or 0003 with the kommune in the area column)
    dører       doors knocked
    samtaler    optional: conversations, at most dører
    deltakere   people knocking, at least 1

kommune_id is campaign.toml's kommune, or for a county branch the kommune given in the row. A newer file with the same dato and sted replaces the earlier row.
"""
from __future__ import annotations

import re

import pandas as pd

from campaign import fmt
from campaign.config import Config, load_config
from campaign.ingest.base import Check, ParsedBatch
from campaign.ingest.source import FormField, Source
from campaign.ingest.tabular import norm, period_text
from campaign.ingest.template_rows import EXAMPLE_MARK, Template, each, read_rows, refuse_twice

KIND = "field_doors"
TEMPLATE = Template(
    header=("dato", "sted", "bydel", "krets", "dører", "samtaler", "deltakere"),
    needed=("dato", "sted", "dører"),
    example=("01.09.2023", EXAMPLE_MARK, "Alna", "", "120", "35", "6"),
    numbers=("dører", "samtaler", "deltakere"),
    aliases={"dører": ("dorer", "dører banket på"), "deltakere": ("personer",), "bydel": ("kommune", "område")},
)
LABELS = {"dato": "Dato", "sted": "Sted", "bydel": "Bydel", "krets": "Krets", "dører": "Dører",
          "samtaler": "Samtaler", "deltakere": "Deltakere"}


def template_csv() -> bytes:
    return TEMPLATE.csv()


def parse_field_doors(data: bytes, source_name: str, config: Config | None = None) -> ParsedBatch:
    """The template CSV as `field_doors` rows; the whole file is rejected for any broken row."""
    config = config or load_config()
    read = read_rows(data, source_name, TEMPLATE, "dørbankerunder")
    entries = [_entry(cells, config) for _, cells in each(read, source_name)]
    frame = pd.DataFrame.from_records(entries)
    refuse_twice(frame, ["date", "place"], source_name, "samme dato og sted")
    frame = frame.drop(columns="_line").astype({"doors": "Int64", "conversations": "Int64", "participants": "Int64"})
    return ParsedBatch(KIND, source_name, None, {KIND: frame}, _areas(frame), _checks(frame), read.warnings)


def _entry(cells, config: Config) -> dict:
    day, place = cells.date("dato"), cells.text("sted", required=True)
    doors = cells.count("dører", required=True)
    talks, people = cells.count("samtaler"), cells.count("deltakere", required=True)
    if talks is not None and talks > doors:
        cells.fail("samtaler", f"{talks} samtaler er flere enn {doors} dører.")
    if people < 1:
        cells.fail("deltakere", "minst én må ha vært med.")
    bydel, kommune, krets = _area(cells, config)
    krets_id = _krets(cells, config, kommune, krets)
    if kommune is None and krets_id is not None:
        kommune = krets_id[:4]
    return {"date": day, "place": place, "bydel_id": bydel, "krets_id": krets_id,
            "kommune_id": kommune or config.kommune_id, "doors": doors, "conversations": talks,
            "participants": people, "_line": cells.line}


def _area(cells, config: Config) -> tuple[str | None, str | None, str | None]:
    """The area column as (bydel_id, kommune_id, krets number) at the branch's sub-level."""
    given = cells.text("bydel")
    if given is None:
        return None, None, None
    if config.is_county:
        if re.fullmatch(r"[0-9]{4}", given) and config.in_fylke(given):
            return None, given, None
        cells.fail("bydel", f"«{given}» er ikke et kommunenummer i {config.area_name} ({config.fylke_id}). "
                            f"Et fylkeslag skriver kommunen med fire sifre, f.eks. {config.fylke_id}01.")
    if not config.bydeler:
        if re.fullmatch(r"[0-9]{4}", given):
            return None, None, given
        cells.fail("bydel", f"«{given}» er ikke et kretsnummer. {config.area_name} har ingen bydeler i "
                            "campaign.toml; skriv kretsnummeret med fire sifre, f.eks. 0003, eller la feltet stå tomt.")
    return _bydel(given, cells, config), None, None


def _bydel(given: str, cells, config: Config) -> str | None:
    """A bydel by SSB code or name (case-insensitive) → its code; rejects one campaign.toml does not know."""
    by_name = {norm(name): code for code, name in config.bydeler.items()}
    code = given if given in config.bydeler else by_name.get(norm(given))
    if code is None:
        known = ", ".join(config.bydeler.values()) or "ingen (campaign.toml har ingen [bydeler])"
        cells.fail("bydel", f"«{given}» er ikke en kjent bydel. Kjente bydeler: {known}.")
    return code


def _krets(cells, config: Config, kommune: str | None, area_krets: str | None) -> str | None:
    """A valgkrets number as the store keys it ("1203" → "0301-1203"), from the krets or the area column."""
    given = cells.text("krets") or area_krets
    if given is None:
        return None
    owner = kommune or config.kommune_id
    if re.fullmatch(r"[0-9]{4}", given):
        if owner is None:
            cells.fail("krets", f"«{given}»: et fylkeslag skriver kretsen som kommune-krets, f.eks. "
                                f"{config.fylke_id}01-{given}, eller kommunen i kolonnen «bydel»/«kommune».")
        return f"{owner}-{given}"
    if re.fullmatch(r"[0-9]{4}-[0-9]{4}", given):
        if not config.in_fylke(given[:4]):
            cells.fail("krets", f"«{given}»: kommune {given[:4]} ligger ikke i {config.fylke_name or 'fylke'} "
                                f"({config.fylke_id}).")
        return given
    cells.fail("krets", f"«{given}» er ikke et kretsnummer (skriv fire sifre, f.eks. 1203).")


def _checks(frame: pd.DataFrame) -> list[Check]:
    doors, talks = int(frame["doors"].sum()), int(frame["conversations"].sum())
    return [Check("Dørbanking i alt", True, f"{fmt.number(doors)} dører og {fmt.number(talks)} samtaler "
                                            f"på {len(frame)} runder.")]


def _areas(frame: pd.DataFrame) -> str:
    period = period_text(frame["date"].min(), frame["date"].max())
    return f"{len(frame)} runder, {fmt.number(int(frame['doors'].sum()))} dører, {period}"


def _parse(data: bytes, source_name: str, config: Config) -> ParsedBatch:
    return parse_field_doors(data, source_name, config)


SOURCE = Source(
    kind=KIND,
    label="Dørbanking (mal)",
    description="dørbankerunder i dashbordets egen mal (CSV med kolonnene " + ";".join(TEMPLATE.header) + ")",
    credit="Egne tall: dørbanking",
    extensions=("csv",),
    recognise=TEMPLATE.recognise,
    parse=_parse,
    tables=(KIND,),
    rules=("samtaler flere enn dører", "ukjent bydel", "ingen deltakere", "negative tall eller desimaltall",
           "dato fram i tid", "samme dato og sted to ganger", "kolonner med navn, telefon eller e-post",
           "ukjente kolonner", "eksempelraden fra malen"),
    template=template_csv,
    form=(FormField("dato", LABELS["dato"], "date", required=True),
          FormField("sted", LABELS["sted"], required=True),
          FormField("bydel", LABELS["bydel"], help="bydel (navn eller nummer); kommunenummer for et fylkeslag; kan stå tom"),
          FormField("krets", LABELS["krets"], help="kretsnummer, f.eks. 1203; kan stå tom"),
          FormField("dører", LABELS["dører"], "number", required=True),
          FormField("samtaler", LABELS["samtaler"], "number"),
          FormField("deltakere", LABELS["deltakere"], "number", required=True)),
)
