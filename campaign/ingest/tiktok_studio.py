"""TikTok Studio analytics exports (Overview, Followers), as the zip TikTok delivers or as bare CSV.

TikTok names the zips `Overview_<first day>_<epoch>_<handle>.zip` and `Followers_<handle>.zip`
(shared/formats/export-formats.md §3.1): the account and, for Overview, the year come from the
name, since the CSV files inside have dates without a year and no account. For a bare CSV the
user gives both (--account, --year). FollowerGender/FollowerTopTerritories go to the audience
table, dated with the period of the zip's daily history (TikTok does not say which period the
shares describe: they are the followers as they were when the zip was downloaded, i.e. at the
end of that history).
"""
from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import PurePosixPath

import pandas as pd

from campaign.config import Config
from campaign.ingest.base import Check, ParsedBatch, rejected
from campaign.ingest.source import Option, Sniff, Source
from campaign.ingest.tabular import decode, period_text, sniff_header, workbook_sheets
from campaign.ingest.tiktok_dates import first_year, needs_year, with_years
from campaign.ingest.tiktok_studio_read import Series, is_history, is_overview, read_series, read_shares, social_rows

KIND = "tiktok_studio"
# Files in TikTok's zips by name (CSV, or XLSX as some sections come): what each is read as.
DAILY = {"overview": "overview", "followerhistory": "history"}
SHARES = {"followergender": "gender", "followertopterritories": "territory"}
NOT_IMPORTED = {"followeractivity": "aktive følgere per time", "content": "tall per video", "viewers": "seere per dag"}
TIKTOK_FILES = {f"{stem}.{ext}" for stem in (*DAILY, *SHARES, *NOT_IMPORTED) for ext in ("csv", "xlsx")}
ZIP_NAME = re.compile(r"(?:overview|followers|content|viewers)_(?:(?P<day>[0-9]{4}-[0-9]{2}-[0-9]{2})_[0-9]+_)?"
                      r"(?P<handle>.+?)(?: ?\([0-9]+\))?\.zip", re.IGNORECASE)
MAX_MEMBER_BYTES = 50_000_000
YEAR = Option("year", "År (når filen ikke sier det)", "året for den første dagen i filen, f.eks. 2023 (TikTok-filer "
              "har datoer uten år; Overview-zip-filer har det i navnet)", placeholder="f.eks. 2023",
              missing="TikTok-filen har datoer uten år, og filnavnet sier ikke hvilket år de gjelder.")
ACCOUNT = Option("account", "Konto (når filen ikke sier det)", "kontoen filen gjelder (for TikTok brukernavnet, f.eks. "
                 "sv_oslo; TikTok-zip-filer har det i navnet)", placeholder="f.eks. sv_oslo",
                 missing="Filen sier ikke hvilken TikTok-konto den gjelder (det står bare i navnet på zip-fila TikTok lager).")


def parse_tiktok_studio(data: bytes, source_name: str, config: Config | None = None, year: str | None = None,
                        account: str | None = None) -> ParsedBatch:
    """A TikTok Studio zip or CSV → social (daily metrics) and audience (follower shares)."""
    warnings: list[str] = []
    texts = _texts(data, source_name, warnings)
    named = ZIP_NAME.fullmatch(PurePosixPath(source_name).name) if data.startswith(b"PK\x03\x04") else None
    handle = _account(named, account, source_name, warnings)
    series = {kind: read_series(text, member, kind) for kind, (member, text) in texts.items() if kind in DAILY.values()}
    checks: list[Check] = []
    days = _dated(series, named, year, source_name, checks, warnings)
    frames = [social_rows(s, days[k], handle, _skip(k, series, warnings)) for k, s in series.items()]
    if "history" in series:
        frames[list(series).index("history")] = _history_rows(series["history"], days["history"], handle, checks)
    _comment_check(series, checks)
    tables = {"social": pd.concat(frames, ignore_index=True)}
    audience = _audience(texts, days, handle, warnings)
    if audience is not None:
        tables["audience"] = audience
    first = min(d[0] for d in days.values())
    last = max(d[-1] for d in days.values())
    return ParsedBatch(KIND, source_name, None, tables, f"TikTok {handle}, {period_text(first, last)}", checks, warnings)


