"""Valgdirektoratet's «partifordeling» CSV export (valgresultat.no) at fylke, kommune or krets level.

The format (see shared/formats/election-formats.md §2): `;` separator, decimal comma, UTF-8 with
or without BOM, CRLF or LF, codes with leading zeros, a trailing `;` on every line (an unnamed
last column), krets rows shorter than the header, and columns that differ between years
(2025 lacks `Endring % siste ekvivalente valg`). Columns are therefore matched by name, and
every value is read as text (valg_csv_read) and converted in valg_csv_checks, so that a bad
value can be reported with its line number (the header is line 1).

One file holds one level: fylke rows have empty kommune and krets numbers, kommune rows an
empty krets number, krets rows everything. A kommune or krets file covers the whole country
and is filtered to the kommuner of the configured fylke (for a kommune branch too); a fylke
file is kept whole. Fylke and kommune rows that give «Antall mandater» also become `mandates`
rows (a constituency's or a council's seats per party).
"""
from __future__ import annotations

import pandas as pd

from campaign import fmt
from campaign.areas import krets_to_bydel
from campaign.config import Config
from campaign.ingest.base import Check, ParsedBatch
from campaign.ingest.source import Option, Sniff, Source
from campaign.ingest.valg_csv_checks import (
    kommune_sum_check,
    krets_checks,
    mandates_frame,
    share_check,
    validated_values,
)
from campaign.ingest.valg_csv_read import (
    ADVANCE,
    DAY,
    FYLKE,
    FYLKENR,
    KOMMUNE,
    KOMMUNENAVN,
    KOMMUNENR,
    KRETS,
    KRETSNAVN,
    KRETSNR,
    LEVELS,
    PARTIKODE,
    PARTINAVN,
    REQUIRED,
    TOTAL,
    election_id_of,
    no_rows_for_fylke,
    no_rows_for_kommune,
    normalise_codes,
    note_name_level,
    read,
    require_columns,
    row_levels,
)

KIND = "valg_csv"

NO_TURNOUT = ("Valgdeltakelse importeres ikke fra denne filen: partifordelings-CSV-en teller stemmesedler, "
              "ikke godkjente stemmegivinger, og på kretsnivå ligger alle forhåndsstemmer i krets 0000. "
              "Hent frammøte per bydel/krets fra valgresultat.no (JSON).")

RESULT_COLUMNS = ["election_id", "area_level", "fylke_id", "kommune_id", "bydel_id", "krets_id", "krets_name",
                  "party_code", "party_name", "advance_votes", "election_day_votes", "votes", "kommune_name"]


def parse_valg_csv(data: bytes, source_name: str, config: Config, election_id: str | None = None) -> ParsedBatch:
    """Parse a partifordeling CSV into store-shaped `results` (and `mandates`) rows; raise ImportRejected if broken."""
    warnings_out: list[str] = []
    frame = read(data, source_name, warnings_out)
    require_columns(frame, source_name)
    election = election_id_of(source_name, election_id, warnings_out)
    frame = normalise_codes(frame, warnings_out)

    level = row_levels(frame, source_name)
    file_level = max(level.unique(), key=LEVELS.index)
    note_name_level(source_name, file_level, warnings_out)
    ours, kommune_totals = _rows_to_import(frame, level, file_level, source_name, config, warnings_out)

    # every row at the file's level is checked, also other kommuners': a file broken anywhere is broken
    at_level = frame[level.eq(file_level)]
    values = validated_values(at_level, source_name, file_level).loc[ours[ours].index]
    rows = frame[ours]
    totals = frame[kommune_totals]
    total_values = validated_values(totals, source_name, KOMMUNE) if len(totals) else None

    results = _results(rows, values, election, file_level, config)
    tables = {"results": results}
    if file_level != KRETS:
        mandates = mandates_frame(rows, election, file_level, source_name)
        if len(mandates):
            tables["mandates"] = mandates
    checks = _checks(rows, values, results, totals, total_values, file_level, config)
    warnings_out.append(NO_TURNOUT)
    return ParsedBatch(kind=KIND, source_name=source_name, election_id=election, tables=tables,
                       areas=_areas_summary(results, file_level, config), checks=checks,
                       warnings=warnings_out,
                       area=None if file_level == FYLKE else config.fylke_id)  # a fylke file is kept whole


