"""Paid channels outside social media (outdoor, newspapers, Google, direct mail, SMS) → `ad_buys`:
the project's own template CSV, and one entry typed into a form, checked by the same rules.

The template (one row per buy; Norwegian Excel style: `;`, decimal comma, UTF-8 or Windows-1252):

    fra_dato               første dag kjøpet gjaldt (dd.mm.åååå eller åååå-mm-dd)
    til_dato               siste dag (samme dag som fra_dato eller senere)
    kanal                  utendørs, avis, google, direkte post, sms – eller et annet ord
    leverandor             hvem dere kjøpte av (f.eks. Clear Channel, Aftenposten); kan stå tom
    kostnad_kr             hva kjøpet kostet i kroner, uten mva. (desimalkomma er greit)
    visninger              visninger, opplag eller mottakere, når dere vet det; ellers tom
    landingssidevisninger  visninger av landingssiden kjøpet ga, når dere vet det; ellers tom

A newer file with the same fra_dato, til_dato, kanal and leverandor replaces the earlier row.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import re

import pandas as pd

from campaign import fmt
from campaign.config import Config
from campaign.ingest.base import Check, ParsedBatch, rejected
from campaign.ingest.source import FormField, Sniff, Source
from campaign.ingest.tabular import (
    count,
    decimal_marks,
    decode,
    format_float,
    number,
    original_header,
    period_text,
    read_table,
    sniff_header,
)
from campaign.ingest.template_rows import Template, cells_by_column, column_index

KIND = "ad_buys"
HEADER = ["fra_dato", "til_dato", "kanal", "leverandor", "kostnad_kr", "visninger", "landingssidevisninger"]
EXAMPLE = ["01.08.2023", "31.08.2023", "utendørs", "EKSEMPEL – slett denne raden", "45000,00", "250000", ""]
# Header variants a hand-made file may use (matched case- and space-insensitively); extend freely.
ALIASES: dict[str, list[str]] = {
    "fra_dato": ["fra dato", "fra", "fom", "startdato", "first_date"],
    "til_dato": ["til dato", "til", "tom", "sluttdato", "last_date"],
    "kanal": ["channel"],
    "leverandor": ["leverandør", "supplier"],
    "kostnad_kr": ["kostnad", "kostnad (kr)", "kostnad kr", "beløp", "beløp (kr)", "spend_nok"],
    "visninger": ["eksponeringer", "opplag", "mottakere", "impressions"],
    "landingssidevisninger": ["landingssidevisninger", "landing_page_views"],
}
NEEDED = ["fra_dato", "til_dato", "kanal", "kostnad_kr"]
# The form's field labels (the column names its messages use).
FIELDS = {"fra_dato": "Fra dato", "til_dato": "Til dato", "kanal": "Kanal", "leverandor": "Leverandør",
          "kostnad_kr": "Kostnad (kr)", "visninger": "Visninger", "landingssidevisninger": "Landingssidevisninger"}
CHANNELS = ("utendørs", "avis", "google", "direkte post", "sms")  # suggestions; any other word is kept as typed
DATE_FORMATS = ("%d.%m.%y", "%d.%m.%Y", "%Y-%m-%d")  # unambiguous, so each cell may use its own
STORE_COLUMNS = {"fra_dato": "first_date", "til_dato": "last_date", "kanal": "channel", "leverandor": "supplier",
                 "kostnad_kr": "spend_nok", "visninger": "impressions", "landingssidevisninger": "landing_page_views"}
FORM_NAME = "skjemaet"


def template_csv() -> bytes:
    """The template as the import page offers it: UTF-8 with BOM (Excel opens it right), `;`, one example row."""
    return "\ufeff".encode() + _csv_text([HEADER, EXAMPLE]).encode("utf-8")


def _csv_text(rows: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(rows)
    return out.getvalue()


# The shared template mechanics (header variants, recognition, column matching) read this declaration.
TEMPLATE = Template(header=tuple(HEADER), needed=tuple(NEEDED), example=tuple(EXAMPLE),
                    numbers=("kostnad_kr", "visninger", "landingssidevisninger"),
                    aliases={column: tuple(variants) for column, variants in ALIASES.items()})
_is_header = TEMPLATE.is_header


def _columns(header: list[str], names: list[str], source_name: str) -> dict[str, int]:
    """Each template column's index; rejects personal, unknown (listed) and missing columns."""
    index = column_index(header, names, source_name, TEMPLATE)
    missing = [c for c in NEEDED if c not in index]
    if missing:
        raise rejected(source_name, f"kolonnene {', '.join(missing)} mangler. Malen har {', '.join(HEADER)}.")
    return index


