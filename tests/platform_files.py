"""Helpers for the platform importer tests: fixtures, TikTok-style zips, CLI imports, store snapshots."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

from campaign.cli import main
from campaign.ingest import registry

FIXTURES = Path(__file__).parent / "fixtures" / "platforms"


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def platform_fixtures() -> list[Path]:
    """Every platform fixture file (TikTok zip members included)."""
    return sorted(p for p in FIXTURES.rglob("*") if p.is_file())


def stored_zip(*members: tuple[str, bytes]) -> bytes:
    """A zip as TikTok writes it: entries at the root, stored (not compressed)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for name, data in members:
            archive.writestr(name, data)
    return buffer.getvalue()


def kind_of(data: bytes, name: str = "fil.csv") -> str | None:
    """The kind detection gives a file, or None when no source takes it."""
    try:
        return registry.detect(data, name).kind
    except registry.ImportRejected:
        return None


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def cli_import(tmp_path: Path, capsys, *args: str | Path) -> tuple[int, str]:
    """`python -m campaign import --data-dir <tmp>/store ARGS`: exit code and output."""
    code = main(["import", "--data-dir", str(tmp_path / "store"), *map(str, args)])
    return code, capsys.readouterr().out


def store_bytes(tmp_path: Path) -> dict[str, bytes]:
    """Every file under the store, byte for byte (a rejected import must leave it unchanged)."""
    root = tmp_path / "store"
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}
