"""«Utforsk»: what a question may ask of each view, the question itself, and its URL form.

A question is a dataset (a view of the store) + filters + up to two group-bys + a measure + an
aggregation. Everything a question may name – datasets, dimensions, measures, aggregations – is
declared here; explore_sql.py builds SQL from these declarations only (values are bound parameters).
The datasets and their Norwegian names come from schema.TABLE_SPECS; DATASETS says per table which
columns are dimensions and measures.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, replace

from campaign.schema import TABLE_SPECS

MAX_GROUPS = 2
DATE_GRAINS = {"dag": ("Dag", "{d}"), "uke": ("Uke", "date_trunc('week', {d})::date"),
               "maaned": ("Måned", "date_trunc('month', {d})::date"), "aar": ("År", "year({d})")}
AGGREGATIONS = {"sum": "Sum", "mean": "Gjennomsnitt", "count": "Antall rader", "share": "Andel av totalen (%)",
                "change": "Endring siden sammenligningsvalget", "change_share": "Andel og endring (pp)"}
ELECTION_AGGS = ("change", "change_share")  # need an election and a comparison election


class ExploreError(ValueError):
    """A question naming something not declared (a dataset, column, measure or aggregation)."""


@dataclass(frozen=True)
class Dim:
    label: str
    sql: str  # an expression over the dataset's columns (code constant, never user text)
    area: str | None = None  # area level when the rows are areas (bydel/krets/kommune): maps, names
    text: bool = True  # the expression is text (compared to filter values as is; else as its text form)
    code: str | None = None  # the area's code as campaign.toml's target areas write it (default: sql)


@dataclass(frozen=True)
class Measure:
    label: str
    sql: str
    unit: str = ""  # "kr", "%" or "" (a count)
    per: str | None = None  # a ratio measure: 100 × sum(sql) / sum(per), not summable


@dataclass(frozen=True)
class Dataset:
    table: str
    dims: dict[str, Dim]
    measures: dict[str, Measure]
    date: str | None = None  # the date column: date grains as dimensions and a date-range filter
    election: bool = False  # results/turnout: one election (and a comparison) per question
    share_of: str | None = None  # share of the total within the other group-bys, over this dimension
    share_excludes: tuple[str, str] | None = None  # (column, value) left out of a share's total (blank votes)
    note: str = ""

    @property
    def label(self) -> str:
        text = TABLE_SPECS[self.table].label
        return text[:1].upper() + text[1:]

    def all_dims(self) -> dict[str, Dim]:
        grains = {k: Dim(label, sql.format(d=self.date), text=False) for k, (label, sql) in DATE_GRAINS.items()} if self.date else {}
        return {**self.dims, **grains}

    def aggregations(self) -> list[str]:
        return [a for a in AGGREGATIONS if self.election or a not in ELECTION_AGGS]


def _measures(**labels: str | tuple[str, str]) -> dict[str, Measure]:
    """Measures named by their column: a label, or (label, unit)."""
    return {k: Measure(v[0], k, v[1]) if isinstance(v, tuple) else Measure(v, k) for k, v in labels.items()}


def _dims(**labels: str) -> dict[str, Dim]:
    return {k: Dim(v, k) for k, v in labels.items()}


PLATFORM = {"platform": "Plattform"}
DATASETS: dict[str, Dataset] = {d.table: d for d in (
    Dataset("results", {"parti": Dim("Parti", "party_code"), "bydel": Dim("Bydel", "bydel_id", "bydel"),
                        "krets": Dim("Krets", "krets_id || ' ' || coalesce(krets_name, '')", "krets",
                                     code="kommune_id || '-' || krets_id"),
                        "kommune": Dim("Kommune", "kommune_id", "kommune"), "valg": Dim("Valg", "election_id")},
            {"votes": Measure("Stemmer", "votes"), "election_day_votes": Measure("Valgtingsstemmer", "election_day_votes"),
             "advance_votes": Measure("Forhåndsstemmer", "advance_votes")},
            election=True, share_of="parti", share_excludes=("party_code", "BLANKE"),
            note="I Oslo ligger alle forhåndsstemmer i krets 0000: per bydel og krets, bruk valgtingsstemmer."),
    Dataset("turnout", {"bydel": Dim("Bydel", "bydel_id", "bydel"),
                        "krets": Dim("Krets", "area_id || ' ' || coalesce(area_name, '')", "krets", code="area_id"),
                        "kommune": Dim("Kommune", "kommune_id", "kommune"), "valg": Dim("Valg", "election_id")},
            {"turnout": Measure("Valgdeltakelse", "votes_cast", "%", "eligible_voters"),
             "eligible_voters": Measure("Stemmeberettigede", "eligible_voters"),
             "votes_cast": Measure("Avgitte stemmer", "votes_cast")}, election=True),
    Dataset("social", _dims(**PLATFORM, account="Konto", metric="Måltall"), _measures(value="Verdi"), date="date"),
    Dataset("ads", _dims(**PLATFORM, campaign="Kampanje"),
            {**_measures(spend_nok=("Kostnad", "kr"), impressions="Visninger", reach="Rekkevidde (per dag)",
                         link_clicks="Lenkeklikk", landing_page_views="Landingssidevisninger"),
             "cpc": Measure("Kostnad per lenkeklikk", "spend_nok", "kr/klikk", "link_clicks"),
             "ctr": Measure("Klikkrate", "link_clicks", "%", "impressions")}, date="date"),
    Dataset("ads_period", _dims(**PLATFORM, campaign="Kampanje"),
            _measures(reach="Rekkevidde (unik)", impressions="Visninger", spend_nok=("Kostnad", "kr"),
                      link_clicks="Lenkeklikk"), date="first_date"),
    Dataset("web", _dims(site="Nettsted", channel="Kanal"),
            _measures(sessions="Besøk", engaged_sessions="Engasjerte besøk", users="Brukere", views="Sidevisninger"),
            date="date"),
    Dataset("web_pages", _dims(site="Nettsted", page="Side"), _measures(views="Sidevisninger", users="Brukere"),
            date="date"),
    Dataset("audience", _dims(**PLATFORM, account="Konto", dimension="Inndeling", bucket="Gruppe"),
            {"share": Measure("Andel (%)", "100 * share", "%")}, date="first_date"),
    Dataset("ad_buys", _dims(channel="Kanal", supplier="Leverandør"),
            _measures(spend_nok=("Kostnad", "kr"), impressions="Visninger", landing_page_views="Landingssidevisninger"),
            date="first_date"),
    Dataset("field_calls", _dims(assignment="Oppdrag", shift="Skift"),
            _measures(calls_made="Samtaler forsøkt", calls_reached="Nådd", positive="Positive"), date="date"),
    Dataset("field_doors", {"place": Dim("Sted", "place"), "bydel": Dim("Bydel", "bydel_id", "bydel")},
            _measures(doors="Dører", conversations="Samtaler", participants="Deltakere"), date="date"),
    Dataset("field_stands", _dims(place="Sted"), _measures(hours="Timer", people="Folk på stand", leaflets="Løpesedler"),
            date="date"),
    Dataset("members", _dims(branch="Lokallag"), _measures(members="Medlemmer", active="Aktive", activists="Aktivister"),
            date="date"),
    Dataset("media", _dims(outlet="Medium", topic="Tema", kind="Type"), _measures(stories="Saker"), date="date"),
    Dataset("events", _dims(kind="Type", name="Navn"), _measures(attendance="Deltakere"), date="date"),
    Dataset("money", _dims(kind="Type"), _measures(amount_nok=("Beløp", "kr"), donors="Givere"), date="date"),
    Dataset("district_council", {"parti": Dim("Parti", "party_code"), "bydel": Dim("Bydel", "bydel_id", "bydel"),
                                 "valg": Dim("Valg", "election_id")},
            _measures(votes="Stemmer", seats="Mandater"), election=True, share_of="parti"),
    Dataset("school_election", {"parti": Dim("Parti", "party_code"), "school": Dim("Skole", "school"),
                                "valg": Dim("Valg", "election_id")},
            _measures(votes="Stemmer"), election=True, share_of="parti"),
    Dataset("mandates", {"parti": Dim("Parti", "party_code"), "valg": Dim("Valg", "election_id"),
                         "area_name": Dim("Område", "area_name")},
            _measures(seats="Mandater", leveling_seats="Utjevningsmandater")),
)}


@dataclass(frozen=True)
class Question:
    """One question to a dataset. Filters: dimension key → allowed values (a tuple of strings)."""
    dataset: str = "results"
    group_by: tuple[str, ...] = ()
    measure: str = ""
    agg: str = "sum"
    filters: tuple[tuple[str, tuple[str, ...]], ...] = ()
    election: str | None = None
    compare: str | None = None
    date_from: str | None = None  # ISO dates
    date_to: str | None = None
    target: str | None = None  # a target area's name (campaign.toml): its bydeler

    def spec(self) -> Dataset:
        if self.dataset not in DATASETS:
            raise ExploreError(f"ukjent datasett: {self.dataset!r}")
        return DATASETS[self.dataset]

    def filter_map(self) -> dict[str, tuple[str, ...]]:
        return dict(self.filters)

    def with_filter(self, key: str, values: tuple[str, ...]) -> Question:
        rest = tuple((k, v) for k, v in self.filters if k != key)
        return replace(self, filters=rest + ((key, tuple(values)),) if values else rest)


def check(question: Question) -> Dataset:
    """The question's dataset after checking every name it uses against the declarations."""
    spec = question.spec()
    dims = spec.all_dims()
    if len(question.group_by) > MAX_GROUPS or len(set(question.group_by)) != len(question.group_by):
        raise ExploreError(f"høyst {MAX_GROUPS} ulike grupperinger")
    for key in (*question.group_by, *(k for k, _ in question.filters)):
        if key not in dims:
            raise ExploreError(f"ukjent kolonne i {spec.table}: {key!r}")
    if question.measure not in spec.measures:
        raise ExploreError(f"ukjent måltall i {spec.table}: {question.measure!r}")
    if question.agg not in spec.aggregations():
        raise ExploreError(f"ukjent aggregering: {question.agg!r}")
    if question.agg in ELECTION_AGGS and not question.compare:
        raise ExploreError("endring krever et sammenligningsvalg")
    if spec.measures[question.measure].per and question.agg not in ("sum", "change"):
        raise ExploreError(f"{spec.measures[question.measure].label} er en rate: velg sum eller endring")
    return spec


