"""Snapchat Ads Manager exports (provisional layout): Start/End Time per day, old and new column names."""
from __future__ import annotations

import csv
import datetime as dt
import io

import pytest

from campaign.config import load_config
from campaign.ingest.snapchat_ads import parse_snapchat_ads
from campaign.store import Store
from tests.platform_files import cli_import, fixture, kind_of, platform_fixtures, store_bytes, write

LABEL = "Snapchat-annonser (Ads Manager)"
DAILY = fixture("snapchat_ads_daily.csv")
ADSETS = fixture("snapchat_ads_adsets.csv")
TEXT = DAILY.decode()
COLUMNS = {"spend_nok": "Spend", "impressions": "Paid Impressions", "link_clicks": "Swipe Ups",
           "video_p100": "Video Completions"}


def parse(data: bytes = DAILY):
    return parse_snapchat_ads(data, "snap.csv", load_config())


def file_sums(text: str = TEXT) -> dict[str, float]:
    """The file's own column sums (it has no total row)."""
    rows = list(csv.DictReader(io.StringIO(text)))
    return {f: sum(float(r[c] or 0) for r in rows) for f, c in COLUMNS.items()}


def changed(old: str, new: str, text: str = TEXT) -> bytes:
    assert old in text
    return text.replace(old, new, 1).encode()


def test_recognised_by_content_and_only_these_files():
    assert kind_of(DAILY, "x.txt") == kind_of(ADSETS, "y.csv") == "snapchat_ads"
    taken = [p.name for p in platform_fixtures() if kind_of(p.read_bytes(), p.name) == "snapchat_ads"]
    assert taken == ["snapchat_ads_adsets.csv", "snapchat_ads_daily.csv"]


def test_one_row_per_day_and_totals_equal_the_file():
    batch = parse()
    ads = batch.tables["ads"].set_index("date")
    assert list(ads.index) == [dt.date(2023, 8, d) for d in (28, 29, 30, 31)]
    day = ads.loc[dt.date(2023, 8, 29)]
    assert (day["spend_nok"], day["impressions"], day["reach"], day["link_clicks"], day["video_p100"]) == (
        275.50, 33010, 23950, 342, 2350)
    assert ads.loc[dt.date(2023, 8, 30), "impressions"] == 0  # a zero day stays a day
    assert {f: float(ads[f].sum()) for f in COLUMNS} == file_sums()
    assert set(ads["platform"]) == {"snapchat"} and "ads_period" not in batch.tables


def test_ad_sets_and_the_new_names_are_summed_per_campaign_without_reach():
    batch = parse(ADSETS)
    ads = batch.tables["ads"].set_index("date")
    assert ads.loc[dt.date(2023, 9, 4), ["spend_nok", "impressions", "link_clicks", "video_p100"]].tolist() == [
        200.0, 24000, 240, 1600]
    assert ads["reach"].isna().all()
    assert any(c.name == "Rekkevidde per kampanje" for c in batch.checks)


def test_cli_import_reimport_and_a_newer_export(tmp_path, capsys):
    path = write(tmp_path, "snap.csv", DAILY)
    code, out = cli_import(tmp_path, capsys, path)
    assert code == 0 and LABEL in out and "annonser 4 rader" in out, out
    before = store_bytes(tmp_path)
    assert cli_import(tmp_path, capsys, path)[0] == 0 and store_bytes(tmp_path) == before
    newer = TEXT.splitlines()[0] + "\n" + "\n".join(TEXT.splitlines()[2:]) + (
        "\n2023-09-01 00:00:00,2023-09-02 00:00:00,Valg 2023 – Snap,100.00,9000,7000,1.29,90,3000,700,NOK\n")
    code, out = cli_import(tmp_path, capsys, write(tmp_path, "snap2.csv", newer.encode()))
    assert code == 0 and "erstatter 3 rader" in out, out
    ads = Store(tmp_path / "store").read("ads")
    assert len(ads) == 5 and ads["spend_nok"].sum() == pytest.approx(826.75 + 100)


BROKEN = {
    "ikke én dag": changed("2023-08-28 00:00:00,2023-08-29 00:00:00", "2023-08-28 00:00:00,2023-09-04 00:00:00"),
    "ikke ved midnatt": changed("2023-08-28 00:00:00,2023-08-29 00:00:00", "2023-08-28 13:00:00,2023-08-28 14:00:00"),
    "større enn visningene": changed("30120,21400", "20120,21400"),
    "negativt": changed("275.50", "-275.50"),
    "ikke en dato": changed("2023-08-29 00:00:00,", "29th Aug,"),
    "beløpene er i EUR": changed("2600,NOK", "2600,EUR"),
    "med ulike tall": changed("2023-08-29 00:00:00,2023-08-30 00:00:00", "2023-08-28 00:00:00,2023-08-29 00:00:00"),
    "ingen datarader": (TEXT.splitlines()[0] + "\n").encode(),
    "Mangler «spend_nok»": changed("Campaign Name,Spend,", "Campaign Name,Cost,"),
}


@pytest.mark.parametrize("problem", list(BROKEN))
def test_broken_exports_are_rejected_in_norwegian_and_change_nothing(problem, tmp_path, capsys):
    cli_import(tmp_path, capsys, write(tmp_path, "snap.csv", DAILY))
    before = store_bytes(tmp_path)
    code, out = cli_import(tmp_path, capsys, write(tmp_path, "ødelagt.csv", BROKEN[problem]))
    assert code == 1 and out.startswith("AVVIST") and problem in out, out
    assert store_bytes(tmp_path) == before
