"""Meta Business Suite insight files: UTF-16, `sep=,`, one metric per file, days with 0 left out."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from campaign.cli import main
from campaign.config import load_config
from campaign.ingest import registry
from campaign.ingest.base import ImportRejected
from campaign.ingest.meta_insights import parse_meta_insights
from campaign.ingest.source import Sniff
from campaign.store import Store

FIXTURES = Path(__file__).parent / "fixtures" / "platforms"
FOLLOWS = FIXTURES / "meta_insights_facebook_follows.csv"
REACH = FIXTURES / "meta_insights_reach.csv"
VISITS = FIXTURES / "meta_insights_instagram_profile_visits.csv"
INTERACTIONS = FIXTURES / "meta_insights_content_interactions.csv"
ALL = (FOLLOWS, REACH, VISITS, INTERACTIONS)
LABEL = "Meta Business Suite (innsikt)"


def insight_file(metric: str, rows: list[tuple[str, str]], newline: str = "\n") -> bytes:
    """A Business Suite file as Meta writes it: UTF-16LE with BOM, sep line, metric line, quoted values."""
    lines = ["sep=,", f'"{metric}"', '"Date","Primary"', *(f'"{d}","{v}"' for d, v in rows)]
    return ("\ufeff" + newline.join(lines) + newline).encode("utf-16-le")


def file_values(path: Path) -> dict[dt.date, int]:
    """The fixture's own days and values."""
    lines = path.read_bytes().decode("utf-16").splitlines()[3:]
    return {dt.date.fromisoformat(d.strip('"')[:10]): int(v.strip('"')) for d, v in (line.split(",") for line in lines)}


def parse(data: bytes, platform: str, account: str | None = None, name: str = "Views.csv"):
    return parse_meta_insights(data, name, load_config(), platform, account)


