"""Valgdirektoratet's «partifordeling» CSV export (valgresultat.no) at fylke, kommune or krets level.

The format (see shared/formats/election-formats.md §2): `;` separator, decimal comma, UTF-8 with
or without BOM, CRLF or LF, codes with leading zeros, a trailing `;` on every line (an unnamed
last column), krets rows shorter than the header, and columns that differ between years
(2025 lacks `Endring % siste ekvivalente valg`). Columns are therefore matched by name, and
every value is read as text and converted here, so that a bad value can be reported with its
line number (the header is line 1).

One file holds one level: fylke rows have empty kommune and krets numbers, kommune rows an
empty krets number, krets rows everything. A kommune or krets file covers the whole country
and is filtered to the configured kommune; a fylke file is kept whole.
"""
from __future__ import annotations

import csv
import io
import re
import warnings

import pandas as pd

from campaign import fmt
from campaign.areas import belongs_to_no_bydel, krets_to_bydel
from campaign.config import Config
from campaign.ingest.base import ELECTION_ID, Check, ParsedBatch, election_id_from_name, rejected

KIND = "valg_csv"

FYLKE, KOMMUNE, KRETS = "fylke", "kommune", "krets"
LEVELS = (FYLKE, KOMMUNE, KRETS)  # coarse to fine

# Column names exactly as Valgdirektoratet spells them.
FYLKENR, FYLKENAVN = "Fylkenummer", "Fylkenavn"
KOMMUNENR, KOMMUNENAVN = "Kommunenummer", "Kommunenavn"
KRETSNR, KRETSNAVN = "Stemmekretsnummer", "Stemmekretsnavn"
PARTIKODE, PARTINAVN = "Partikode", "Partinavn"
ADVANCE, DAY, TOTAL = "Antall forhåndsstemmer", "Antall valgtingstemmer", "Antall stemmer totalt"
SHARE, ELIGIBLE = "Oppslutning prosentvis", "Antall stemmeberettigede"

REQUIRED = (FYLKENR, KOMMUNENR, KRETSNR, KRETSNAVN, PARTIKODE, PARTINAVN,
            ADVANCE, DAY, TOTAL, SHARE, ELIGIBLE)
# Known but neither required nor stored (2025 files lack the "ekvivalente" column; at krets level the
# Endring and mandater columns are empty). Listed so a reader sees the whole header.
OPTIONAL = (FYLKENAVN, KOMMUNENAVN, "Endring % siste tilsvarende valg", "Endring % siste ekvivalente valg",
            "Antall mandater", "Antall utjevningsmandater")
COUNTS = (ADVANCE, DAY, TOTAL)
CODE_WIDTH = {FYLKENR: 2, KOMMUNENR: 4, KRETSNR: 4}

BLANKE = "BLANKE"
SHARE_TOLERANCE_PP = 0.001
HEADER_LINES = 1  # data row i (0-based) is line i + 1 + HEADER_LINES of the file

# `YYYY-MM-DD_partifordeling_{N}_{valgtype}_{år}.csv`: N = 1 fylke, 2 kommune, 4 stemmekrets.
LEVEL_IN_NAME = re.compile(r"partifordeling_(\d)_", re.IGNORECASE)
LEVEL_NUMBERS = {"1": FYLKE, "2": KOMMUNE, "4": KRETS}

INTEGER = re.compile(r"-?\d+")
DECIMAL = re.compile(r"-?\d+(?:,\d+)?")

NO_TURNOUT = ("Valgdeltakelse importeres ikke fra denne filen: partifordelings-CSV-en teller stemmesedler, "
              "ikke godkjente stemmegivinger, og på kretsnivå ligger alle forhåndsstemmer i krets 0000. "
              "Hent frammøte per bydel/krets fra valgresultat.no (JSON).")

RESULT_COLUMNS = ["election_id", "area_level", "fylke_id", "kommune_id", "bydel_id", "krets_id", "krets_name",
                  "party_code", "party_name", "advance_votes", "election_day_votes", "votes"]


