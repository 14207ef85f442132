"""TikTok Studio exports: the Overview and Followers zips TikTok delivers and their bare CSV files."""
from __future__ import annotations

import csv
import datetime as dt
import io

import openpyxl
import pytest

from campaign.config import load_config
from campaign.ingest import registry
from campaign.ingest.base import ImportRejected
from campaign.ingest.tiktok_dates import day_month
from campaign.ingest.tiktok_studio import parse_tiktok_studio
from campaign.store import Store
from tests.platform_files import (
    FIXTURES,
    cli_import,
    fixture,
    kind_of,
    platform_fixtures,
    store_bytes,
    stored_zip,
    write,
)

LABEL = "TikTok Studio (statistikk)"
OVERVIEW = fixture("tiktok_overview_en.csv")
FOLLOWERS_DIR = FIXTURES / "tiktok_followers_zip"
OVERVIEW_ZIP = "Overview_2023-07-27_1690502400_sv_oslo.zip"
# The Overview fixture's own column sums (July 27 – August 2, 2023).
OVERVIEW_SUMS = {"views": 15105, "profile_visits": 277, "likes": 2007, "comments": 62, "shares": 105}


def overview_zip(data: bytes = OVERVIEW) -> bytes:
    return stored_zip(("Overview.csv", data))


def followers_zip() -> bytes:
    return stored_zip(*((p.name, p.read_bytes()) for p in sorted(FOLLOWERS_DIR.iterdir())))


def quoted(*rows: tuple[str, ...]) -> bytes:
    """A TikTok Studio CSV: UTF-8 BOM, every field quoted, no trailing newline."""
    return b"\xef\xbb\xbf" + "\n".join(",".join(f'"{c}"' for c in row) for row in rows).encode()


def overview(*rows: tuple[str, ...]) -> bytes:
    return quoted(("Date", "Video Views", "Profile Views", "Likes", "Comments", "Shares"), *rows)


def parse(data: bytes, name: str = OVERVIEW_ZIP, **options):
    return parse_tiktok_studio(data, name, load_config(), **options)


def metric(batch, name: str) -> dict[dt.date, float]:
    social = batch.tables["social"]
    rows = social[social["metric"] == name]
    return dict(zip(rows["date"], rows["value"]))


# --- recognition ----------------------------------------------------------------------------------

def test_recognised_by_content_under_any_name():
    assert kind_of(OVERVIEW, "eksport.csv") == "tiktok_studio"
    assert kind_of((FOLLOWERS_DIR / "FollowerHistory.csv").read_bytes(), "x.csv") == "tiktok_studio"
    assert kind_of(fixture("tiktok_overview_nb_months.csv"), "data.txt") == "tiktok_studio"
    assert kind_of(overview_zip(), "nedlasting.zip") == "tiktok_studio"
    assert kind_of(followers_zip(), "f.zip") == "tiktok_studio"


def test_no_other_platform_file_is_taken_and_tiktok_files_go_nowhere_else():
    for path in platform_fixtures():
        kind = kind_of(path.read_bytes(), path.name)
        if path.name.startswith("tiktok_overview") or path.name == "FollowerHistory.csv":
            assert kind == "tiktok_studio", path.name
        else:
            assert kind != "tiktok_studio", path.name


# --- values -----------------------------------------------------------------------------------------

def test_overview_zip_takes_year_and_account_from_its_name():
    batch = parse(overview_zip())
    social = batch.tables["social"]
    assert set(social["account"]) == {"sv_oslo"} and set(social["platform"]) == {"tiktok"}
    views = metric(batch, "views")
    assert views[dt.date(2023, 7, 27)] == 1520 and views[dt.date(2023, 8, 2)] == 2750
    assert views[dt.date(2023, 7, 29)] == 0  # a zero day is a day
    assert {m: social.loc[social["metric"] == m, "value"].sum() for m in OVERVIEW_SUMS} == OVERVIEW_SUMS
    assert metric(batch, "comments")[dt.date(2023, 7, 28)] == -2
    assert "negative på 1 dag" in next(c.message for c in batch.checks if c.name == "Negative kommentarer")
    assert "filnavnet" in next(c.message for c in batch.checks if c.name == "Årstall")
    assert batch.areas == "TikTok sv_oslo, 27. juli–2. aug. 2023"


def test_followers_zip_gives_followers_changes_and_audience_shares():
    batch = parse(followers_zip(), "Followers_sv_oslo.zip", year="2023")
    followers, change = metric(batch, "followers"), metric(batch, "new_followers")
    assert followers[dt.date(2023, 7, 27)] == 1200 and followers[dt.date(2023, 8, 2)] == 1421
    assert dt.date(2023, 7, 27) not in change  # TikTok's 0 on the first day measures nothing
    assert sum(change.values()) == 1421 - 1200 and change[dt.date(2023, 7, 31)] == 82
    audience = batch.tables["audience"]
    gender = audience[audience["dimension"] == "gender"].set_index("bucket")["share"].to_dict()
    assert gender == {"Female": 0.58, "Male": 0.39, "Other": 0.03}
    assert audience[audience["dimension"] == "territory"]["bucket"].tolist() == ["NO", "SE", "US"]
    assert set(audience["first_date"]) == {dt.date(2023, 7, 27)} and set(audience["last_date"]) == {dt.date(2023, 8, 2)}
    assert any("FollowerActivity.csv" in w and "ikke importert" in w for w in batch.warnings)


