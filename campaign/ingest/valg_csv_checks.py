"""Checks on a «partifordeling» CSV: values that reject the file, and the checks the report shows."""
from __future__ import annotations

import re

import pandas as pd

from campaign import fmt
from campaign.areas import belongs_to_no_bydel
from campaign.config import Config
from campaign.ingest.base import MAX_COUNT, Check, count_problem, rejected
from campaign.ingest.valg_csv_read import (
    ADVANCE,
    COUNTS,
    DAY,
    ELIGIBLE,
    FYLKE,
    FYLKENAVN,
    FYLKENR,
    KOMMUNE,
    KOMMUNENAVN,
    KOMMUNENR,
    KRETS,
    KRETSNAVN,
    KRETSNR,
    LEVELING,
    PARTIKODE,
    SEATS,
    SHARE,
    TOTAL,
    file_line,
)

BLANKE = "BLANKE"
SHARE_TOLERANCE_PP = 0.001

COUNT = r"0*[0-9]{1,8}"  # plain digits, short enough to convert safely; MAX_COUNT is checked after
DECIMAL = re.compile(r"-?[0-9]+(?:,[0-9]+)?")


# ---------------------------------------------------------------------------------------------
# Values


def validated_values(rows: pd.DataFrame, source_name: str, level: str) -> pd.DataFrame:
    """Vote counts as int64 and the file's share as float (NaN when empty); reject bad values.

    Rejected: counts that are not plain non-negative whole numbers in the digits 0–9 up to
    MAX_COUNT, totals that are not advance + election day, a party twice in one area, an
    electorate that differs between the rows of one area, and more ballots than voters where
    the file gives both for one electorate (see `_reject_more_votes_than_voters`).
    """
    problems: list[tuple[int, int, str, str]] = []  # (line, column order, column, problem)
    counts = {column: _counts(rows, order, column, problems) for order, column in enumerate(COUNTS)}
    eligible = _counts(rows, len(COUNTS), ELIGIBLE, problems, "antall stemmeberettigede", optional=True)
    share_text = rows[SHARE].str.strip()
    share_ok = share_text.eq("") | share_text.str.fullmatch(DECIMAL.pattern)
    for index in rows.index[~share_ok]:
        problems.append((file_line(index), len(COUNTS) + 1, SHARE,
                         f"«{share_text[index]}» er ikke et tall med desimalkomma."))
    if problems:
        raise _first_problem(problems, source_name)
    _reject_wrong_totals(rows, counts, source_name)
    _reject_duplicates(rows, source_name, level)
    _reject_more_votes_than_voters(rows, counts[TOTAL], eligible, source_name, level)

    share = pd.to_numeric(share_text.str.replace(",", ".", regex=False), errors="coerce")  # "" → NaN
    return pd.DataFrame({ADVANCE: counts[ADVANCE], DAY: counts[DAY], TOTAL: counts[TOTAL],
                         SHARE: share.astype("float64")}, index=rows.index)


def _counts(rows: pd.DataFrame, order: int, column: str, problems: list[tuple[int, int, str, str]],
            noun: str = "antall stemmer", optional: bool = False) -> pd.Series:
    """One count column as int64 (0 where bad, -1 where empty and optional); bad values go to `problems`."""
    text = rows[column].str.strip()
    plain = text.str.fullmatch(COUNT)
    number = pd.to_numeric(text.where(plain, "0")).astype("int64")
    good = plain & number.le(MAX_COUNT)
    if optional:
        good |= text.eq("")
    for index in rows.index[~good]:
        problems.append((file_line(index), order, column, count_problem(text[index], noun)))
    return number.where(~(optional & text.eq("")), -1)


def _reject_wrong_totals(rows: pd.DataFrame, counts: dict[str, pd.Series], source_name: str) -> None:
    problems: list[tuple[int, int, str, str]] = []
    mismatch = counts[TOTAL].ne(counts[ADVANCE] + counts[DAY])
    for index in rows.index[mismatch]:
        problems.append((file_line(index), 0, TOTAL,
                         f"Totalt {counts[TOTAL][index]} er ikke forhåndsstemmer {counts[ADVANCE][index]} "
                         f"+ valgtingstemmer {counts[DAY][index]} = {counts[ADVANCE][index] + counts[DAY][index]}."))
    if problems:
        raise _first_problem(problems, source_name)


def _reject_duplicates(rows: pd.DataFrame, source_name: str, level: str) -> None:
    keys = _area_keys(level)
    duplicated = rows.duplicated([*keys, PARTIKODE], keep=False)
    if duplicated.any():
        lines = [file_line(i) for i in rows.index[duplicated]]
        first = rows.loc[rows.index[duplicated][0]]
        raise rejected(source_name, f"Partiet {first[PARTIKODE]} står flere ganger for samme område "
                                    f"(linje {', '.join(map(str, lines[:6]))}).", row=lines[0], column=PARTIKODE)


