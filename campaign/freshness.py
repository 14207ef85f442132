"""How fresh the data is: per source its last import and the period it covers (the «Data» page), and which
daily sources lag behind the reference day (the warning on «I dag»)."""
from __future__ import annotations

import datetime as dt

import pandas as pd

from campaign import fmt, queries
from campaign.ingest import registry

# The daily tables «I dag» reads, with the names its warning uses.
DAILY = {"social": "Sosiale medier", "ads": "Annonser", "web": "Nettside", "field_calls": "Ringing",
         "field_doors": "Dørbanking"}
STALE_AFTER_DAYS = 2  # a daily source whose last day is more than this before the reference day is stale


def _day(value) -> dt.date | None:
    return None if value is None or pd.isna(value) else pd.Timestamp(value).date()


def _latest(frame: pd.DataFrame, column: str = "date") -> dt.date | None:
    return _day(frame[column].max()) if not frame.empty else None


def last_days(day: dt.date) -> dict[str, dt.date]:
    """The last day each daily table holds (tables without rows are left out)."""
    digital = queries.digital_sources(("ads", "social", "web"))
    last = {table: _latest(digital[digital["source_table"] == table], "last_date") for table in ("social", "ads", "web")}
    years = queries.field_calls_by_year()
    years = sorted(int(y) for y in years["year"].dropna() if int(y) <= day.year) if not years.empty else []
    last["field_calls"] = _latest(queries.field_calls_daily(years[-1])) if years else None
    last["field_doors"] = _latest(queries.field_doors())
    return {table: value for table, value in last.items() if value is not None}


def stale(day: dt.date) -> list[tuple[str, dt.date]]:
    """(name, last day) of each daily source whose last day is more than two days before `day`."""
    limit = day - dt.timedelta(days=STALE_AFTER_DAYS)
    return [(DAILY[table], last) for table, last in last_days(day).items() if last < limit]


def stale_warning(day: dt.date) -> str | None:
    """The «I dag» warning naming each lagging source and its last day, or None."""
    lagging = stale(day)
    if not lagging:
        return None
    listed = "; ".join(f"{name}: siste dag {fmt.date(last)}" for name, last in lagging)
    return (f"Noen daglige kilder er mer enn {STALE_AFTER_DAYS} dager gamle ({listed}). Tallene for i går og "
            "siste uke mangler for dem – importer nye filer på siden «Importer data».")


def daily_sentence(day: dt.date) -> str | None:
    """«Nyeste dag i lageret: Sosiale medier 11. sep. 2023 (3 dager siden), …» for the daily tables, or None."""
    last = last_days(day)
    if not last:
        return None
    parts = [f"{DAILY[table]} {fmt.date(value)} ({_ago((day - value).days)})" for table, value in last.items()]
    return "Nyeste dag i lageret: " + ", ".join(parts) + "."


def _ago(days: int) -> str:
    return {0: "i dag", 1: "i går"}.get(days, f"{fmt.number(days)} dager siden" if days > 0 else "fram i tid")


def when(moment, now: dt.datetime) -> str:
    """A timestamp relative to now: «i dag kl. 08.12», «i går kl. 08.12», else «11. sep. 2023 kl. 08.12»."""
    if moment is None or pd.isna(moment):
        return "–"
    moment = pd.Timestamp(moment).to_pydatetime()
    days = (now.date() - moment.date()).days
    named = {0: "i dag", 1: "i går"}.get(days)
    return f"{named} kl. {moment:%H.%M}" if named else fmt.datetime(moment)


def _covers(imports: pd.DataFrame) -> str:
    first, last = _day(imports["first_date"].min()), _day(imports["last_date"].max())
    if first and last:
        return f"dekker {fmt.period(first, last)}"
    elections = sorted({e for text in imports["election_id"].dropna() for e in str(text).split(",") if e})
    return f"gjelder {', '.join(elections)}" if elections else "uten datoer"


def source_rows(now: dt.datetime) -> pd.DataFrame:
    """One row per source (and the demo data) with imports: Kilde, Sist importert, Dekker, Importer, and the sentence."""
    log = queries.import_log()
    kinds = [(s.kind, s.label) for s in registry.SOURCES] + [(k, v[0]) for k, v in registry.OTHER_KINDS.items()]
    rows = []
    for kind, label in kinds:
        imports = log[log["kind"] == kind] if not log.empty else log
        if imports.empty:
            continue
        live = imports[imports["live_rows"] > 0]
        latest = when(imports["imported_at"].max(), now)
        covers = _covers(live) if not live.empty else "ingen rader igjen i lageret (angret eller erstattet)"
        rows.append({"Kilde": label, "Sist importert": latest, "Dekker": covers.removeprefix("dekker "),
                     "Importer": fmt.number(len(imports)),
                     "sentence": f"{label}: sist importert {latest}, {covers}."})
    return pd.DataFrame(rows, columns=["Kilde", "Sist importert", "Dekker", "Importer", "sentence"])


def missing_sources(now_rows: pd.DataFrame) -> list[str]:
    """Labels of the sources never imported."""
    return [s.label for s in registry.SOURCES if s.label not in set(now_rows["Kilde"])]
