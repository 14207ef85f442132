"""What the three field-work templates share: recognition, the template files, privacy columns."""
from __future__ import annotations

from pathlib import Path

import pytest

from campaign.config import load_config
from campaign.ingest import field_calls, field_doors, field_stands, registry
from campaign.ingest.base import ImportRejected
from campaign.ingest.source import Sniff
from tests.field_helpers import FIELD

FIXTURES = Path(__file__).resolve().parent / "fixtures"
MODULES = {"field_calls": field_calls, "field_doors": field_doors, "field_stands": field_stands}
EXPECTED = {"field_calls_utf8_bom.csv": "field_calls", "field_doors_excel_cp1252.csv": "field_doors",
            "field_stands_utf8.csv": "field_stands"}


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
        assert not kind.startswith("field_"), path.name


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