def _money_text(text: str) -> str:
    """A cost cell without its currency ("12 500 kr", "kr 12 500,-" → "12 500")."""
    return re.sub(r"(?i)^\s*(kr\.?|nok)\s*|\s*(kr\.?|nok)\s*$|,-\s*$", "", text).strip()


def _entry(cells: dict[str, str], names: dict[str, str], source_name: str, line: int | None,
           comma: bool) -> dict:
    """One buy from its cells as text: the shared rules of the template and the form."""
    if cells.get("leverandor", "") == EXAMPLE[3]:
        raise rejected(source_name, "eksempelraden fra malen står fortsatt i filen. Slett den.", line)
    first, last = (_date(cells, c, names, source_name, line) for c in ("fra_dato", "til_dato"))
    if last < first:
        raise rejected(source_name, f"{names['til_dato']} ({last:%d.%m.%Y}) er før {names['fra_dato']} "
                                    f"({first:%d.%m.%Y}).", line, names["til_dato"])
    channel = " ".join(cells.get("kanal", "").split())
    if not channel:
        _missing("kanal", names, source_name, line)
    spend = number(_money_text(cells.get("kostnad_kr", "")), source_name, line, names["kostnad_kr"], comma)
    if spend is None:
        _missing("kostnad_kr", names, source_name, line)
    supplier = " ".join(cells.get("leverandor", "").split()) or None
    counts = {c: count(cells.get(c, ""), source_name, line, names[c], comma)
              for c in ("visninger", "landingssidevisninger")}
    known = next((c for c in CHANNELS if c == channel.casefold()), channel)
    return {"first_date": first, "last_date": last, "channel": known, "supplier": supplier, "spend_nok": spend,
            "impressions": counts["visninger"], "landing_page_views": counts["landingssidevisninger"], "_line": line}


def _date(cells: dict[str, str], column: str, names: dict[str, str], source_name: str, line: int | None) -> dt.date:
    text = cells.get(column, "").strip()
    if not text:
        _missing(column, names, source_name, line)
    for form in DATE_FORMATS:
        try:
            day = dt.datetime.strptime(text, form).date()
        except ValueError:
            continue
        if 2000 <= day.year <= 2100:
            return day
    raise rejected(source_name, f"«{text}» er ikke en dato (skriv dd.mm.åååå, f.eks. 01.08.2023).", line, names[column])


def _missing(column: str, names: dict[str, str], source_name: str, line: int | None):
    raise rejected(source_name, f"{names[column]} mangler.", line, names[column])


def _decimal_comma(values: list[str], delimiter: str, source_name: str) -> bool:
    """Whether the numbers use a decimal comma: from the numbers themselves, else from the delimiter."""
    marks = decimal_marks(values)
    if len(marks) == 2:
        raise rejected(source_name, "tallene blander desimalkomma og desimalpunktum; bruk komma (12500,50).")
    return marks == {","} or (not marks and delimiter != ",")


def parse_ad_buys(data: bytes, source_name: str, config: Config | None = None) -> ParsedBatch:
    """The template CSV as `ad_buys` rows; the whole file is rejected for any broken row."""
    text, encoding = decode(data, source_name)
    table = read_table(text, source_name, _is_header)
    header = original_header(text, table)
    index = _columns(table.header, header, source_name)
    names = {c: header[index[c]] if c in index else c for c in HEADER}
    rows = cells_by_column(table, index, header, source_name)
    if not rows:
        raise rejected(source_name, "filen har ingen kjøp, bare overskriften.")
    values = [cells.get(c, "") for _, cells in rows for c in ("kostnad_kr", "visninger", "landingssidevisninger")]
    comma = _decimal_comma([_money_text(v) for v in values], table.delimiter, source_name)
    entries = [_entry(cells, names, source_name, line, comma) for line, cells in rows]
    warnings = [f"Filen ble lest som {encoding}."] if encoding != "UTF-8" else []
    return _batch(entries, source_name, names, warnings)


def ad_buy_row(first_date, last_date, channel: str, supplier: str | None, spend_nok, impressions=None,
               landing_page_views=None) -> ParsedBatch:
    """One buy typed into the import page's form, checked by the template's rules (dates as date or text)."""
    cells = {"fra_dato": _text(first_date), "til_dato": _text(last_date), "kanal": _text(channel),
             "leverandor": _text(supplier), "kostnad_kr": _money_text(_text(spend_nok)),
             "visninger": _text(impressions), "landingssidevisninger": _text(landing_page_views)}
    numbers = [cells["kostnad_kr"], cells["visninger"], cells["landingssidevisninger"]]
    entry = _entry(cells, FIELDS, FORM_NAME, None, _decimal_comma(numbers, ";", FORM_NAME))
    name = f"Skjema: {entry['channel']}{', ' + entry['supplier'] if entry['supplier'] else ''}, " \
           f"{period_text(entry['first_date'], entry['last_date'])}"
    return _batch([entry], name, FIELDS, [])