def _reject_more_votes_than_voters(rows: pd.DataFrame, votes: pd.Series, eligible: pd.Series, source_name: str,
                                   level: str) -> None:
    """One electorate per area, and no more ballots than voters in an electorate the file gives whole.

    At krets level that is the kommune (the kretser's electorates added up): a krets itself may
    have more ballots than voters (krets 0000 holds every advance ballot; 1601 Oslo rådhus takes
    voters from all over the city on election day). Areas whose electorate is left empty are skipped.
    """
    keys = _area_keys(level)
    area = rows[keys[0]] if len(keys) == 1 else rows[keys[0]] + "-" + rows[keys[1]]
    first = eligible.groupby(area).transform("first")
    differs = eligible.ne(first)
    if differs.any():
        index = differs.idxmax()
        raise rejected(source_name, f"Antall stemmeberettigede er {_count(eligible[index])} her, men "
                                    f"{_count(first[index])} på andre rader for samme område.",
                       row=file_line(index), column=ELIGIBLE)
    d = pd.DataFrame({"area": area, "electorate": rows[KOMMUNENR] if level == KRETS else area,
                      "eligible": eligible, "votes": votes})
    voters = d.drop_duplicates("area").groupby("electorate")["eligible"].agg(["sum", "min"])
    ballots = d.groupby("electorate")["votes"].sum()
    over = ballots.gt(voters["sum"]) & voters["min"].ge(0)
    if over.any():
        electorate = over.idxmax()
        index = d.loc[d["electorate"].eq(electorate), "votes"].idxmax()
        where = f"fylke {rows.loc[index, FYLKENR]}" if level == FYLKE else f"kommune {rows.loc[index, KOMMUNENR]}"
        raise rejected(source_name, f"Flere stemmesedler ({_count(ballots[electorate])}) enn stemmeberettigede "
                                    f"({_count(voters.loc[electorate, 'sum'])}) i {where}; raden med flest "
                                    "stemmer er denne.", row=file_line(index), column=TOTAL)


def _count(value) -> str:
    return "tom" if value < 0 else fmt.number(int(value))


def _first_problem(problems: list[tuple[int, int, str, str]], source_name: str):
    problems.sort()
    line, _, column, problem = problems[0]
    others = len(problems) - 1
    if others:
        problem += f" ({others} {'annen feil' if others == 1 else 'andre feil'} i filen.)"
    return rejected(source_name, problem, row=line, column=column)


def _area_keys(level: str) -> list[str]:
    return {FYLKE: [FYLKENR], KOMMUNE: [KOMMUNENR], KRETS: [KOMMUNENR, KRETSNR]}[level]


def mandates_frame(rows: pd.DataFrame, election_id: str, level: str, source_name: str) -> pd.DataFrame:
    """`mandates` rows from fylke or kommune rows that fill in «Antall mandater» (others are left out).

    A seat number that is not a plain whole count rejects the file, naming row and column;
    an empty «Antall utjevningsmandater» beside a filled-in «Antall mandater» is stored as NULL.
    """
    if SEATS not in rows.columns:
        return pd.DataFrame(columns=MANDATE_COLUMNS)
    given = rows[rows[SEATS].str.strip().ne("")]
    problems: list[tuple[int, int, str, str]] = []
    seats = _counts(given, 0, SEATS, problems, "antall mandater")
    leveling = (_counts(given, 1, LEVELING, problems, "antall utjevningsmandater", optional=True)
                if LEVELING in given.columns else pd.Series(-1, index=given.index))
    if problems:
        raise _first_problem(problems, source_name)
    code, name = (FYLKENR, FYLKENAVN) if level == FYLKE else (KOMMUNENR, KOMMUNENAVN)
    names = given[name].str.strip() if name in given.columns else pd.Series("", index=given.index)
    return pd.DataFrame({
        "election_id": pd.Series([election_id] * len(given), dtype="str"),
        "area_level": pd.Series([level] * len(given), dtype="str"),
        "area_id": pd.Series(given[code].to_numpy(), dtype="str"),
        "area_name": pd.Series([n or None for n in names], dtype="str"),
        "party_code": pd.Series(given[PARTIKODE].to_numpy(), dtype="str"),
        "seats": seats.to_numpy(),
        "leveling_seats": pd.array(leveling.where(leveling.ge(0)).to_numpy(), dtype="Int64"),
    })


MANDATE_COLUMNS = ["election_id", "area_level", "area_id", "area_name", "party_code", "seats", "leveling_seats"]


# ---------------------------------------------------------------------------------------------
# Checks