def _texts(data: bytes, source_name: str, warnings: list[str]) -> dict[str, tuple[str, str]]:
    """kind → (name for messages, text): the known files of a zip, or the bare CSV itself."""
    if not data.startswith(b"PK\x03\x04"):
        text, _ = decode(data, source_name)
        kind = "overview" if sniff_header(data, is_overview) else "history"
        return {kind: (source_name, text)}
    archive = zipfile.ZipFile(io.BytesIO(data))
    found, ignored = {}, []
    for info in archive.infolist():
        base = PurePosixPath(info.filename).name
        stem = PurePosixPath(base.lower()).stem if base.lower().endswith((".csv", ".xlsx")) else ""
        kind = DAILY.get(stem) or SHARES.get(stem)
        if info.is_dir() or base.startswith("._") or "__MACOSX" in info.filename:
            continue
        if kind is None:
            ignored.append(base)
        elif kind not in found:
            found[kind] = (f"{source_name}/{base}", _member(archive, info, source_name))
    if not set(found) & set(DAILY.values()):
        held = ", ".join(PurePosixPath(n).name for n in archive.namelist() if not n.endswith("/")) or "ingenting"
        raise rejected(source_name, f"zip-fila inneholder ingen TikTok-eksport (Overview.csv eller "
                                    f"FollowerHistory.csv) som kan importeres; den inneholder {held}.")
    for base in ignored:
        what = NOT_IMPORTED.get(PurePosixPath(base.lower()).stem)
        warnings.append(f"{base} ({what}) er ikke importert." if what else f"{base} er ukjent og er ikke importert.")
    return found


def _member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, source_name: str) -> str:
    if info.file_size > MAX_MEMBER_BYTES:
        raise rejected(source_name, f"{info.filename} er urimelig stor ({info.file_size // 1_000_000} MB).")
    try:
        data = archive.read(info)
    except (RuntimeError, zipfile.BadZipFile, NotImplementedError, OSError, EOFError):  # encrypted or damaged
        raise rejected(source_name, f"{info.filename} i zip-fila kan ikke leses (kryptert eller skadet).") from None
    name = f"{source_name}/{info.filename}"
    if data.startswith(b"PK\x03\x04"):  # a section TikTok gave as a workbook: its first sheet
        return next(iter(workbook_sheets(data, name).values()), "")
    return decode(data, name)[0]


def _account(named: re.Match | None, given: str | None, source_name: str, warnings: list[str]) -> str:
    """The handle from the zip name, else the one given; rejects a bare CSV without one."""
    clean = (given or "").strip().lstrip("@").strip()
    if named:
        handle = named["handle"].strip().lstrip("@")
        if clean and clean.casefold() != handle.casefold():
            warnings.append(f"Zip-fila gjelder kontoen «{handle}» (ifølge navnet); oppgitt konto «{clean}» er ikke brukt.")
        return handle
    if not clean:
        raise rejected(source_name, _missing(ACCOUNT))
    return clean


def _dated(series: dict[str, Series], named: re.Match | None, given: str | None, source_name: str,
           checks: list[Check], warnings: list[str]) -> dict[str, list[dt.date]]:
    """Each daily file's dates with a year: from the file, the zip name's first day, or the year given."""
    if not any(needs_year(s.parts) for s in series.values()):
        return {k: with_years(s.parts, s.lines, 0, s.member, s.column)[0] for k, s in series.items()}
    first_day = _first_day(named)
    year = _year(given, source_name)
    if first_day and year and year != first_day.year:
        warnings.append(f"Filnavnet sier {first_day.year}; oppgitt år {year} er ikke brukt.")
    if first_day is None and year is None:
        raise rejected(source_name, _missing(YEAR))
    if first_day and "overview" in series and series["overview"].parts[0][:2] != (first_day.day, first_day.month):
        warnings.append(f"Filnavnet sier at første dag er {first_day.isoformat()}, men Overview.csv begynner "
                        f"med «{series['overview'].parts[0][0]}.{series['overview'].parts[0][1]}.».")
    out, rolled = {}, False
    for kind, s in series.items():
        start = first_year(s.parts[0], first_day) if first_day else year
        out[kind], over = with_years(s.parts, s.lines, start, s.member, s.column)
        rolled |= over
    where = f"filnavnet (første dag {first_day.isoformat()})" if first_day else f"oppgitt år ({year})"
    checks.append(Check("Årstall", True, f"datoene i filen har ikke år; året er tatt fra {where}"
                                         + ("; datoene går over nyttår." if rolled else ".")))
    return out


def _first_day(named: re.Match | None) -> dt.date | None:
    """The first day an Overview zip's name gives (None without one, or for a date that does not exist)."""
    try:
        return dt.date.fromisoformat(named["day"]) if named and named["day"] else None
    except ValueError:
        return None


