"""LinkedIn Campaign Manager exports: UTF-16 tab files in the interface's locale, with or without report lines."""
from __future__ import annotations

import csv
import datetime as dt
import io

import pytest

from campaign.config import load_config
from campaign.ingest.linkedin_ads import parse_linkedin_ads
from campaign.store import Store
from tests.platform_files import cli_import, fixture, kind_of, platform_fixtures, store_bytes, write

LABEL = "LinkedIn-annonser (Campaign Manager)"
EN, PTBR, NB = "linkedin_campaigns_en.csv", "linkedin_campaigns_ptbr.csv", "linkedin_campaigns_nb_preamble.csv"
EN_TEXT = fixture(EN).decode("utf-16")
NB_TEXT = fixture(NB).decode("utf-16")


def parse(data: bytes | str, name: str = "linkedin.csv"):
    return parse_linkedin_ads(data.encode("utf-16") if isinstance(data, str) else data, name, load_config())


def utf16(text: str) -> bytes:
    return text.encode("utf-16")


def total_row(text: str, header_line: int, columns: dict[str, str]) -> dict[str, float]:
    """The file's own Total row, read with a plain tab reader and a locale-aware float."""
    rows = list(csv.DictReader(io.StringIO("\n".join(text.splitlines()[header_line:])), delimiter="\t"))
    total = rows[-1]
    assert total[next(iter(total))].startswith("Total")
    return {f: float(total[c].replace("\u00a0", "").replace(",", ".")) for f, c in columns.items()}


def test_recognised_by_content_and_only_these_files():
    assert {kind_of(fixture(n), "x.txt") for n in (EN, PTBR, NB)} == {"linkedin_ads"}
    taken = [p.name for p in platform_fixtures() if kind_of(p.read_bytes(), p.name) == "linkedin_ads"]
    assert taken == [EN, NB, PTBR]


def test_english_export_month_first_dates_and_the_total_row():
    batch = parse(fixture(EN))
    ads = batch.tables["ads"].set_index(["date", "campaign"])
    row = ads.loc[(dt.date(2023, 8, 29), "Næringsliv og klima")]
    assert (row["spend_nok"], row["impressions"], row["reach"], row["link_clicks"]) == (454.06, 12034, 9120, 118)
    assert ads.loc[(dt.date(2023, 8, 30), "Lærere (video)"), "video_p100"] == 1150
    columns = {"spend_nok": "Total Spent", "impressions": "Impressions", "link_clicks": "Clicks to Landing Page",
               "video_p100": "Video Completions"}
    assert {f: pytest.approx(float(ads[f].sum())) for f in columns} == total_row(EN_TEXT, 0, columns)
    period = batch.tables["ads_period"].iloc[0]
    assert (period["campaign"], period["reach"], period["frequency"]) == ("Alle kampanjer", 24000, 2.134)
    assert "Clicks to Landing Page" in next(c.message for c in batch.checks if c.name == "Klikk")


def test_pt_br_export_decimal_commas_and_day_first_dates():
    batch = parse(fixture(PTBR))
    ads = batch.tables["ads"].set_index("date")
    assert list(ads.index) == [dt.date(2023, 9, 1), dt.date(2023, 9, 2), dt.date(2023, 9, 4)]
    assert ads["spend_nok"].tolist() == [454.06, 312.50, 95.00] and ads["impressions"].sum() == 110579
    assert ads["link_clicks"].sum() == 271 and set(ads["campaign"]) == {"Byutvikling"}
    assert "dag/måned/år" in next(c.message for c in batch.checks if c.name == "Datoformat")


def test_norwegian_export_with_report_lines_spaces_in_numbers_and_a_totalt_row():
    batch = parse(fixture(NB))
    ads = batch.tables["ads"].set_index("date")
    assert ads.loc[dt.date(2023, 8, 28), "spend_nok"] == 1204.50 and ads.loc[dt.date(2023, 8, 28), "impressions"] == 20110
    assert ads.loc[dt.date(2023, 8, 30), "impressions"] == 0
    columns = {"spend_nok": "Totalt brukt", "impressions": "Visninger", "link_clicks": "Klikk til landingsside",
               "video_p100": "Fullførte videoavspillinger"}
    assert {f: pytest.approx(float(ads[f].sum())) for f in columns} == total_row(NB_TEXT, 5, columns)
    period = batch.tables["ads_period"].iloc[0]
    assert (period["campaign"], period["reach"], period["impressions"]) == ("Skolevalg", 21000, 37115)