def _area_label(row: pd.Series, level: str) -> str:
    if level == FYLKE:
        return f"fylke {row[FYLKENR]} {row.get(FYLKENAVN, '')}".strip()
    if level == KOMMUNE:
        return f"kommune {row[KOMMUNENR]} {row.get(KOMMUNENAVN, '')}".strip()
    return f"krets {row[KRETSNR]} {row[KRETSNAVN]}".strip()


def share_check(rows: pd.DataFrame, values: pd.DataFrame, level: str) -> Check:
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


def krets_checks(results: pd.DataFrame, config: Config) -> list[Check]:
    """Kretser that belong to no bydel, and how many kretser each bydel has (the configured kommune's
    kretser with [bydeler]; kretser of other kommuner belong to no bydel)."""
    kretser = results.drop_duplicates(["kommune_id", "krets_id"])[["kommune_id", "krets_id", "krets_name", "bydel_id"]]
    if not config.bydeler:
        counted = (f"{len(kretser)} kretser" if kretser["kommune_id"].nunique() <= 1
                   else f"{len(kretser)} kretser i {kretser['kommune_id'].nunique()} kommuner")
        message = (f"campaign.toml har ingen bydeler for {config.area_name}; kretsene knyttes ikke til bydel "
                   f"({counted}).")
        return [Check("Ukjente kretser", True, message), Check("Kretser per bydel", True, message)]
    own = kretser[kretser["kommune_id"].eq(config.kommune_id)]
    return [_unknown_kretser_check(own, config), _kretser_per_bydel_check(own, config)]


def _unknown_kretser_check(kretser: pd.DataFrame, config: Config) -> Check:
    unknown = kretser[kretser["bydel_id"].isna() & ~kretser["krets_id"].map(belongs_to_no_bydel)]
    if unknown.empty:
        return Check("Ukjente kretser", True,
                     f"Alle {len(kretser)} kretser i {config.kommune_name} hører til en bydel eller er "
                     "forhåndsstemmer/uoppgitt krets (0000, 40xx, 9998, 9999).")
    listed = ", ".join(f"{k} {n}".strip() for k, n in zip(unknown["krets_id"], unknown["krets_name"].fillna("")))
    return Check("Ukjente kretser", False,
                 f"{len(unknown)} kretser i {config.kommune_name} hører ikke til noen bydel: {listed}. "
                 "Stemmene deres er med i kommunens tall, men ikke i noen bydel. Legg dem til under "
                 "[krets_to_bydel_exceptions] i campaign.toml.")


def _kretser_per_bydel_check(kretser: pd.DataFrame, config: Config) -> Check:
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
    return Check("Kretser per bydel", not empty, message)


def kommune_sum_check(results: pd.DataFrame, totals: pd.DataFrame, total_values: pd.DataFrame,
                      config: Config) -> Check:
    """When the file also has the kommuner's own rows: each kommune's kretser must add up to them."""
    keys = ["kommune_id", "party_code"]
    with_totals = results[results["kommune_id"].isin(set(totals[KOMMUNENR]))]  # kommuner the file gives whole
    summed = with_totals.groupby(keys)[["advance_votes", "election_day_votes", "votes"]].sum()
    given = pd.DataFrame({"advance_votes": total_values[ADVANCE].to_numpy(),
                          "election_day_votes": total_values[DAY].to_numpy(),
                          "votes": total_values[TOTAL].to_numpy()},
                         index=pd.MultiIndex.from_arrays([totals[KOMMUNENR].to_numpy(), totals[PARTIKODE].to_numpy()],
                                                         names=keys))
    joined = given.join(summed, how="outer", lsuffix="_kommune", rsuffix="_kretser").fillna(0)
    differs = [k for k in joined.index if joined.loc[k, "votes_kommune"] != joined.loc[k, "votes_kretser"]
               or joined.loc[k, "advance_votes_kommune"] != joined.loc[k, "advance_votes_kretser"]]
    name = "Kretser mot kommunetall"
    kommuner = joined.index.get_level_values(0).unique()
    if not differs:
        where = "" if len(kommuner) == 1 else f" i {len(kommuner)} kommuner"
        return Check(name, True, f"Summen av kretsene er lik kommunens egne tall for alle {len(joined)} "
                                 f"partier{where}.", rejects=True)
    shown = ", ".join(f"{p} {fmt.number(joined.loc[(m, p), 'votes_kretser'])} mot "
                      f"{fmt.number(joined.loc[(m, p), 'votes_kommune'])}" for m, p in differs[:5])
    bad = sorted({m for m, _ in differs})
    where = (config.kommune_name if bad == [config.kommune_id]
             else "kommune " + ", ".join(bad[:8]) + (f" og {len(bad) - 8} til" if len(bad) > 8 else ""))
    return Check(name, False, f"Summen av kretsene avviker fra kommunens egne tall for {len(differs)} partier "
                              f"i {where}: {shown}.", rejects=True)  # one file contradicting itself