def _rows_to_import(frame: pd.DataFrame, level: pd.Series, file_level: str, source_name: str, config: Config,
                    warnings_out: list[str]) -> tuple[pd.Series, pd.Series]:
    """The rows at the file's level in the configured fylke, and a krets file's own kommune rows there.

    Every kommune of the fylke is kept, for a kommune branch too, so that switching between a
    county branch and one of its kommuner needs no new import. Membership is the kommune code's
    first two digits: a Storting file's Fylkenummer is the valgdistrikt (16 for 5001 in 2021).
    """
    ours = level.eq(file_level)
    kommune_totals = pd.Series(False, index=frame.index)
    if file_level == FYLKE:
        if not frame[FYLKENR].eq(config.fylke_id).any():
            warnings_out.append(f"Filen har ingen rader med fylkesnummer {config.fylke_id}; hele filen er importert "
                                "(fylkesnumrene i en fylkesfil er valgets egne fylker/valgdistrikter, f.eks. "
                                "16 Sør-Trøndelag i 2021).")
        return ours, kommune_totals
    in_fylke = frame[KOMMUNENR].str[:2].eq(config.fylke_id)
    if config.kommune_id and not (ours & frame[KOMMUNENR].eq(config.kommune_id)).any():
        raise no_rows_for_kommune(frame[level.eq(file_level)], source_name, config)
    ours &= in_fylke
    if not ours.any():
        raise no_rows_for_fylke(frame[level.eq(file_level)], source_name, config)
    if file_level == KRETS:  # normally absent; when present, checked against the kretser
        kommune_totals = level.eq(KOMMUNE) & in_fylke
    coarser = level.ne(file_level) & ~kommune_totals
    if coarser.any():
        levels = "/".join(sorted(set(level[coarser]), key=LEVELS.index))
        warnings_out.append(f"{_rows(int(coarser.sum()))} på {levels}-nivå er ikke importert "
                            f"(filen er på {file_level}nivå).")
    return ours, kommune_totals


def _results(rows: pd.DataFrame, values: pd.DataFrame, election_id: str, level: str, config: Config) -> pd.DataFrame:
    """Store-shaped `results` rows: text columns as `str` (missing = NA), counts as int64."""
    def text(column: str, used: bool = True) -> list[str | None]:
        return [v.strip() or None for v in rows[column]] if used and column in rows.columns else [None] * len(rows)

    krets = text(KRETSNR, level == KRETS)
    kommune = text(KOMMUNENR, level != FYLKE)
    bydel_of = {(m, k): krets_to_bydel(k, m, config) for m, k in set(zip(kommune, krets)) if k is not None}
    columns = {
        "election_id": [election_id] * len(rows),
        "area_level": [level] * len(rows),
        "fylke_id": text(FYLKENR),
        "kommune_id": kommune,
        "bydel_id": [bydel_of.get((m, k)) for m, k in zip(kommune, krets)],
        "krets_id": krets,
        "krets_name": text(KRETSNAVN, level == KRETS),
        "party_code": text(PARTIKODE),
        "party_name": text(PARTINAVN),
        "kommune_name": text(KOMMUNENAVN, level != FYLKE),
    }
    result = pd.DataFrame({name: pd.Series(v, dtype="str") for name, v in columns.items()})
    result["advance_votes"] = values[ADVANCE].to_numpy()
    result["election_day_votes"] = values[DAY].to_numpy()
    result["votes"] = values[TOTAL].to_numpy()
    return result[RESULT_COLUMNS]


