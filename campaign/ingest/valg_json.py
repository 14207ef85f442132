"""One saved valgresultat.no API response (HAL+JSON) → store rows for results and turnout.

The API (https://valgresultat.no/api/{år}/{type}/{fylke}/{kommune}/{nr}) answers with one
node of the result tree: fylke, kommune, bydel or stemmekrets (`id.nivaa`). The shapes of
2019–2025 differ in details (2025: no `opptalt`/`prognose`, `frammote.prosent` instead of
`frammote.prosentStemmegiving`, BLANKE without `prosent`), so every optional key is read
with `.get()`.

What one response gives:

- results: one row per party in `partier`, BLANKE included, the pseudo-parties `Andre`
  (sum of partikategori 2 and 3) and `Andre2` (lists from earlier elections) left out.
  `votes` = `stemmer.resultat.antall.total` (ballots), `advance_votes` = `antall.fhs`,
  `election_day_votes` = the difference.
- turnout: `eligible_voters` = `antallsb`, `votes_cast` = `stemmegiving.totalGodkjente`
  (approved stemmegivinger, which *are* distributed to the voter's krets, advance votes
  included). This reproduces the published turnout; the ballot count `stemmer.total` does
  not, because Oslo counts all advance ballots centrally.
- Oslo's "Bydel 00" (API nr "0") holds the centrally counted advance ballots, and its
  `antallsb`/`stemmegiving` are the few voters with no krets (krets 0000 "Uoppgitt krets").
  Its results rows get `bydel_id` NULL; it gets no turnout row (its ~99 % "turnout" is not a
  district's turnout), but its counts are kept on the batch, because the bydeler only add up
  to the kommune with Bydel 00 included (see `check_bydel_sums`).

Turnout `area_id` is the code at the level: fylke "03", kommune "0301", bydel "030112", krets
"0301-1203" (`areas.krets_area_id`).
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field

import pandas as pd

from campaign import fmt
from campaign.areas import belongs_to_no_bydel, krets_area_id, krets_to_bydel
from campaign.config import Config
from campaign.ingest.base import ELECTION_ID, Check, ParsedBatch, rejected
from campaign.store import SCHEMAS

KIND = "valg_json"
BLANK = "BLANKE"
PSEUDO_PARTIES = frozenset({"Andre", "Andre2"})
# id.nivaa → the store's area_level
LEVELS = {"fylke": "fylke", "kommune": "kommune", "bydel": "bydel", "stemmekrets": "krets", "krets": "krets"}
LEVEL_WORDS = {"fylke": "fylkesnivå", "kommune": "kommunenivå", "bydel": "bydel", "krets": "stemmekrets"}
SHARE_TOLERANCE_PP = 0.001   # `prosent` has 5 decimals
TURNOUT_TOLERANCE_PP = 0.05  # `frammote` has 1 decimal

RESULT_COLUMNS = [c for c in SCHEMAS["results"].names if c != "import_id"]
TURNOUT_COLUMNS = [c for c in SCHEMAS["turnout"].names if c != "import_id"]
INT_COLUMNS = {"advance_votes", "election_day_votes", "votes", "eligible_voters", "votes_cast"}


@dataclass
class ValgJsonBatch(ParsedBatch):
    """A ParsedBatch plus the node's own totals, which `check_bydel_sums` needs.

    Bydel 00 has no turnout row, so its `antallsb` would otherwise be lost; the kommune's
    electorate is only reproduced with it (484 391 + 1 410 = 485 801 in Oslo 2021).
    """
    level: str = ""                       # fylke | kommune | bydel | krets
    area_nr: str = ""                     # id.nr as the API gives it ("0301", "12", "1203")
    area_name: str = ""
    fylke_id: str | None = None
    kommune_id: str | None = None
    bydel_id: str | None = None
    eligible_voters: int | None = None    # antallsb
    votes_cast: int | None = None         # stemmegiving.totalGodkjente
    ballots: int | None = None            # stemmer.total (incl. blanks)
    advance_ballots: int | None = None    # stemmer.fhs
    children: tuple[str, ...] = field(default_factory=tuple)  # nr of each _links.related child


def _dig(obj, *path):
    """obj[path[0]][path[1]]… with .get(), None as soon as a step is missing or not a dict."""
    for key in path:
        if not isinstance(obj, dict):
            return None
        obj = obj.get(key)
    return obj


def _count(value) -> int | None:
    """A non-negative whole number from JSON (int, or a float like 12.0), else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value >= 0 else None
    if isinstance(value, float) and value.is_integer() and value >= 0:
        return int(value)
    return None