def store_bytes(path: Path) -> dict[str, bytes]:
    return {str(p.relative_to(path)): p.read_bytes() for p in sorted(path.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name)
def test_recognised_by_content_and_not_taken_by_other_sources(path):
    assert registry.detect(path.read_bytes(), "data.txt").kind == "meta_insights"


def test_other_platform_files_are_not_taken():
    source = registry.by_kind("meta_insights")
    for other in sorted(FIXTURES.glob("*.csv")):
        if not other.name.startswith("meta_insights"):
            assert not source.recognise(Sniff(other.read_bytes(), other.name)), other.name


def test_follows_file_fills_the_days_meta_left_out_with_zero():
    batch = parse(FOLLOWS.read_bytes(), "facebook", name=FOLLOWS.name)
    social = batch.tables["social"]
    assert list(social.columns) == ["date", "platform", "account", "metric", "value"]
    assert list(social["date"]) == [dt.date(2023, 8, 28) + dt.timedelta(days=n) for n in range(8)]
    assert list(social["value"]) == [12, 3, 0, 7, 0, 0, 21, 9]
    assert set(social["metric"]) == {"new_followers"} and set(social["platform"]) == {"facebook"}
    assert set(social["account"]) == {"Oslo SV"}  # campaign.toml's organisation when none is given
    assert social["value"].sum() == sum(file_values(FOLLOWS).values())  # totals = the file's own
    gaps = next(c for c in batch.checks if c.name == "Dager uten tall")
    assert not gaps.ok and "3 dager" in gaps.message
    assert batch.areas == "Facebook, Oslo SV: nye følgere, 28. aug.–4. sep. 2023"


def test_values_and_account_option():
    batch = parse(REACH.read_bytes(), "instagram", account="osloSV", name=REACH.name)
    social = batch.tables["social"]
    assert dict(zip(social["date"], social["value"])) == file_values(REACH)
    assert set(social["account"]) == {"osloSV"} and set(social["metric"]) == {"reach"}
    assert next(c for c in batch.checks if c.name == "Dager uten tall").ok


@pytest.mark.parametrize(("metric", "platform", "expected"), [
    ("Views", "facebook", "views"), ("Viewers", "facebook", "reach"), ("Reach", "instagram", "reach"),
    ("Content interactions", "instagram", "interactions"), ("Facebook visits", "facebook", "profile_visits"),
    ("Instagram profile visits", "instagram", "profile_visits"), ("Facebook link clicks", "facebook", "link_clicks"),
    ("Instagram link clicks", "instagram", "link_clicks"), ("Instagram follows", "instagram", "new_followers"),
    ("Facebook-følgere", "facebook", "new_followers"), ("Visninger", "instagram", "views"),
])
def test_metric_names_map_to_the_vocabulary(metric, platform, expected):
    data = insight_file(metric, [("2023-09-10T00:00:00", "5"), ("2023-09-11T00:00:00", "8")], "\r\n")
    social = parse(data, platform).tables["social"]
    assert set(social["metric"]) == {expected} and list(social["value"]) == [5.0, 8.0]


def test_cli_requires_the_platform_and_imports_with_it(tmp_path, capsys):
    data_dir = tmp_path / "lager"
    assert main(["import", "--data-dir", str(data_dir), str(REACH)]) == 1
    out = capsys.readouterr().out
    assert out.startswith("AVVIST") and "Facebook eller Instagram" in out and "--platform" in out
    assert Store(data_dir).is_empty()
    code = main(["import", "--data-dir", str(data_dir), "--platform", "instagram", str(REACH), str(VISITS),
                 str(INTERACTIONS)])
    out = capsys.readouterr().out
    assert code == 0, out
    assert out.count(LABEL) == 3
    social = Store(data_dir).read("social")
    totals = social.groupby("metric")["value"].sum()
    assert totals["reach"] == sum(file_values(REACH).values())
    assert totals["profile_visits"] == sum(file_values(VISITS).values())
    assert set(social["platform"]) == {"instagram"}
    log = Store(data_dir).read("imports")
    assert (log["first_date"].iloc[0], log["last_date"].iloc[0]) == (dt.date(2023, 9, 5), dt.date(2023, 9, 11))


def test_a_metric_naming_the_other_platform_is_rejected(tmp_path, capsys):
    data_dir = tmp_path / "lager"
    assert main(["import", "--data-dir", str(data_dir), "--platform", "instagram", str(REACH)]) == 0
    before = store_bytes(data_dir)
    capsys.readouterr()
    assert main(["import", "--data-dir", str(data_dir), "--platform", "instagram", str(FOLLOWS)]) == 1
    out = capsys.readouterr().out
    assert "AVVIST" in out and "gjelder Facebook" in out and "du valgte Instagram" in out
    assert store_bytes(data_dir) == before


def test_reimport_is_a_no_op_and_a_newer_export_replaces_the_overlap(tmp_path, capsys):
    data_dir = tmp_path / "lager"
    assert main(["import", "--data-dir", str(data_dir), "--platform", "facebook", str(FOLLOWS)]) == 0
    before = store_bytes(data_dir)
    assert main(["import", "--data-dir", str(data_dir), "--platform", "facebook", str(FOLLOWS)]) == 0
    assert "allerede importert" in capsys.readouterr().out and store_bytes(data_dir) == before
    newer = tmp_path / "Follows.csv"  # one more day; Meta now counts the 29th as 0 and leaves it out
    newer.write_bytes(insight_file("Facebook follows", [
        ("2023-08-28T00:00:00", "12"), ("2023-08-31T00:00:00", "7"), ("2023-09-03T00:00:00", "21"),
        ("2023-09-04T00:00:00", "9"), ("2023-09-05T00:00:00", "4")]))
    assert main(["import", "--data-dir", str(data_dir), "--platform", "facebook", str(newer)]) == 0
    capsys.readouterr()
    store = Store(data_dir)
    social = store.read("social").sort_values("date")
    assert len(social) == 9 and not social.duplicated(["date", "platform", "account", "metric"]).any()
    assert list(social["value"]) == [12, 0, 0, 7, 0, 0, 21, 9, 4]
    assert store.read("imports")["replaced_rows"].iloc[-1] == 8


REJECTED = {
    "header only": (insight_file("Views", []), "ingen dager"),
    "bad date": (insight_file("Views", [("2023-09-10T00:00:00", "5"), ("i går", "8")]), "rad 5, kolonne «Date»"),
    "negative": (insight_file("Views", [("2023-09-10T00:00:00", "-5")]), "rad 4, kolonne «Primary».*negativt"),
    "not a number": (insight_file("Views", [("2023-09-10T00:00:00", "5 visninger")]), "rad 4.*ikke et tall"),
    "empty value": (insight_file("Views", [("2023-09-10T00:00:00", "")]), "rad 4.*verdien mangler"),
    "repeated day": (insight_file("Views", [("2023-09-10T00:00:00", "5"), ("2023-09-10T00:00:00", "6")]),
                     "rad 5.*10. sep. 2023 står to ganger"),
    "unknown metric": (insight_file("Facebook watch time", [("2023-09-10T00:00:00", "5")]),
                       "ukjent måltall «Facebook watch time»"),
    "both platforms": (insight_file("Facebook and Instagram views", [("2023-09-10T00:00:00", "5")]),
                       "både Facebook og Instagram"),
    "no metric line": ('"Date","Primary"\n"2023-09-10T00:00:00","5"\n'.encode("utf-16"), "hvilket måltall"),
}


@pytest.mark.parametrize("case", REJECTED, ids=str)
def test_broken_files_are_rejected_in_norwegian_and_change_nothing(case, tmp_path, capsys):
    data, message = REJECTED[case]
    with pytest.raises(ImportRejected, match=message):
        parse(data, "facebook")
    data_dir = tmp_path / "lager"
    assert main(["import", "--data-dir", str(data_dir), "--platform", "facebook", str(FOLLOWS)]) == 0
    before = store_bytes(data_dir)
    path = tmp_path / "broken.csv"
    path.write_bytes(data)
    capsys.readouterr()
    assert main(["import", "--data-dir", str(data_dir), "--platform", "facebook", str(path)]) == 1
    assert capsys.readouterr().out.startswith("AVVIST")
    assert store_bytes(data_dir) == before
