"""Google Analytics 4 report downloads: traffic acquisition → web, pages and screens → web_pages."""
from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from campaign.ingest import registry
from campaign.ingest.base import ImportRejected
from campaign.ingest.ga4 import parse_ga4
from campaign.ingest.source import Sniff
from campaign.store import Store
from tests.field_helpers import cli_import, store_bytes, write

PLATFORMS = Path(__file__).resolve().parent / "fixtures" / "platforms"
TRAFFIC = PLATFORMS / "ga4_traffic_acquisition_en.csv"
PAGES_NO = PLATFORMS / "ga4_sider_og_skjermer_no.csv"
EXPLORATION = PLATFORMS / "ga4_utforsking_excel_no.csv"
ONE_DAY = PLATFORMS / "ga4_pages_one_day.csv"
TRAFFIC_2021 = PLATFORMS / "ga4_traffic_2021.csv"
GA4_FILES = [TRAFFIC, PAGES_NO, EXPLORATION, ONE_DAY, TRAFFIC_2021]
LABEL = "Google Analytics 4 (nettsted)"


def parse(path: Path, **options):
    return parse_ga4(path.read_bytes(), path.name, None, **options)


def text_of(path: Path) -> str:
    return path.read_bytes().decode("utf-8-sig")








# --- recognition -------------------------------------------------------------------------------------

@pytest.mark.parametrize("path", GA4_FILES, ids=lambda p: p.name)
def test_recognised_by_content_whatever_the_file_is_called(path):
    assert registry.detect(path.read_bytes(), "eksport.txt").kind == "ga4"
    sniff = Sniff(path.read_bytes(), path.name)
    assert [s.kind for s in registry.SOURCES if s.recognise(sniff)] == ["ga4"]  # no other source claims it


def test_other_platform_fixtures_are_not_taken_for_ga4():
    for path in sorted(PLATFORMS.iterdir()):
        if path.name.startswith("ga4_") or not path.is_file():
            continue
        try:
            kind = registry.detect(path.read_bytes(), path.name).kind
        except ImportRejected:
            continue
        assert kind != "ga4", path.name


def test_a_table_without_a_channel_or_page_dimension_is_not_ga4():
    with pytest.raises(ImportRejected, match="ukjent filtype"):
        registry.detect(b"# Start date: 20230801\nCountry,Date,Sessions\nNorway,20230801,5\n", "land.csv")


# --- values ------------------------------------------------------------------------------------------

def test_traffic_acquisition_per_day_and_channel():
    batch = parse(TRAFFIC)
    web = batch.tables["web"].set_index(["date", "channel"])
    assert list(batch.tables) == ["web"] and len(web) == 8
    row = web.loc[(dt.date(2023, 8, 3), "Paid Social")]
    assert (row["site"], row["sessions"], row["engaged_sessions"], row["users"]) == ("oslosv.no", 1402, 352, 1344)
    assert pd.isna(row["views"])  # the report has no Views column
    assert (dt.date(2023, 8, 2), "Paid Social") not in web.index  # a day without sessions is left out, not zero
    assert batch.areas == "GA4 oslosv.no, 3 kanaler, 1. aug.–3. aug. 2023"
    assert any("Diagramserien ble ikke importert" in w for w in batch.warnings)


def test_norwegian_pages_and_screens_with_bom():
    batch = parse(PAGES_NO)
    pages = batch.tables["web_pages"].set_index(["date", "page"])
    assert len(pages) == 8 and set(pages["site"]) == {"oslosv.no"}
    assert tuple(pages.loc[(dt.date(2023, 9, 11), "/stem-sv"), ["views", "users"]]) == (3120, 2650)
    assert pages["views"].sum() == 1840 + 960 + 233 + 2215 + 1104 + 3120 + 1488 + 301
    assert batch.warnings == []


def test_exploration_resaved_by_norwegian_excel_drops_its_total_row():
    batch = parse(EXPLORATION)
    web = batch.tables["web"]
    assert len(web) == 5 and "Totalt" not in set(web["channel"])
    assert web["sessions"].sum() == 1088 and web["engaged_sessions"].sum() == 578
    total = next(c for c in batch.checks if c.name == "Totalsum")
    assert total.ok and "1\u00a0088 økter" in total.message
    assert "Filen ble lest som Windows-1252." in batch.warnings


