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


META_HEADER = ('"Reporting starts","Reporting ends","Campaign name","Campaign delivery",Results,"Result indicator",'
               '"Amount spent (NOK)",Impressions,Reach,Frequency,"CPM (cost per 1,000 impressions) (NOK)","Link clicks",'
               '"CPC (cost per link click) (NOK)","CTR (link click-through rate)","Landing page views",'
               '"Video plays at 25%","Video plays at 50%","Video plays at 75%","Video plays at 100%",'
               '"Attribution setting"')


def meta_ads_csv(days: list[tuple], summary: bool = True) -> bytes:
    """A Meta Ads Manager daily export (English, as meta_ads_en_daily.csv) of (date, campaign, spend,
    impressions, reach, link clicks, landing-page views) rows, with the summary row Meta adds first."""
    def line(first, last, campaign, spend, impressions, reach, clicks, views) -> str:
        name = f'"{campaign}",active,{clicks},actions:link_click' if campaign else ",,,"
        return (f"{first},{last},{name},{spend:.2f},{impressions},{reach},{impressions / max(reach, 1):.6f},"
                f"{1000 * spend / max(impressions, 1):.6f},{clicks},{spend / max(clicks, 1):.6f},"
                f"{100 * clicks / max(impressions, 1):.6f},{views},,,,,"
                + (',"7-day click or 1-day view"' if campaign else ","))

    rows = [line(d, d, c, *figures) for d, c, *figures in days]
    if summary:
        total = [round(sum(r[2] for r in days), 2), *(sum(r[i] for r in days) for i in range(3, 7))]
        total[2] = max(r[4] for r in days)  # de-duplicated reach: never the sum
        rows.insert(0, line(min(r[0] for r in days), max(r[0] for r in days), "", *total))
    return (META_HEADER + "\n" + "\n".join(rows) + "\n").encode()
