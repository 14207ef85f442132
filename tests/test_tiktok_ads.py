"""TikTok Ads Manager custom reports (provisional layout): days per campaign, the «Total of N results» row."""
from __future__ import annotations

import csv
import datetime as dt
import io

import openpyxl
import pytest

from campaign.config import load_config
from campaign.ingest.base import ImportRejected
from campaign.ingest.tiktok_ads import parse_tiktok_ads
from campaign.store import Store
from tests.platform_files import cli_import, fixture, kind_of, platform_fixtures, store_bytes, write

LABEL = "TikTok-annonser (Ads Manager)"
DATA = fixture("tiktok_ads_by_day.csv")
TEXT = DATA.decode("utf-8-sig")
COLUMNS = {"spend_nok": "Cost", "impressions": "Impressions", "link_clicks": "Clicks (destination)",
           "video_p25": "Video views at 25%", "video_p50": "Video views at 50%", "video_p75": "Video views at 75%",
           "video_p100": "Video views at 100%"}


def parse(data: bytes = DATA, name: str = "rapport.csv"):
    return parse_tiktok_ads(data, name, load_config())


def total_row() -> dict[str, float]:
    """The file's own «Total of N results» row."""
    row = list(csv.DictReader(io.StringIO(TEXT)))[-1]
    assert row["By Day"] == "Total of 5 results"
    return {field: float(row[column].replace(",", "")) for field, column in COLUMNS.items()}


def changed(old: str, new: str) -> bytes:
    assert old in TEXT
    return ("\ufeff" + TEXT.replace(old, new, 1)).encode()


def test_recognised_by_content_and_only_this_file():
    assert kind_of(DATA, "hva-som-helst.txt") == "tiktok_ads"
    assert [p.name for p in platform_fixtures() if kind_of(p.read_bytes(), p.name) == "tiktok_ads"] == [
        "tiktok_ads_by_day.csv"]
    google_ads = b"Day,Campaign,Cost,Impressions,Clicks\n2023-08-01,Valg,10.00,100,3\n"
    assert kind_of(google_ads) != "tiktok_ads"


def test_days_per_campaign_with_thousands_separators():
    ads = parse().tables["ads"].set_index(["date", "campaign"])
    first = ads.loc[(dt.date(2023, 8, 28), "Førstegangsvelgere")]
    assert (first["spend_nok"], first["impressions"], first["reach"], first["link_clicks"]) == (150.25, 12000, 9000, 85)
    assert first["video_p25"] == 3000 and first["video_p100"] == 900
    assert (dt.date(2023, 8, 29), "Kollektivtrafikk") not in ads.index  # a day without delivery is left out
    assert set(ads.reset_index()["platform"]) == {"tiktok"} and len(ads) == 5


def test_totals_equal_the_files_total_row_and_its_reach_goes_to_the_period():
    batch = parse()
    ads = batch.tables["ads"]
    assert {f: pytest.approx(float(ads[f].sum())) for f in COLUMNS} == total_row()
    period = batch.tables["ads_period"].iloc[0]
    assert (period["campaign"], period["reach"], period["impressions"], period["frequency"]) == (
        "Alle kampanjer", 31000, 65500, 2.11)
    assert (period["first_date"], period["last_date"]) == (dt.date(2023, 8, 28), dt.date(2023, 8, 30))
    assert "49\u00a0100 og overdriver" in next(c.message for c in batch.checks if c.name == "Rekkevidde summeres ikke")
    assert batch.areas == "TikTok, 2 kampanjer, 28. aug.–30. aug. 2023"


def test_workbook_export_reads_like_the_csv():
    book = openpyxl.Workbook()
    for row in csv.reader(io.StringIO(TEXT)):
        book.active.append([float(c.replace(",", "")) if c.replace(",", "").replace(".", "").isdigit() else c
                            for c in row])
    buffer = io.BytesIO()
    book.save(buffer)
    assert kind_of(buffer.getvalue(), "rapport.xlsx") == "tiktok_ads"
    assert parse(buffer.getvalue(), "rapport.xlsx").tables["ads"].equals(parse().tables["ads"])