def test_a_total_row_that_does_not_add_up_is_reported_not_hidden():
    data = EXPLORATION.read_bytes().replace(b"Totalt;;1\xa0088", b"Totalt;;1\xa0090")
    batch = parse_ga4(data, EXPLORATION.name)
    total = next(c for c in batch.checks if c.name == "Totalsum")
    assert not total.ok and "sier 1\u00a0090" in total.message


def test_a_report_without_date_is_accepted_for_a_single_day():
    pages = parse(ONE_DAY).tables["web_pages"]
    assert set(pages["date"]) == {dt.date(2023, 9, 11)} and pages["views"].sum() == 3120 + 1488 + 301


def test_a_report_without_date_over_several_days_asks_for_the_date_dimension():
    data = ONE_DAY.read_bytes().replace(b"# Start date: 20230911", b"# Start date: 20230801")
    with pytest.raises(ImportRejected, match="legg til «Dato».*sekundær dimensjon"):
        parse_ga4(data, ONE_DAY.name)


def test_2021_export_reads_the_same():
    web = parse(TRAFFIC_2021).tables["web"]
    assert (web["date"].min(), web["date"].max()) == (dt.date(2021, 8, 30), dt.date(2021, 9, 1))
    assert web["sessions"].sum() == 161 + 90 + 170 + 188 + 99 and web["engaged_sessions"].sum() == 462


def test_a_comparison_export_with_two_windows_keeps_both_years():
    text = text_of(TRAFFIC).split("\n\n")[0].replace(
        "# End date: 20230803", "# End date: 20230803\n# Start date: 20210801\n# End date: 20210803")
    text += "\nDirect,20210802,40,50,30,1,1,1,1,1,0,0\n"
    web = parse_ga4(text.encode(), "sammenligning.csv").tables["web"]
    assert len(web) == 9 and web["date"].min() == dt.date(2021, 8, 2)
    with pytest.raises(ImportRejected, match="utenfor rapportens periode"):
        parse_ga4(text.replace("20210802", "20220802").encode(), "sammenligning.csv")


def test_site_from_the_option_when_the_property_line_is_missing():
    data = TRAFFIC.read_bytes().replace(b"# Property: oslosv.no - GA4\n", b"")
    with pytest.raises(ImportRejected, match="--site"):
        parse_ga4(data, TRAFFIC.name)
    assert set(parse_ga4(data, TRAFFIC.name, site="valg.oslosv.no").tables["web"]["site"]) == {"valg.oslosv.no"}


# --- import end to end -------------------------------------------------------------------------------

def test_cli_import_totals_equal_the_files_own_chart_series(tmp_path, capsys):
    code, out = cli_import(tmp_path, capsys, str(TRAFFIC), str(PAGES_NO))
    assert code == 0, out
    assert out.count("OK") == 2 and LABEL in out and "nettsidebesøk 8 rader" in out
    store = Store(tmp_path / "store")
    web = store.read("web")
    series = list(csv.DictReader(text_of(TRAFFIC).split("\n\n")[1].split("Nth day")[1].join(["Nth day", ""])
                                 .splitlines()))
    for channel in ("Organic Social", "Paid Social", "Direct"):
        assert web.loc[web["channel"] == channel, "sessions"].sum() == sum(int(r[channel]) for r in series)
    log = store.read("imports")
    assert set(log["kind"]) == {"ga4"}
    assert str(log["first_date"].min()) == "2023-08-01" and str(log["last_date"].max()) == "2023-09-11"


def test_reimport_of_the_same_file_changes_nothing(tmp_path, capsys):
    cli_import(tmp_path, capsys, str(TRAFFIC))
    before = store_bytes(tmp_path / "store")
    code, out = cli_import(tmp_path, capsys, str(TRAFFIC))
    assert code == 0 and "allerede importert" in out
    assert store_bytes(tmp_path / "store") == before


