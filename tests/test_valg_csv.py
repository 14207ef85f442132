"""The partifordeling CSV parser: hand-written fixtures in the official format, and the real files."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from campaign import fmt
from campaign.config import load_config
from campaign.ingest.base import ImportRejected
from campaign.ingest.valg_csv import parse_valg_csv
from tests.conftest import reference_file

FIXTURES = Path(__file__).resolve().parent / "fixtures"
KRETS = "2019-09-14_partifordeling_4_ko_2019.csv"
KRETS_BOM_CRLF = "2019-09-14_partifordeling_4_ko_2019_bom_crlf.csv"
KOMMUNE = "2019-09-14_partifordeling_2_ko_2019.csv"
FYLKE = "2021-09-17_partifordeling_1_st_2021.csv"
FYLKE_2025 = "2025-09-20_partifordeling_1_st_2025.csv"
COLUMNS = ["election_id", "area_level", "fylke_id", "kommune_id", "bydel_id", "krets_id", "krets_name",
           "party_code", "party_name", "advance_votes", "election_day_votes", "votes", "kommune_name"]


@pytest.fixture(scope="module")
def config():
    return load_config()


def fixture_bytes(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def parse_fixture(name: str, config, election_id: str | None = None):
    return parse_valg_csv(fixture_bytes(name), name, config, election_id)


def parse_text(text: str, config, name: str = KRETS):
    return parse_valg_csv(text.encode("utf-8"), name, config)


def krets_text() -> str:
    return fixture_bytes(KRETS).decode("utf-8")


def check(batch, name: str):
    return next(c for c in batch.checks if c.name == name)


def row(frame: pd.DataFrame, **where) -> pd.Series:
    mask = pd.Series(True, index=frame.index)
    for column, value in where.items():
        mask &= frame[column].eq(value)
    assert mask.sum() == 1, where
    return frame[mask].iloc[0]


def city_shares(results: pd.DataFrame, column: str = "votes") -> pd.Series:
    """Percent per party of the non-blank votes."""
    votes = results[results["party_code"] != "BLANKE"].groupby("party_code")[column].sum()
    return 100 * votes / votes.sum()


# --- Stemmekrets level -------------------------------------------------------------------------

def test_krets_file_is_filtered_to_oslo_with_bydeler(config):
    batch = parse_fixture(KRETS, config)
    results = batch.tables["results"]
    assert batch.kind == "valg_csv"
    assert batch.election_id == "ko2019"
    assert list(results.columns) == COLUMNS
    assert len(results) == 25  # 5 Oslo kretser × 5 lists; the 10 Bergen rows are filtered out
    assert set(results["kommune_id"]) == {"0301"}
    assert set(results["area_level"]) == {"krets"}
    assert batch.areas == "Oslo (0301): 5 kretser, 3 bydeler"
    vahl = row(results, krets_id="0101", party_code="SV")
    assert (vahl["fylke_id"], vahl["bydel_id"], vahl["krets_name"], vahl["party_name"]) == (
        "03", "030101", "Vahl skole", "SV - Sosialistisk Venstreparti")
    assert (vahl["advance_votes"], vahl["election_day_votes"], vahl["votes"]) == (0, 332, 332)
    assert row(results, krets_id="1601", party_code="A")["bydel_id"] == "030104"  # Oslo rådhus → St. Hanshaugen
    assert row(results, krets_id="1201", party_code="A")["bydel_id"] == "030112"
    uoppgitt = results[results["krets_id"] == "0000"]
    assert uoppgitt["bydel_id"].isna().all()
    assert uoppgitt["advance_votes"].sum() == 1055  # blanks included
    assert row(results, krets_id="0000", party_code="BLANKE")["votes"] == 5
    assert results["votes"].sum() == 4811 + 5 + 13 + 7 + 4 + 1
    assert results[results["party_code"] == "SV"]["votes"].sum() == 141 + 332 + 280 + 120 + 15
    assert results["krets_id"].map(len).eq(4).all()  # leading zeros kept


def test_krets_file_types_and_no_turnout(config):
    batch = parse_fixture(KRETS, config)
    results = batch.tables["results"]
    for column in ("advance_votes", "election_day_votes", "votes"):
        assert results[column].dtype == "int64"
    assert set(batch.tables) == {"results"}
    assert any("Valgdeltakelse" in w and "JSON" in w for w in batch.warnings)


def test_bom_and_crlf_read_the_same(config):
    assert fixture_bytes(KRETS_BOM_CRLF).startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in fixture_bytes(KRETS_BOM_CRLF)
    plain = parse_fixture(KRETS, config).tables["results"]
    variant = parse_fixture(KRETS_BOM_CRLF, config).tables["results"]
    pd.testing.assert_frame_equal(plain, variant)


def test_krets_checks_on_fixture(config):
    batch = parse_fixture(KRETS, config)
    shares = check(batch, "Oppslutning prosentvis")
    assert shares.ok, shares.message
    assert "25" in shares.message
    unknown = check(batch, "Ukjente kretser")
    assert unknown.ok, unknown.message
    per_bydel = check(batch, "Kretser per bydel")
    assert "Gamle Oslo 2" in per_bydel.message
    assert "St. Hanshaugen 1" in per_bydel.message
    assert "Alna 1" in per_bydel.message
    assert "uten bydel 1 (0000)" in per_bydel.message
    assert not per_bydel.ok  # 12 of the 15 bydeler have no krets in this small file
    assert "Grorud" in per_bydel.message.split("Ingen kretser i")[1]


def test_share_check_reports_the_worst_row(config):
    text = krets_text().replace("Vahl skole;SV;SV - Sosialistisk Venstreparti;21,26842;",
                                "Vahl skole;SV;SV - Sosialistisk Venstreparti;21,46842;")
    shares = check(parse_text(text, config), "Oppslutning prosentvis")
    assert not shares.ok
    assert shares.message.startswith("1 av 25 rader")
    assert "0,20000 pp" in shares.message
    assert "krets 0101 Vahl skole, parti SV" in shares.message


def test_share_check_tolerates_rounding_within_0_001_pp(config):
    text = krets_text().replace(";21,26842;", ";21,2674;")  # off by 0.00102 pp: outside
    assert not check(parse_text(text, config), "Oppslutning prosentvis").ok
    text = krets_text().replace(";21,26842;", ";21,2676;")  # off by 0.00082 pp: inside
    assert check(parse_text(text, config), "Oppslutning prosentvis").ok


def test_unknown_krets_is_listed(config):
    text = krets_text().replace("1201;Haugerud skole", "2001;Haugerud skole")
    batch = parse_text(text, config)
    unknown = check(batch, "Ukjente kretser")
    assert not unknown.ok
    assert "2001 Haugerud skole" in unknown.message
    assert batch.tables["results"].query("krets_id == '2001'")["bydel_id"].isna().all()


def test_advance_voting_places_are_not_unknown(config):
    text = krets_text().replace("1201;Haugerud skole", "4001;Grønland torg").replace(
        "1601;Oslo rådhus", "9999;Forhåndsstemmer - telt etter kl. 17 dagen etter valgdagen")
    batch = parse_text(text, config)
    assert check(batch, "Ukjente kretser").ok
    assert "uten bydel 3 (0000, 4001, 9999)" in check(batch, "Kretser per bydel").message


def test_kommune_rows_in_a_krets_file_are_checked_against_the_kretser(config):
    results = parse_fixture(KRETS, config).tables["results"]
    sums = results.groupby("party_code")[["advance_votes", "election_day_votes", "votes"]].sum()
    lines = [f"03;Oslo;0301;Oslo;;;{p};Navn;0,0;545506;{r.advance_votes};{r.election_day_votes};{r.votes};;;;;"
             for p, r in sums.iterrows()]
    text = krets_text() + "\n".join(lines) + "\n"
    batch = parse_text(text, config)
    assert len(batch.tables["results"]) == 25  # the kommune rows are not stored
    assert check(batch, "Kretser mot kommunetall").ok
    broken = text.replace(f";{sums.loc['SV', 'advance_votes']};{sums.loc['SV', 'election_day_votes']};"
                          f"{sums.loc['SV', 'votes']};;;;;", ";1055;1;1056;;;;;")
    summed = check(parse_text(broken, config), "Kretser mot kommunetall")
    assert not summed.ok
    assert "SV 888 mot 1\u00a0056" in summed.message


def test_leading_zeros_lost_in_a_spreadsheet_are_restored(config):
    text = krets_text().replace("03;Oslo;0301;Oslo;0101;", "3;Oslo;301;Oslo;101;")
    batch = parse_text(text, config)
    assert len(batch.tables["results"]) == 25
    assert row(batch.tables["results"], krets_id="0101", party_code="SV")["bydel_id"] == "030101"
    assert any("ledende nuller" in w for w in batch.warnings)


# --- Kommune and fylke level -------------------------------------------------------------------

def test_kommune_file(config):
    batch = parse_fixture(KOMMUNE, config)
    results = batch.tables["results"]
    assert len(results) == 6  # Oslo's 6 lists; Bergen filtered out
    assert set(results["area_level"]) == {"kommune"}
    assert set(results["kommune_id"]) == {"0301"}
    assert results["krets_id"].isna().all() and results["bydel_id"].isna().all()
    sv = row(results, party_code="SV")
    assert (sv["advance_votes"], sv["election_day_votes"], sv["votes"]) == (14000, 19400, 33400)
    assert batch.areas == "Oslo (0301)"
    assert [c.name for c in batch.checks] == ["Oppslutning prosentvis"]
    assert batch.checks[0].ok, batch.checks[0].message


def test_fylke_file_is_kept_whole(config):
    batch = parse_fixture(FYLKE, config)
    results = batch.tables["results"]
    assert batch.election_id == "st2021"
    assert len(results) == 12
    assert sorted(results["fylke_id"].unique()) == ["01", "02", "03"]
    assert set(results["area_level"]) == {"fylke"}
    assert results["kommune_id"].isna().all() and results["krets_id"].isna().all()
    assert row(results, fylke_id="03", party_code="SV")["votes"] == 50382
    assert row(results, fylke_id="01", party_code="BLANKE")["votes"] == 550
    assert batch.areas == "3 fylker"
    assert batch.checks[0].ok, batch.checks[0].message


def test_2025_fylke_file_without_the_ekvivalente_column(config):
    header = fixture_bytes(FYLKE_2025).decode("utf-8").splitlines()[0]
    assert "ekvivalente" not in header
    batch = parse_fixture(FYLKE_2025, config)
    results = batch.tables["results"]
    assert batch.election_id == "st2025"
    assert sorted(results["fylke_id"].unique()) == ["03", "31", "32"]
    oslo_a = row(results, fylke_id="03", party_code="A")
    assert (oslo_a["advance_votes"], oslo_a["election_day_votes"], oslo_a["votes"]) == (70553, 37715, 108268)
    assert batch.checks[0].ok, batch.checks[0].message


# --- Rejections ---------------------------------------------------------------------------------

@pytest.mark.parametrize("name, problem", [
    ("2019-09-14_partifordeling_4_ko_2019_empty.csv", "Filen er tom"),
    ("2019-09-14_partifordeling_4_ko_2019_header_only.csv", "ingen datarader"),
])
def test_empty_files_are_rejected(config, name, problem):
    with pytest.raises(ImportRejected) as caught:
        parse_fixture(name, config)
    assert f"«{name}»" in str(caught.value)
    assert problem in str(caught.value)


def test_file_for_another_kommune_is_rejected(config):
    name = "2019-09-14_partifordeling_4_ko_2019_bergen.csv"
    with pytest.raises(ImportRejected) as caught:
        parse_fixture(name, config)
    message = str(caught.value)
    assert f"«{name}»" in message
    assert "inneholder ingen rader for kommune 0301 (Oslo)" in message
    assert "4601 Bergen" in message


def test_broken_number_names_file_row_and_column(config):
    name = "2019-09-14_partifordeling_4_ko_2019_broken.csv"
    with pytest.raises(ImportRejected) as caught:
        parse_fixture(name, config)
    message = str(caught.value)
    assert message.startswith(f"«{name}», rad 9, kolonne «Antall valgtingstemmer»:")
    assert "«2l0»" in message


@pytest.mark.parametrize("old, new, column, problem", [
    (";0;332;332;", ";0;-332;-332;", "Antall valgtingstemmer", "Negativt"),
    (";0;332;332;", ";0;332;333;", "Antall stemmer totalt", "333"),
    (";0;332;332;", ";0;;332;", "Antall valgtingstemmer", "mangler"),
    (";21,26842;", ";21.26842;", "Oppslutning prosentvis", "desimalkomma"),
])
def test_bad_values_are_rejected_with_row_and_column(config, old, new, column, problem):
    text = krets_text()
    assert text.count(old) == 1
    with pytest.raises(ImportRejected) as caught:
        parse_text(text.replace(old, new), config)
    message = str(caught.value)
    assert f"«{KRETS}», rad 8, kolonne «{column}»:" in message  # Vahl skole SV is line 8
    assert problem in message


def test_bad_row_line_numbers_count_from_the_header_with_crlf_and_bom(config):
    data = fixture_bytes(KRETS_BOM_CRLF).replace(b";0;332;332;", b";0;33x;332;")
    with pytest.raises(ImportRejected, match="rad 8, kolonne «Antall valgtingstemmer»"):
        parse_valg_csv(data, KRETS_BOM_CRLF, config)


def test_missing_column_is_named(config):
    text = krets_text().replace("Partikode;", "Parti;", 1)
    with pytest.raises(ImportRejected, match="kolonne «Partikode»"):
        parse_text(text, config)


def test_comma_separated_file_is_rejected(config):
    text = krets_text().replace(";", ",")
    with pytest.raises(ImportRejected, match="skilletegn"):
        parse_text(text, config)


def test_row_with_extra_values_is_rejected(config):
    lines = krets_text().splitlines()
    lines[3] += "x;y;z;"
    with pytest.raises(ImportRejected, match="rad 4"):
        parse_text("\n".join(lines) + "\n", config)


def test_duplicate_party_in_one_krets_is_rejected(config):
    lines = krets_text().splitlines()
    text = "\n".join([*lines, lines[7]]) + "\n"
    with pytest.raises(ImportRejected, match="flere ganger"):
        parse_text(text, config)


# --- Election id --------------------------------------------------------------------------------

def test_election_id_from_argument_overrides_the_name(config):
    batch = parse_fixture(KRETS, config, election_id="ko2023")
    assert batch.election_id == "ko2023"
    assert set(batch.tables["results"]["election_id"]) == {"ko2023"}
    assert any("ko2019" in w for w in batch.warnings)


def test_election_id_is_asked_for_when_the_name_does_not_say(config):
    with pytest.raises(ImportRejected) as caught:
        parse_valg_csv(fixture_bytes(KRETS), "partydist_smalldistricts.csv", config)
    message = str(caught.value)
    assert "«partydist_smalldistricts.csv»" in message
    assert "Kan ikke se hvilket valg filen gjelder" in message and "ko2023" in message
    batch = parse_valg_csv(fixture_bytes(KRETS), "partydist_smalldistricts.csv", config, "ko2019")
    assert batch.election_id == "ko2019"


# --- Real files (../shared/reference-data/elections) --------------------------------------------

@pytest.fixture(scope="module")
def ko2019(config):
    path = reference_file("ko2019_partifordeling_stemmekrets_hele_landet.csv")
    return parse_valg_csv(path.read_bytes(), path.name, config)


@pytest.fixture(scope="module")
def st2021_krets(config):
    path = reference_file("st2021_partifordeling_stemmekrets_hele_landet.csv")
    return parse_valg_csv(path.read_bytes(), path.name, config)


@pytest.fixture(scope="module")
def st2021_fylke(config):
    path = reference_file("st2021_partifordeling_fylke.csv")
    return parse_valg_csv(path.read_bytes(), path.name, config)


def test_real_ko2019_city_shares(ko2019):
    results = ko2019.tables["results"]
    assert ko2019.election_id == "ko2019"
    shares = city_shares(results)
    assert fmt.number(shares["SV"], 1) == "9,1"
    assert fmt.number(shares["MDG"], 1) == "15,3"
    assert f"{shares['SV']:.4f}" == "9.1001"  # 33 258 / 365 467
    assert f"{shares['MDG']:.4f}" == "15.2605"  # 55 772 / 365 467


def test_real_ko2019_kretser_and_advance_votes(ko2019):
    results = ko2019.tables["results"]
    assert results["krets_id"].nunique() == 104
    assert len(results) == 2288
    assert results.loc[results["krets_id"] == "0000", "advance_votes"].sum() == 156_012
    assert results.loc[results["krets_id"] != "0000", "advance_votes"].sum() == 0
    assert ko2019.areas == "Oslo (0301): 104 kretser, 15 bydeler"


def test_real_ko2019_election_day_sv_share_per_bydel(ko2019, config):
    expected = {"Gamle Oslo": "15,1", "Grünerløkka": "13,7", "Sagene": "12,7", "St. Hanshaugen": "10,7",
                "Frogner": "6,3", "Ullern": "4,9", "Vestre Aker": "4,6", "Nordre Aker": "8,9", "Bjerke": "9,3",
                "Grorud": "7,3", "Stovner": "6,1", "Alna": "9,1", "Østensjø": "10,3", "Nordstrand": "5,8",
                "Søndre Nordstrand": "10,7"}
    results = ko2019.tables["results"].dropna(subset=["bydel_id"])
    got = {config.bydeler[b]: fmt.number(city_shares(rows, "election_day_votes")["SV"], 1)
           for b, rows in results.groupby("bydel_id")}
    assert got == expected


def test_real_st2021_krets_city_share(st2021_krets):
    results = st2021_krets.tables["results"]
    assert fmt.number(city_shares(results)["SV"], 1) == "13,3"
    assert results["krets_id"].nunique() == 104


def test_real_st2021_fylke_file(st2021_fylke):
    results = st2021_fylke.tables["results"]
    assert st2021_fylke.areas == "19 fylker"
    assert len(results) == 380
    assert results["fylke_id"].nunique() == 19
    assert row(results, fylke_id="03", party_code="SV")["votes"] == 50_382


@pytest.mark.parametrize("batch_name", ["ko2019", "st2021_krets", "st2021_fylke"])
def test_real_files_pass_the_checks(request, batch_name):
    batch = request.getfixturevalue(batch_name)
    for result in batch.checks:
        assert result.ok, result.message
    assert check(batch, "Oppslutning prosentvis").ok


def test_header_without_trailing_separator_keeps_columns_in_place(config):
    """Rows with a trailing ';' under a header without one must not shift the columns."""
    lines = fixture_bytes(FYLKE).decode("utf-8").splitlines()
    lines[0] = lines[0].rstrip(";")
    batch = parse_text("\n".join(lines) + "\n", config, name=FYLKE)
    results = batch.tables["results"]
    assert sorted(results["fylke_id"].unique()) == ["01", "02", "03"]
    assert row(results, fylke_id="03", party_code="SV")["votes"] == 50382


def test_rows_above_the_file_level_are_left_out_with_a_warning(config):
    text = fixture_bytes(KOMMUNE).decode("utf-8") + "03;Oslo;;;;;SV;SV - Sosialistisk Venstreparti;9,1;545506;1;2;3;;;0;0;\n"
    batch = parse_text(text, config, name=KOMMUNE)
    assert len(batch.tables["results"]) == 6
    assert "1 rad på fylke-nivå er ikke importert (filen er på kommunenivå)." in batch.warnings


def test_windows_1252_file_is_read_with_a_warning(config):
    batch = parse_valg_csv(krets_text().encode("cp1252"), KRETS, config)
    assert row(batch.tables["results"], krets_id="0102", party_code="H")["krets_name"] == "Tøyen skole"
    assert any("Windows-1252" in w for w in batch.warnings)


def test_unclosed_quote_names_its_line(config):
    text = krets_text().replace("0101;Vahl skole;A;", '0101;"Vahl skole;A;', 1)  # line 7
    with pytest.raises(ImportRejected, match="rad 7: .*anførselstegn"):
        parse_text(text, config)


def test_kommune_file_gives_the_councils_seats(config):
    batch = parse_fixture(KOMMUNE, config)
    mandates = batch.tables["mandates"].set_index("party_code")
    assert set(mandates["area_level"]) == {"kommune"} and set(mandates["area_id"]) == {"0301"}
    assert set(mandates["area_name"]) == {"Oslo"} and mandates.loc["SV", "seats"] == 6
    assert mandates.loc["A", "seats"] == 13 and mandates.loc["H", "seats"] == 17
    assert set(batch.tables["results"]["kommune_name"]) == {"Oslo"}
    assert "mandates" not in parse_fixture(KRETS, config).tables  # krets rows carry no seats
