"""District-council (bydelsutvalg) and school elections: the templates, their import and the Oslo demo figures."""
from __future__ import annotations

import pytest

from campaign.config import DEFAULT_CONFIG, load_config
from campaign.demo_councils import build_councils
from campaign.ingest import registry
from campaign.ingest.base import ImportRejected
from campaign.ingest.district_council import parse_district_council
from campaign.ingest.school_election import parse_school_election
from campaign.store import Store
from tests.branches import BRANCHES
from tests.field_helpers import cli_import, store_bytes, write

OSLO = load_config(str(DEFAULT_CONFIG))
BU = "valgår;bydel;parti;partinavn;stemmer;mandater\n2023;Grünerløkka;SV;;4 210;3\n2023;030102;H;Høyre;3100;2\n"
SCHOOL = "valgår;skole;parti;stemmer\n2023;Oslo katedralskole;SV;120\n2023;Oslo katedralskole;H;80\n"


def test_district_council_template_rows_by_bydel_name_or_code():
    batch = parse_district_council(BU.encode(), "bu.csv", OSLO)
    frame = batch.tables["district_council"]
    assert batch.election_id == "bu2023" and batch.kind == "district_council"
    assert frame[["bydel_id", "party_code", "votes", "seats"]].values.tolist() == [
        ["030102", "SV", 4210, 3], ["030102", "H", 3100, 2]]
    assert batch.checks[0].message.startswith("5 mandater i 1 bydelsutvalg")


def test_school_template_rows():
    batch = parse_school_election(SCHOOL.encode(), "skole.csv", OSLO)
    assert batch.election_id == "skolevalg2023"
    assert batch.tables["school_election"]["votes"].tolist() == [120, 80]


def test_templates_are_recognised_and_offer_a_form():
    for kind, parse in (("district_council", parse_district_council), ("school_election", parse_school_election)):
        source = registry.by_kind(kind)
        assert registry.detect(source.template(), "mal.csv") is source
        with pytest.raises(ImportRejected, match="eksempelraden"):
            parse(source.template(), "mal.csv", OSLO)
        assert [f.column for f in source.form] == [c for c in source.form_csv({}).decode("utf-8-sig")
                                                    .splitlines()[0].split(";")]


@pytest.mark.parametrize(("text", "message"), [
    (BU + "2023;Narnia;SV;;10;1\n", "rad 4, kolonne «bydel».*Narnia.*ikke en bydel"),
    (BU + "2019;Sagene;SV;;10;1\n", "flere valgår \\(2019, 2023\\)"),
    (BU + "2023;Grünerløkka;SV;;10;1\n", "rad 2 og rad 4"),
    (BU + "2023;Sagene;SV;;-3;1\n", "rad 4, kolonne «stemmer».*negativt"),
    (BU + "2999;Sagene;SV;;3;1\n", "rad 4, kolonne «valgår».*ikke et valgår"),
    (BU + "2023;Sagene;Sosialistisk Venstreparti;;3;1\n", "rad 4, kolonne «parti».*partikode"),
])
def test_broken_district_council_files_are_rejected_whole(tmp_path, capsys, text, message):
    cli_import(tmp_path, capsys, str(write(tmp_path, "bu.csv", BU)))
    before = store_bytes(tmp_path / "store")
    path = write(tmp_path, "bu_feil.csv", text)
    code, out = cli_import(tmp_path, capsys, str(path))
    assert code == 1 and out.startswith("AVVIST") and "«bu_feil.csv»" in out, out
    with pytest.raises(ImportRejected, match=message):
        parse_district_council(path.read_bytes(), path.name, OSLO)
    assert store_bytes(tmp_path / "store") == before


def test_real_district_councils_replace_the_demo_of_that_election_only(tmp_path, capsys):
    from campaign.demo import write_demo

    write_demo(Store(tmp_path / "store"), OSLO)
    code, out = cli_import(tmp_path, capsys, str(write(tmp_path, "bu.csv", BU)), str(write(tmp_path, "s.csv", SCHOOL)))
    assert code == 0, out
    councils = Store(tmp_path / "store").read("district_council")
    assert sorted(councils.loc[councils["election_id"] == "bu2023", "party_code"]) == ["H", "SV"]
    assert len(councils[councils["election_id"] == "bu2019"]) == 135  # the demo's 2019 councils are kept


def test_the_oslo_demo_reproduces_the_published_figures():
    tables = build_councils(OSLO)
    bu = tables["district_council"]
    sv = bu[bu["party_code"] == "SV"].set_index(["election_id", "bydel_id"])["seats"]
    assert (sv["bu2023"].sum(), sv["bu2019"].sum()) == (29, 24)
    names = {OSLO.bydeler[code]: seats for code, seats in sv["bu2023"].items()}
    assert {n for n, s in names.items() if s == 3} == {"Grünerløkka", "Gamle Oslo", "Søndre Nordstrand"}
    assert {n for n, s in names.items() if s == 1} == {"Vestre Aker", "Ullern", "Frogner", "Nordstrand"}
    assert set(bu.groupby(["election_id", "bydel_id"])["seats"].sum()) == {15}
    school = tables["school_election"]
    totals = school.groupby(["election_id", "party_code"])["votes"].sum()
    share = {e: round(100 * totals[e] / totals[e].sum(), 1) for e in ("skolevalg2019", "skolevalg2021",
                                                                       "skolevalg2023")}
    assert (share["skolevalg2023"]["SV"], share["skolevalg2023"]["H"], share["skolevalg2023"]["A"]) == \
        (16.2, 24.1, 17.6)
    assert (share["skolevalg2021"]["SV"], share["skolevalg2019"]["SV"], totals["skolevalg2023"]["SV"]) == \
        (19.5, 12.1, 2342)


def test_other_branches_get_no_district_councils_or_school_elections():
    config = load_config(str(BRANCHES["trondheim"]))
    assert all(frame.empty for frame in build_councils(config).values())
