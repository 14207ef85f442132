"""Meta Ads Manager exports: CSV and XLSX, English and Norwegian, an Excel re-save, days and whole periods."""
from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from campaign.cli import main
from campaign.config import load_config
from campaign.ingest import registry
from campaign.ingest.base import ImportRejected
from campaign.ingest.meta_ads import parse_meta_ads
from campaign.ingest.source import Sniff
from campaign.store import Store

FIXTURES = Path(__file__).parent / "fixtures" / "platforms"
EN_DAILY = FIXTURES / "meta_ads_en_daily.csv"
NB_ADSETS = FIXTURES / "meta_ads_nb_adsets.csv"
NB_EXCEL = FIXTURES / "meta_ads_nb_excel_resaved.csv"
EN_PERIOD = FIXTURES / "meta_ads_en_period.csv"
CSV_FIXTURES = (EN_DAILY, NB_ADSETS, NB_EXCEL, EN_PERIOD)
LABEL = "Meta-annonser (Ads Manager)"


def parse(data: bytes, name: str = "eksport.csv"):
    return parse_meta_ads(data, name, load_config())


def file_rows(path: Path) -> list[dict]:
    """The fixture's own rows as the file writes them (the summary row first)."""
    data = path.read_bytes()
    text = data.decode("cp1252") if path == NB_EXCEL else data.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text), delimiter=";" if path == NB_EXCEL else ","))


def as_number(text: str) -> float:
    return float(text.replace(",", ".")) if text else 0.0


def plain_xlsx(path: Path = EN_DAILY) -> bytes:
    """The English CSV as a one-sheet «Export table data» workbook: numbers as numbers, dates as ISO text."""
    book = openpyxl.Workbook()
    sheet = book.active
    for row in csv.reader(io.StringIO(path.read_text("utf-8"))):
        sheet.append([_cell(value) for value in row])
    return _saved(book)


def raw_data_report_xlsx() -> bytes:
    """A scheduled Ads Reporting workbook: a formatted sheet first, then «Raw Data Report» with title cells in
    row 2 and the header in row 3 from column B, a Day column and an ad-set level."""
    book = openpyxl.Workbook()
    book.active.title = "Formatted Report"
    book.active.append(["Oslo SV – annonsekonto", "Kampanjer siste 3 dager"])
    raw = book.create_sheet("Raw Data Report")
    raw.append([])
    raw.append([None, "Raw Data Report", "Data may differ from Ads Manager", "Report Period: Aug 28, 2023 - Aug 30, 2023"])
    raw.append([None, "Day", "Campaign name", "Ad set name", "Amount spent (NOK)", "Impressions", "Reach",
                "Frequency", "Link clicks", "Landing page views", "Reporting starts", "Reporting ends"])
    rows = [(None, None, None, 1779.9, 74843, 31210, 2.398045, 579, 455),
            ("2023-08-28", "Valgkamp 2023 – video", "Video 18–35", 412.37, 18234, 11020, 1.654628, 96, 71),
            ("2023-08-29", "Valgkamp 2023 – video", "Video 18–35", 398.12, 17502, 10588, 1.653003, 88, 60),
            ("2023-08-30", "Valgkamp 2023 – video", "Video 18–35", 455.9, 20110, 12043, 1.66985, 104, 79),
            ("2023-08-28", "Landingsside Groruddalen", "Groruddalen", 250, 9120, 7011, 1.300813, 141, 118),
            ("2023-08-30", "Landingsside Groruddalen", "Groruddalen", 263.51, 9877, 7502, 1.316582, 150, 127)]
    for row in rows:
        raw.append([None, *row, "2023-08-28", "2023-08-30"])
    return _saved(book)


def _cell(value: str):
    try:
        return int(value)
    except ValueError:
        try:
            return float(value)
        except ValueError:
            return value or None


def _saved(book) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def store_bytes(path: Path) -> dict[str, bytes]:
    return {str(p.relative_to(path)): p.read_bytes() for p in sorted(path.rglob("*")) if p.is_file()}


# --- recognised by content -------------------------------------------------------------------------

@pytest.mark.parametrize("path", CSV_FIXTURES, ids=lambda p: p.name)
def test_csv_exports_are_recognised_by_content_not_name(path):
    assert registry.detect(path.read_bytes(), "noe.txt").kind == "meta_ads"


