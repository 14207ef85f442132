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

from dataclasses import dataclass, field

import pandas as pd

from campaign import fmt
from campaign.areas import belongs_to_no_bydel, krets_area_id, krets_to_bydel
from campaign.config import Config
from campaign.ingest.base import Check, ParsedBatch, rejected
from campaign.ingest.source import Sniff, Source
from campaign.ingest.valg_json_checks import ballot_checks, electorate_check, share_checks, turnout_check
from campaign.ingest.valg_json_read import (
    Node,
    Party,
    codes_from_links,
    dig,
    is_bydel_00,
    is_code,
    load,
    node_of,
    optional_count,
    parties,
)
from campaign.ingest.valg_sums import check_bydel_sums
from campaign.store import SCHEMAS

KIND = "valg_json"
LEVEL_WORDS = {"fylke": "fylkesnivå", "kommune": "kommunenivå", "bydel": "bydel", "krets": "stemmekrets"}

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


def parse_valg_json(data: bytes, source_name: str, config: Config) -> ValgJsonBatch:
    """Parse one saved valgresultat.no response (fylke, kommune, bydel or stemmekrets node)."""
    top = load(data, source_name)
    node = node_of(top, source_name)
    party_counts = parties(top, source_name)
    warnings: list[str] = []
    _locate(top, node, source_name, warnings)
    _require_in_fylke(node, config, source_name)
    _place(top, node, config, source_name, warnings)
    results = _results(node, party_counts, _kommune_name(node, config))
    eligible = optional_count(top, ("antallsb",), source_name)
    votes_cast = optional_count(top, ("stemmegiving", "totalGodkjente"), source_name)
    ballots = optional_count(top, ("stemmer", "total"), source_name)
    advance_ballots = optional_count(top, ("stemmer", "fhs"), source_name)
    turnout = _turnout(node, eligible, votes_cast, warnings)
    checks = [electorate_check(top, node.level, len(turnout) > 0, eligible, votes_cast, ballots),
              *_checks(top, party_counts, len(turnout) > 0, eligible, votes_cast, warnings)]
    return ValgJsonBatch(
        kind=KIND, source_name=source_name, election_id=node.election_id,
        tables={"results": results, "turnout": turnout},
        areas=_areas(node, top),
        checks=checks, warnings=warnings,
        level=node.level, area_nr=node.nr, area_name=node.area_name, fylke_id=node.fylke_id,
        kommune_id=node.kommune_id, bydel_id=node.bydel_id, eligible_voters=eligible, votes_cast=votes_cast,
        ballots=ballots, advance_ballots=advance_ballots,
        children=_children(top), area=None if node.level == "fylke" else config.fylke_id,
    )


# ---------------------------------------------------------------------------------------------
# Where the node sits: fylke and kommune from the links, bydel and krets from campaign.toml


def _locate(top: dict, node: Node, source_name: str, warnings: list[str]) -> None:
    """fylke_id and kommune_id: id.nr at those levels, else from the links' hrefs (or _links.up.nr)."""
    nr = node.nr
    fylke_id, kommune_id = codes_from_links(top)
    if node.level == "fylke":
        if fylke_id and fylke_id != nr:
            warnings.append(f"«id.nr» er {nr}, men «_links.self.href» peker på fylke {fylke_id}; bruker id.nr.")
        fylke_id, kommune_id = nr, None
    elif node.level == "kommune":
        if kommune_id and kommune_id != nr:
            warnings.append(f"«id.nr» er {nr}, men «_links.self.href» peker på kommune {kommune_id}; bruker id.nr.")
        kommune_id = nr
    elif kommune_id is None:
        up_nr = str(dig(top, "_links", "up", "nr") or "")
        if len(up_nr) == 4 and is_code(up_nr):
            kommune_id = up_nr
        else:
            raise rejected(source_name, "finner ikke kommunenummeret: «_links.self.href» og «_links.up.href» "
                                        "har ikke formen /{år}/{valgtype}/{fylke}/{kommune}/{nr}")
    if fylke_id is None:
        warnings.append("Fylkesnummeret står ikke i «_links.self.href»/«_links.up.href»; fylke_id er tomt.")
    node.fylke_id, node.kommune_id = fylke_id, kommune_id


