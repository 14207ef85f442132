"""The evaluation's slides about the campaign and the other elections: field effort, what each krone
bought, district-council seats and the school election (each left out, with a note, without data)."""
from __future__ import annotations

import pandas as pd

from campaign import ad_costs, ads_report, evaluation, evaluation_charts, fieldwork_report, fmt, queries, results
from campaign.evaluation_slides import Context, Slide, council_ids, source_text

FIELD_HELP = ("importer malene for ringing og dørbanking (eller Zetkin-eksporten) på siden «Importer data»")


def field_slide(ctx: Context) -> Slide | str:
    year = int(ctx.election_id[-4:])
    calls = queries.field_calls_by_year()
    calls = calls[calls["year"] == year]
    rounds = queries.field_doors()
    rounds = rounds[[d.year == year for d in rounds["date"]]] if not rounds.empty else rounds
    if calls.empty and rounds.empty:
        return f"Feltarbeid: ingen ringing eller dørbanking for {year} i lageret – {FIELD_HELP}."
    parts = []
    parts += [f"{row.assignment}: {fmt.number(row.calls_made)} ringt, {fmt.number(row.calls_reached)} nådd"
              for row in calls.sort_values("calls_made", ascending=False).itertuples()]
    if not rounds.empty:
        parts.append(f"{rounds['date'].nunique()} dørbankerunder ({fmt.number(rounds['doors'].sum())} dører)")
    title = f"Feltarbeidet i {year}: " + "; ".join(parts) + "."
    source = source_text(("field_calls", "field_doors"))
    section = fieldwork_report.calls_by_year(source)
    figure = section[1] if section else fieldwork_report.doors(source)[1]
    return Slide("field", title, figure, source, ctx.stamp)


def money_slide(ctx: Context) -> Slide | str:
    period = ctx.config.campaign_period
    if period is None:
        return "Hva hver krone ga: ingen valgkampperiode i campaign.toml ([campaign] first_date og last_date)."
    first, last = period
    if ctx.election_id[-4:] != str(last.year):
        return (f"Hva hver krone ga: valgkampperioden i campaign.toml ({fmt.period(first, last)}) gjelder ikke "
                f"{ctx.name(ctx.election_id)}.")
    frame = ad_costs.value_for_money(queries.paid_channels(first, last))
    rows = frame[~frame["is_total"] & frame["cost_per_lpv_nok"].notna()] if not frame.empty else frame
    if rows.empty:
        return ("Hva hver krone ga: ingen annonsekostnader med landingssidevisninger i valgkampperioden – importer "
                "annonseeksportene (Meta, Snapchat, LinkedIn …) på siden «Importer data».")
    best = rows.loc[rows["cost_per_lpv_nok"].idxmin()]
    total = frame.loc[frame["is_total"], "spend_nok"].iloc[0]
    title = (f"{fmt.kroner(total)} i betalte kanaler; {best['label']} ga billigst besøk på landingssiden: "
             f"{fmt.kroner(best['cost_per_lpv_nok'], 2)} per visning.")
    source = source_text(("ads", "ads_period", "ad_buys"))
    figure = ads_report.value(first, last, source).charts["cost_per_lpv_nok"]
    return Slide("money", title, figure, source, ctx.stamp)


def council_slide(ctx: Context) -> Slide | str:
    councils = ctx.data.councils
    if (councils is None or councils.empty) and not ctx.config.bydeler:
        return ""  # no bydeler, no district councils: nothing to say
    if (councils is None or councils.empty) and results.election_kind(ctx.election_id, ctx.config) != "ko":
        return (f"Bydelsutvalgene: de velges samme dag som {ctx.config.council_name}, ikke ved "
                f"{ctx.name(ctx.election_id)}.")
    if councils is None or councils.empty:
        bu, _ = council_ids(ctx.election_id, ctx.compare_id)
        return (f"Bydelsutvalgene: bydelsutvalgsvalget {bu[-4:]} er ikke importert – last ned malen "
                "«Bydelsutvalgsvalg» på siden «Importer data», fyll inn stemmer og mandater per bydel og importer.")
    goal = evaluation.EvaluationGoal("bu", "Flere representanter i bydelsutvalgene", "district_council_seats")
    score = evaluation.score_goals((goal,), ctx.data, ctx.config)[0]
    own = councils[councils["party_code"] == ctx.config.party_code]
    title = score.sentence if score.status != "unknown" else (
        f"{ctx.party} fikk {int(own['seats'].sum())} representanter i bydelsutvalgene.")
    source = source_text(("district_council",))
    figure = evaluation_charts.council_seats_bar(councils, ctx.config.party_code,
                                                 f"{ctx.party}s representanter per bydelsutvalg",
                                                 "Mandater i bydelsutvalget (endring siden forrige valg)", source)
    return Slide("councils", title, figure, source, ctx.stamp)


def school_totals(schools: pd.DataFrame) -> pd.DataFrame:
    """Votes and share per party over every school, with the change in pp where the comparison has the party."""
    totals = schools.groupby(["party_code", "party_name"], as_index=False)["votes"].sum()
    totals["share_pct"] = 100.0 * totals["votes"] / totals["votes"].sum()
    return totals


def school_slide(ctx: Context) -> Slide | str:
    year = ctx.election_id[-4:]
    before = f"skolevalg{ctx.compare_id[-4:]}" if ctx.compare_id else None
    schools = queries.school_election_shares(f"skolevalg{year}", before)
    if schools.empty:
        return (f"Skolevalget: skolevalget {year} er ikke importert – last ned malen «Skolevalg» på siden «Importer "
                "data», fyll inn stemmer per skole og parti og importer.")
    totals = school_totals(schools)
    earlier = queries.school_election_shares(before, None) if before else schools.iloc[0:0]
    old = school_totals(earlier).set_index("party_code")["share_pct"] if not earlier.empty else pd.Series(dtype=float)
    totals["change_pp"] = totals["share_pct"] - totals["party_code"].map(old)
    own = totals[totals["party_code"] == ctx.config.party_code]
    mine = schools[schools["party_code"] == ctx.config.party_code]
    n = schools["school"].nunique()
    compared = mine["change_pp"].notna().sum()
    title = (f"Skolevalget {year}: {ctx.party} {fmt.percent(own['share_pct'].iloc[0])} "
             f"({fmt.number(own['votes'].iloc[0])} stemmer), størst på {int((mine['place'] == 1).sum())} av {n} skoler"
             + (f", fram på {int((mine['change_pp'] > 0).sum())} av {compared} siden {before[-4:]}." if compared else ".")
             ) if not own.empty else f"Skolevalget {year}: {ctx.party} stilte ikke."
    source = source_text(("school_election",))
    figure = evaluation_charts.school_shares_bar(totals, ctx.config.party_code, f"Skolevalget {year}, alle skoler",
                                                 "Andel av stemmene på skolene" + (
                                                     f" (endring fra {before[-4:]})" if before else ""), source)
    return Slide("school", title, figure, source, ctx.stamp)


BUILDERS = (field_slide, money_slide, council_slide, school_slide)