def test_workbooks_are_recognised_and_other_platform_files_are_not_taken():
    assert registry.detect(plain_xlsx(), "x.xlsx").kind == "meta_ads"
    assert registry.detect(raw_data_report_xlsx(), "rapport").kind == "meta_ads"
    for other in sorted(FIXTURES.glob("*.csv")):
        if not other.name.startswith("meta_ads"):
            assert registry.by_kind("meta_ads").recognise(Sniff(other.read_bytes(), other.name)) is False, other


# --- values ----------------------------------------------------------------------------------------

def test_english_daily_export_one_row_per_day_and_campaign():
    batch = parse(EN_DAILY.read_bytes())
    ads = batch.tables["ads"]
    assert len(ads) == 5 and set(ads["platform"]) == {"meta"}
    video = ads[(ads["campaign"] == "Valgkamp 2023 – video") & (ads["date"] == dt.date(2023, 8, 29))].iloc[0]
    assert (video["spend_nok"], video["impressions"], video["reach"], video["link_clicks"]) == (398.12, 17502, 10588, 88)
    assert (video["landing_page_views"], video["video_p25"], video["video_p100"]) == (60, 2987, 770)
    landing = ads[ads["campaign"] == "Landingsside Groruddalen"]
    assert list(landing["date"]) == [dt.date(2023, 8, 28), dt.date(2023, 8, 30)]  # no delivery on the 29th
    assert landing["video_p25"].isna().all()
    assert batch.areas == "Meta, 2 kampanjer, 28. aug.–30. aug. 2023"


@pytest.mark.parametrize("path", [EN_DAILY, NB_ADSETS, NB_EXCEL], ids=lambda p: p.name)
def test_daily_totals_equal_the_files_summary_row(path):
    rows = file_rows(path)
    summary, days = rows[0], rows[1:]
    spend_column = next(c for c in summary if c.startswith(("Amount spent", "Beløp brukt")))
    batch = parse(path.read_bytes(), path.name)
    ads, period = batch.tables["ads"], batch.tables["ads_period"]
    assert ads["spend_nok"].sum() == pytest.approx(as_number(summary[spend_column]))
    assert ads["spend_nok"].sum() == pytest.approx(sum(as_number(r[spend_column]) for r in days))
    impressions = next(c for c in summary if c in ("Impressions", "Eksponeringer"))
    assert ads["impressions"].sum() == int(summary[impressions])
    reach = next(c for c in summary if c in ("Reach", "Rekkevidde"))
    assert list(period["campaign"]) == [""] and period["reach"].iloc[0] == int(summary[reach])
    assert period["first_date"].iloc[0] == ads["date"].min() and period["last_date"].iloc[0] == ads["date"].max()
    assert next(c for c in batch.checks if c.name == "Sammendragsrad").ok


def test_norwegian_excel_resave_reads_decimal_commas_and_dotted_dates():
    batch = parse(NB_EXCEL.read_bytes(), NB_EXCEL.name)
    ads = batch.tables["ads"]
    first = ads[ads["campaign"] == "Går du til valg?"].iloc[0]
    assert (first["date"], first["spend_nok"], first["impressions"], first["reach"]) == (
        dt.date(2023, 7, 27), 301.5, 12044, 8012)
    assert set(ads["campaign"]) == {"Går du til valg?", "Stem SV – Groruddalen"}
    assert batch.tables["ads_period"]["frequency"].iloc[0] == pytest.approx(2.060827)
    assert any("Windows-1252" in w and "desimalkomma" in w for w in batch.warnings)


def test_ad_sets_are_summed_per_campaign_day_but_reach_is_not():
    batch = parse(NB_ADSETS.read_bytes(), NB_ADSETS.name)
    ads = batch.tables["ads"].set_index(["date", "campaign"])
    day = ads.loc[(dt.date(2023, 9, 9), "Mobilisering Oslo")]
    assert (day["spend_nok"], day["impressions"], day["link_clicks"]) == (pytest.approx(1151.0), 37090, 458)
    assert pd.isna(day["reach"])
    assert ads.loc[(dt.date(2023, 9, 11), "Valgdagen"), "reach"] == 15102  # one ad set: its reach is the campaign's
    check = next(c for c in batch.checks if c.name == "Rekkevidde summeres ikke")
    assert not check.ok and "2 kampanjedager" in check.message