def _require_in_fylke(node: Node, config: Config, source_name: str) -> None:
    """A kommune, bydel or krets node must lie in the configured fylke (any kommune of it, also for a
    kommune branch: the store keeps the whole fylke). A fylke node is kept whatever the configuration."""
    if node.level != "fylke" and not config.in_fylke(node.kommune_id):
        where = f"{config.fylke_name} ({config.fylke_id})" if config.fylke_name else f"fylke {config.fylke_id}"
        raise rejected(source_name, f"svaret gjelder kommune {node.kommune_id}, som ikke ligger i {where}; "
                                    "campaign.toml sier hvilket fylke dashbordet gjelder.")


def _kommune_name(node: Node, config: Config) -> str | None:
    """The kommune's name for `results.kommune_name`: the node's own name, or campaign.toml's for its kommune."""
    if node.level == "kommune":
        return node.navn or None
    if node.level != "fylke" and node.kommune_id == config.kommune_id:
        return config.kommune_name or None
    return None


def _place(top: dict, node: Node, config: Config, source_name: str, warnings: list[str]) -> None:
    """bydel_id (and krets) of a bydel or krets node, and campaign.toml's name for a bydel."""
    if node.level == "bydel" and not is_bydel_00(node.nr):
        if not is_code(node.nr):
            raise rejected(source_name, f"«id.nr» = «{node.nr}» er ikke et bydelsnummer")
        node.bydel_id = f"{node.kommune_id}{int(node.nr):02d}"
        if node.kommune_id == config.kommune_id and config.bydeler:
            if node.bydel_id in config.bydeler:
                node.area_name = config.bydeler[node.bydel_id]
            else:
                warnings.append(f"Bydel {node.bydel_id} ({node.navn}) står ikke under [bydeler] i campaign.toml.")
    elif node.level == "krets":
        node.krets_id, node.krets_name = node.nr, node.navn
        node.bydel_id = krets_to_bydel(node.krets_id, node.kommune_id, config)
        _note_api_bydel(top, node, config, warnings)


def _note_api_bydel(top: dict, node: Node, config: Config, warnings: list[str]) -> None:
    """Warn when the API files a krets under another bydel than campaign.toml's rule gives."""
    up_nr = str(dig(top, "_links", "up", "nr") or "")
    if node.kommune_id == config.kommune_id and 0 < len(up_nr) <= 2 and is_code(up_nr):
        api_bydel = None if is_bydel_00(up_nr) else f"{node.kommune_id}{int(up_nr):02d}"
        if api_bydel != node.bydel_id:
            warnings.append(f"Krets {node.krets_id} ligger under bydel {up_nr} i API-et («_links.up»), men "
                            f"kretsnummeret gir bydel {node.bydel_id or 'ingen'} (campaign.toml); bruker "
                            "campaign.toml.")


# ---------------------------------------------------------------------------------------------
# Rows, checks and summary


def _results(node: Node, party_counts: list[Party], kommune_name: str | None) -> pd.DataFrame:
    """One results row per party, BLANKE included."""
    base = {"election_id": node.election_id, "area_level": node.level, "fylke_id": node.fylke_id,
            "kommune_id": node.kommune_id, "bydel_id": node.bydel_id, "krets_id": node.krets_id,
            "krets_name": node.krets_name, "kommune_name": kommune_name}
    rows = [{**base, "party_code": code, "party_name": name, "advance_votes": fhs,
             "election_day_votes": total - fhs, "votes": total}
            for code, name, total, fhs, _ in party_counts]
    return _frame(rows, RESULT_COLUMNS)


def _turnout(node: Node, eligible: int | None, votes_cast: int | None, warnings: list[str]) -> pd.DataFrame:
    """The node's turnout row, or none (with a warning saying why)."""
    reason = _no_turnout_reason(node, eligible, votes_cast)
    if reason:
        warnings.append(reason)
        return _frame([], TURNOUT_COLUMNS)
    area_id = {"fylke": node.fylke_id, "kommune": node.kommune_id, "bydel": node.bydel_id,
               "krets": krets_area_id(node.kommune_id, node.nr) if node.level == "krets" else None}[node.level]
    return _frame([{"election_id": node.election_id, "area_level": node.level, "area_id": area_id,
                    "area_name": node.area_name, "kommune_id": node.kommune_id, "bydel_id": node.bydel_id,
                    "eligible_voters": eligible, "votes_cast": votes_cast}], TURNOUT_COLUMNS)


