"""Cross-file check for valgresultat.no responses: do the bydeler add up to their kommune?

Oslo's bydeler add up to the kommune only with «Bydel 00» included: it holds the centrally
counted advance ballots and the few voters without a krets. The batches carry the node
totals for that (see valg_json.ValgJsonBatch).
"""
from __future__ import annotations

import pandas as pd

from campaign import fmt
from campaign.ingest.base import Check, ParsedBatch
from campaign.ingest.valg_json_read import is_bydel_00


def _meta(batch: ParsedBatch, name: str):
    return getattr(batch, name, None)


def _code_of(batch: ParsedBatch, name: str, column: str) -> str | None:
    """The node's own code (level, kommune) from the batch, else from its first result row."""
    value = _meta(batch, name)
    if value:
        return value
    results = batch.tables.get("results")
    return results[column].iloc[0] if results is not None and len(results) else None


def _count_of(batch: ParsedBatch, column: str) -> int | None:
    """The node's own count (eligible voters, votes cast) from the batch, else its turnout rows."""
    value = _meta(batch, column)
    if value is not None:
        return int(value)
    turnout = batch.tables.get("turnout")
    return int(turnout[column].sum()) if turnout is not None and len(turnout) else None


def _label(batch: ParsedBatch) -> str:
    nr = _meta(batch, "area_nr")
    name = _meta(batch, "area_name")
    return f"{nr} {name}".strip() if nr or name else batch.source_name


def check_bydel_sums(batches: list[ParsedBatch]) -> list[Check]:
    """Check that the bydel responses of an election add up to its kommune response.

    Pass the kommune batch and its bydel batches (others are ignored; several elections or
    kommuner are checked group by group). Checked: every bydel the kommune lists under
    `_links.related` is present, once; ballots per party (total and advance) and in all; and
    the electorate (`antallsb`) and approved stemmegivinger. In the real Oslo files (st2021,
    st2025) everything adds up exactly **with Bydel 00 included**: its ballots are all
    advance votes plus a few hundred election-day ballots with no krets, and its `antallsb`
    (1 410 in 2021, 1 693 in 2025) is the electorate with no krets; without it the 15 bydeler
    fall short of the kommune by exactly that number.
    """
    checks: list[Check] = []
    groups: dict[tuple[str, str | None], list[ParsedBatch]] = {}
    for batch in batches:
        if _code_of(batch, "level", "area_level") in ("kommune", "bydel"):
            groups.setdefault((batch.election_id, _code_of(batch, "kommune_id", "kommune_id")), []).append(batch)
    for (election_id, kommune_id), group in sorted(groups.items(), key=lambda kv: (kv[0][0], kv[0][1] or "")):
        kommuner = [b for b in group if _code_of(b, "level", "area_level") == "kommune"]
        bydeler = [b for b in group if _code_of(b, "level", "area_level") == "bydel"]
        if not bydeler:
            continue
        prefix = f"{election_id} {kommune_id}"
        if len(kommuner) != 1:
            problem = ("ingen kommunefil å sammenligne med" if not kommuner else
                       f"{len(kommuner)} kommunefiler: " + ", ".join(f"«{b.source_name}»" for b in kommuner))
            checks.append(Check("Bydelssummer", False, f"{prefix}: {problem}."))
            continue
        checks.extend(_check_group(prefix, kommuner[0], bydeler))
    return checks


def _check_group(prefix: str, kommune: ParsedBatch, bydeler: list[ParsedBatch]) -> list[Check]:
    """All checks for one kommune and its bydeler."""
    checks = [_membership_check(prefix, kommune, bydeler)]
    k_results = kommune.tables["results"]
    b_results = pd.concat([b.tables["results"] for b in bydeler], ignore_index=True)
    checks.append(_party_votes_check(prefix, k_results, b_results))
    k_total, b_total = int(k_results["votes"].sum()), int(b_results["votes"].sum())
    checks.append(Check("Bydelssummer: stemmesedler i alt", k_total == b_total,
                        f"{prefix}: bydelene {fmt.number(b_total)}, kommunen {fmt.number(k_total)}"
                        + ("." if k_total == b_total else f", forskjell {fmt.signed(b_total - k_total)}.")))
    for title, column, word in (("stemmeberettigede", "eligible_voters", "stemmeberettigede (antallsb)"),
                                ("godkjente stemmegivninger", "votes_cast",
                                 "godkjente stemmegivninger (stemmegiving.totalGodkjente)")):
        checks.append(_count_check(prefix, kommune, bydeler, title, column, word))
    return checks