def _number(value) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _href_parts(href) -> list[str] | None:
    """'/2021/st/03/0301/1' → ['2021', 'st', '03', '0301', '1'] (numeric paths only)."""
    if not isinstance(href, str) or not href.startswith("/"):
        return None
    parts = [p for p in href.split("?")[0].split("/") if p]
    if len(parts) < 2 or not parts[0].isdigit():
        return None
    return parts


def _codes_from_links(top: dict) -> tuple[str | None, str | None]:
    """(fylke_id, kommune_id) from _links.self / _links.up hrefs /{år}/{type}/{fylke}/{kommune}/…"""
    fylke = kommune = None
    for key in ("self", "up"):
        parts = _href_parts(_dig(top, "_links", key, "href"))
        if not parts:
            continue
        if fylke is None and len(parts) >= 3 and len(parts[2]) == 2 and parts[2].isdigit():
            fylke = parts[2]
        if kommune is None and len(parts) >= 4 and len(parts[3]) == 4 and parts[3].isdigit():
            kommune = parts[3]
    return fylke, kommune


def is_bydel_00(nr: str | None) -> bool:
    """True for the API's "Bydel 00" (nr "0"), which holds the centrally counted advance votes."""
    return bool(nr) and nr.isdigit() and int(nr) == 0


def _pp(value: float) -> str:
    return f"{fmt.number(value, 5)} %"


