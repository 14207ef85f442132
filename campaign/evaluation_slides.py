"""«Evaluering» and the report: the evaluation as 16:9 slides, one question each, the finding first.

`build_deck(election_id, compare_id)` returns every slide the data allow, in meeting order, and a note for
each slide left out (what is missing and how to import it). The page shows it through ui.built; the
report command (campaign/report_deck.py) renders the same deck to HTML and PDF.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go

from campaign import analysis, charts, evaluation, evaluation_charts, fmt, queries, results
from campaign.colors import party_color, party_label
from campaign.config import Config, load_config
from campaign.evaluation import DEFINITE
from campaign.ingest import registry
from campaign.ingest.base import election_name
from campaign.maps import draw

SEATS_COUNTS = "Modifisert Sainte-Laguë (1,4 – 3 – 5 – 7 …), ingen sperregrense"


@dataclass(frozen=True)
class Slide:
    key: str
    title: str  # the finding, in one sentence
    figure: go.Figure | None
    source: str
    stamp: str  # «Data per 30. nov. 2026 kl. 23.10»
    goals: tuple = ()  # evaluation.GoalScore, on the goals slide
    note: str = ""  # one line under the chart (how a figure is counted)


@dataclass(frozen=True)
class Deck:
    heading: str  # «Kommunestyrevalget 2023 i Oslo – sammenlignet med Kommunestyrevalget 2019»
    slides: list[Slide] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # slides left out: what is missing and how to import it


def election_title(election_id: str | None, config: Config) -> str:
    setting = config.election(election_id) if election_id else None
    return setting.name if setting else (election_name(election_id) if election_id else "–")


def source_text(tables: tuple[str, ...]) -> str:
    """«Kilde: …» for the sources that write these tables, as the charts' source lines say it."""
    status = queries.data_status()
    kinds = [k for k in (status["live_kinds"] or "").split(",") if k and k != "boundaries"]
    kinds = [k for k in kinds if (s := registry.by_kind(k)) is None or set(s.tables) & set(tables)]
    return f"Kilde: {' og '.join(sorted({registry.credit(k) for k in kinds})) or '–'}."


def stamp() -> str:
    return f"Data per {fmt.datetime(queries.data_status()['last_imported_at'])}"


@dataclass(frozen=True)
class Context:
    """What every slide builder gets: the config, the two elections and the data behind the goals."""
    config: Config
    election_id: str
    compare_id: str | None
    data: evaluation.EvaluationData
    basis: results.SeatBasis
    stamp: str

    def name(self, election_id: str | None) -> str:
        return election_title(election_id, self.config)

    @property
    def party(self) -> str:
        return party_label(self.config.party_code)


def council_ids(election_id: str, compare_id: str | None) -> tuple[str, str | None]:
    """The district-council elections held with these elections («bu2023», «bu2019»)."""
    return f"bu{election_id[-4:]}", (f"bu{compare_id[-4:]}" if compare_id else None)


def _context(election_id: str, compare_id: str | None) -> Context:
    config = load_config()
    shares = queries.party_shares(election_id, compare_id, config.area_id)
    basis = results.seat_basis(election_id, config)
    seats = analysis.seats_with_blocs(basis.votes, basis.total, config) if basis.allocates else None
    by_area = (queries.party_shares_by_subarea(election_id, compare_id, config.area_id, config.sublevel)
               if compare_id else None)
    bu, bu_before = council_ids(election_id, compare_id)
    councils = queries.district_council_seats(bu, bu_before)
    data = evaluation.EvaluationData(shares, seats, by_area, councils, f"i {compare_id[-4:]}" if compare_id else "",
                                     delegation=basis.key is not None and basis.key[0] == "st")
    return Context(config, election_id, compare_id, data, basis, stamp())


