"""Reading a «partifordeling» CSV: its columns, the bytes → text frame step, codes and row levels.

See valg_csv.py for the format. Every value is kept as text here; valg_csv_checks converts and
checks the numbers.
"""
from __future__ import annotations

import csv
import io
import re
import warnings

import pandas as pd

from campaign.config import Config
from campaign.ingest.base import ELECTION_ID, election_id_from_name, rejected

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
SEATS, LEVELING = "Antall mandater", "Antall utjevningsmandater"  # stored in `mandates` (fylke, kommune rows)
OPTIONAL = (FYLKENAVN, KOMMUNENAVN, "Endring % siste tilsvarende valg", "Endring % siste ekvivalente valg",
            SEATS, LEVELING)
COUNTS = (ADVANCE, DAY, TOTAL)
CODE_WIDTH = {FYLKENR: 2, KOMMUNENR: 4, KRETSNR: 4}

HEADER_LINES = 1  # data row i (0-based) is line i + 1 + HEADER_LINES of the file

# `YYYY-MM-DD_partifordeling_{N}_{valgtype}_{år}.csv`: N = 1 fylke, 2 kommune, 4 stemmekrets.
LEVEL_IN_NAME = re.compile(r"partifordeling_(\d)_", re.IGNORECASE)
LEVEL_NUMBERS = {"1": FYLKE, "2": KOMMUNE, "4": KRETS}


def election_id_of(source_name: str, given: str | None, warnings_out: list[str]) -> str:
    """The election the file is imported as: the one given, else the one its name says."""
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


def read(data: bytes, source_name: str, warnings_out: list[str]) -> pd.DataFrame:
    """Every value as text ("" when empty or missing); the index is the 0-based data row."""
    text = _decode(data, source_name, warnings_out)
    if not text.strip():
        raise rejected(source_name, "Filen er tom.")
    frame = _read_text(text, source_name)
    frame.columns = [str(c).strip() for c in frame.columns]
    frame = frame.fillna("")
    frame = frame[frame.ne("").any(axis=1)]  # blank lines and lines of only ";"
    if frame.empty:
        raise rejected(source_name, "Filen har ingen datarader (bare overskriften).")
    return frame


def _decode(data: bytes, source_name: str, warnings_out: list[str]) -> str:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise rejected(source_name, "Filen er ikke UTF-8-tekst. Last ned CSV-en på nytt fra valgresultat.no.") from None
        warnings_out.append("Filen var ikke UTF-8 og er lest som Windows-1252 (lagret fra Excel?). Sjekk æ, ø og å.")
    return text


def _read_text(text: str, source_name: str) -> pd.DataFrame:
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
    return frame


def _reject_rows_longer_than_header(text: str, source_name: str) -> None:
    """pandas drops fields beyond the header; reject a row whose extra fields hold anything."""
    reader = csv.reader(io.StringIO(text), delimiter=";")
    width = len(next(reader))
    for fields in reader:
        if len(fields) > width and any(f.strip() for f in fields[width:]):
            raise rejected(source_name, f"Raden har {len(fields)} felt, men overskriften bare {width}.",
                           row=reader.line_num)


def require_columns(frame: pd.DataFrame, source_name: str) -> None:
    """Reject a file that lacks one of the REQUIRED columns."""
    missing = [c for c in REQUIRED if c not in frame.columns]
    if len(missing) == 1:
        raise rejected(source_name, "Kolonnen mangler. Er dette en partifordelings-CSV fra valgresultat.no?",
                       column=missing[0])
    if missing:
        names = ", ".join(f"«{c}»" for c in missing)
        hint = " (er filen lagret med «;» som skilletegn?)" if len(missing) == len(REQUIRED) else ""
        raise rejected(source_name, f"Kolonnene {names} mangler{hint}. Er dette en partifordelings-CSV fra valgresultat.no?")