def test_without_landing_page_clicks_linkedins_clicks_stand_in_and_the_report_says_so():
    text = NB_TEXT.replace("Klikk til landingsside", "Følg")
    batch = parse(text)
    assert batch.tables["ads"]["link_clicks"].sum() == 262
    assert "overdriver" in next(c.message for c in batch.checks if c.name == "Klikk")


def test_english_headers_with_day_first_dates_are_read_day_first():
    text = EN_TEXT.replace("08/29/2023", "29/08/2023").replace("08/30/2023", "30/08/2023").replace(
        "08/31/2023", "31/08/2023")
    assert sorted(set(parse(text).tables["ads"]["date"])) == [dt.date(2023, 8, d) for d in (29, 30, 31)]


def test_cli_import_reimport_and_a_newer_export(tmp_path, capsys):
    path = write(tmp_path, "li.csv", fixture(NB))
    code, out = cli_import(tmp_path, capsys, path)
    assert code == 0 and LABEL in out and "annonser 3 rader" in out, out
    before = store_bytes(tmp_path)
    assert cli_import(tmp_path, capsys, path)[0] == 0 and store_bytes(tmp_path) == before
    newer = NB_TEXT.replace("Totalt\t", "31.08.2023\tOslo SV\tNOK\tSkolevalg\t\"100,00\"\t2000\t10\t1500\t8\t300\t100\n"
                                        "Totalt\t", 1)
    newer = newer.replace('"2\u00a0184,75"\t37115\t262\t21000\t197\t7650\t3030',
                          '"2\u00a0284,75"\t39115\t272\t21900\t205\t7950\t3130')
    code, out = cli_import(tmp_path, capsys, write(tmp_path, "li2.csv", utf16(newer)))
    assert code == 0 and "erstatter 3 rader" in out, out
    ads = Store(tmp_path / "store").read("ads")
    assert len(ads) == 4 and ads["spend_nok"].sum() == pytest.approx(2284.75)


def _monthly() -> bytes:
    text = EN_TEXT.replace("08/29/2023", "07/01/2023").replace("08/30/2023", "08/01/2023").replace(
        "08/31/2023", "09/01/2023")
    return utf16(text)


def _nb(old: str, new: str) -> bytes:
    assert old in NB_TEXT
    return utf16(NB_TEXT.replace(old, new, 1))


BROKEN = {
    "Time breakdown: Daily": _monthly(),
    "to annonsekontoer": _nb("29.08.2023\tOslo SV", "29.08.2023\tSV Bergen"),
    "beløpene er i USD": _nb("28.08.2023\tOslo SV\tNOK", "28.08.2023\tOslo SV\tUSD"),
    "større enn visningene": _nb("17005\t122\t12800", "17005\t122\t18800"),
    "totalraden sier 2\u00a0184,75": _nb('"980,25"', '"981,25"'),
    "både komma og punktum": _nb('"980,25"', '"980.25"'),
    "ikke en dato": _nb("29.08.2023", "29.13.2023"),
    "med ulike tall": _nb("29.08.2023", "28.08.2023"),
    "ingen datarader": utf16("\n".join(NB_TEXT.splitlines()[:6]) + "\n"),
    "Mangler «spend_nok»": _nb("Totalt brukt", "Brukt"),
}


@pytest.mark.parametrize("problem", list(BROKEN))
def test_broken_exports_are_rejected_in_norwegian_and_change_nothing(problem, tmp_path, capsys):
    cli_import(tmp_path, capsys, write(tmp_path, "li.csv", fixture(EN)))
    before = store_bytes(tmp_path)
    code, out = cli_import(tmp_path, capsys, write(tmp_path, "ødelagt.csv", BROKEN[problem]))
    assert code == 1 and out.startswith("AVVIST") and problem in out, out
    assert store_bytes(tmp_path) == before
