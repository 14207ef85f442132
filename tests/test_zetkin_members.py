"""Members and activists: a Zetkin list («view») export → `members`, counts only; no personal data stored."""
from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import duckdb
import openpyxl
import pyarrow.parquet as pq
import pytest

from campaign.config import load_config
from campaign.ingest import registry
from campaign.ingest.base import ImportRejected
from campaign.ingest.zetkin_members import parse_zetkin_members
from campaign.schema import TABLE_SPECS
from campaign.store import Store
from tests.field_helpers import cli_import, store_bytes, write

FIXTURES = Path(__file__).resolve().parent / "fixtures"
VIEW = FIXTURES / "zetkin" / "zetkin_view_lokallag.csv"
LEGACY = FIXTURES / "zetkin" / "zetkin_legacy_no_branch.csv"
PERSONAL_COLUMNS = ("fornavn", "etternavn", "mobil", "telefon", "e-post", "adresse", "fødselsdato", "notat", "id",
                    "zetkin id")
HEADER = "\ufeffID,FORNAVN,E-POST,LOKALLAG,AKTIV,AKTIVIST?\n"


def _counts(batch) -> dict[str, tuple]:
    frame = batch.tables["members"]
    return {r.branch: (r.members, r.active, r.activists) for r in frame.itertuples()}


def test_counts_per_branch_and_dropped_columns_reported():
    batch = parse_zetkin_members(VIEW.read_bytes(), VIEW.name, load_config(), "2023-09-01")
    assert list(batch.tables["members"].columns) == ["date", "branch", "members", "active", "activists"]
    assert _counts(batch) == {"Gamle Oslo SV": (3, 1, 1), "Grünerløkka SV": (4, 3, 2), "Sagene SV": (2, 2, 0),
                              "Uten lokallag": (1, 0, 1)}
    assert set(batch.tables["members"]["date"]) == {dt.date(2023, 9, 1)}
    dropped = next(w for w in batch.warnings if w.startswith("Fjernet før lagring"))
    for column in ("«ID»", "«FORNAVN»", "«ETTERNAVN»", "«MOBIL»", "«E-POST»", "«ADRESSE»", "«FØDSELSDATO»", "«NOTAT»"):
        assert column in dropped
    assert "LOKALLAG" not in dropped and "AKTIV" not in dropped


def test_without_a_branch_column_everyone_counts_under_the_org():
    batch = parse_zetkin_members(LEGACY.read_bytes(), LEGACY.name, load_config())
    assert _counts(batch)["Oslo SV"][:2] == (3, 2)
    assert batch.tables["members"]["activists"].isna().all()
    assert set(batch.tables["members"]["date"]) == {dt.date.today()}  # the day of import by default
    assert any("ingen kolonne for lokallag" in w and "«Oslo SV»" in w for w in batch.warnings)


def test_xlsx_export_reads_like_the_csv(tmp_path):
    rows = list(csv.reader(io.StringIO(VIEW.read_text("utf-8-sig"))))
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append([{"true": True, "false": False}.get(c, c) for c in row])
    path = tmp_path / "medlemmer-2023-09-01T10:00:00.xlsx"
    book.save(path)
    assert registry.detect(path.read_bytes(), path.name).kind == "zetkin_members"
    batch = parse_zetkin_members(path.read_bytes(), path.name, load_config(), "2023-09-01")
    assert _counts(batch) == _counts(parse_zetkin_members(VIEW.read_bytes(), VIEW.name, load_config(), "2023-09-01"))


def test_recognised_by_content_and_no_other_fixture_is_taken():
    assert registry.detect(VIEW.read_bytes(), "x.csv").kind == "zetkin_members"
    assert registry.detect(LEGACY.read_bytes(), "x.csv").kind == "zetkin_members"
    for path in sorted(p for p in FIXTURES.rglob("*") if p.is_file() and "zetkin" not in p.parts):
        try:
            kind = registry.detect(path.read_bytes(), path.name).kind
        except ImportRejected:
            continue
        assert kind != "zetkin_members", path
    with pytest.raises(ImportRejected):  # `ID` alone, without a column this source reads, is not a view of members
        registry.detect(b"ID,FORNAVN,E-POST\n1,Kari,kari@example.no\n", "x.csv")


