"""The command line: demo, sql (read-only) and seats."""
from __future__ import annotations

import io
import subprocess
import sys

import pandas as pd
import pytest

from campaign.cli import main
from campaign.store import Store


def run(args, capsys) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def test_sql_answers_the_issue_query(demo_dir, capsys):
    code, out, _ = run(["sql", "--data-dir", str(demo_dir),
                        "select party_code, sum(votes) from results where election_id = 'ko2023' "
                        "and area_level = 'krets' group by all"], capsys)
    assert code == 0
    frame = pd.read_csv(io.StringIO(out)).set_index("party_code")
    assert frame.loc["SV"].iloc[0] == 36612 and frame.loc["MDG"].iloc[0] == 36975


@pytest.mark.parametrize("query", [
    "create table x as select 1", "select 1; select 2", "attach 'x.db'",
    "select * from read_csv('/etc/passwd')", "copy results to '/tmp/leak.csv'", "install httpfs",
])
def test_sql_refuses_anything_but_reading_the_views(demo_dir, capsys, query):
    code, _, err = run(["sql", "--data-dir", str(demo_dir), query], capsys)
    assert code == 1 and err.startswith("Feil:")


def test_sql_json(demo_dir, capsys):
    code, out, _ = run(["sql", "--json", "--data-dir", str(demo_dir), "select count(*) as n from elections"], capsys)
    assert code == 0 and out.strip() == '[{"n":3}]'


def test_seats_ko2023(demo_dir, capsys):
    code, out, _ = run(["seats", "ko2023", "--data-dir", str(demo_dir)], capsys)
    assert code == 0
    frame = pd.read_csv(io.StringIO(out)).set_index("party_code")
    assert list(frame.columns) == ["party_name", "votes", "seats", "votes_for_next_seat", "votes_to_spare"]
    assert frame["seats"].sum() == 59 and frame.loc["H", "seats"] == 20 and frame.loc["SV", "seats"] == 6
    assert pd.isna(frame.loc["SP", "votes_to_spare"])


def test_seats_for_a_bydel_with_given_seats(demo_dir, capsys):
    code, out, _ = run(["seats", "ko2023", "--area", "030112", "--seats", "15", "--data-dir", str(demo_dir)], capsys)
    assert code == 0
    assert pd.read_csv(io.StringIO(out))["seats"].sum() == 15


def test_seats_unknown_election(demo_dir, capsys):
    code, _, err = run(["seats", "xx1999", "--data-dir", str(demo_dir)], capsys)
    assert code == 1 and "xx1999" in err


def test_demo_command_via_environment(tmp_path):
    env = {"CAMPAIGN_DATA_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-m", "campaign", "demo"], env=env, capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, done.stderr
    assert "rader skrevet" in done.stdout
    assert not Store(tmp_path).is_empty()