def test_a_newer_export_with_one_more_day_replaces_the_overlapping_days(tmp_path, capsys):
    cli_import(tmp_path, capsys, str(TRAFFIC))
    main_table = text_of(TRAFFIC).split("\n\n")[0]
    newer = (main_table.replace("# End date: 20230803", "# End date: 20230804")
             .replace("Direct,20230803,88,104,71", "Direct,20230803,90,107,73")
             + "\nDirect,20230804,70,81,60,50,0.8,4,0.74,300,0,0\n")
    code, out = cli_import(tmp_path, capsys, str(write(tmp_path, "ga4_traffic_newer.csv", newer)))
    assert code == 0 and "erstatter 8 rader" in out, out
    web = Store(tmp_path / "store").read("web")
    assert len(web) == 9 and not web.duplicated(["date", "site", "channel"]).any()
    direct = web[web["channel"] == "Direct"].set_index("date")["sessions"]
    assert direct.to_dict() == {dt.date(2023, 8, 1): 120, dt.date(2023, 8, 2): 130,
                                dt.date(2023, 8, 3): 107, dt.date(2023, 8, 4): 81}


def test_site_option_on_the_command_line(tmp_path, capsys):
    path = write(tmp_path, "uten_egenskap.csv", text_of(TRAFFIC).replace("# Property: oslosv.no - GA4\n", ""))
    code, out = cli_import(tmp_path, capsys, "--site", "oslosv.no", str(path))
    assert code == 0, out
    assert set(Store(tmp_path / "store").read("web")["site"]) == {"oslosv.no"}


# --- rejections: Norwegian, file/row/column named, store unchanged -----------------------------------

HEADER_ONLY = text_of(TRAFFIC).split("\n\n")[0].split("\nOrganic Social")[0] + "\n"


@pytest.mark.parametrize(("old", "new", "message"), [
    ("Organic Social,20230801,210,240,", "Organic Social,20230801,210,2x0,", "rad 11, kolonne «Sessions».*ikke et tall"),
    ("Direct,20230802,", "Direct,20230832,", "rad 15, kolonne «Date».*ikke en dato"),
    ("Direct,20230803,", "Direct,20230805,", "rad 18.*utenfor rapportens periode"),
    ("Direct,20230802,", "Direct,20230801,", "samme dag og kanal"),
    ("Direct,20230801,95,120,88,", "Direct,20230801,95,120,188,", "rad 13.*flere engasjerte økter"),
    ("Organic Social,20230801,210,240,", "Organic Social,20230801,210,-240,", "negativt"),
    ("# Start date: 20230801", "# Start date: 2023-13-01", "rad 8.*ikke en dato"),
])
def test_broken_files_are_rejected_whole(tmp_path, capsys, old, new, message):
    cli_import(tmp_path, capsys, str(PAGES_NO))
    before = store_bytes(tmp_path / "store")
    assert old in text_of(TRAFFIC)
    path = write(tmp_path, "ga4_broken.csv", text_of(TRAFFIC).replace(old, new, 1))
    code, out = cli_import(tmp_path, capsys, str(path))
    assert code == 1 and out.startswith("AVVIST") and "«ga4_broken.csv»" in out, out
    with pytest.raises(ImportRejected, match=message):
        parse_ga4(path.read_bytes(), path.name)
    assert store_bytes(tmp_path / "store") == before


@pytest.mark.parametrize(("text", "message"), [
    (HEADER_ONLY, "ingen rader med tall"),
    ("# Property: x - GA4\nPage path and screen class,Date,Sessions\n/,20230801,5\n",
     "ukjent kolonneoppsett. Mangler «views».*Fant «page path and screen class», «date», «sessions»"),
    ("# Property: x - GA4\nSession default channel group,Page path,Date,Sessions,Views\nDirect,/,20230801,5,7\n",
     "både kanal og side"),
    ("# Property: x - GA4\n# Start date: 20230801\n# End date: 20230803\n"
     "Session default channel group,Sessions\nDirect,5\n", "ingen dato per rad.*1. aug.–3. aug. 2023.*«Dato»"),
])
def test_unusable_layouts_are_rejected(tmp_path, capsys, text, message):
    path = write(tmp_path, "ga4_rar.csv", text)
    code, out = cli_import(tmp_path, capsys, str(path))
    assert code == 1 and out.startswith("AVVIST"), out
    with pytest.raises(ImportRejected, match=message):
        parse_ga4(path.read_bytes(), path.name)
    assert Store(tmp_path / "store").is_empty()
