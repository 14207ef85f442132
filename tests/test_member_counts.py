"""Membership snapshots typed in: the template CSV (and the form's rows) → members."""
from __future__ import annotations

import datetime as dt

import pytest

from campaign.ingest import registry
from campaign.ingest.member_counts import parse_member_counts, template_csv
from campaign.store import Store
from tests.field_helpers import assert_rejected_whole, cli_import, store_bytes, write

GOOD = "dato;lokallag;medlemmer;aktive;aktivister\n"
TWO = GOOD + "01.01.2025;Trondheim SV;612;120;45\n2025-01-01;Steinkjer SV;48;;\n"


def test_template_rows_become_member_counts():
    batch = parse_member_counts(TWO.encode(), "medlemstall.csv")
    members = batch.tables["members"]
    assert members[["branch", "members"]].values.tolist() == [["Trondheim SV", 612], ["Steinkjer SV", 48]]
    assert members["active"].tolist()[0] == 120 and members["active"].isna().tolist() == [False, True]
    assert set(members["date"]) == {dt.date(2025, 1, 1)}
    assert batch.checks[0].message == "660 medlemmer i 2 lokallag per 1. jan. 2025."


def test_the_template_is_recognised_as_member_counts_and_not_as_a_zetkin_list(tmp_path):
    path = write(tmp_path, "medlemstall.csv", TWO)
    assert registry.detect(path.read_bytes(), path.name).kind == "member_counts"
    assert template_csv().decode("utf-8-sig").splitlines()[0] == "dato;lokallag;medlemmer;aktive;aktivister"


def test_cli_import_and_correction(tmp_path, capsys):
    code, out = cli_import(tmp_path, capsys, str(write(tmp_path, "medlemstall.csv", TWO)))
    assert code == 0 and out.startswith("OK"), out
    fixed = TWO.replace("612;120;45", "615;121;45")
    code, out = cli_import(tmp_path, capsys, str(write(tmp_path, "medlemstall_rettet.csv", fixed)))
    assert code == 0 and "erstatter 2 rader" in out, out
    members = Store(tmp_path / "store").read("members")
    assert sorted(members["members"].tolist()) == [48, 615]
    before = store_bytes(tmp_path / "store")
    code, out = cli_import(tmp_path, capsys, str(write(tmp_path, "medlemstall_rettet.csv", fixed)))
    assert "allerede importert" in out and store_bytes(tmp_path / "store") == before


@pytest.mark.parametrize(("text", "message"), [
    (GOOD, "ingen medlemstall"),
    (GOOD + "01.01.2025;Trondheim SV;0;;\n", "rad 2, kolonne «medlemmer».*minst ett medlem"),
    (GOOD + "01.01.2025;Trondheim SV;10;11;\n", "rad 2, kolonne «aktive».*flere enn 10 medlemmer"),
    (GOOD + "01.01.2025;Trondheim SV;10;;12\n", "rad 2, kolonne «aktivister».*flere enn 10 medlemmer"),
    (GOOD + "01.01.2025;;10;;\n", "rad 2, kolonne «lokallag».*mangler"),
    (GOOD + "01.01.2025;Trondheim SV;10;;\n01.01.2025;Trondheim SV;11;;\n", "rad 2 og rad 3"),
    (GOOD + "01.01.2025;Trondheim SV;-3;;\n", "rad 2, kolonne «medlemmer».*negativt"),
])
def test_broken_files_are_rejected_whole(tmp_path, capsys, text, message):
    good = write(tmp_path, "medlemstall.csv", TWO)
    assert_rejected_whole(tmp_path, capsys, good, text, message, parse_member_counts)