def parse_valg_csv(data: bytes, source_name: str, config: Config, election_id: str | None = None) -> ParsedBatch:
    """Parse a partifordeling CSV into store-shaped `results` rows; raise ImportRejected if broken."""
    warnings_out: list[str] = []
    frame = _read(data, source_name, warnings_out)
    _require_columns(frame, source_name)
    election = _election_id(source_name, election_id, warnings_out)
    frame = _normalise_codes(frame, warnings_out)

    level = _row_levels(frame, source_name)
    file_level = max(level.unique(), key=LEVELS.index)
    _note_name_level(source_name, file_level, warnings_out)

    ours = level.eq(file_level)
    kommune_totals = pd.Series(False, index=frame.index)
    if file_level != FYLKE:
        in_kommune = frame[KOMMUNENR].eq(config.kommune_id)
        ours &= in_kommune
        if not ours.any():
            raise _no_rows_for_kommune(frame[level.eq(file_level)], source_name, config)
        if file_level == KRETS:  # normally absent; when present, checked against the kretser
            kommune_totals = level.eq(KOMMUNE) & in_kommune
        coarser = level.ne(file_level) & ~kommune_totals
        if coarser.any():
            levels = "/".join(sorted(set(level[coarser]), key=LEVELS.index))
            warnings_out.append(f"{_rows(int(coarser.sum()))} på {levels}-nivå er ikke importert "
                                f"(filen er på {file_level}nivå).")
    elif not frame[FYLKENR].eq(config.fylke_id).any():
        warnings_out.append(f"Filen har ingen rader for fylke {config.fylke_id}.")

    rows = frame[ours]
    values = _validated_values(rows, source_name, file_level)
    totals = frame[kommune_totals]
    total_values = _validated_values(totals, source_name, KOMMUNE) if len(totals) else None

    results = _results(rows, values, election, file_level, config)
    checks = [_share_check(rows, values, file_level)]
    if file_level == KRETS:
        checks += _krets_checks(results, config)
        if total_values is not None:
            checks.append(_kommune_sum_check(results, totals, total_values, config))
    warnings_out.append(NO_TURNOUT)
    return ParsedBatch(kind=KIND, source_name=source_name, election_id=election, tables={"results": results},
                       areas=_areas_summary(rows, results, file_level, config), checks=checks,
                       warnings=warnings_out)


# ---------------------------------------------------------------------------------------------
# Reading


def _election_id(source_name: str, given: str | None, warnings_out: list[str]) -> str:
    from_name = election_id_from_name(source_name)
    if given is None or not given.strip():
        if from_name is None:
            raise rejected(source_name, "Kan ikke se hvilket valg filen gjelder: filnavnet sier det ikke. "
                                        "Oppgi valget, f.eks. ko2023.")
        return from_name
    chosen = given.strip().lower()
    if not ELECTION_ID.fullmatch(chosen):
        raise rejected(source_name, f"«{given}» er ikke et gyldig valg. Oppgi valget som type og år, f.eks. ko2023.")
    if from_name is not None and from_name != chosen:
        warnings_out.append(f"Filnavnet tyder på {from_name}, men filen er importert som {chosen}, slik det ble oppgitt.")
    return chosen