def parse_valg_json(data: bytes, source_name: str, config: Config) -> ValgJsonBatch:
    """Parse one saved valgresultat.no response (fylke, kommune, bydel or stemmekrets node)."""
    try:
        top = json.loads(data.decode("utf-8-sig"))
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
        value = _dig(top, "id", key)
        if value is None or str(value).strip() == "":
            raise rejected(source_name, f"feltet «id.{key}» mangler, så dette er ikke et resultatsvar fra "
                                        "valgresultat.no (forventet id.nivaa, id.valgaar og id.valgtype)")
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

    parties = _parties(top, source_name)

    warnings: list[str] = []
    fylke_id, kommune_id = _codes_from_links(top)
    if level == "fylke":
        if fylke_id and fylke_id != nr:
            warnings.append(f"«id.nr» er {nr}, men «_links.self.href» peker på fylke {fylke_id}; bruker id.nr.")
        fylke_id, kommune_id = nr, None
    elif level == "kommune":
        if kommune_id and kommune_id != nr:
            warnings.append(f"«id.nr» er {nr}, men «_links.self.href» peker på kommune {kommune_id}; bruker id.nr.")
        kommune_id = nr
    elif kommune_id is None:
        up_nr = str(_dig(top, "_links", "up", "nr") or "")
        if len(up_nr) == 4 and up_nr.isdigit():
            kommune_id = up_nr
        else:
            raise rejected(source_name, "finner ikke kommunenummeret: «_links.self.href» og «_links.up.href» "
                                        "har ikke formen /{år}/{valgtype}/{fylke}/{kommune}/{nr}")
    if fylke_id is None:
        warnings.append("Fylkesnummeret står ikke i «_links.self.href»/«_links.up.href»; fylke_id er tomt.")

    bydel_id = krets_id = krets_name = None
    area_name = navn
    if level == "bydel":
        if not is_bydel_00(nr):
            if not nr.isdigit():
                raise rejected(source_name, f"«id.nr» = «{nr}» er ikke et bydelsnummer")
            bydel_id = f"{kommune_id}{int(nr):02d}"
            if kommune_id == config.kommune_id and config.bydeler:
                if bydel_id in config.bydeler:
                    area_name = config.bydeler[bydel_id]
                else:
                    warnings.append(f"Bydel {bydel_id} ({navn}) står ikke under [bydeler] i campaign.toml.")
    elif level == "krets":
        krets_id, krets_name = nr, navn
        bydel_id = krets_to_bydel(krets_id, kommune_id, config)
        up_nr = str(_dig(top, "_links", "up", "nr") or "")
        if kommune_id == config.kommune_id and 0 < len(up_nr) <= 2 and up_nr.isdigit():
            api_bydel = None if is_bydel_00(up_nr) else f"{kommune_id}{int(up_nr):02d}"
            if api_bydel != bydel_id:
                warnings.append(f"Krets {krets_id} ligger under bydel {up_nr} i API-et («_links.up»), men "
                                f"kretsnummeret gir bydel {bydel_id or 'ingen'} (campaign.toml); bruker "
                                "campaign.toml.")

    base = {"election_id": election_id, "area_level": level, "fylke_id": fylke_id, "kommune_id": kommune_id,
            "bydel_id": bydel_id, "krets_id": krets_id, "krets_name": krets_name}
    rows = [{**base, "party_code": code, "party_name": name, "advance_votes": fhs,
             "election_day_votes": total - fhs, "votes": total}
            for code, name, total, fhs, _ in parties]
    results = _frame(rows, RESULT_COLUMNS)

    eligible = _count(top.get("antallsb"))
    votes_cast = _count(_dig(top, "stemmegiving", "totalGodkjente"))
    turnout_rows = []
    area_id = {"fylke": fylke_id, "kommune": kommune_id, "bydel": bydel_id,
               "krets": krets_area_id(kommune_id, nr) if level == "krets" else None}[level]
    if level == "bydel" and is_bydel_00(nr):
        warnings.append(f"«{navn or 'Bydel 00'}» samler forhåndsstemmene som telles sentralt og har ingen "
                        f"geografi: ingen valgdeltakelse-rad for den (antallsb {fmt.number(eligible)} er velgere "
                        "uten krets, ikke en bydels velgermasse). Resultatradene får bydel_id tom.")
    elif level == "krets" and (belongs_to_no_bydel(nr) or not eligible):
        warnings.append(f"Krets {nr} «{navn}» er et forhåndsstemmested eller en samlekrets uten egen velgermasse "
                        f"(antallsb {fmt.number(eligible)}): ingen valgdeltakelse-rad.")
    elif eligible is None or votes_cast is None:
        missing = "antallsb" if eligible is None else "stemmegiving.totalGodkjente"
        warnings.append(f"Feltet «{missing}» mangler, så valgdeltakelsen for {navn} kan ikke regnes ut: "
                        "ingen valgdeltakelse-rad.")
    elif eligible == 0:
        warnings.append(f"«antallsb» er 0 for {navn}: ingen valgdeltakelse-rad.")
    else:
        turnout_rows.append({"election_id": election_id, "area_level": level, "area_id": area_id,
                             "area_name": area_name, "kommune_id": kommune_id, "bydel_id": bydel_id,
                             "eligible_voters": eligible, "votes_cast": votes_cast})
    turnout = _frame(turnout_rows, TURNOUT_COLUMNS)

    checks = [*_share_checks(parties), *_ballot_checks(top, parties)]
    if turnout_rows:
        check, warning = _turnout_check(top, eligible, votes_cast)
        if check:
            checks.append(check)
        if warning:
            warnings.append(warning)

    related = _dig(top, "_links", "related")
    children = tuple(str(item.get("nr")) for item in related if isinstance(item, dict) and item.get("nr") is not None) \
        if isinstance(related, list) else ()
    return ValgJsonBatch(
        kind=KIND, source_name=source_name, election_id=election_id,
        tables={"results": results, "turnout": turnout},
        areas=_areas(level, nr, area_name, fylke_id, kommune_id, bydel_id, top),
        checks=checks, warnings=warnings,
        level=level, area_nr=nr, area_name=area_name, fylke_id=fylke_id, kommune_id=kommune_id,
        bydel_id=bydel_id, eligible_voters=eligible, votes_cast=votes_cast,
        ballots=_count(_dig(top, "stemmer", "total")), advance_ballots=_count(_dig(top, "stemmer", "fhs")),
        children=children,
    )