def test_percent_shares_become_fractions():
    members = [("FollowerHistory.csv", (FOLLOWERS_DIR / "FollowerHistory.csv").read_bytes()),
               ("FollowerGender.csv", quoted(("Gender", "Distribution"), ("Female", "61%"), ("Male", "39%")))]
    batch = parse(stored_zip(*members), "Followers_sv_oslo.zip", year="2023")
    assert batch.tables["audience"]["share"].tolist() == pytest.approx([0.61, 0.39])


def test_a_history_sheet_in_a_workbook_and_overview_new_followers_giving_way():
    book = openpyxl.Workbook()
    for row in csv.reader(io.StringIO((FOLLOWERS_DIR / "FollowerHistory.csv").read_text("utf-8-sig"))):
        book.active.append([int(c) if c.lstrip("-").isdigit() else c for c in row])
    buffer = io.BytesIO()
    book.save(buffer)
    gb = quoted(("Date", "Video Views", "Profile Views", "Likes", "Comments", "Shares", "New followers"),
                ("July 28", "10", "1", "2", "0", "0", "99"))
    batch = parse(stored_zip(("FollowerHistory.xlsx", buffer.getvalue()), ("Overview.csv", gb)), "Followers_a.zip",
                  year="2023")
    assert metric(batch, "followers")[dt.date(2023, 8, 2)] == 1421
    assert metric(batch, "new_followers")[dt.date(2023, 7, 28)] == 35  # the history's change, not Overview's 99
    assert any("FollowerHistory.csv" in w for w in batch.warnings)


@pytest.mark.parametrize(("text", "expected"), [
    ("September 25", (25, 9, None)), ("28 August", (28, 8, None)), ("1. august", (1, 8, None)),
    ("28. aug.", (28, 8, None)), ("28 апреля", (28, 4, None)), ("Aug 3, 2023", (3, 8, 2023)),
    ("2023-08-01", (1, 8, 2023)), ("i går", None), ("Smarch 3", None),
])
def test_day_and_month_as_tiktok_writes_them(text, expected):
    assert day_month(text) == expected


def test_norwegian_and_british_month_names():
    nb = parse(fixture("tiktok_overview_nb_months.csv"), "o.csv", year="2023", account="sv_oslo")
    assert sorted(metric(nb, "views")) == [dt.date(2023, 7, 31), *(dt.date(2023, 8, d) for d in (1, 2, 3))]
    gb = parse(fixture("tiktok_overview_gb_new_followers.csv"), "o.csv", year="2023", account="@Toppkandidat")
    assert set(gb.tables["social"]["account"]) == {"Toppkandidat"}  # as given, without «@»
    assert sum(metric(gb, "new_followers").values()) == 130 and sum(metric(gb, "views").values()) == 16000


def test_december_to_january_takes_the_next_year():
    data = overview(("December 30", "10", "1", "2", "0", "0"), ("December 31", "11", "1", "2", "0", "0"),
                    ("January 1", "12", "1", "2", "0", "0"), ("January 2", "13", "1", "2", "0", "0"))
    batch = parse(stored_zip(("Overview.csv", data)), "Overview_2023-12-30_1703894400_sv_oslo.zip")
    assert sorted(metric(batch, "views")) == [dt.date(2023, 12, 30), dt.date(2023, 12, 31),
                                              dt.date(2024, 1, 1), dt.date(2024, 1, 2)]
    assert "nyttår" in next(c.message for c in batch.checks if c.name == "Årstall")
    given = parse(data, "o.csv", year="2023", account="a")
    assert max(metric(given, "views")) == dt.date(2024, 1, 2)


def test_dates_with_a_year_need_no_year_option():
    batch = parse(overview(("2023-08-01", "5", "0", "1", "0", "0")), "o.csv", account="a")
    assert metric(batch, "views") == {dt.date(2023, 8, 1): 5}


def test_the_name_wins_over_a_different_year_given_and_says_so():
    batch = parse(overview_zip(), year="2021")
    assert min(metric(batch, "views")) == dt.date(2023, 7, 27)
    assert any("2021 er ikke brukt" in w for w in batch.warnings)


# --- import end to end -----------------------------------------------------------------------------

def test_cli_imports_the_zip_and_reimport_changes_nothing(tmp_path, capsys):
    path = write(tmp_path, OVERVIEW_ZIP, overview_zip())
    code, out = cli_import(tmp_path, capsys, path)
    assert code == 0 and out.startswith("OK") and LABEL in out and "sosiale medier 35 rader" in out, out
    store = Store(tmp_path / "store")
    social = store.read("social")
    assert social.groupby("metric")["value"].sum().to_dict() == OVERVIEW_SUMS
    log = store.read("imports").iloc[-1]
    assert (str(log["first_date"]), str(log["last_date"])) == ("2023-07-27", "2023-08-02")
    before = store_bytes(tmp_path)
    code, out = cli_import(tmp_path, capsys, path)
    assert code == 0 and store_bytes(tmp_path) == before