def _read(data: bytes, source_name: str, warnings_out: list[str]) -> pd.DataFrame:
    """Every value as text ("" when empty or missing); the index is the 0-based data row."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise rejected(source_name, "Filen er ikke UTF-8-tekst. Last ned CSV-en på nytt fra valgresultat.no.") from None
        warnings_out.append("Filen var ikke UTF-8 og er lest som Windows-1252 (lagret fra Excel?). Sjekk æ, ø og å.")
    if not text.strip():
        raise rejected(source_name, "Filen er tom.")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            frame = pd.read_csv(io.StringIO(text), sep=";", dtype=str, na_filter=False, keep_default_na=False,
                                skip_blank_lines=False, index_col=False)
        except pd.errors.ParserError as exc:
            # pandas says "in line N" (1-based) for a wrong field count, "at row N" (0-based) for a quote
            match = re.search(r"\b(line|row) (\d+)", str(exc))
            row = int(match.group(2)) + (match.group(1) == "row") if match else None
            raise rejected(source_name, "Raden kan ikke leses som CSV med «;» som skilletegn (feil antall felt, "
                                        "eller et anførselstegn som ikke lukkes).", row=row) from None
    if any(issubclass(w.category, pd.errors.ParserWarning) for w in caught):
        _reject_rows_longer_than_header(text, source_name)
    frame.columns = [str(c).strip() for c in frame.columns]
    frame = frame.fillna("")
    frame = frame[frame.ne("").any(axis=1)]  # blank lines and lines of only ";"
    if frame.empty:
        raise rejected(source_name, "Filen har ingen datarader (bare overskriften).")
    return frame


def _reject_rows_longer_than_header(text: str, source_name: str) -> None:
    """pandas drops fields beyond the header; reject a row whose extra fields hold anything."""
    reader = csv.reader(io.StringIO(text), delimiter=";")
    width = len(next(reader))
    for fields in reader:
        if len(fields) > width and any(f.strip() for f in fields[width:]):
            raise rejected(source_name, f"Raden har {len(fields)} felt, men overskriften bare {width}.",
                           row=reader.line_num)


def _require_columns(frame: pd.DataFrame, source_name: str) -> None:
    missing = [c for c in REQUIRED if c not in frame.columns]
    if len(missing) == 1:
        raise rejected(source_name, "Kolonnen mangler. Er dette en partifordelings-CSV fra valgresultat.no?",
                       column=missing[0])
    if missing:
        names = ", ".join(f"«{c}»" for c in missing)
        hint = " (er filen lagret med «;» som skilletegn?)" if len(missing) == len(REQUIRED) else ""
        raise rejected(source_name, f"Kolonnene {names} mangler{hint}. Er dette en partifordelings-CSV fra valgresultat.no?")


def _normalise_codes(frame: pd.DataFrame, warnings_out: list[str]) -> pd.DataFrame:
    """Strip the codes and restore leading zeros that a spreadsheet may have removed (301 → 0301)."""
    frame = frame.copy()
    restored = 0
    for column in (FYLKENR, KOMMUNENR, KRETSNR, PARTIKODE):
        frame[column] = frame[column].str.strip()
    for column, width in CODE_WIDTH.items():
        codes = frame[column]
        short = codes.ne("") & codes.str.fullmatch(r"\d+") & codes.str.len().lt(width)
        if short.any():
            restored += int(short.sum())
            frame.loc[short, column] = codes[short].str.zfill(width)
    if restored:
        warnings_out.append(f"{restored} koder manglet ledende nuller (filen er trolig lagret fra et regneark); "
                            "de er lagt til igjen.")
    return frame


def _row_levels(frame: pd.DataFrame, source_name: str) -> pd.Series:
    """fylke / kommune / krets per row, from which codes are filled in."""
    for column in (FYLKENR, PARTIKODE):
        empty = frame[column].eq("")
        if empty.any():
            raise rejected(source_name, "Verdien mangler.", row=_line(empty.idxmax()), column=column)
    krets_without_kommune = frame[KRETSNR].ne("") & frame[KOMMUNENR].eq("")
    if krets_without_kommune.any():
        raise rejected(source_name, "Raden har stemmekretsnummer, men mangler kommunenummer.",
                       row=_line(krets_without_kommune.idxmax()), column=KOMMUNENR)
    level = pd.Series(FYLKE, index=frame.index, dtype=object)
    level[frame[KOMMUNENR].ne("")] = KOMMUNE
    level[frame[KRETSNR].ne("")] = KRETS
    return level


def _note_name_level(source_name: str, file_level: str, warnings_out: list[str]) -> None:
    match = LEVEL_IN_NAME.search(source_name)
    named = LEVEL_NUMBERS.get(match.group(1)) if match else None
    if named and named != file_level:
        warnings_out.append(f"Filnavnet tyder på {named}nivå, men radene er på {file_level}nivå; "
                            f"filen er importert på {file_level}nivå.")


def _no_rows_for_kommune(rows: pd.DataFrame, source_name: str, config: Config):
    found = rows.drop_duplicates(KOMMUNENR)
    names = rows[KOMMUNENAVN] if KOMMUNENAVN in rows.columns else pd.Series("", index=rows.index)
    shown = [f"{code} {names[i]}".strip() for i, code in zip(found.index[:5], found[KOMMUNENR][:5])]
    more = f" og {len(found) - 5} til" if len(found) > 5 else ""
    return rejected(source_name, f"Filen inneholder ingen rader for kommune {config.kommune_id} "
                                 f"({config.kommune_name}). Kommuner i filen: {', '.join(shown)}{more}. "
                                 "Kommunen settes i campaign.toml.")


def _line(index) -> int:
    """The file line of a data row (header = line 1)."""
    return int(index) + 1 + HEADER_LINES


# ---------------------------------------------------------------------------------------------
# Values


def _validated_values(rows: pd.DataFrame, source_name: str, level: str) -> pd.DataFrame:
    """Vote counts as int64 and the file's share as float (NaN when empty); reject bad values."""
    problems: list[tuple[int, int, str, str]] = []  # (line, column order, column, problem)
    counts: dict[str, pd.Series] = {}
    for order, column in enumerate(COUNTS):
        text = rows[column].str.strip()
        integer = text.str.fullmatch(INTEGER.pattern)
        for index in rows.index[~integer]:
            value = text[index]
            problem = "Verdien mangler." if value == "" else f"«{value}» er ikke et helt antall stemmer."
            problems.append((_line(index), order, column, problem))
        number = pd.to_numeric(text.where(integer, "0")).astype("int64")
        for index in rows.index[integer & number.lt(0)]:
            problems.append((_line(index), order, column, f"Negativt antall stemmer ({text[index]})."))
        counts[column] = number
    share_text = rows[SHARE].str.strip()
    share_ok = share_text.eq("") | share_text.str.fullmatch(DECIMAL.pattern)
    for index in rows.index[~share_ok]:
        problems.append((_line(index), len(COUNTS), SHARE,
                         f"«{share_text[index]}» er ikke et tall med desimalkomma."))
    if problems:
        raise _first_problem(problems, source_name)

    mismatch = counts[TOTAL].ne(counts[ADVANCE] + counts[DAY])
    for index in rows.index[mismatch]:
        problems.append((_line(index), 0, TOTAL,
                         f"Totalt {counts[TOTAL][index]} er ikke forhåndsstemmer {counts[ADVANCE][index]} "
                         f"+ valgtingstemmer {counts[DAY][index]} = {counts[ADVANCE][index] + counts[DAY][index]}."))
    if problems:
        raise _first_problem(problems, source_name)

    keys = _area_keys(level)
    duplicated = rows.duplicated([*keys, PARTIKODE], keep=False)
    if duplicated.any():
        lines = [_line(i) for i in rows.index[duplicated]]
        first = rows.loc[rows.index[duplicated][0]]
        raise rejected(source_name, f"Partiet {first[PARTIKODE]} står flere ganger for samme område "
                                    f"(linje {', '.join(map(str, lines[:6]))}).", row=lines[0], column=PARTIKODE)

    share = pd.to_numeric(share_text.str.replace(",", ".", regex=False), errors="coerce")  # "" → NaN
    return pd.DataFrame({ADVANCE: counts[ADVANCE], DAY: counts[DAY], TOTAL: counts[TOTAL],
                         SHARE: share.astype("float64")}, index=rows.index)


