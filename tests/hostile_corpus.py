"""A corpus of malformed files, made at run time from tests/fixtures and ../shared/reference-data.

Used by tests/test_hostile_files.py and bench/bench_hostile.py. Every case is a file that must be
rejected with a Norwegian message naming it, leaving the store untouched. `still_accepted()` are
files that look odd but are fine (columns in another order) plus every valid fixture.

Election results (CSV and JSON) are here; map files, zips and plain junk in tests/hostile_maps.py.
"""
from __future__ import annotations

import copy
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
SHARED = ROOT.parent / "shared"
REFERENCE = SHARED / "reference-data" / "elections"
GEO = SHARED / "geo"

KRETS_CSV = "2019-09-14_partifordeling_4_ko_2019.csv"
FYLKE_CSV = "2021-09-17_partifordeling_1_st_2021.csv"
JSON_FIXTURES = ("valg_json_st2021_bydel-03-0301-1.json", "valg_json_st2021_kommune-03-0301.json",
                 "valg_json_st2021_krets-03-0301-0101.json", "valg_json_st2025_bydel-03-0301-12.json")
REAL_CSVS = ("ko2019_partifordeling_stemmekrets_hele_landet.csv", "st2021_partifordeling_stemmekrets_hele_landet.csv")
REAL_JSONS = ("st2021_oslo_api_json/kommune-03-0301.json", "st2025_oslo_api_json/bydel-03-0301-12.json")
HUGE = "99999999999999999999999"  # above the 64-bit range
OTHER_MUTATIONS = {"tom", "bare_mellomrom", "bare_bom", "binaert_tull", "binaert_json", "html", "pdf",
                   "json_over_50MB", "bare_klammer"}  # tests/hostile_maps.other_cases


@dataclass(frozen=True)
class Case:
    """One file to import: its name, its bytes, where it came from and what was done to it."""
    name: str
    data: bytes
    origin: str  # "fixture" or "reference"
    mutation: str

    @property
    def id(self) -> str:
        return f"{self.origin}:{self.name}"

    @property
    def kind(self) -> str:
        """csv, json, kart or annet: the row of the bench table the case counts in."""
        suffix = Path(self.name).suffix
        if self.mutation in OTHER_MUTATIONS:
            return "annet"
        return {".csv": "csv", ".json": "json"}.get(suffix, "kart")


def _named(original: str, mutation: str) -> str:
    path = Path(original)
    return f"{path.stem}__{mutation}{path.suffix}"


# --- CSV ------------------------------------------------------------------------------------------

class Table:
    """A partifordeling CSV as header + rows of fields (these files have no quoting)."""

    def __init__(self, text: str):
        lines = text.lstrip("\ufeff").splitlines()
        self.header = lines[0].split(";")
        self.rows = [line.split(";") for line in lines[1:] if line]

    def col(self, name: str) -> int:
        return self.header.index(name)

    def text(self) -> str:
        return "\n".join(";".join(fields) for fields in [self.header, *self.rows]) + "\n"

    def reordered(self) -> str:
        """The same table with its columns in reverse order (short rows padded first)."""
        width = len(self.header)
        rows = [row + [""] * (width - len(row)) for row in [self.header, *self.rows]]
        order = list(range(width))[::-1]
        return "\n".join(";".join(row[i] for i in order) for row in rows) + "\n"


def _oslo_line(lines: list[str], header: list[str], krets: str | None = None) -> int:
    """The first Oslo line (of krets `krets` when given; Oslo fylke's in a fylke file), without parsing all."""
    f, k, r = (header.index(c) for c in ("Fylkenummer", "Kommunenummer", "Stemmekretsnummer"))
    for i, line in enumerate(lines[1:], start=1):
        if "0301" in line or line.startswith("03;"):
            row = line.split(";")
            if (row[k] == "0301" or (row[k] == "" and row[f] == "03")) and (krets is None or row[r] == krets):
                return i
    raise ValueError("no Oslo row")


def _edit(text: str, krets: str | None = None, below: int = 0, **values: str) -> str:
    """The text with fields of one Oslo line set (`Antall_stemmer_totalt="5"`; `_` for spaces)."""
    lines = text.split("\n")
    header = lines[0].lstrip("\ufeff").split(";")
    i = _oslo_line(lines, header, krets) + below
    fields = lines[i].split(";")
    for name, value in values.items():
        fields[header.index(name.replace("_", " "))] = value
    lines[i] = ";".join(fields)
    return "\n".join(lines)


def _counts(text: str, advance: str, day: str, total: str, krets: str | None = None) -> str:
    return _edit(text, krets, **{"Antall_forhåndsstemmer": advance, "Antall_valgtingstemmer": day,
                                 "Antall_stemmer_totalt": total})