def _checks(rows: pd.DataFrame, values: pd.DataFrame, results: pd.DataFrame, totals: pd.DataFrame,
            total_values: pd.DataFrame | None, file_level: str, config: Config) -> list[Check]:
    """The report's checks: shares always; for a krets file, kretser and (when present) kommune sums."""
    checks = [share_check(rows, values, file_level)]
    if file_level == KRETS:
        checks += krets_checks(results, config)
        if total_values is not None:
            checks.append(kommune_sum_check(results, totals, total_values, config))
    return checks


def _areas_summary(results: pd.DataFrame, level: str, config: Config) -> str:
    """«Oslo (0301): 104 kretser, 15 bydeler», or for several kommuner the fylke first:
    «Trøndelag (50): 38 kommuner, 189 kretser; Trondheim (5001): 43 kretser»."""
    if level == FYLKE:
        count = results["fylke_id"].nunique()
        return f"{count} {'fylke' if count == 1 else 'fylker'}"
    kommuner = results["kommune_id"].unique()
    parts = []
    if config.is_county or len(kommuner) > 1 or kommuner[0] != config.kommune_id:
        fylke = f"{config.fylke_name or 'fylke'} ({config.fylke_id}): {_count(len(kommuner), 'kommune', 'kommuner')}"
        if level == KRETS:
            fylke += f", {_count(len(results.drop_duplicates(['kommune_id', 'krets_id'])), 'krets', 'kretser')}"
        parts.append(fylke)
    own = results[results["kommune_id"].eq(config.kommune_id)]
    if len(own):
        name = own["kommune_name"].dropna().iloc[0] if own["kommune_name"].notna().any() else config.kommune_name
        summary = f"{name} ({config.kommune_id})"
        if level == KRETS:
            summary += f": {_count(own['krets_id'].nunique(), 'krets', 'kretser')}"
            if config.bydeler:
                summary += f", {_count(own['bydel_id'].dropna().nunique(), 'bydel', 'bydeler')}"
        parts.append(summary)
    return "; ".join(parts)


def _count(count: int, one: str, many: str) -> str:
    return f"{fmt.number(count)} {one if count == 1 else many}"


def _rows(count: int) -> str:
    return f"{fmt.number(count)} {'rad' if count == 1 else 'rader'}"


# ✱ Source declaration ----------------------------------------------------------------------------

def _recognise(sniff: Sniff) -> bool:
    """A `;`-separated header naming most of the required columns, in any order."""
    first_line = sniff.head.split(b"\n", 1)[0]
    names = {name.strip().strip('"') for name in first_line.decode("utf-8", errors="replace").split(";")}
    return len(names & set(REQUIRED)) >= len(REQUIRED) // 2


def _parse(data: bytes, source_name: str, config: Config, election: str | None = None) -> ParsedBatch:
    return parse_valg_csv(data, source_name, config, election)


SOURCE = Source(
    kind="valg_csv",
    label="Valgresultat (CSV)",
    description="valgresultater fra valgresultat.no (CSV-eksport «partifordeling»)",
    credit="Valgdirektoratet / valgresultat.no",
    extensions=("csv",),
    recognise=_recognise,
    parse=_parse,
    tables=("results", "mandates"),
    rules=("hele, ikke-negative antall med sifrene 0–9 og høyst 10 millioner per rad",
           "totalt = forhånd + valgting", "ett parti én gang per område", "én velgermasse per område",
           "ikke flere stemmesedler enn stemmeberettigede i en kommune eller et fylke",
           "koder med riktig antall sifre", "kretsene summerer til kommunens egne tall når filen har dem"),
    options=(Option("election", "Valg (bare når filnavnet ikke sier det)",
                    "valget filene gjelder, f.eks. ko2023, når filnavnet ikke sier det",
                    placeholder="f.eks. ko2023"),),
)