def _first_problem(problems: list[tuple[int, int, str, str]], source_name: str):
    problems.sort()
    line, _, column, problem = problems[0]
    others = len(problems) - 1
    if others:
        problem += f" ({others} {'annen feil' if others == 1 else 'andre feil'} i filen.)"
    return rejected(source_name, problem, row=line, column=column)


def _area_keys(level: str) -> list[str]:
    return {FYLKE: [FYLKENR], KOMMUNE: [KOMMUNENR], KRETS: [KOMMUNENR, KRETSNR]}[level]


def _results(rows: pd.DataFrame, values: pd.DataFrame, election_id: str, level: str, config: Config) -> pd.DataFrame:
    """Store-shaped `results` rows: text columns as `str` (missing = NA), counts as int64."""
    def text(column: str, used: bool = True) -> list[str | None]:
        return [v.strip() or None for v in rows[column]] if used else [None] * len(rows)

    krets = text(KRETSNR, level == KRETS)
    bydel_of = {k: krets_to_bydel(k, config.kommune_id, config) for k in set(krets) if k is not None}
    columns = {
        "election_id": [election_id] * len(rows),
        "area_level": [level] * len(rows),
        "fylke_id": text(FYLKENR),
        "kommune_id": text(KOMMUNENR, level != FYLKE),
        "bydel_id": [bydel_of.get(k) for k in krets],
        "krets_id": krets,
        "krets_name": text(KRETSNAVN, level == KRETS),
        "party_code": text(PARTIKODE),
        "party_name": text(PARTINAVN),
    }
    result = pd.DataFrame({name: pd.Series(v, dtype="str") for name, v in columns.items()})
    result["advance_votes"] = values[ADVANCE].to_numpy()
    result["election_day_votes"] = values[DAY].to_numpy()
    result["votes"] = values[TOTAL].to_numpy()
    return result[RESULT_COLUMNS]


