"""Feltarbeid (AppTest): the published phone-bank, door-knocking, branch, media and money figures on the demo store."""
from __future__ import annotations

from tests.apptest import figure_titled, metrics, open_page, plain, tables

PAGE = "views/feltarbeid.py"


def test_feltarbeid_calls_per_year(demo_env):
    at = open_page(PAGE)
    calls = tables(at)[0].set_index(["År", "Oppdrag"])
    assert calls.loc[("2023", "velgere"), ["Ringt", "Nådd (samtaler)", "Svarprosent"]].tolist() == ["18 357", "3 558",
                                                                                                    "19 %"]
    assert calls.loc[("2019", "velgere"), ["Ringt", "Nådd (samtaler)"]].tolist() == ["32 000", "4 268"]
    assert calls.loc[("2021", "velgere"), "Ringt"] == "31 060"
    assert any("Svarprosent = nådd ÷ ringt" in plain(c.value) for c in at.caption)
    assert "Ringing per dag i 2023" in figure_titled(at, "Ringing per dag")["layout"]["title"]["text"]


def test_feltarbeid_doors_branches_media_money(demo_env):
    at = open_page(PAGE)
    _, doors, _, branches, money = tables(at)
    assert len(doors) == 8 and "Holmlia" in set(doors["Sted"])
    assert branches.set_index("Lokallag").loc["Grorud", ["Aktive", "Aktivister", "Aktive av medlemmer"]].tolist() == \
        ["under 5", "under 5", "–"]
    media = figure_titled(at, "Mediesaker per medium")
    assert "77 saker i alt" in plain(media["layout"]["title"]["text"])
    assert metrics(at)["Innsamlet"][0] == "297 000 kr"
    assert len(money) == 5


def test_feltarbeid_empty_store(tmp_path, monkeypatch):
    monkeypatch.setenv("CAMPAIGN_DATA_DIR", str(tmp_path))
    at = open_page(PAGE)
    assert any("Ingen ringetall i lageret" in i.value for i in at.info)



def test_feltarbeid_tables_download_as_shown_with_small_counts_suppressed(demo_env):
    from streamlit.runtime.memory_media_file_storage import _calculate_file_id

    from campaign.downloads import csv_bytes

    at = open_page(PAGE)
    files = {b.proto.url.rsplit("/", 1)[-1] for b in at.get("download_button") if b.proto.url.endswith(".csv")}
    assert len(files) == 5  # calls, doors, stands, branches, money (each also as Excel, ui.table)
    branches = at.table[3].value
    data = csv_bytes(branches)
    assert f"{_calculate_file_id(data, 'text/csv', 'lokallag.csv')}.csv" in files
    grorud = next(line for line in data.decode("utf-8-sig").splitlines() if line.startswith("Grorud"))
    assert "under 5" in plain(grorud) and ";3;" not in grorud


def test_feltarbeid_shows_the_fundraising_goals_with_status(demo_env):
    at = open_page(PAGE)
    lines = [plain(m.value) for m in at.markdown if "– mål" in plain(m.value)]
    assert [line.split(":")[0] for line in lines] == ["**Innsamling fra medlemmer**", "**Lotteri**", "**Eksterne bidrag**"]
    assert any(h.value.startswith("Innsamlingsmålene per") for h in at.subheader)


def test_feltarbeid_media_per_week_beside_social_reach(demo_env):
    at = open_page(PAGE)
    weekly = figure_titled(at, "Mediesaker per uke")
    stories, reach = weekly["data"]
    assert sum(stories["y"]) == 77 and reach["yaxis"] == "y2"
    assert any(value and value > 0 for value in reach["y"])  # the demo's social reach lines up with the media weeks


def test_dates_in_tables_are_not_read_as_markdown_lists(demo_env):
    at = open_page(PAGE)
    raw = at.table[4].value  # money: «8. mai – 11. sep. 2023» must not become list item 8
    assert all(not str(v)[:1].isdigit() or "\\." in str(v) for v in raw["Periode"])
    assert tables(at)[4]["Periode"].iloc[0].startswith("8. mai")


REGION_MEMBERS = ("dato;lokallag;medlemmer;aktive;aktivister\n"
                  "01.09.2025;Trondheim SV;612;120;45\n"
                  "01.09.2025;SV Trondheim sentrum;100;20;10\n"
                  "01.09.2025;Steinkjer SV;48;3;2\n"
                  "01.09.2025;Frøya SV;12;;\n"
                  "01.09.2025;Studentlaget NTNU;30;10;5\n")


def test_county_branch_members_per_region(tmp_path, monkeypatch):
    """Trøndelag: branches summed per [regions] region by the kommune name in the branch's name; small counts hidden."""
    from campaign.ingest.member_counts import parse_member_counts
    from campaign.store import ImportRecord
    from tests.branches import use_branch
    from tests.test_results import write_county_store  # results for 5001 Trondheim, 5006 Steinkjer, 5014 Frøya

    use_branch(monkeypatch, "trondelag")
    store = write_county_store(tmp_path)
    members = parse_member_counts(REGION_MEMBERS.encode(), "medlemstall.csv").tables["members"]
    store.commit({"members": members.assign(import_id=store.next_import_id())},
                 ImportRecord(kind="member_counts", source_name="medlemstall.csv", sha256="m", rows=len(members)))
    monkeypatch.setenv("CAMPAIGN_DATA_DIR", str(tmp_path))
    at = open_page(PAGE)
    regions = next(t for t in tables(at) if "Region" in t.columns).set_index("Region")
    assert list(regions.index) == ["Hitra/Frøya/Fosen", "Innherred", "Trondheim", "Andre lokallag"]  # config order
    assert regions.loc["Trondheim"].tolist() == ["2", "712", "140", "55", "20 %"]
    assert regions.loc["Innherred"].tolist() == ["1", "48", "under 5", "under 5", "–"]
    assert regions.loc["Hitra/Frøya/Fosen", ["Medlemmer", "Aktive"]].tolist() == ["12", "–"]
    assert regions.loc["Andre lokallag", "Medlemmer"] == "30"
    assert any("regnes til regionen til kommunen" in c.value for c in at.caption)
    assert not at.exception


def test_no_region_table_for_a_city_branch(demo_env):
    at = open_page(PAGE)
    assert not any("Region" in t.columns for t in tables(at))
