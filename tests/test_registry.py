"""The source registry: a made-up source plugs in with one module-like declaration and imports end to end."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from campaign.cli import main
from campaign.config import load_config
from campaign.ingest import registry
from campaign.ingest.base import ParsedBatch
from campaign.ingest.importer import apply_import, parse_file, plan_import
from campaign.ingest.source import Option, Sniff, Source
from campaign.store import NATURAL_KEYS, Store
from campaign.tables import import_log_table

VIEWS_FILE = b"Dato;Visninger\n2026-08-01;120\n2026-08-02;95\n"


def _parse_views(data: bytes, source_name: str, config, platform: str) -> ParsedBatch:
    lines = [line.split(";") for line in data.decode("utf-8").splitlines()[1:]]
    frame = pd.DataFrame({"date": [dt.date.fromisoformat(d) for d, _ in lines], "platform": platform,
                          "account": "testkonto", "metric": "views", "value": [float(v) for _, v in lines]})
    return ParsedBatch("visninger_test", source_name, None, {"social": frame}, areas="testkonto")


VIEWS = Source(
    kind="visninger_test", label="Visninger (testformat)", description="visninger per dag (testformat)",
    credit="Testplattformen", extensions=("csv",),
    recognise=lambda sniff: sniff.head.startswith(b"Dato;Visninger"), parse=_parse_views, tables=("social",),
    options=(Option("platform", "Plattform", "hvilken plattform filen gjelder", choices=("facebook", "instagram"),
                    required=True, missing="Filen sier ikke om den gjelder Facebook eller Instagram."),),
)


@pytest.fixture()
def with_views_source(monkeypatch):
    monkeypatch.setattr(registry, "SOURCES", (*registry.SOURCES, VIEWS))


def test_a_new_source_imports_end_to_end_through_the_cli(with_views_source, tmp_path, capsys):
    path = tmp_path / "visninger.csv"
    path.write_bytes(VIEWS_FILE)
    code = main(["import", "--data-dir", str(tmp_path / "store"), "--platform", "instagram", str(path)])
    out = capsys.readouterr().out
    assert code == 0, out
    assert out.startswith("OK") and "Visninger (testformat)" in out and "sosiale medier 2 rader" in out
    store = Store(tmp_path / "store")
    social = store.read("social")
    assert list(social["value"]) == [120.0, 95.0] and set(social["platform"]) == {"instagram"}
    log = store.read("imports").iloc[-1]
    assert (log["kind"], log["rows"], str(log["first_date"]), str(log["last_date"])) == (
        "visninger_test", 2, "2026-08-01", "2026-08-02")
    shown = import_log_table(log.to_frame().T.assign(live_rows=2))
    assert list(shown["Type"]) == ["Visninger (testformat)"]
    assert registry.credit("visninger_test") == "Testplattformen"
    assert "csv" in registry.upload_extensions() and "platform" in [o.name for o in registry.options()]


def test_a_required_option_missing_rejects_the_file_in_norwegian(with_views_source, tmp_path, capsys):
    path = tmp_path / "visninger.csv"
    path.write_bytes(VIEWS_FILE)
    code = main(["import", "--data-dir", str(tmp_path / "store"), str(path)])
    out = capsys.readouterr().out
    assert code == 1 and out.startswith("AVVIST")
    assert "Facebook eller Instagram" in out and "--platform" in out
    assert Store(tmp_path / "store").is_empty()
    code = main(["import", "--data-dir", str(tmp_path / "store"), "--platform", "myspace", str(path)])
    assert code == 1 and "ikke et gyldig valg" in capsys.readouterr().out


def test_a_batch_with_a_table_the_store_does_not_know_raises(monkeypatch, tmp_path):
    def parse_bad(data, source_name, config):
        return ParsedBatch("feil", source_name, None, {"socials": pd.DataFrame({"x": [1]})}, areas="")
    bad = Source(kind="feil", label="Feil", description="feil", credit="Feil", extensions=("txt",),
                 recognise=lambda sniff: sniff.head.startswith(b"FEIL"), parse=parse_bad, tables=("socials",))
    monkeypatch.setattr(registry, "SOURCES", (*registry.SOURCES, bad))
    with pytest.raises(ValueError, match="socials"):
        parse_file(b"FEIL\n", "feil.txt", load_config())
    plan = plan_import([("ok.csv", VIEWS_FILE)], Store(tmp_path), load_config())  # unknown: rejected, no raise
    assert plan.reports[0].error and not plan.batches
    plan.batches.append(parse_bad(b"", "feil.txt", None))
    plan.shas.append("x")
    with pytest.raises(ValueError, match="socials"):
        apply_import(plan, Store(tmp_path), load_config())
    assert Store(tmp_path).is_empty()


def test_every_source_declares_tables_with_natural_keys_and_recognises_by_content():
    kinds = [s.kind for s in registry.SOURCES]
    assert len(kinds) == len(set(kinds))
    for source in registry.SOURCES:
        assert source.tables and set(source.tables) <= set(NATURAL_KEYS), source.kind
        assert source.label and source.credit and source.extensions, source.kind
        assert not source.recognise(Sniff(b"Dato;Visninger\n", "x." + source.extensions[0])), source.kind


def test_labels_come_from_one_place():
    assert registry.label("valg_csv") == "Valgresultat (CSV)"
    assert registry.label("demo") == "Eksempeldata" and registry.credit("demo") == "Eksempeldata (generert)"
    assert registry.label("ukjent") == "ukjent"