def _parties(top: dict, source_name: str) -> list[tuple[str, str, int, int, dict]]:
    """(code, name, total, fhs, resultat) per real party; rejects null reports and missing counts."""
    partier = top.get("partier")
    if partier is None or (isinstance(partier, list) and not partier):
        raise rejected(source_name, "tom rapport (nullrapport): feltet «partier» mangler eller er tomt. "
                                    "Resultatene er trolig ikke publisert ennå (API-et svarer da med HTTP 269)")
    if not isinstance(partier, list):
        raise rejected(source_name, "feltet «partier» er ikke en liste")
    out: list[tuple[str, str, int, int, dict]] = []
    seen: set[str] = set()
    for i, party in enumerate(partier):
        code = _dig(party, "id", "partikode")
        if not isinstance(code, str) or not code.strip():
            raise rejected(source_name, f"«partier[{i}].id.partikode» mangler")
        code = code.strip()
        if code in PSEUDO_PARTIES:
            continue
        if code in seen:
            raise rejected(source_name, f"partikoden «{code}» står to ganger i «partier» (partier[{i}])")
        seen.add(code)
        resultat = _dig(party, "stemmer", "resultat")
        counts = {}
        for key in ("total", "fhs"):
            value = _count(_dig(resultat, "antall", key))
            if value is None:
                raise rejected(source_name, f"«partier[{i}].stemmer.resultat.antall.{key}» (parti {code}) mangler "
                                            "eller er ikke et ikke-negativt heltall")
            counts[key] = value
        if counts["fhs"] > counts["total"]:
            raise rejected(source_name, f"«partier[{i}].stemmer.resultat.antall» (parti {code}): fhs "
                                        f"{counts['fhs']} er større enn total {counts['total']}")
        name = str(_dig(party, "id", "navn") or code)
        out.append((code, name, counts["total"], counts["fhs"], resultat if isinstance(resultat, dict) else {}))
    if not out:
        raise rejected(source_name, "feltet «partier» inneholder bare sammendragene Andre/Andre2, ingen partier")
    return out


def _frame(rows: list[dict], columns: list[str]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=columns)
    for column in INT_COLUMNS & set(columns):
        frame[column] = frame[column].astype("int64")
    return frame


def _share_checks(parties) -> list[Check]:
    """Party shares recomputed from the counts vs the response's `prosent` (and fhs/vts shares)."""
    checks = []
    specs = [("prosent", lambda total, fhs: total, "Partiandeler"),
             ("fhsProsent", lambda total, fhs: fhs, "Partiandeler av forhåndsstemmer"),
             ("vtsProsent", lambda total, fhs: total - fhs, "Partiandeler av valgtingsstemmer")]
    for key, pick, title in specs:
        given = [(code, _number(res.get(key)), pick(total, fhs)) for code, _, total, fhs, res in parties]
        given = [(code, pct, votes) for code, pct, votes in given if pct is not None]
        if not given:
            continue
        base = sum(pick(total, fhs) for code, _, total, fhs, _ in parties if code != BLANK)
        if base == 0:
            checks.append(Check(title, True, f"{title}: ingen stemmer ennå (alle partier har 0), «{key}» ikke "
                                             "kontrollert."))
            continue
        deviations = [(code, pct, 100 * votes / base) for code, pct, votes in given]
        bad = [(c, p, r) for c, p, r in deviations if abs(p - r) > SHARE_TOLERANCE_PP]
        worst = max(abs(p - r) for _, p, r in deviations)
        if bad:
            listed = "; ".join(f"{c}: {_pp(p)} i filen, {_pp(r)} regnet ut" for c, p, r in bad[:5])
            more = f" (og {len(bad) - 5} til)" if len(bad) > 5 else ""
            checks.append(Check(title, False, f"{title} («{key}») stemmer ikke med stemmetallene for {len(bad)} "
                                              f"parti(er): {listed}{more}. Grunnlag: {fmt.number(base)} stemmer "
                                              "uten blanke."))
        else:
            checks.append(Check(title, True, f"{title} regnet ut fra stemmetallene stemmer med «{key}» for "
                                             f"{len(given)} partier (største avvik {fmt.number(worst, 6)} pp)."))
    return checks