def test_cli_imports_followers_with_year_and_audience(tmp_path, capsys):
    path = write(tmp_path, "Followers_sv_oslo.zip", followers_zip())
    code, out = cli_import(tmp_path, capsys, path)
    assert code == 1 and "datoer uten år" in out and "--year" in out and not (tmp_path / "store").exists()
    code, out = cli_import(tmp_path, capsys, "--year", "2023", path)
    assert code == 0 and "publikum 6 rader" in out, out
    assert len(Store(tmp_path / "store").read("audience")) == 6


def test_a_newer_export_with_one_more_day_replaces_the_overlap(tmp_path, capsys):
    cli_import(tmp_path, capsys, write(tmp_path, OVERVIEW_ZIP, overview_zip()))
    rows = [("July 28", "2400", "45", "305", "-2", "14"), ("July 29", "0", "0", "0", "0", "0"),
            ("July 30", "980", "12", "101", "5", "3"), ("July 31", "4410", "88", "612", "27", "40"),
            ("August 1", "3105", "60", "402", "9", "21"), ("August 2", "2750", "41", "377", "11", "18"),
            ("August 3", "1000", "20", "100", "4", "6")]
    newer = write(tmp_path, "Overview_2023-07-28_1690588800_sv_oslo.zip", stored_zip(("Overview.csv", overview(*rows))))
    code, out = cli_import(tmp_path, capsys, newer)
    assert code == 0 and "erstatter 30 rader" in out, out
    views = Store(tmp_path / "store").read("social").query("metric == 'views'").set_index("date")["value"]
    assert len(views) == 8 and views[dt.date(2023, 7, 28)] == 2400 and views[dt.date(2023, 8, 3)] == 1000
    assert views.sum() == 15105 - 2340 + 2400 + 1000


# --- rejections ------------------------------------------------------------------------------------

def _bare(data: bytes) -> tuple[str, bytes, tuple[str, ...]]:
    return "o.csv", data, ("--year", "2023", "--account", "sv_oslo")


GOOD = ("July 27", "10", "1", "2", "0", "0")
BROKEN = {
    "ikke et tall": _bare(overview(GOOD, ("July 28", "12a", "1", "2", "0", "0"))),
    "negativt": _bare(overview(GOOD, ("July 28", "5", "1", "-2", "0", "0"))),
    "ikke en dato": _bare(overview(GOOD, ("Julember 28", "5", "1", "2", "0", "0"))),
    "stigende rekkefølge": _bare(overview(GOOD, GOOD)),
    "finnes ikke i 2023": _bare(overview(("February 29", "5", "1", "2", "0", "0"))),
    "ingen datarader": _bare(overview()),
    "hvilken TikTok-konto": ("o.csv", OVERVIEW, ("--year", "2023")),
    "ikke et årstall": ("o.csv", OVERVIEW, ("--year", "23", "--account", "a")),
    "over 100 %": ("Followers_a.zip", stored_zip(("FollowerHistory.csv", (FOLLOWERS_DIR / "FollowerHistory.csv").read_bytes()),
                                                 ("FollowerGender.csv", quoted(("Gender", "Distribution"), ("Female", "0.8"),
                                                                               ("Male", "0.4")))), ("--year", "2023")),
    "den inneholder Content.csv": ("Content_a.zip", stored_zip(("Content.csv", b"Video title,Views\n")), ()),
}


@pytest.mark.parametrize("problem", list(BROKEN))
def test_broken_files_are_rejected_in_norwegian_and_change_nothing(problem, tmp_path, capsys):
    cli_import(tmp_path, capsys, write(tmp_path, OVERVIEW_ZIP, overview_zip()))
    before = store_bytes(tmp_path)
    name, data, options = BROKEN[problem]
    code, out = cli_import(tmp_path, capsys, *options, write(tmp_path, name, data))
    assert code == 1 and out.startswith("AVVIST") and problem in out, out
    assert store_bytes(tmp_path) == before


def test_bad_cells_are_named_by_member_row_and_column():
    with pytest.raises(ImportRejected, match=r"«Overview_x_1_a\.zip/Overview\.csv», rad 3, kolonne «likes»"):
        parse(stored_zip(("Overview.csv", overview(GOOD, ("July 28", "5", "1", "x", "0", "0")))), "Overview_x_1_a.zip",
              year="2023")


def test_a_zip_of_something_else_names_what_tiktok_zips_hold():
    with pytest.raises(ImportRejected, match=r"TikTok-eksport \(Overview\.csv eller FollowerHistory\.csv\)"):
        registry.detect(stored_zip(("notater.txt", b"hei")), "arkiv.zip")