# ---------------------------------------------------------------------------------------------
# Checks and summary


def _area_label(row: pd.Series, level: str) -> str:
    if level == FYLKE:
        return f"fylke {row[FYLKENR]} {row.get(FYLKENAVN, '')}".strip()
    if level == KOMMUNE:
        return f"kommune {row[KOMMUNENR]} {row.get(KOMMUNENAVN, '')}".strip()
    return f"krets {row[KRETSNR]} {row[KRETSNAVN]}".strip()


def _share_check(rows: pd.DataFrame, values: pd.DataFrame, level: str) -> Check:
    """The file's `Oppslutning prosentvis` against 100 × votes / the area's votes without blanks."""
    name = "Oppslutning prosentvis"
    keys = [rows[k] for k in _area_keys(level)]
    counted = values[TOTAL].where(rows[PARTIKODE].ne(BLANKE), 0)
    base = counted.groupby(keys).transform("sum")
    expected = (100 * values[TOTAL] / base.where(base > 0)).astype("float64")
    given = values[SHARE]
    compared = given.notna() & expected.notna()
    deviation = (given - expected).abs().where(compared)
    # An area without votes has no share: the file leaves it empty (or 0).
    no_base = base.eq(0) & given.notna() & given.ne(0)
    deviation = deviation.mask(no_base, given.abs())
    differs = deviation.gt(SHARE_TOLERANCE_PP)
    unmatched = int((given.isna() & expected.notna()).sum())
    rule = f"100 × stemmer / sum stemmer uten blanke i området (toleranse {fmt.number(SHARE_TOLERANCE_PP, 3)} pp)"
    note = f" {unmatched} rader har ingen andel i filen og er ikke sammenlignet." if unmatched else ""
    largest = float(deviation.max()) if deviation.notna().any() else 0.0
    if not differs.any():
        return Check(name, True, f"Andelene i filen stemmer med {rule} i alle {fmt.number(int(compared.sum()))} "
                                 f"sammenlignede rader; største avvik {fmt.number(largest, 5)} pp.{note}")
    worst = deviation.idxmax()
    row = rows.loc[worst]
    computed = "ingen stemmer" if pd.isna(expected[worst]) else fmt.percent(expected[worst], 5)
    return Check(name, False,
                 f"{fmt.number(int(differs.sum()))} av {fmt.number(len(rows))} rader avviker fra {rule}. "
                 f"Største avvik {fmt.number(largest, 5)} pp: {_area_label(row, level)}, parti {row[PARTIKODE]} "
                 f"(filen {fmt.percent(given[worst], 5)}, beregnet {computed}).{note}")


