"""Reading one valgresultat.no response: safe JSON access, which node it is, and its party counts.

Every optional key is read with `.get()` (see valg_json.py for how the years differ).
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass

from campaign.ingest.base import ELECTION_ID, MAX_COUNT, MAX_COUNT_TEXT, rejected, safe_json_loads

BLANK = "BLANKE"
PSEUDO_PARTIES = frozenset({"Andre", "Andre2"})
# id.nivaa → the store's area_level
LEVELS = {"fylke": "fylke", "kommune": "kommune", "bydel": "bydel", "stemmekrets": "krets", "krets": "krets"}

Party = tuple[str, str, int, int, dict]  # (code, name, total, fhs, resultat)


@dataclass
class Node:
    """Which node of the result tree a response is; the codes are filled in by valg_json."""
    election_id: str
    level: str                            # fylke | kommune | bydel | krets
    nr: str                               # id.nr as the API gives it ("0301", "12", "1203")
    navn: str
    area_name: str = ""
    fylke_id: str | None = None
    kommune_id: str | None = None
    bydel_id: str | None = None
    krets_id: str | None = None
    krets_name: str | None = None


def dig(obj, *path):
    """obj[path[0]][path[1]]… with .get(), None as soon as a step is missing or not a dict."""
    for key in path:
        if not isinstance(obj, dict):
            return None
        obj = obj.get(key)
    return obj


def as_count(value) -> int | None:
    """A plain count from JSON (a non-negative int, or a float like 12.0, up to MAX_COUNT), else None."""
    return None if count_problem(value) else int(value)


def count_problem(value) -> str | None:
    """Why a JSON value is not a plain count (Norwegian, to follow the field's name), or None when it is."""
    if value is None:
        return "mangler"
    if isinstance(value, bool) or not isinstance(value, int | float):
        return f"er ikke et tall, men {_shown(value)}"
    if isinstance(value, float) and not (math.isfinite(value) and value.is_integer()):
        return f"er ikke et helt tall ({_shown(value)})"
    if value < 0:
        return f"er negativt ({_shown(value)})"
    if value > MAX_COUNT:
        return f"er urimelig stort ({_shown(value)}; over {MAX_COUNT_TEXT})"
    return None


def _shown(value) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, float | int) else repr(value)
    return text if len(text) <= 40 else f"{text[:30]}… ({len(text)} tegn)"


def optional_count(top: dict, path: tuple[str, ...], source_name: str) -> int | None:
    """A count the response may leave out (None when absent or null); rejects anything else that is no count."""
    value = dig(top, *path)
    problem = None if value is None else count_problem(value)
    if problem:
        raise rejected(source_name, f"«{'.'.join(path)}» {problem}")
    return None if value is None else int(value)


def as_number(value) -> float | None:
    """A finite JSON number as float, else None."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    number = float(value) if abs(value) < 1e300 else math.inf
    return number if math.isfinite(number) else None


def is_code(text: str) -> bool:
    """True for a number in the digits 0–9 only ("0301", "12"); str.isdigit also takes other scripts."""
    return text.isascii() and text.isdigit()


def _href_parts(href) -> list[str] | None:
    """'/2021/st/03/0301/1' → ['2021', 'st', '03', '0301', '1'] (numeric paths only)."""
    if not isinstance(href, str) or not href.startswith("/"):
        return None
    parts = [p for p in href.split("?")[0].split("/") if p]
    if len(parts) < 2 or not is_code(parts[0]):
        return None
    return parts


def codes_from_links(top: dict) -> tuple[str | None, str | None]:
    """(fylke_id, kommune_id) from _links.self / _links.up hrefs /{år}/{type}/{fylke}/{kommune}/…"""
    fylke = kommune = None
    for key in ("self", "up"):
        parts = _href_parts(dig(top, "_links", key, "href"))
        if not parts:
            continue
        if fylke is None and len(parts) >= 3 and len(parts[2]) == 2 and is_code(parts[2]):
            fylke = parts[2]
        if kommune is None and len(parts) >= 4 and len(parts[3]) == 4 and is_code(parts[3]):
            kommune = parts[3]
    return fylke, kommune


def is_bydel_00(nr: str | None) -> bool:
    """True for the API's "Bydel 00" (nr "0"), which holds the centrally counted advance votes."""
    return bool(nr) and is_code(nr) and int(nr) == 0