def build_deck(election_id: str, compare_id: str | None) -> Deck:
    """Every slide the data allow, in meeting order, and the notes for those left out."""
    from campaign import evaluation_more  # the campaign's and the other elections' slides

    ctx = _context(election_id, compare_id)
    heading = f"{ctx.name(election_id)} i {ctx.config.area_name}" + (
        f" – sammenlignet med {ctx.name(compare_id)}" if compare_id else "")
    deck = Deck(heading)
    builders = (goals_slide, result_slide, seats_slide, target_slide, turnout_slide, map_slide,
                *evaluation_more.BUILDERS)
    for build in builders:
        made = build(ctx)
        if isinstance(made, Slide):
            deck.slides.append(made)
        elif made:
            deck.missing.append(made)
    return deck


def goals_slide(ctx: Context) -> Slide | str:
    try:
        goals = evaluation.load_evaluation_goals(ctx.config)
    except ValueError as exc:  # a goal written wrong: say which, show the other slides
        return f"Målene: {exc}"
    if not goals:
        return "Målene: ingen [[evaluation_goals]] i campaign.toml (se README, «Mål i campaign.toml»)."
    scores = evaluation.score_goals(goals, ctx.data, ctx.config)
    met = sum(s.status == "met" for s in scores)
    groups = [(label, [s.goal.name for s in scores if s.status == status]) for status, label in
              (("met", "nådd"), ("missed", "ikke nådd"), ("unknown", "kan ikke vurderes"))]
    title = f"{met} av {len(scores)} mål nådd – " + "; ".join(f"{label}: {', '.join(names)}"
                                                             for label, names in groups if names) + "."
    source = source_text(("results", "district_council"))
    figure = evaluation_charts.goals_chart(scores, "Valgkampens mål", "Grønt: nådd · rødt: ikke nådd · grått: kan "
                                           "ikke vurderes ut fra dataene", source)
    return Slide("goals", title, figure, source, ctx.stamp, goals=tuple(scores))


def result_slide(ctx: Context) -> Slide | str:
    shares = ctx.data.shares
    own = analysis.own_result(shares, None, ctx.config.party_code, None) if shares is not None else None
    if own is None:
        return (f"Resultat: ingen resultater for {ctx.party} i {ctx.name(ctx.election_id)} – importer resultatfila "
                "(CSV fra valgresultat.no) på siden «Importer data».")
    change = f" ({fmt.pp(own['change_pp'])} fra {ctx.compare_id[-4:]})" if ctx.compare_id else ""
    behind = (f", {fmt.number(own['behind_by'])} stemmer bak {party_label(own['ahead'])}" if own["ahead"] else "")
    title = f"{ctx.party} fikk {fmt.percent(own['share_pct'])}{change} og ble {own['place']}. største parti{behind}."
    source = source_text(("results",))
    figure = charts.party_shares_bar(shares[shares["party_code"] != "BLANKE"], ctx.config.party_code,
                                     "Oppslutning per parti", "Andel av godkjente stemmer (endring i hover)", source)
    return Slide("result", title, figure, source, ctx.stamp)


def seats_slide(ctx: Context) -> Slide | str:
    seats, basis = ctx.data.seats, ctx.basis
    if seats is None or seats.empty:
        return f"Mandater: {basis.note or 'ingen mandatfordeling for valget.'}"
    blocs = analysis.bloc_totals(seats, ctx.config)
    council = basis.key is None or basis.key[0] != "st"
    parts = [f"{b.bloc} {b.seats}" for b in blocs.itertuples() if b.seats]
    lead = next((b for b in blocs.itertuples() if b.majority), None)
    verdict = (f"{lead.bloc} har flertall" if lead else "ingen blokk har flertall") if council else ""
    title = f"Mandater i {basis.body}: " + ", ".join(parts) + (f" av {basis.total} – {verdict}." if council else ".")
    source = source_text(("results",))
    figure = charts.seats_bar(seats, [*ctx.config.blocs, "Andre"], basis.total, f"Mandatfordeling, {basis.body}",
                              SEATS_COUNTS, source, majority_line=council)
    return Slide("seats", title, figure, source, ctx.stamp)