def _krets_checks(results: pd.DataFrame, config: Config) -> list[Check]:
    kretser = results.drop_duplicates("krets_id")[["krets_id", "krets_name", "bydel_id"]]
    if not config.bydeler:
        message = (f"campaign.toml har ingen bydeler for {config.kommune_name}; kretsene knyttes ikke til bydel "
                   f"({len(kretser)} kretser).")
        return [Check("Ukjente kretser", True, message), Check("Kretser per bydel", True, message)]

    unknown = kretser[kretser["bydel_id"].isna() & ~kretser["krets_id"].map(belongs_to_no_bydel)]
    if unknown.empty:
        unknown_check = Check("Ukjente kretser", True,
                              f"Alle {len(kretser)} kretser i {config.kommune_name} hører til en bydel eller er "
                              "forhåndsstemmer/uoppgitt krets (0000, 40xx, 9998, 9999).")
    else:
        listed = ", ".join(f"{k} {n}".strip() for k, n in zip(unknown["krets_id"], unknown["krets_name"].fillna("")))
        unknown_check = Check("Ukjente kretser", False,
                              f"{len(unknown)} kretser i {config.kommune_name} hører ikke til noen bydel: {listed}. "
                              "Stemmene deres er med i kommunens tall, men ikke i noen bydel. Legg dem til under "
                              "[krets_to_bydel_exceptions] i campaign.toml.")

    per_bydel = kretser.dropna(subset=["bydel_id"]).groupby("bydel_id")["krets_id"].nunique()
    parts = [f"{config.bydeler.get(b, b)} {int(per_bydel.get(b, 0))}" for b in config.bydeler]
    parts += [f"{b} {int(n)}" for b, n in per_bydel.items() if b not in config.bydeler]
    without = kretser[kretser["bydel_id"].isna() & kretser["krets_id"].map(belongs_to_no_bydel)]
    if len(without):
        parts.append(f"uten bydel {len(without)} ({', '.join(without['krets_id'])})")
    empty = [config.bydeler[b] for b in config.bydeler if per_bydel.get(b, 0) == 0]
    message = f"{', '.join(parts)}."
    if empty:
        message += f" Ingen kretser i {', '.join(empty)}."
    return [unknown_check, Check("Kretser per bydel", not empty, message)]


def _kommune_sum_check(results: pd.DataFrame, totals: pd.DataFrame, total_values: pd.DataFrame,
                       config: Config) -> Check:
    """When the file also has the kommune's own rows: the kretser must add up to them."""
    summed = results.groupby("party_code")[["advance_votes", "election_day_votes", "votes"]].sum()
    given = pd.DataFrame({"advance_votes": total_values[ADVANCE].to_numpy(),
                          "election_day_votes": total_values[DAY].to_numpy(),
                          "votes": total_values[TOTAL].to_numpy()}, index=totals[PARTIKODE].to_numpy())
    joined = given.join(summed, how="outer", lsuffix="_kommune", rsuffix="_kretser").fillna(0)
    differs = [p for p in joined.index if joined.loc[p, "votes_kommune"] != joined.loc[p, "votes_kretser"]
               or joined.loc[p, "advance_votes_kommune"] != joined.loc[p, "advance_votes_kretser"]]
    name = "Kretser mot kommunetall"
    if not differs:
        return Check(name, True, f"Summen av kretsene er lik kommunens egne tall for alle {len(joined)} partier.")
    shown = ", ".join(f"{p} {fmt.number(joined.loc[p, 'votes_kretser'])} mot {fmt.number(joined.loc[p, 'votes_kommune'])}"
                      for p in differs[:5])
    return Check(name, False, f"Summen av kretsene avviker fra kommunens egne tall for {len(differs)} partier "
                              f"i {config.kommune_name}: {shown}.")


def _areas_summary(rows: pd.DataFrame, results: pd.DataFrame, level: str, config: Config) -> str:
    if level == FYLKE:
        count = results["fylke_id"].nunique()
        return f"{count} {'fylke' if count == 1 else 'fylker'}"
    name = config.kommune_name
    if KOMMUNENAVN in rows.columns and rows[KOMMUNENAVN].str.strip().ne("").any():
        name = rows[KOMMUNENAVN].str.strip().loc[lambda s: s.ne("")].iloc[0]
    if level == KOMMUNE:
        return f"{name} ({config.kommune_id})"
    kretser = results["krets_id"].nunique()
    bydeler = results["bydel_id"].dropna().nunique()
    summary = f"{name} ({config.kommune_id}): {kretser} {'krets' if kretser == 1 else 'kretser'}"
    return summary + (f", {bydeler} {'bydel' if bydeler == 1 else 'bydeler'}" if config.bydeler else "")


def _rows(count: int) -> str:
    return f"{fmt.number(count)} {'rad' if count == 1 else 'rader'}"
