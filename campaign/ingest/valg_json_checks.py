"""Checks on one valgresultat.no response: party shares, ballot sums, and turnout against `frammote`."""
from __future__ import annotations

from campaign import fmt
from campaign.ingest.base import Check
from campaign.ingest.valg_json_read import BLANK, Party, as_count, as_number, dig

SHARE_TOLERANCE_PP = 0.001   # `prosent` has 5 decimals
TURNOUT_TOLERANCE_PP = 0.05  # `frammote` has 1 decimal


def _pp(value: float) -> str:
    return f"{fmt.number(value, 5)} %"


def share_checks(parties: list[Party]) -> list[Check]:
    """Party shares recomputed from the counts vs the response's `prosent` (and fhs/vts shares)."""
    checks = []
    specs = [("prosent", lambda total, fhs: total, "Partiandeler"),
             ("fhsProsent", lambda total, fhs: fhs, "Partiandeler av forhåndsstemmer"),
             ("vtsProsent", lambda total, fhs: total - fhs, "Partiandeler av valgtingsstemmer")]
    for key, pick, title in specs:
        given = [(code, as_number(res.get(key)), pick(total, fhs)) for code, _, total, fhs, res in parties]
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


def ballot_checks(top: dict, parties: list[Party]) -> list[Check]:
    """Party counts (incl. BLANKE) add up to `stemmer.total`/`fhs`; `Andre` = kategori 2 and 3 without blanks."""
    checks = []
    total = sum(p[2] for p in parties)
    fhs = sum(p[3] for p in parties)
    given_total = as_count(dig(top, "stemmer", "total"))
    given_fhs = as_count(dig(top, "stemmer", "fhs"))
    if given_total is not None:
        ok = total == given_total and (given_fhs is None or fhs == given_fhs)
        text = (f"Partienes stemmer (med blanke) {fmt.number(total)}, herav forhånd {fmt.number(fhs)}; "
                f"«stemmer.total» {fmt.number(given_total)}, «stemmer.fhs» {fmt.number(given_fhs)}.")
        checks.append(Check("Stemmesedler i alt", ok, text if ok else "Summen stemmer ikke: " + text,
                            rejects=True))  # one response contradicting itself
    andre = next((p for p in (top.get("partier") or []) if dig(p, "id", "partikode") == "Andre"), None)
    andre_total = as_count(dig(andre, "stemmer", "resultat", "antall", "total"))
    if andre_total is not None:
        codes = {dig(p, "id", "partikode"): dig(p, "id", "partikategori") for p in top["partier"]}
        small = sum(p[2] for p in parties if p[0] != BLANK and codes.get(p[0]) in (2, 3))
        ok = small == andre_total
        checks.append(Check("Andre", ok, f"«Andre» {fmt.number(andre_total)} "
                                         f"{'=' if ok else '≠'} partikategori 2 og 3 uten blanke "
                                         f"{fmt.number(small)}."))
    return checks


def turnout_check(top: dict, eligible: int, votes_cast: int) -> tuple[Check | None, str | None]:
    """Turnout recomputed vs frammote.prosentStemmegiving (to 2021) or frammote.prosent (2025)."""
    computed = 100 * votes_cast / eligible
    frammote = top.get("frammote") if isinstance(top.get("frammote"), dict) else {}
    for key in ("prosentStemmegiving", "prosent"):
        published = as_number(frammote.get(key))
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


def electorate_check(top: dict, level: str, has_turnout: bool, eligible: int | None, votes_cast: int | None,
                     ballots: int | None) -> Check:
    """Rejecting: turnout at most 100 %, and no more ballots than voters in a kommune or fylke.

    Ballots are compared only where the area's electorate casts all of them: in a bydel or krets
    advance ballots and voters from elsewhere do not count where the voter lives (Bydel 00 holds
    287 673 ballots for 1 693 voters in 2025).
    """
    problems, held = [], []
    if has_turnout and eligible is not None and votes_cast is not None:
        (problems if votes_cast > eligible else held).append(
            f"{fmt.number(votes_cast)} godkjente stemmegivninger av {fmt.number(eligible)} stemmeberettigede")
    if level in ("kommune", "fylke") and eligible is not None and ballots is not None:
        (problems if ballots > eligible else held).append(
            f"{fmt.number(ballots)} stemmesedler av {fmt.number(eligible)} stemmeberettigede")
    frammote = top.get("frammote") if isinstance(top.get("frammote"), dict) else {}
    for key, value in frammote.items():
        number = as_number(value)
        if key.startswith("prosent") and number is not None and not 0 <= number <= 100:
            problems.append(f"«frammote.{key}» = {fmt.number(number, 1)} %")
    if problems:
        return Check("Valgdeltakelse høyst 100 %", False, "Umulig: " + "; ".join(problems) + ".", rejects=True)
    return Check("Valgdeltakelse høyst 100 %", True,
                 ("; ".join(held) if held else "ingen velgermasse å sammenligne med") + ".", rejects=True)