def test_export_without_daily_breakdown_goes_to_the_period_table_only():
    batch = parse(EN_PERIOD.read_bytes(), EN_PERIOD.name)
    assert "ads" not in batch.tables
    period = batch.tables["ads_period"].set_index("campaign")
    assert list(period.index) == ["Landingsside Groruddalen", "Valgkamp 2023 – video", ""]
    assert period.loc["", "reach"] == 203117 and period.loc["Valgkamp 2023 – video", "reach"] == 151006
    assert period.loc["", "impressions"] == period.drop(index="")["impressions"].sum()
    assert set(period["first_date"]) == {dt.date(2023, 7, 27)} and set(period["last_date"]) == {dt.date(2023, 9, 11)}
    assert any("ingen dagsoppdeling" in w and "18\u00a0450\u00a0kr" in w for w in batch.warnings)


def test_plain_workbook_reads_like_the_csv():
    from_csv, from_xlsx = parse(EN_DAILY.read_bytes()), parse(plain_xlsx(), "eksport.xlsx")
    for table in ("ads", "ads_period"):
        pd.testing.assert_frame_equal(from_xlsx.tables[table], from_csv.tables[table])


def test_raw_data_report_sheet_with_titles_offset_header_and_day_column():
    batch = parse(raw_data_report_xlsx(), "rapport.xlsx")
    expected = parse(EN_DAILY.read_bytes()).tables
    columns = ["date", "campaign", "spend_nok", "impressions", "reach", "link_clicks", "landing_page_views"]
    pd.testing.assert_frame_equal(batch.tables["ads"][columns], expected["ads"][columns])
    period = batch.tables["ads_period"].iloc[0]
    assert (period["campaign"], period["reach"], period["first_date"]) == ("", 31210, dt.date(2023, 8, 28))
    assert batch.warnings == ["Regnearket ble lest fra arket «Raw Data Report»."]


# --- through the CLI --------------------------------------------------------------------------------

def test_cli_import_end_to_end_totals_and_reimport(tmp_path, capsys):
    data_dir = tmp_path / "lager"
    code = main(["import", "--data-dir", str(data_dir), str(EN_DAILY), str(NB_EXCEL)])
    out = capsys.readouterr().out
    assert code == 0, out
    assert out.count(LABEL) == 2 and "annonser 5 rader" in out
    store = Store(data_dir)
    ads = store.read("ads")
    assert ads["spend_nok"].sum() == pytest.approx(1779.9 + 1000.25)
    assert ads["impressions"].sum() == 74843 + 40961
    log = store.read("imports")
    assert list(log["kind"]) == ["meta_ads", "meta_ads"]
    assert (log["first_date"].iloc[0], log["last_date"].iloc[0]) == (dt.date(2023, 8, 28), dt.date(2023, 8, 30))
    before = store_bytes(data_dir)
    assert main(["import", "--data-dir", str(data_dir), str(EN_DAILY)]) == 0
    assert "allerede importert" in capsys.readouterr().out
    assert store_bytes(data_dir) == before


def test_newer_export_with_one_more_day_replaces_the_overlapping_days(tmp_path, capsys):
    data_dir = tmp_path / "lager"
    assert main(["import", "--data-dir", str(data_dir), str(EN_DAILY)]) == 0
    newer = tmp_path / "meta_ads_en_daily_31.csv"
    lines = EN_DAILY.read_text("utf-8").splitlines()
    lines[1] = lines[1].replace("2023-08-30,,", "2023-08-31,,").replace("1779.9,74843,31210", "2179.9,90843,35210")
    lines[2] = lines[2].replace("412.37,", "415.00,")  # Meta corrected a day
    lines.append('2023-08-31,2023-08-31,"Landingsside Groruddalen",inactive,160,actions:link_click,397.37,16000,9000,'
                 '1.777778,24.835625,160,2.483563,1,130,,,,,"7-day click or 1-day view"')
    newer.write_text("\n".join(lines) + "\n", "utf-8")
    assert main(["import", "--data-dir", str(data_dir), str(newer)]) == 0
    capsys.readouterr()
    store = Store(data_dir)
    ads = store.read("ads")
    assert len(ads) == 6 and not ads.duplicated(["date", "platform", "campaign"]).any()
    assert ads["spend_nok"].sum() == pytest.approx(2179.9)  # the newer file's own total
    assert store.read("imports")["replaced_rows"].iloc[-1] == 5
    periods = store.read("ads_period")
    assert sorted(periods["last_date"]) == [dt.date(2023, 8, 30), dt.date(2023, 8, 31)]  # each window its own row


# --- rejections -------------------------------------------------------------------------------------

SUMMARY = "2023-08-28,2023-08-30,,,,,1779.9,74843,31210,"
FIRST = '2023-08-28,2023-08-28,"Valgkamp 2023 – video",inactive,802,video_thruplay_watched_actions,412.37,18234,11020,'