def test_cli_import_with_date_reimport_and_newer_snapshot(tmp_path, capsys):
    code, out = cli_import(tmp_path, capsys, "-v", "--date", "2023-09-01", str(VIEW))
    assert code == 0 and out.startswith("OK") and "Medlemsliste (Zetkin)" in out and "«MOBIL»" in out, out
    members = Store(tmp_path / "store").read("members")
    assert members["members"].sum() == 10 and set(members["date"].astype(str)) == {"2023-09-01"}
    before = store_bytes(tmp_path / "store")
    code, out = cli_import(tmp_path, capsys, "--date", "2023-09-01", str(VIEW))
    assert code == 0 and "allerede importert" in out and store_bytes(tmp_path / "store") == before
    newer = VIEW.read_bytes().replace(b"Sagene SV,true,false,\n1081", b"Gamle Oslo SV,true,false,\n1081")
    code, out = cli_import(tmp_path, capsys, "--date", "2023-09-01", str(write(tmp_path, "nyere.csv", newer)))
    assert code == 0 and "erstatter 4 rader" in out, out
    members = Store(tmp_path / "store").read("members")
    assert len(members) == 4 and members["members"].sum() == 10
    assert members.set_index("branch").loc["Sagene SV", "members"] == 1


@pytest.mark.parametrize(("text", "date", "message"), [
    (HEADER, None, "ingen personer"),
    (HEADER + "1,Kari,k@example.no,Sagene SV,true,false\n1,Ola,o@example.no,Sagene SV,true,false\n", None,
     "rad 3, kolonne «ID».*samme ID står på rad 2 og rad 3"),
    (HEADER + "1,Kari,k@example.no,Sagene SV,kanskje,false\n", None, "rad 2, kolonne «AKTIV».*«kanskje»"),
    (HEADER + "1,Kari,k@example.no,Sagene SV,true,1\n", None, "rad 2, kolonne «AKTIVIST\\?».*«1»"),
    (HEADER + "1,Kari,k@example.no,Sagene SV,true,false\n", "i går", "«i går» er ikke en dato"),
    (HEADER + "1,Kari,k@example.no,Sagene SV,true,false\n", "2023-02-30", "er ikke en dato"),
    (HEADER + "1,Kari,k@example.no,Sagene SV,true,false\n", "2099-01-01", "fram i tid"),
])
def test_broken_files_are_rejected_whole(tmp_path, capsys, text, date, message):
    cli_import(tmp_path, capsys, "--date", "2023-09-01", str(VIEW))
    before = store_bytes(tmp_path / "store")
    path = write(tmp_path, "liste.csv", text)
    code, out = cli_import(tmp_path, capsys, *(["--date", date] if date else []), str(path))
    assert code == 1 and out.startswith("AVVIST") and "«liste.csv»" in out, out
    with pytest.raises(ImportRejected, match=message):
        parse_zetkin_members(path.read_bytes(), path.name, load_config(), date)
    assert store_bytes(tmp_path / "store") == before


# --- privacy -------------------------------------------------------------------------------------

def _secrets(path: Path) -> set[str]:
    """Every name, phone number, e-mail, address and birth date in a fixture (phones also without spaces)."""
    rows = list(csv.DictReader(io.StringIO(path.read_text("utf-8-sig"))))
    found = set()
    for row in rows:
        for column, value in row.items():
            if column.casefold() in PERSONAL_COLUMNS[:-2] and len(value) > 4 and value != "Ukjent":
                found |= {value, value.replace(" ", "")}
        first, last = row.get("FORNAVN") or row["Fornavn"], row.get("ETTERNAVN") or row["Etternavn"]
        found |= {first, last, f"{first} {last}"}
    return found


def test_no_personal_data_reaches_the_store(tmp_path, capsys):
    assert cli_import(tmp_path, capsys, "--date", "2023-09-01", str(VIEW))[0] == 0
    assert cli_import(tmp_path, capsys, str(LEGACY))[0] == 0
    secrets = _secrets(VIEW) | _secrets(LEGACY)
    assert {"Solveig", "+47 934 58 211", "+4793458211", "haakon.vatne@example.org", "Oddny"} <= secrets
    files = [p for p in (tmp_path / "store").rglob("*") if p.is_file()]
    parquet = [p for p in files if p.suffix == ".parquet"]
    assert parquet and any("members" in str(p) for p in parquet)
    for path in files:
        data = path.read_bytes()
        for secret in secrets:
            assert secret.encode("utf-8") not in data, (path, secret)
    for path in parquet:
        content = duckdb.sql(f"SELECT * FROM read_parquet('{path}')").df().astype(str).to_csv()
        leaks = [s for s in secrets if s in content]
        assert not leaks, (path, leaks)
        columns = {c.casefold() for c in pq.read_schema(path).names}
        assert not columns & set(PERSONAL_COLUMNS), (path, columns)
    members = next(p for p in parquet if "members" in str(p))
    assert set(pq.read_schema(members).names) <= {*TABLE_SPECS["members"].schema.names, "import_id"}