def target_slide(ctx: Context) -> Slide | str:
    scores = [s for s in evaluation.score_goals(
        (evaluation.EvaluationGoal("malomrader", "Vekst i målområdene", "growth_in_target_areas"),), ctx.data,
        ctx.config)]
    if not ctx.config.target_areas or scores[0].status == "unknown":
        return f"Målområdene: {scores[0].sentence if ctx.config.target_areas else 'ingen [[target_areas]] i campaign.toml.'}"
    frame = ctx.data.by_area
    codes = ctx.config.target_bydeler()
    own = frame[(frame["party_code"] == ctx.config.party_code) & frame["area_id"].isin(codes)]
    source = source_text(("results",))
    figure = charts.change_bar(own, "area_name", f"{ctx.party} i målområdene: endring siden {ctx.compare_id[-4:]}",
                               f"Prosentpoeng, andel av stemmene talt i hvert område (per {ctx.config.sublevel})",
                               source)
    return Slide("targets", scores[0].sentence, figure, source, ctx.stamp)


def turnout_slide(ctx: Context) -> Slide | str:
    level = ctx.config.sublevel
    turnout = queries.turnout_by_area(ctx.election_id, ctx.compare_id, ctx.config.kommune_id or ctx.config.fylke_id,
                                      level)
    gap = analysis.turnout_gap(turnout)
    if not gap:
        return (f"Valgdeltakelse: ingen valgdeltakelse per {level} for {ctx.name(ctx.election_id)}. Resultatfilene "
                "(CSV) har ikke antall stemmeberettigede; hent valget med `python -m campaign fetch-valg` eller "
                "importer JSON-fila fra valgresultat.no.")
    whole = queries.turnout_by_area(ctx.election_id, ctx.compare_id, ctx.config.area_id,
                                    "fylke" if ctx.config.is_county else "kommune")
    whole = whole[whole["area_id"] == ctx.config.area_id]
    lead = "Valgdeltakelsen"
    if len(whole) and pd.notna(whole["turnout_pct"].iloc[0]):
        change = whole["change_pp"].iloc[0]
        lead = (f"Valgdeltakelsen var {fmt.percent(whole['turnout_pct'].iloc[0])}"
                + (f" ({fmt.pp(change)})" if pd.notna(change) else "") + ", og den")
    title = (f"{lead} spriker {fmt.pp(gap['gap_pp']).lstrip('+')} mellom {DEFINITE[level]}: fra "
             f"{fmt.percent(gap['lowest_pct'])} i {gap['lowest']} til {fmt.percent(gap['highest_pct'])} i "
             f"{gap['highest']}.")
    source = source_text(("turnout",))
    figure = charts.turnout_bar(turnout, ctx.config.target_bydeler(), f"Valgdeltakelse per {level}",
                                "Avgitte stemmer ÷ stemmeberettigede; målområder uthevet", source,
                                highlight_color=party_color(ctx.config.party_code))
    return Slide("turnout", title, figure, source, ctx.stamp)


def map_slide(ctx: Context) -> Slide | str:
    if not ctx.compare_id or ctx.data.by_area is None:
        return "Kartet over hvor vi vokste: velg et valg å sammenligne med."
    own = ctx.data.by_area[ctx.data.by_area["party_code"] == ctx.config.party_code].dropna(subset=["change_pp"])
    source = source_text(("results",))
    figure = draw.overview_map(ctx.election_id, ctx.compare_id, ctx.config, "share_change_pp",
                               f"{ctx.party}: endring per {ctx.config.sublevel}", "Prosentpoeng", source)
    if figure is None or own.empty:
        return f"Kartet over hvor vi vokste: ingen sammenlignbare områder mot {ctx.name(ctx.compare_id)}."
    grew = own[own["change_pp"] > 0]
    title = f"{ctx.party} vokste i {len(grew)} av {len(own)} {evaluation.PLURAL[ctx.config.sublevel]}" + (
        f"; ikke i {' og '.join(own.loc[own['change_pp'] <= 0, 'area_name'])}." if len(grew) < len(own) else ".")
    return Slide("map", title, figure, source, ctx.stamp)