def load(data: bytes, source_name: str) -> dict:
    """The response as a dict with id.nivaa, id.valgaar and id.valgtype; rejects anything else."""
    try:
        top = safe_json_loads(data, source_name)
    except UnicodeDecodeError as exc:
        raise rejected(source_name, f"filen er ikke UTF-8-tekst (byte {exc.start}), så den er ikke et "
                                    "JSON-svar fra valgresultat.no") from None
    except json.JSONDecodeError as exc:
        raise rejected(source_name, f"filen er ikke gyldig JSON ({exc.msg}, linje {exc.lineno}, "
                                    f"tegn {exc.colno}); forventet et lagret svar fra valgresultat.no-API-et") from None
    if not isinstance(top, dict):
        raise rejected(source_name, "JSON-innholdet er ikke et objekt; forventet et svar fra valgresultat.no-API-et "
                                    "med feltene «id», «partier» og «_links»")
    for key in ("nivaa", "valgaar", "valgtype"):
        value = dig(top, "id", key)
        if value is None or str(value).strip() == "":
            raise rejected(source_name, f"feltet «id.{key}» mangler, så dette er ikke et resultatsvar fra "
                                        "valgresultat.no (forventet id.nivaa, id.valgaar og id.valgtype)")
    return top


def node_of(top: dict, source_name: str) -> Node:
    """The election, level, number and name from the response's `id`."""
    ident = top["id"]
    nivaa = str(ident["nivaa"]).strip().lower()
    level = LEVELS.get(nivaa)
    if level is None:
        raise rejected(source_name, f"«id.nivaa» er «{ident['nivaa']}»; bare fylke, kommune, bydel og "
                                    "stemmekrets kan importeres")
    year = str(ident["valgaar"]).strip()
    election_id = f"{str(ident['valgtype']).strip().lower()}{year}"
    if not ELECTION_ID.fullmatch(election_id):
        raise rejected(source_name, f"ukjent valg: «id.valgtype» = «{ident['valgtype']}», «id.valgaar» = "
                                    f"«{ident['valgaar']}» (forventet f.eks. ST og 2021)")
    nr = str(ident.get("nr") or "").strip()
    navn = str(ident.get("navn") or "").strip()
    if not nr:
        raise rejected(source_name, "feltet «id.nr» (områdenummeret) mangler")
    if not is_code(nr) or len(nr) > 4:
        raise rejected(source_name, f"«id.nr» = «{nr}» er ikke et områdenummer (1–4 sifre 0–9)")
    return Node(election_id=election_id, level=level, nr=nr, navn=navn, area_name=navn)


def parties(top: dict, source_name: str) -> list[Party]:
    """(code, name, total, fhs, resultat) per real party; rejects null reports and missing counts."""
    partier = top.get("partier")
    if partier is None or (isinstance(partier, list) and not partier):
        raise rejected(source_name, "tom rapport (nullrapport): feltet «partier» mangler eller er tomt. "
                                    "Resultatene er trolig ikke publisert ennå (API-et svarer da med HTTP 269)")
    if not isinstance(partier, list):
        raise rejected(source_name, "feltet «partier» er ikke en liste")
    out: list[Party] = []
    seen: set[str] = set()
    for i, party in enumerate(partier):
        code = dig(party, "id", "partikode")
        if not isinstance(code, str) or not code.strip():
            raise rejected(source_name, f"«partier[{i}].id.partikode» mangler")
        code = code.strip()
        if code in PSEUDO_PARTIES:
            continue
        if code in seen:
            raise rejected(source_name, f"partikoden «{code}» står to ganger i «partier» (partier[{i}])")
        seen.add(code)
        out.append(_party(party, i, code, source_name))
    if not out:
        raise rejected(source_name, "feltet «partier» inneholder bare sammendragene Andre/Andre2, ingen partier")
    return out


def _party(party: dict, i: int, code: str, source_name: str) -> Party:
    resultat = dig(party, "stemmer", "resultat")
    counts = {}
    for key in ("total", "fhs"):
        value = dig(resultat, "antall", key)
        problem = count_problem(value)
        if problem:
            raise rejected(source_name, f"«partier[{i}].stemmer.resultat.antall.{key}» (parti {code}) {problem}; "
                                        "forventet et ikke-negativt heltall")
        counts[key] = int(value)
    if counts["fhs"] > counts["total"]:
        raise rejected(source_name, f"«partier[{i}].stemmer.resultat.antall» (parti {code}): fhs "
                                    f"{counts['fhs']} er større enn total {counts['total']}")
    name = str(dig(party, "id", "navn") or code)
    return code, name, counts["total"], counts["fhs"], resultat if isinstance(resultat, dict) else {}