def _text(value) -> str:
    """A form value as the text a template cell would hold (numbers with a decimal comma)."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return f"{value:%d.%m.%Y}"
    if isinstance(value, float):
        return format_float(value).replace(".", ",")
    return str(value).strip()


def to_template_csv(frame: pd.DataFrame) -> bytes:
    """`ad_buys` rows written back as the template (so a form entry can go through the ordinary import)."""
    rows = [[f"{r.first_date:%d.%m.%Y}", f"{r.last_date:%d.%m.%Y}", r.channel, r.supplier or "",
             format_float(float(r.spend_nok)).replace(".", ","), _count_text(r.impressions),
             _count_text(r.landing_page_views)] for r in frame.itertuples()]
    return "\ufeff".encode() + _csv_text([HEADER, *rows]).encode("utf-8")


def _count_text(value) -> str:
    return "" if value is None or pd.isna(value) else str(int(value))


def _batch(entries: list[dict], source_name: str, names: dict[str, str], warnings: list[str]) -> ParsedBatch:
    frame = pd.DataFrame.from_records(entries)
    twice = frame[frame.duplicated(["first_date", "last_date", "channel", "supplier"], keep=False)]
    if len(twice):
        raise rejected(source_name, f"rad {twice['_line'].iloc[0]} og rad {twice['_line'].iloc[1]} er samme kjøp "
                                    f"(samme datoer, {names['kanal']} og {names['leverandor']}). Slå dem sammen "
                                    "til én rad, eller skill dem med leverandøren.", twice["_line"].iloc[1])
    frame = frame.drop(columns="_line").astype({"spend_nok": "float64", "impressions": "Int64",
                                                "landing_page_views": "Int64"})
    return ParsedBatch(KIND, source_name, None, {"ad_buys": frame}, _areas(frame), _checks(frame), warnings)


def _checks(frame: pd.DataFrame) -> list[Check]:
    shown = frame["impressions"].notna().sum()
    checks = [Check("Kostnad i alt", True, f"{fmt.kroner(frame['spend_nok'].sum())} for {len(frame)} kjøp; "
                                           f"visninger oppgitt for {shown} av dem.")]
    more = frame[(frame["landing_page_views"] > frame["impressions"]).fillna(False)]
    if len(more):
        checks.append(Check("Landingssidevisninger", False, f"{len(more)} kjøp har flere landingssidevisninger "
                                                            "enn visninger; stemmer tallene?"))
    return checks


def _areas(frame: pd.DataFrame) -> str:
    channels = ", ".join(sorted(frame["channel"].unique()))
    period = period_text(frame["first_date"].min(), frame["last_date"].max())
    return f"{len(frame)} kjøp ({channels}), {fmt.kroner(frame['spend_nok'].sum())}, {period}"


# ✱ Source declaration ----------------------------------------------------------------------------

def _recognise(sniff: Sniff) -> bool:
    return not sniff.is_zip and sniff_header(sniff.data, _is_header) is not None


def _parse(data: bytes, source_name: str, config: Config) -> ParsedBatch:
    return parse_ad_buys(data, source_name, config)


SOURCE = Source(
    kind=KIND,
    label="Andre annonsekjøp (mal)",
    description=("andre annonsekjøp – utendørs, avis, Google, direkte post, SMS – i dashbordets egen mal "
                 "(CSV med kolonnene " + ";".join(HEADER) + ")"),
    credit="Egne tall for annonsekjøp",
    extensions=("csv",),
    recognise=_recognise,
    parse=_parse,
    tables=("ad_buys",),
    rules=("til_dato før fra_dato", "negativ kostnad", "ukjente kolonner", "samme kjøp to ganger",
           "eksempelraden fra malen"),
    template=template_csv,
    form=(FormField("fra_dato", FIELDS["fra_dato"], "date", required=True),
          FormField("til_dato", FIELDS["til_dato"], "date", required=True),
          FormField("kanal", FIELDS["kanal"], "choice", required=True, choices=CHANNELS),
          FormField("leverandor", FIELDS["leverandor"]),
          FormField("kostnad_kr", FIELDS["kostnad_kr"], "number", required=True),
          FormField("visninger", FIELDS["visninger"], "number", help="visninger, opplag eller mottakere"),
          FormField("landingssidevisninger", FIELDS["landingssidevisninger"], "number")),
)