def _no_turnout_reason(node: Node, eligible: int | None, votes_cast: int | None) -> str | None:
    nr, navn = node.nr, node.navn
    if node.level == "bydel" and is_bydel_00(nr):
        return (f"«{navn or 'Bydel 00'}» samler forhåndsstemmene som telles sentralt og har ingen "
                f"geografi: ingen valgdeltakelse-rad for den (antallsb {fmt.number(eligible)} er velgere "
                "uten krets, ikke en bydels velgermasse). Resultatradene får bydel_id tom.")
    if node.level == "krets" and (belongs_to_no_bydel(nr) or not eligible):
        return (f"Krets {nr} «{navn}» er et forhåndsstemmested eller en samlekrets uten egen velgermasse "
                f"(antallsb {fmt.number(eligible)}): ingen valgdeltakelse-rad.")
    if eligible is None or votes_cast is None:
        missing = "antallsb" if eligible is None else "stemmegiving.totalGodkjente"
        return (f"Feltet «{missing}» mangler, så valgdeltakelsen for {navn} kan ikke regnes ut: "
                "ingen valgdeltakelse-rad.")
    if eligible == 0:
        return f"«antallsb» er 0 for {navn}: ingen valgdeltakelse-rad."
    return None


def _checks(top: dict, party_counts: list[Party], has_turnout: bool, eligible: int | None,
            votes_cast: int | None, warnings: list[str]) -> list[Check]:
    checks = [*share_checks(party_counts), *ballot_checks(top, party_counts)]
    if has_turnout:
        check, warning = turnout_check(top, eligible, votes_cast)
        if check:
            checks.append(check)
        if warning:
            warnings.append(warning)
    return checks


def _children(top: dict) -> tuple[str, ...]:
    """The nr of each child listed under _links.related."""
    related = dig(top, "_links", "related")
    if not isinstance(related, list):
        return ()
    return tuple(str(item.get("nr")) for item in related if isinstance(item, dict) and item.get("nr") is not None)


def _frame(rows: list[dict], columns: list[str]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=columns)
    for column in INT_COLUMNS & set(columns):
        frame[column] = frame[column].astype("int64")
    return frame


def _areas(node: Node, top: dict) -> str:
    level, area_name, kommune_id = node.level, node.area_name, node.kommune_id
    if level == "fylke":
        return f"{area_name} ({node.fylke_id}), {LEVEL_WORDS[level]}"
    if level == "kommune":
        return f"{area_name} ({kommune_id}), {LEVEL_WORDS[level]}"
    if level == "bydel":
        if node.bydel_id is None:
            kommune_name = dig(top, "_links", "up", "navn") or kommune_id
            return f"{area_name} ({kommune_name} {kommune_id}: forhåndsstemmer, ingen bydel), bydel"
        return f"{area_name} ({node.bydel_id}), bydel"
    return f"{area_name} ({krets_area_id(kommune_id, node.nr)}), {LEVEL_WORDS[level]}"


# ✱ Source declaration ----------------------------------------------------------------------------

def _recognise(sniff: Sniff) -> bool:
    document = sniff.document
    return isinstance(document, dict) and isinstance(document.get("id"), dict) and "nivaa" in document["id"]


SOURCE = Source(
    kind="valg_json",
    label="Valgresultat (JSON)",
    description="valgresultater fra valgresultat.no-API-et (JSON)",
    credit="Valgdirektoratet / valgresultat.no",
    extensions=("json",),
    recognise=_recognise,
    parse=parse_valg_json,
    tables=("results", "turnout"),
    check_together=check_bydel_sums,
    rules=("hele, ikke-negative antall (høyst 10 millioner) i alle tallfelt", "forhånd ≤ totalt for hvert parti",
           "partiene summerer til «stemmer.total»", "valgdeltakelse høyst 100 %",
           "ikke flere stemmesedler enn stemmeberettigede i en kommune eller et fylke",
           "områdenumre med sifrene 0–9", "JSON nøstet høyst 64 nivåer"),
)