def _ballot_checks(top: dict, parties) -> list[Check]:
    """Party counts (incl. BLANKE) add up to `stemmer.total`/`fhs`; `Andre` = kategori 2 and 3 without blanks."""
    checks = []
    total = sum(p[2] for p in parties)
    fhs = sum(p[3] for p in parties)
    given_total = _count(_dig(top, "stemmer", "total"))
    given_fhs = _count(_dig(top, "stemmer", "fhs"))
    if given_total is not None:
        ok = total == given_total and (given_fhs is None or fhs == given_fhs)
        text = (f"Partienes stemmer (med blanke) {fmt.number(total)}, herav forhånd {fmt.number(fhs)}; "
                f"«stemmer.total» {fmt.number(given_total)}, «stemmer.fhs» {fmt.number(given_fhs)}.")
        checks.append(Check("Stemmesedler i alt", ok, text if ok else "Summen stemmer ikke: " + text))
    andre = next((p for p in (top.get("partier") or []) if _dig(p, "id", "partikode") == "Andre"), None)
    andre_total = _count(_dig(andre, "stemmer", "resultat", "antall", "total"))
    if andre_total is not None:
        codes = {_dig(p, "id", "partikode"): _dig(p, "id", "partikategori") for p in top["partier"]}
        small = sum(p[2] for p in parties if p[0] != BLANK and codes.get(p[0]) in (2, 3))
        ok = small == andre_total
        checks.append(Check("Andre", ok, f"«Andre» {fmt.number(andre_total)} "
                                         f"{'=' if ok else '≠'} partikategori 2 og 3 uten blanke "
                                         f"{fmt.number(small)}."))
    return checks


def _turnout_check(top: dict, eligible: int, votes_cast: int) -> tuple[Check | None, str | None]:
    """Turnout recomputed vs frammote.prosentStemmegiving (to 2021) or frammote.prosent (2025)."""
    computed = 100 * votes_cast / eligible
    frammote = top.get("frammote") if isinstance(top.get("frammote"), dict) else {}
    for key in ("prosentStemmegiving", "prosent"):
        published = _number(frammote.get(key))
        if published is not None:
            break
    else:
        return None, (f"Filen har ingen frammøteprosent («frammote.prosentStemmegiving»/«frammote.prosent»); "
                      f"valgdeltakelsen {fmt.number(computed, 2)} % er regnet ut, men ikke kontrollert.")
    ok = abs(computed - published) <= TURNOUT_TOLERANCE_PP + 1e-9
    text = (f"Valgdeltakelse {fmt.number(computed, 2)} % ({fmt.number(votes_cast)} godkjente stemmegivninger av "
            f"{fmt.number(eligible)} stemmeberettigede) mot publisert {fmt.number(published, 1)} % "
            f"(«frammote.{key}»)")
    return Check("Valgdeltakelse", ok, text + (", innenfor avrundingen." if ok else ": avviker mer enn 0,05 pp.")), None


def _areas(level, nr, area_name, fylke_id, kommune_id, bydel_id, top) -> str:
    if level == "fylke":
        return f"{area_name} ({fylke_id}), {LEVEL_WORDS[level]}"
    if level == "kommune":
        return f"{area_name} ({kommune_id}), {LEVEL_WORDS[level]}"
    if level == "bydel":
        if bydel_id is None:
            kommune_name = _dig(top, "_links", "up", "navn") or kommune_id
            return f"{area_name} ({kommune_name} {kommune_id}: forhåndsstemmer, ingen bydel), bydel"
        return f"{area_name} ({bydel_id}), bydel"
    return f"{area_name} ({krets_area_id(kommune_id, nr)}), {LEVEL_WORDS[level]}"


# ---------------------------------------------------------------------------------------------
# Cross-file: the bydeler of one election add up to the kommune
