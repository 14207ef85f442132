"""Shared by the field-work template tests: the CLI import, files in tmp_path, store fingerprints."""
from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from campaign.ingest.base import ImportRejected

FIELD = Path(__file__).resolve().parent / "fixtures" / "field"


def cli_import(tmp_path: Path, capsys, *args: str) -> tuple[int, str]:
    from campaign.cli import main

    code = main(["import", "--data-dir", str(tmp_path / "store"), *args])
    return code, capsys.readouterr().out


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def store_bytes(directory: Path) -> dict[str, str]:
    return {str(p.relative_to(directory)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(directory.rglob("*")) if p.is_file()}


def assert_rejected_whole(tmp_path: Path, capsys, good: Path, text: str, message: str, parse) -> None:
    """A broken file: AVVIST on the CLI naming the file, the parser's Norwegian message, the store unchanged."""
    cli_import(tmp_path, capsys, str(good))
    before = store_bytes(tmp_path / "store")
    path = write(tmp_path, "feltarbeid.csv", text)
    code, out = cli_import(tmp_path, capsys, str(path))
    assert code == 1 and out.startswith("AVVIST") and "«feltarbeid.csv»" in out, out
    with pytest.raises(ImportRejected, match=message):
        parse(path.read_bytes(), path.name)
    assert store_bytes(tmp_path / "store") == before