def _missing(option: Option) -> str:
    """The registry's words for a required option not given (these two are required only when the name lacks them)."""
    return (f"{option.missing} Oppgi --{option.name} på kommandolinjen, eller fyll inn «{option.label}» på "
            "importsiden.")


def _year(given: str | None, source_name: str) -> int | None:
    text = (given or "").strip()
    if not text:
        return None
    if not re.fullmatch(r"(19|20)[0-9]{2}", text):
        raise rejected(source_name, f"«{text}» er ikke et årstall (ventet f.eks. 2023).")
    return int(text)


def _skip(kind: str, series: dict[str, Series], warnings: list[str]) -> set[str]:
    """Overview's «New followers» gives way to FollowerHistory's daily change when one zip has both."""
    if kind == "overview" and "history" in series and "new_followers" in series["overview"].values:
        warnings.append("Nye følgere er tatt fra FollowerHistory.csv (endring per dag), ikke fra Overview.csv.")
        return {"new_followers"}
    return set()


def _history_rows(history: Series, days: list[dt.date], handle: str, checks: list[Check]) -> pd.DataFrame:
    """followers (running total) and new_followers (the file's change from the day before; not the first day's 0)."""
    followers, change = history.values["followers"], list(history.values["difference"])
    if change and change[0] == 0:
        change[0] = None  # TikTok writes 0 on the first day: no change was measured
    off = sum(1 for i in range(1, len(days)) if None not in (followers[i], followers[i - 1], change[i])
              and change[i] != followers[i] - followers[i - 1])
    checks.append(Check("Følgerendring", off == 0, "endringen per dag stemmer med følgertallet." if not off else
                        f"på {off} dager er endringen fra dagen før ikke lik forskjellen i følgertallet; "
                        "begge er lagret som TikTok skrev dem."))
    values = {"followers": followers, "new_followers": change}
    return social_rows(Series(history.member, history.column, history.parts, history.lines, values), days, handle)


def _comment_check(series: dict[str, Series], checks: list[Check]) -> None:
    comments = series.get("overview").values.get("comments", []) if "overview" in series else []
    negative = sum(1 for v in comments if v is not None and v < 0)
    if negative:
        checks.append(Check("Negative kommentarer", True, f"kommentarer er negative på {negative} "
                            f"{'dag' if negative == 1 else 'dager'} (TikTok trekker fra slettede kommentarer); "
                            "lagret som de står."))


def _audience(texts: dict[str, tuple[str, str]], days: dict[str, list[dt.date]], handle: str,
              warnings: list[str]) -> pd.DataFrame | None:
    """Follower shares by gender and territory, dated with the zip's history (else overview) period."""
    kinds = [k for k in SHARES.values() if k in texts]
    if not kinds:
        return None
    period = days.get("history") or days.get("overview")
    rows = [{"first_date": period[0], "last_date": period[-1], "platform": "tiktok", "account": handle,
             "dimension": kind, "bucket": bucket, "share": share}
            for kind in kinds for bucket, share in read_shares(texts[kind][1], texts[kind][0], kind)]
    warnings.append("Følgerfordelingen (kjønn, land) gjelder følgerne da fila ble lastet ned; den er lagret for "
                    f"perioden {period_text(period[0], period[-1])}.")
    return pd.DataFrame(rows, columns=["first_date", "last_date", "platform", "account", "dimension", "bucket", "share"])


# ✱ Source declaration ----------------------------------------------------------------------------

def _recognise(sniff: Sniff) -> bool:
    if sniff.is_zip:
        return any(PurePosixPath(n).name.lower() in TIKTOK_FILES for n in sniff.zip_names)
    return any(sniff_header(sniff.data, test) is not None for test in (is_overview, is_history))


def _parse(data: bytes, source_name: str, config: Config, year: str | None = None,
           account: str | None = None) -> ParsedBatch:
    return parse_tiktok_studio(data, source_name, config, year, account)


SOURCE = Source(
    kind=KIND,
    label="TikTok Studio (statistikk)",
    description="TikTok Studio-statistikk (zip-fila TikTok lager, eller Overview.csv/FollowerHistory.csv)",
    credit="TikTok Studio",
    extensions=("zip", "csv"),
    recognise=_recognise,
    parse=_parse,
    tables=("social", "audience"),
    options=(YEAR, ACCOUNT),  # not required=True: a zip's name gives both
    zip_hint="TikTok-eksport (Overview.csv eller FollowerHistory.csv)",
    rules=("datoer som ikke står i stigende rekkefølge", "negative tall (unntatt kommentarer)",
           "andeler over 100 %"),
)
