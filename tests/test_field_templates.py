"""What the field-work, media, events and money templates share: recognition, the template files, privacy columns."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from campaign.config import load_config
from campaign.ingest import events, field_calls, field_doors, field_stands, media_stories, money, registry
from campaign.ingest.base import ImportRejected
from campaign.ingest.source import Sniff
from tests.field_helpers import FIELD

FIXTURES = Path(__file__).resolve().parent / "fixtures"
MODULES = {"field_calls": field_calls, "field_doors": field_doors, "field_stands": field_stands,
           "media": media_stories, "events": events, "money": money}
EXPECTED = {"field_calls_utf8_bom.csv": "field_calls", "field_doors_excel_cp1252.csv": "field_doors",
            "field_stands_utf8.csv": "field_stands", "media_stories_utf8.csv": "media",
            "events_excel_cp1252.csv": "events", "money_utf8_bom.csv": "money"}


def test_each_fixture_is_recognised_by_exactly_its_source():
    for path in sorted(FIELD.iterdir()):
        sniff = Sniff(path.read_bytes(), "fil.txt")
        assert [s.kind for s in registry.SOURCES if s.recognise(sniff)] == [EXPECTED[path.name]], path.name


def test_no_other_fixture_is_taken_for_field_work():
    for path in sorted(p for p in FIXTURES.rglob("*") if p.is_file() and p.parent != FIELD):
        try:
            kind = registry.detect(path.read_bytes(), path.name).kind
        except ImportRejected:
            continue
        assert kind not in MODULES, path.name


@pytest.mark.parametrize("kind", MODULES)
def test_the_template_is_recognised_and_its_example_row_refused(kind):
    source = registry.by_kind(kind)
    data = source.template()
    assert data.startswith(b"\xef\xbb\xbf") and len(data.decode("utf-8-sig").splitlines()) == 2
    assert [f.column for f in source.form] == list(MODULES[kind].TEMPLATE.header)
    assert registry.detect(data, "mal.csv").kind == kind
    with pytest.raises(ImportRejected, match="rad 2: eksempelraden fra malen"):
        registry.parse(data, "mal.csv", load_config())


@pytest.mark.parametrize("kind", MODULES)
def test_columns_with_personal_data_are_refused(kind):
    header = ";".join(MODULES[kind].TEMPLATE.header)
    data = f"{header};Navn;Telefon;E-post\n".encode()
    with pytest.raises(ImportRejected, match="personopplysninger: «Navn», «Telefon», «E-post»"):
        registry.parse(data, "liste.csv", load_config())


@pytest.mark.parametrize("kind", MODULES)
def test_unknown_columns_are_listed(kind):
    header = ";".join(MODULES[kind].TEMPLATE.header)
    with pytest.raises(ImportRejected, match="ukjente kolonner: «kommentar»"):
        registry.parse(f"{header};kommentar\n".encode(), "x.csv", load_config())


FORM_ENTRIES = {
    "media": {"dato": dt.date(2023, 9, 1), "medium": "VG", "tema": "skole", "type": "radio/TV", "saker": None},
    "events": {"dato": dt.date(2023, 9, 1), "type": "møte", "arrangement": "Medlemsmøte", "oppmøte": 24.0},
    "money": {"dato": dt.date(2023, 9, 1), "type": "lotteri", "beløp_kr": 1250.5, "givere": None},
}


@pytest.mark.parametrize("kind", FORM_ENTRIES)
def test_a_form_entry_imports_as_one_row(kind):
    source = registry.by_kind(kind)
    _, batch = registry.parse(source.form_csv(FORM_ENTRIES[kind]), "skjema.csv", load_config())
    assert len(batch.tables[kind]) == 1 and batch.tables[kind]["date"].iloc[0] == dt.date(2023, 9, 1)
