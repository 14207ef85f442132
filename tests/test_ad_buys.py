"""Paid channels outside social media: the template CSV and the one-entry form → ad_buys."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from campaign.ingest import registry
from campaign.ingest.ad_buys import (
    EXAMPLE,
    HEADER,
    ad_buy_row,
    parse_ad_buys,
    template_csv,
    to_template_csv,
)
from campaign.ingest.base import ImportRejected
from campaign.ingest.source import Sniff
from campaign.store import Store
from tests.field_helpers import cli_import, store_bytes, write

PLATFORMS = Path(__file__).resolve().parent / "fixtures" / "platforms"
EXCEL = PLATFORMS / "ad_buys_excel_cp1252.csv"
UTF8 = PLATFORMS / "ad_buys_utf8_bom.csv"
LABEL = "Andre annonsekjøp (mal)"
GOOD = "fra_dato;til_dato;kanal;leverandor;kostnad_kr;visninger;landingssidevisninger\n"


def parse(path: Path):
    return parse_ad_buys(path.read_bytes(), path.name)








# --- recognition -------------------------------------------------------------------------------------

@pytest.mark.parametrize("path", [EXCEL, UTF8], ids=lambda p: p.name)
def test_recognised_by_content_whatever_the_file_is_called(path):
    assert registry.detect(path.read_bytes(), "innkjøp.txt").kind == "ad_buys"
    sniff = Sniff(path.read_bytes(), path.name)
    assert [s.kind for s in registry.SOURCES if s.recognise(sniff)] == ["ad_buys"]  # no other source claims it


def test_other_platform_fixtures_are_not_taken_for_ad_buys():
    for path in sorted(PLATFORMS.iterdir()):
        if path.name.startswith("ad_buys") or not path.is_file():
            continue
        try:
            kind = registry.detect(path.read_bytes(), path.name).kind
        except ImportRejected:
            continue
        assert kind != "ad_buys", path.name


def test_the_template_is_recognised_and_its_example_row_is_refused():
    data = template_csv()
    assert data.startswith(b"\xef\xbb\xbf") and data.decode("utf-8-sig").splitlines() == [";".join(HEADER),
                                                                                          ";".join(EXAMPLE)]
    assert registry.detect(data, "mal.csv").kind == "ad_buys"
    with pytest.raises(ImportRejected, match="rad 2: eksempelraden fra malen"):
        parse_ad_buys(data, "mal.csv")


# --- values ------------------------------------------------------------------------------------------

def test_norwegian_excel_resave():
    batch = parse(EXCEL)
    buys = batch.tables["ad_buys"]
    assert list(buys.columns) == ["first_date", "last_date", "channel", "supplier", "spend_nok", "impressions",
                                  "landing_page_views"]
    assert len(buys) == 5 and batch.warnings == ["Filen ble lest som Windows-1252."]
    outdoor = buys.iloc[0]
    assert (outdoor["first_date"], outdoor["last_date"], outdoor["channel"], outdoor["supplier"]) == (
        dt.date(2023, 8, 14), dt.date(2023, 9, 10), "utendørs", "Clear Channel")
    assert outdoor["spend_nok"] == 48750.0 and outdoor["impressions"] == 1_250_000
    assert pd.isna(outdoor["landing_page_views"])
    assert buys.loc[buys["supplier"] == "Vårt Oslo", "spend_nok"].item() == 7900.5
    assert pd.isna(buys.loc[buys["channel"] == "sms", "supplier"]).all()
    assert sorted(buys["channel"].unique()) == ["avis", "google", "sms", "utendørs"]
    assert batch.areas == "5 kjøp (avis, google, sms, utendørs), 103\u00a0020\u00a0kr, 14. aug.–11. sep. 2023"


def test_utf8_with_iso_dates_and_empty_optional_columns():
    buys = parse(UTF8).tables["ad_buys"]
    assert buys["spend_nok"].tolist() == [39000.0, 15250.75, 8000.0]
    assert buys["first_date"].min() == dt.date(2021, 8, 16) and buys["landing_page_views"].isna().all()


def test_numbers_with_a_decimal_point_in_a_semicolon_file_are_not_read_as_thousands():
    buys = parse_ad_buys((GOOD + "01.08.2023;02.08.2023;avis;A;12500.50;;\n").encode(), "x.csv").tables["ad_buys"]
    assert buys["spend_nok"].tolist() == [12500.5]
    buys = parse_ad_buys((GOOD + "01.08.2023;02.08.2023;avis;A;12.500;1.000;\n").encode(), "x.csv").tables["ad_buys"]
    assert (buys["spend_nok"].item(), buys["impressions"].item()) == (12500.0, 1000)
    buys = parse_ad_buys((GOOD + "01.08.2023;02.08.2023;avis;A;12 500 kr;;\n").encode(), "x.csv").tables["ad_buys"]
    assert buys["spend_nok"].item() == 12500.0


# --- the form ----------------------------------------------------------------------------------------

def test_the_form_entry_shares_the_template_rules():
    batch = ad_buy_row(dt.date(2023, 9, 1), "11.09.2023", " Avis ", "Aftenposten", 32500.0, 215000, 1140)
    row = batch.tables["ad_buys"].iloc[0]
    assert (row["first_date"], row["last_date"], row["channel"], row["spend_nok"]) == (
        dt.date(2023, 9, 1), dt.date(2023, 9, 11), "avis", 32500.0)
    assert batch.kind == "ad_buys" and batch.election_id is None
    assert batch.source_name == "Skjema: avis, Aftenposten, 1. sep.–11. sep. 2023"
    assert ad_buy_row("2023-09-01", "2023-09-01", "sms", "", "1 870,50").tables["ad_buys"]["spend_nok"].item() == 1870.5


@pytest.mark.parametrize(("args", "message"), [
    ((dt.date(2023, 9, 2), dt.date(2023, 9, 1), "avis", "A", 100), "«Til dato».*før Fra dato"),
    ((dt.date(2023, 9, 1), dt.date(2023, 9, 1), "avis", "A", -100), "kolonne «Kostnad \\(kr\\)».*negativt"),
    ((dt.date(2023, 9, 1), dt.date(2023, 9, 1), "", "A", 100), "Kanal mangler"),
    ((dt.date(2023, 9, 1), dt.date(2023, 9, 1), "avis", "A", None), "Kostnad \\(kr\\) mangler"),
    ((dt.date(2023, 9, 1), dt.date(2023, 9, 1), "avis", "A", float("nan")), "ikke et tall"),
    ((dt.date(2023, 9, 1), "31.02.2023", "avis", "A", 100), "«31.02.2023» er ikke en dato"),
    ((dt.date(2023, 9, 1), dt.date(2023, 9, 1), "avis", "A", 100, 12.5), "«Visninger».*ikke et helt tall"),
])
def test_the_form_rejects_what_the_template_rejects(args, message):
    with pytest.raises(ImportRejected, match=f"«skjemaet».*{message}"):
        ad_buy_row(*args)


def test_a_form_entry_goes_through_the_ordinary_import_as_template_csv(tmp_path, capsys):
    batch = ad_buy_row(dt.date(2023, 9, 1), dt.date(2023, 9, 11), "avis", None, 7900.5, None, 312)
    data = to_template_csv(batch.tables["ad_buys"])
    pd.testing.assert_frame_equal(parse_ad_buys(data, "skjema.csv").tables["ad_buys"], batch.tables["ad_buys"])
    code, out = cli_import(tmp_path, capsys, str(write(tmp_path, "skjema.csv", data)))
    assert code == 0 and LABEL in out, out


# --- import end to end -------------------------------------------------------------------------------

def test_cli_import_totals_equal_the_files_own(tmp_path, capsys):
    code, out = cli_import(tmp_path, capsys, str(EXCEL), str(UTF8))
    assert code == 0, out
    assert out.count("OK") == 2 and LABEL in out and "andre annonsekjøp 5 rader" in out
    buys = Store(tmp_path / "store").read("ad_buys")
    assert len(buys) == 8
    assert buys["spend_nok"].sum() == pytest.approx(48750 + 32500 + 7900.5 + 12000 + 1870 + 39000 + 15250.75 + 8000)
    assert buys["impressions"].sum() == 1_250_000 + 215_000 + 96_412 + 18_700 + 900_000 + 120_000
    assert buys["landing_page_views"].sum() == 1140 + 312 + 2075


def test_reimport_of_the_same_file_changes_nothing(tmp_path, capsys):
    cli_import(tmp_path, capsys, str(EXCEL))
    before = store_bytes(tmp_path / "store")
    code, out = cli_import(tmp_path, capsys, str(EXCEL))
    assert code == 0 and "allerede importert" in out
    assert store_bytes(tmp_path / "store") == before


def test_a_corrected_file_replaces_the_same_buys(tmp_path, capsys):
    cli_import(tmp_path, capsys, str(EXCEL))
    fixed = EXCEL.read_bytes().replace(b"Aftenposten;32\xa0500,00", b"Aftenposten;30\xa0000,00")
    fixed += "11.09.2023;11.09.2023;sms;Link Mobility;950,00;9\xa0500;\r\n".encode("cp1252")
    code, out = cli_import(tmp_path, capsys, str(write(tmp_path, "ad_buys_rettet.csv", fixed)))
    assert code == 0 and "erstatter 5 rader" in out, out
    buys = Store(tmp_path / "store").read("ad_buys")
    assert len(buys) == 6 and buys.loc[buys["supplier"] == "Aftenposten", "spend_nok"].tolist() == [30000.0]


# --- rejections: Norwegian, file/row/column named, store unchanged -----------------------------------

@pytest.mark.parametrize(("text", "message"), [
    (GOOD, "ingen kjøp"),
    (GOOD + ";;;;;;\n;;;;;;\n", "ingen kjøp"),
    (GOOD + "02.08.2023;01.08.2023;avis;A;100;;\n", "rad 2, kolonne «til_dato».*før fra_dato"),
    (GOOD + "01.08.2023;01.08.2023;avis;A;-100;;\n", "rad 2, kolonne «kostnad_kr».*negativt"),
    (GOOD + "01.08.2023;01.08.2023;avis;A;;;\n", "rad 2, kolonne «kostnad_kr».*mangler"),
    (GOOD + "01.08.2023;01.08.2023;avis;A;100;mange;\n", "rad 2, kolonne «visninger».*ikke et tall"),
    (GOOD + "1. august;01.08.2023;avis;A;100;;\n", "rad 2, kolonne «fra_dato».*ikke en dato"),
    (GOOD + "01.08.2023;01.08.2023;avis;A;100;;\n01.08.2023;01.08.2023;Avis;A;200;;\n", "rad 2 og rad 3 er samme kjøp"),
    (GOOD + "01.08.2023;01.08.2023;avis;A;100,5;;\n01.08.2023;01.08.2023;sms;A;1,234.5;;\n", "blander desimalkomma"),
    (GOOD + "01.08.2023;01.08.2023;avis;A;100;;;ekstra\n", "rad 2: raden har flere verdier"),
    (GOOD.replace("\n", ";kampanje;mva\n") + "01.08.2023;01.08.2023;avis;A;100;;;x;25\n",
     "ukjente kolonner: «kampanje», «mva»"),
    (GOOD.replace("\n", ";telefon\n") + "01.08.2023;01.08.2023;avis;A;100;;;99887766\n",
     "kolonner med personopplysninger: «telefon»"),  # the shared template check, like every other template
])
def test_broken_files_are_rejected_whole(tmp_path, capsys, text, message):
    cli_import(tmp_path, capsys, str(UTF8))
    before = store_bytes(tmp_path / "store")
    path = write(tmp_path, "kjøp.csv", text)
    code, out = cli_import(tmp_path, capsys, str(path))
    assert code == 1 and out.startswith("AVVIST") and "«kjøp.csv»" in out, out
    with pytest.raises(ImportRejected, match=message):
        parse_ad_buys(path.read_bytes(), path.name)
    assert store_bytes(tmp_path / "store") == before