CSV_MUTATIONS: dict[str, Callable[[str], bytes | str]] = {
    "arabisk_indiske_sifre": lambda t: _counts(t, "٠", "٣٣٢", "٣٣٢"),
    "fullbredde_sifre": lambda t: _counts(t, "０", "３３２", "３３２"),
    "over_64_bit": lambda t: _counts(t, "0", HUGE, HUGE),
    "1e15_i_krets_0000": lambda t: _counts(t, "1000000000000000", "0", "1000000000000000", krets="0000"),
    "negativt": lambda t: _counts(t, "0", "-332", "-332"),
    "flere_stemmer_enn_velgere": lambda t: _counts(t, "0", "9000000", "9000000"),
    "sum_over_grensen": lambda t: _many_big_rows(t),
    "velgermasse_varierer": lambda t: _edit(t, below=1, Antall_stemmeberettigede="77"),
    "velgere_arabiske_sifre": lambda t: _edit(t, Antall_stemmeberettigede="٥٩٦٥"),
    "desimaltall": lambda t: _counts(t, "0", "3,5", "3,5"),
    "totalt_feil": lambda t: _counts(t, "1", "2", "4"),
    "kretskode_arabisk": lambda t: _edit(t, Stemmekretsnummer="٠١٠١"),
    "kretskode_5_sifre": lambda t: _edit(t, Stemmekretsnummer="01011"),
    "kolonne_mangler": lambda t: _drop_column(t, "Partikode"),
    "kolonne_omdopt": lambda t: t.replace("Antall stemmer totalt", "Stemmer", 1),
    "alle_kolonner_omdopt": lambda t: t.replace(t.splitlines()[0], ";".join(f"k{i}" for i in range(17)), 1),
    "avkortet": lambda t: t[: t.index("\n", len(t) // 2) + 40],
    "utf16": lambda t: t.encode("utf-16"),
    "kommaskilt": lambda t: t.replace(";", ","),
    "nul_bytes": lambda t: t.replace(";0;", ";0\x00;", 3),
    "lukkes_ikke": lambda t: t.replace(";", ';"', 30),
    "bare_overskrift": lambda t: t.splitlines()[0] + "\n",
    "dobbel_rad": lambda t: _duplicate_row(t),
}


def _duplicate_row(text: str) -> str:
    """The second Oslo line once more at the end: one party twice in one area."""
    lines = text.split("\n")
    return text + lines[_oslo_line(lines, lines[0].lstrip("\ufeff").split(";")) + 1] + "\n"


def _many_big_rows(text: str) -> str:
    """Every Oslo row 5 000 000 ballots: each under the per-row bound, the sum far above any electorate."""
    table = Table(text)
    k = table.col("Kommunenummer")
    for row in table.rows:
        if row[k] == "0301":
            for column, value in (("Antall forhåndsstemmer", "0"), ("Antall valgtingstemmer", "5000000"),
                                  ("Antall stemmer totalt", "5000000")):
                row[table.col(column)] = value
    return table.text()


def _drop_column(text: str, name: str) -> str:
    table = Table(text)
    i = table.col(name)
    rows = [row[:i] + row[i + 1:] for row in [table.header, *table.rows]]
    return "\n".join(";".join(row) for row in rows) + "\n"


def csv_cases(name: str, data: bytes, origin: str, only: tuple[str, ...] | None = None) -> list[Case]:
    text = data.decode("utf-8-sig")
    cases = []
    for mutation, mutate in CSV_MUTATIONS.items():
        if only is None or mutation in only:
            out = mutate(text)
            cases.append(Case(_named(name, mutation), out if isinstance(out, bytes) else out.encode("utf-8"),
                              origin, mutation))
    return cases


# --- JSON -----------------------------------------------------------------------------------------

def _party(doc: dict, **antall) -> None:
    doc["partier"][1]["stemmer"]["resultat"]["antall"].update(antall)


JSON_MUTATIONS: dict[str, Callable[[dict], None]] = {
    "over_64_bit": lambda d: _party(d, total=10 ** 20),
    "flyttall_1e300": lambda d: _party(d, total=1e300),
    "arabiske_sifre_som_tekst": lambda d: _party(d, total="١٢٣"),
    "negativt": lambda d: _party(d, fhs=-1),
    "fhs_over_total": lambda d: _party(d, fhs=10 ** 6),
    "antallsb_enormt": lambda d: d.update(antallsb=10 ** 30),
    "valgdeltakelse_300_prosent": lambda d: d["stemmegiving"].update(totalGodkjente=3 * d["antallsb"]),
    "frammote_300_prosent": lambda d: d.update(frammote={"prosent": 300.0}),
    "stemmer_total_feil": lambda d: d["stemmer"].update(total=d["stemmer"]["total"] + 1),
    "nr_arabisk": lambda d: d["id"].update(nr="١"),
    "partier_ikke_liste": lambda d: d.update(partier={"A": 1}),
    "dobbelt_parti": lambda d: d["partier"].append(copy.deepcopy(d["partier"][0])),
    "id_mangler": lambda d: d.pop("id"),
}
JSON_RAW: dict[str, Callable[[bytes], bytes]] = {
    "nostet_100000": lambda b: b'{"id": {"nivaa": "bydel"}, "x": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
    "nostet_65": lambda b: b'{"id": {"nivaa": "bydel"}, "x": ' + b"[" * 65 + b"]" * 65 + b"}",
    "nan": lambda b: b.replace(b'"antallsb": ', b'"antallsb": NaN, "x": ', 1),
    "avkortet": lambda b: b[: len(b) // 2],
    "utf16": lambda b: b.decode("utf-8").encode("utf-16"),
    "toppnivaa_liste": lambda b: b"[" + b + b"]",
}


def json_cases(name: str, data: bytes, origin: str, only: tuple[str, ...] | None = None) -> list[Case]:
    doc = json.loads(data)
    cases = []
    for mutation, mutate in JSON_MUTATIONS.items():
        if only is None or mutation in only:
            changed = copy.deepcopy(doc)
            mutate(changed)
            cases.append(Case(_named(name, mutation), json.dumps(changed, ensure_ascii=False, indent=1).encode(),
                              origin, mutation))
    pretty = json.dumps(doc, ensure_ascii=False, indent=1).encode()
    for mutation, mutate in JSON_RAW.items():
        if only is None or mutation in only:
            cases.append(Case(_named(name, mutation), mutate(pretty), origin, mutation))
    return cases


# --- the corpus -----------------------------------------------------------------------------------

def fixture_cases() -> list[Case]:
    """Cases made from tests/fixtures: always available, also on a fresh clone."""
    from tests.hostile_maps import map_cases, other_cases
    cases = csv_cases(KRETS_CSV, (FIXTURES / KRETS_CSV).read_bytes(), "fixture")
    cases += csv_cases(FYLKE_CSV, (FIXTURES / FYLKE_CSV).read_bytes(), "fixture",
                       only=("over_64_bit", "arabisk_indiske_sifre", "kolonne_mangler", "desimaltall"))
    for i, name in enumerate(JSON_FIXTURES):
        only = None if i == 0 else ("over_64_bit", "valgdeltakelse_300_prosent", "nr_arabisk", "nostet_65")
        cases += json_cases(name, (FIXTURES / name).read_bytes(), "fixture", only)
    return cases + map_cases() + other_cases()


def reference_cases() -> list[Case]:
    """Cases made from the real files in ../shared ([] when they are absent)."""
    from tests.hostile_maps import real_map_cases
    cases = []
    only_csv = ("arabisk_indiske_sifre", "fullbredde_sifre", "over_64_bit", "1e15_i_krets_0000", "negativt",
                "flere_stemmer_enn_velgere", "velgermasse_varierer", "kolonne_mangler", "avkortet", "kretskode_arabisk")
    for name in REAL_CSVS:
        if (REFERENCE / name).exists():
            cases += csv_cases(name, (REFERENCE / name).read_bytes(), "reference", only_csv)
    only_json = ("over_64_bit", "arabiske_sifre_som_tekst", "valgdeltakelse_300_prosent", "stemmer_total_feil",
                 "nostet_100000", "avkortet", "frammote_300_prosent")
    for name in REAL_JSONS:
        if (REFERENCE / name).exists():
            cases += json_cases(name.replace("/", "_"), (REFERENCE / name).read_bytes(), "reference", only_json)
    return cases + real_map_cases()


def still_accepted() -> list[tuple[str, str, bytes]]:
    """(id, name, bytes) of files that must import: every valid fixture, and CSVs with reordered columns."""
    from tests.hostile_maps import MAP_FIXTURES
    valid_csv = [p.name for p in sorted(FIXTURES.glob("*_partifordeling_*.csv"))
                 if not p.stem.endswith(("_broken", "_empty", "_header_only", "_bergen"))]
    files = [(f"fixture:{n}", n, (FIXTURES / n).read_bytes()) for n in [*valid_csv, *JSON_FIXTURES, *MAP_FIXTURES]]
    files.append(("fixture:kolonner_baklengs", _named(KRETS_CSV, "kolonner_baklengs"),
                  Table((FIXTURES / KRETS_CSV).read_text(encoding="utf-8")).reordered().encode()))
    real = REFERENCE / REAL_CSVS[0]
    if real.exists():
        files.append(("reference:kolonner_baklengs", _named(real.name, "kolonner_baklengs"),
                      Table(real.read_text(encoding="utf-8")).reordered().encode()))
    return files