def default_question(dataset: str) -> Question:
    """A sensible first question for a dataset."""
    spec = DATASETS[dataset]
    first = next(iter(spec.dims))
    group = ("uke", first) if spec.date else (first,)
    measure = next(iter(spec.measures))
    if dataset == "results":
        group, measure = ("parti",), "votes"
    return Question(dataset, group, measure)


# --- URL form: st.query_params (lists of strings) ------------------------------------------------------

PARAMS = {"dataset": "datasett", "measure": "mål", "agg": "agg", "election": "valg", "compare": "mot",
          "date_from": "fra", "date_to": "til", "target": "område"}
FILTER_PREFIX = "f."


def to_params(question: Question) -> dict[str, str | list[str]]:
    """The question as URL query parameters (a list for repeated keys)."""
    out: dict[str, str | list[str]] = {url: getattr(question, attr) for attr, url in PARAMS.items()
                                       if getattr(question, attr) not in (None, "")}
    if question.group_by:
        out["grupper"] = list(question.group_by)
    for key, values in question.filters:
        out[FILTER_PREFIX + key] = list(values)
    return out


def from_params(params: dict[str, str | list[str]]) -> Question | None:
    """The question in URL parameters, or None when they hold none (or an unknown dataset)."""
    def one(key):
        value = params.get(key)
        return value[-1] if isinstance(value, list) and value else (value or None)

    def many(key):
        value = params.get(key)
        return tuple(value) if isinstance(value, list) else ((value,) if value else ())

    dataset = one("datasett")
    if dataset not in DATASETS:
        return None
    values = {attr: one(url) for attr, url in PARAMS.items() if one(url) is not None}
    filters = tuple((k[len(FILTER_PREFIX):], many(k)) for k in params if k.startswith(FILTER_PREFIX) and many(k))
    return Question(**{**values, "group_by": many("grupper"), "filters": filters})


def to_json(question: Question) -> str:
    """The question as JSON (saved questions)."""
    return json.dumps(asdict(question), ensure_ascii=False, sort_keys=True)


def from_json(text: str) -> Question:
    raw = json.loads(text)
    raw["group_by"] = tuple(raw.get("group_by", ()))
    raw["filters"] = tuple((k, tuple(v)) for k, v in raw.get("filters", ()))
    known = set(Question.__dataclass_fields__)
    return Question(**{k: v for k, v in raw.items() if k in known})