def _broken(old: str, new: str) -> bytes:
    text = EN_DAILY.read_text("utf-8")
    assert old in text
    return text.replace(old, new, 1).encode("utf-8")


def _header_only() -> bytes:
    return EN_DAILY.read_text("utf-8").splitlines()[0].encode() + b"\n"


def _summary_only() -> bytes:
    return "\n".join(EN_DAILY.read_text("utf-8").splitlines()[:2]).encode() + b"\n"


def _duplicate_day() -> bytes:
    lines = EN_DAILY.read_text("utf-8").splitlines()
    return "\n".join([*lines, lines[2].replace("412.37", "400")]).encode() + b"\n"


REJECTED = {
    "reach over impressions": (lambda: _broken(FIRST, FIRST.replace(",18234,11020,", ",18234,19000,")),
                               r"rad 3, kolonne «Reach»: rekkevidden \(19000\) er større"),
    "negative spend": (lambda: _broken(FIRST, FIRST.replace("412.37", "-412.37")), r"rad 3, kolonne «Amount spent \(NOK\)».*negativt"),
    "not a number": (lambda: _broken(FIRST, FIRST.replace("18234", "18 234x")), "rad 3, kolonne «Impressions».*ikke et tall"),
    "bad date": (lambda: _broken(FIRST, FIRST.replace("2023-08-28,2023-08-28", "2023-08-28,i går")),
                 "rad 3, kolonne «Reporting ends».*ikke en dato"),
    "end before start": (lambda: _broken(FIRST, FIRST.replace("2023-08-28,2023-08-28", "2023-08-28,2023-08-27")),
                         "rad 3.*sluttdatoen"),
    "duplicate campaign day": (_duplicate_day, "står to ganger.*med ulike tall.*rad 3 og 8"),
    "header only": (_header_only, "ingen datarader"),
    "summary row only": (_summary_only, "ingen kampanjerader"),
    "summary shorter than rows": (lambda: _broken(SUMMARY, SUMMARY.replace("2023-08-30,,", "2023-08-29,,")),
                                  "rad 2: sammendragsraden gjelder 28. aug.–29. aug. 2023"),
    "other currency": (lambda: _broken("(NOK)", "(USD)").replace(b"(NOK)", b"(USD)"), "beløpene er i USD"),
    "no campaign column": (lambda: _broken('"Campaign name"', '"Kampanje"'),
                           "ukjent kolonneoppsett. Mangler «campaign».*Fant «reporting starts»"),
    "blank row inside": (lambda: _broken(FIRST, "\n" + FIRST), "rad 3: tom rad midt i filen"),
}


@pytest.mark.parametrize("case", REJECTED, ids=str)
def test_broken_exports_are_rejected_in_norwegian_and_change_nothing(case, tmp_path, capsys):
    make, message = REJECTED[case]
    data_dir = tmp_path / "lager"
    assert main(["import", "--data-dir", str(data_dir), str(NB_ADSETS)]) == 0
    before = store_bytes(data_dir)
    path = tmp_path / "broken.csv"
    path.write_bytes(make())
    with pytest.raises(ImportRejected, match=message):
        parse(path.read_bytes(), path.name)
    capsys.readouterr()
    assert main(["import", "--data-dir", str(data_dir), str(path)]) == 1
    out = capsys.readouterr().out
    assert out.startswith("AVVIST") and "broken.csv" in out
    assert store_bytes(data_dir) == before


def test_a_broken_workbook_is_not_taken_for_an_export(tmp_path):
    data = plain_xlsx()
    with pytest.raises(ImportRejected):
        registry.detect(data[: len(data) // 2], "halv.xlsx")


def test_day_column_without_reporting_dates_takes_the_summary_period_from_the_rows():
    data = (b'Day,"Campaign name","Amount spent (NOK)",Impressions,Reach\n'
            b",,30.5,2100,1500\n"
            b'2023-09-10,"Valgdagen",10.5,1000,800\n'
            b'2023-09-11,"Valgdagen",20,1100,900\n')
    batch = parse(data)
    assert list(batch.tables["ads"]["date"]) == [dt.date(2023, 9, 10), dt.date(2023, 9, 11)]
    period = batch.tables["ads_period"].iloc[0]
    assert (period["first_date"], period["last_date"], period["reach"]) == (dt.date(2023, 9, 10), dt.date(2023, 9, 11), 1500)