def test_without_destination_clicks_clicks_stand_in_and_the_report_says_so():
    batch = parse(changed("Clicks (destination)", "Clicks"))
    assert batch.tables["ads"]["link_clicks"].sum() == 411
    assert "«Clicks»" in next(c.message for c in batch.checks if c.name == "Klikk")


def test_cli_import_reimport_and_a_newer_export(tmp_path, capsys):
    path = write(tmp_path, "tiktok.csv", DATA)
    code, out = cli_import(tmp_path, capsys, path)
    assert code == 0 and LABEL in out and "annonser 5 rader" in out and "annonser for perioden 1 rader" in out, out
    store = Store(tmp_path / "store")
    assert store.read("ads")["spend_nok"].sum() == pytest.approx(750.50)
    before = store_bytes(tmp_path)
    assert cli_import(tmp_path, capsys, path)[0] == 0 and store_bytes(tmp_path) == before
    newer = TEXT.replace("Total of 5 results,-,750.50,\"65,500\"", "Total of 6 results,-,760.50,\"66,500\"")
    newer = newer.replace("Total of", "2023-08-31,Kollektivtrafikk,10.00,\"1,000\",800,1.25,5,0.5%,10.00,"
                                       "100,50,20,10,NOK\nTotal of")
    newer = newer.replace("411,0.63%", "416,0.63%").replace('"16,100","9,500","6,400","4,700"',
                                                             '"16,200","9,550","6,420","4,710"')
    code, out = cli_import(tmp_path, capsys, write(tmp_path, "tiktok2.csv", ("\ufeff" + newer).encode()))
    assert code == 0 and "erstatter 5 rader" in out, out
    ads = store.read("ads")
    assert len(ads) == 6 and ads["spend_nok"].sum() == pytest.approx(760.50)
    periods = store.read("ads_period")  # a period is its own key: the 3-day and the 4-day reach both stay
    assert sorted(periods["last_date"].astype(str)) == ["2023-08-30", "2023-08-31"]


BROKEN = {
    "større enn visningene": changed('"12,000","9,000"', '"12,000","19,000"'),
    "negativt": changed("150.25", "-150.25"),
    "ikke et tall": changed("180.50", '"180,50 kr"'),
    "overskriften har 14 kolonner": changed("180.50", "180,50"),
    "ikke en dato": changed("2023-08-29", "i går"),
    "totalraden sier 750,50": changed("2023-08-30,Kollektivtrafikk,120.00", "2023-08-30,Kollektivtrafikk,121.00"),
    "med ulike tall": changed("2023-08-30,Kollektivtrafikk", "2023-08-28,Kollektivtrafikk"),
    "beløpene er i USD": changed("85,0.71%,12.52,\"3,000\",\"1,800\",\"1,200\",900,NOK", "85,0.71%,12.52,\"3,000\","
                                                                                    "\"1,800\",\"1,200\",900,USD"),
    "ingen datarader": ("\ufeff" + TEXT.splitlines()[0] + "\n").encode(),
    "Mangler «spend_nok»": changed("By Day,Campaign name,Cost,", "By Day,Campaign name,Kost,"),
}


@pytest.mark.parametrize("problem", list(BROKEN))
def test_broken_exports_are_rejected_in_norwegian_and_change_nothing(problem, tmp_path, capsys):
    cli_import(tmp_path, capsys, write(tmp_path, "tiktok.csv", DATA))
    before = store_bytes(tmp_path)
    code, out = cli_import(tmp_path, capsys, write(tmp_path, "ødelagt.csv", BROKEN[problem]))
    assert code == 1 and out.startswith("AVVIST") and problem in out, out
    assert store_bytes(tmp_path) == before


def test_a_bad_cell_is_named_by_row_and_column():
    with pytest.raises(ImportRejected, match="rad 4, kolonne «cost»"):
        parse(changed("180.50", "abc"))