def _membership_check(prefix: str, kommune: ParsedBatch, bydeler: list[ParsedBatch]) -> Check:
    """Every bydel the kommune lists under `_links.related` is present, once, and no other."""
    nrs = [_meta(b, "area_nr") or _label(b) for b in bydeler]
    duplicates = sorted({n for n in nrs if nrs.count(n) > 1})
    expected = list(_meta(kommune, "children") or ())
    missing = [n for n in expected if n not in nrs]
    extra = [n for n in nrs if expected and n not in expected]
    ok = not (duplicates or missing or extra)
    parts = []
    if missing:
        parts.append("mangler bydel " + ", ".join(missing))
    if duplicates:
        parts.append("bydel " + ", ".join(duplicates) + " står flere ganger")
    if extra:
        parts.append("bydel " + ", ".join(extra) + " er ikke oppført i kommunefilens «_links.related»")
    listed = f"alle {len(expected)} bydeler i kommunefilens «_links.related» er med" if expected else \
        f"{len(bydeler)} bydeler (kommunefilen lister ingen «_links.related»)"
    return Check("Bydelssummer: bydeler", ok, f"{prefix}: " + ("; ".join(parts) if parts else listed) + ".")


def _party_votes_check(prefix: str, k_results: pd.DataFrame, b_results: pd.DataFrame) -> Check:
    """Ballots per party, in all and in advance, in the bydeler against the kommune."""
    k_by = k_results.groupby("party_code")[["votes", "advance_votes"]].sum()
    b_by = b_results.groupby("party_code")[["votes", "advance_votes"]].sum()
    joined = k_by.join(b_by, how="outer", lsuffix="_kommune", rsuffix="_bydeler").fillna(0).astype("int64")
    diff = joined[(joined["votes_kommune"] != joined["votes_bydeler"])
                  | (joined["advance_votes_kommune"] != joined["advance_votes_bydeler"])]
    if len(diff):
        listed = "; ".join(f"{code}: kommunen {fmt.number(r.votes_kommune)} (forhånd "
                           f"{fmt.number(r.advance_votes_kommune)}), bydelene {fmt.number(r.votes_bydeler)} "
                           f"(forhånd {fmt.number(r.advance_votes_bydeler)})"
                           for code, r in diff.head(8).iterrows())
        return Check("Bydelssummer: stemmer per parti", False,
                     f"{prefix}: {len(diff)} parti(er) summerer ikke til kommunen: {listed}.")
    return Check("Bydelssummer: stemmer per parti", True,
                 f"{prefix}: stemmene for alle {len(joined)} partier (med blanke, i alt og forhånd) i "
                 f"bydelene summerer til kommunens.")


def _count_check(prefix: str, kommune: ParsedBatch, bydeler: list[ParsedBatch], title: str, column: str,
                 word: str) -> Check:
    """One count (electorate, approved stemmegivinger) of the bydeler, Bydel 00 included, against the kommune."""
    k_value = _count_of(kommune, column)
    values = {id(b): _count_of(b, column) for b in bydeler}
    unknown = [_label(b) for b in bydeler if values[id(b)] is None]
    if k_value is None or unknown:
        what = "kommunen" if k_value is None else "bydel " + ", ".join(unknown)
        return Check(f"Bydelssummer: {title}", False,
                     f"{prefix}: {word} er ukjent for {what}; summen kan ikke kontrolleres.")
    no_bydel = [b for b in bydeler if is_bydel_00(_meta(b, "area_nr"))]
    total = sum(values.values())
    zero = sum(values[id(b)] for b in no_bydel)
    detail = (f"{len(bydeler) - len(no_bydel)} bydeler {fmt.number(total - zero)}"
              + (f" + Bydel 00 {fmt.number(zero)}" if no_bydel else "")
              + f" = {fmt.number(total)}, kommunen {fmt.number(k_value)}")
    if total == k_value:
        return Check(f"Bydelssummer: {title}", True, f"{prefix}: {word}: {detail}.")
    hint = ""
    if not no_bydel:
        hint = " Bydel 00 mangler; dens tall hører med i summen."
    return Check(f"Bydelssummer: {title}", False,
                 f"{prefix}: {word} summerer ikke: {detail}, forskjell "
                 f"{fmt.signed(total - k_value)}.{hint}")