def normalise_codes(frame: pd.DataFrame, warnings_out: list[str]) -> pd.DataFrame:
    """Strip the codes and restore leading zeros that a spreadsheet may have removed (301 → 0301)."""
    frame = frame.copy()
    restored = 0
    for column in (FYLKENR, KOMMUNENR, KRETSNR, PARTIKODE):
        frame[column] = frame[column].str.strip()
    for column, width in CODE_WIDTH.items():
        codes = frame[column]
        short = codes.ne("") & codes.str.fullmatch(r"[0-9]+") & codes.str.len().lt(width)
        if short.any():
            restored += int(short.sum())
            frame.loc[short, column] = codes[short].str.zfill(width)
    if restored:
        warnings_out.append(f"{restored} koder manglet ledende nuller (filen er trolig lagret fra et regneark); "
                            "de er lagt til igjen.")
    return frame


def row_levels(frame: pd.DataFrame, source_name: str) -> pd.Series:
    """fylke / kommune / krets per row, from which codes are filled in."""
    for column in (FYLKENR, PARTIKODE):
        empty = frame[column].eq("")
        if empty.any():
            raise rejected(source_name, "Verdien mangler.", row=file_line(empty.idxmax()), column=column)
    _require_codes(frame, source_name)
    krets_without_kommune = frame[KRETSNR].ne("") & frame[KOMMUNENR].eq("")
    if krets_without_kommune.any():
        raise rejected(source_name, "Raden har stemmekretsnummer, men mangler kommunenummer.",
                       row=file_line(krets_without_kommune.idxmax()), column=KOMMUNENR)
    level = pd.Series(FYLKE, index=frame.index, dtype=object)
    level[frame[KOMMUNENR].ne("")] = KOMMUNE
    level[frame[KRETSNR].ne("")] = KRETS
    return level


def _require_codes(frame: pd.DataFrame, source_name: str) -> None:
    """Reject a fylke, kommune or krets number that is not exactly its width in the digits 0–9."""
    for column, width in CODE_WIDTH.items():
        codes = frame[column]
        bad = codes.ne("") & ~codes.str.fullmatch(f"[0-9]{{{width}}}")
        if bad.any():
            index = bad.idxmax()
            raise rejected(source_name, f"«{codes[index]}» er ikke et {width}-sifret nummer (bare sifrene 0–9).",
                           row=file_line(index), column=column)


def note_name_level(source_name: str, file_level: str, warnings_out: list[str]) -> None:
    """Warn when the file name's level (partifordeling_N_) is not the level of its rows."""
    match = LEVEL_IN_NAME.search(source_name)
    named = LEVEL_NUMBERS.get(match.group(1)) if match else None
    if named and named != file_level:
        warnings_out.append(f"Filnavnet tyder på {named}nivå, men radene er på {file_level}nivå; "
                            f"filen er importert på {file_level}nivå.")


def no_rows_for_kommune(rows: pd.DataFrame, source_name: str, config: Config):
    """The rejection for a file without the configured kommune, naming the kommuner it has."""
    return rejected(source_name, f"Filen inneholder ingen rader for kommune {config.kommune_id} "
                                 f"({config.kommune_name}). Kommuner i filen: {_kommuner_listed(rows)}. "
                                 "Kommunen settes i campaign.toml.")


def no_rows_for_fylke(rows: pd.DataFrame, source_name: str, config: Config):
    """The rejection for a kommune or krets file without any kommune of the configured fylke."""
    fylke = f"{config.fylke_name} ({config.fylke_id})" if config.fylke_name else f"fylke {config.fylke_id}"
    return rejected(source_name, f"Filen inneholder ingen rader for kommuner i {fylke}, det vil si kommunenumre "
                                 f"som begynner på {config.fylke_id}. Kommuner i filen: {_kommuner_listed(rows)}. "
                                 "Fylket settes i campaign.toml.")


def _kommuner_listed(rows: pd.DataFrame) -> str:
    found = rows.drop_duplicates(KOMMUNENR)
    names = rows[KOMMUNENAVN] if KOMMUNENAVN in rows.columns else pd.Series("", index=rows.index)
    shown = [f"{code} {names[i]}".strip() for i, code in zip(found.index[:5], found[KOMMUNENR][:5])]
    more = f" og {len(found) - 5} til" if len(found) > 5 else ""
    return f"{', '.join(shown)}{more}"


def file_line(index) -> int:
    """The file line of a data row (header = line 1)."""
    return int(index) + 1 + HEADER_LINES
