"""«Utforsk»: the SQL of a question, built from declared identifiers (explore.py) and bound values only.

No text a user typed or a URL carried ever reaches the SQL: dataset, column, measure and
aggregation names are looked up in explore.DATASETS (an unknown name raises ExploreError) and the
SQL pieces are the declarations' constants; every filter value, date, election and area is a
$parameter. Results are read through results_at_chosen_level (queries/staging): one area level per
election, only the branch's area.
"""
from __future__ import annotations

import datetime as dt

from campaign.explore import DATASETS, ELECTION_AGGS, ExploreError, Question, check

ROW_CAP = 5000
MAX_VALUES = 1000  # values in one filter
AREA_LEVELS = ("krets", "bydel", "kommune")  # finest first
SHARE_AGGS = ("share", "change_share")
IN_AREA = "(kommune_id = $area or (length($area) = 2 and left(kommune_id, 2) = $area))"


def _level(question: Question, target_level: str | None) -> str | None:
    """The finest area level the question groups or filters by (None: the area as a whole)."""
    dims = question.spec().all_dims()
    used = {dims[k].area for k in (*question.group_by, *question.filter_map())} | {target_level if question.target
                                                                                      else None}
    return next((level for level in AREA_LEVELS if level in used), None)


def _source(question: Question, target_level: str | None, params: dict) -> tuple[str, list[str]]:
    """The FROM clause and the conditions that keep the branch's area at one level per election."""
    spec = question.spec()
    level = _level(question, target_level)
    elections = []
    if spec.election:
        if not question.election:
            raise ExploreError("velg et valg")
        params["election"] = question.election
        elections = ["election_id = $election"]
        if question.agg in ELECTION_AGGS:
            params["compare"] = question.compare
            elections = ["election_id in ($election, $compare)"]
    if spec.table == "results":
        params["per"] = level or "area"
        return "results_at_chosen_level($area, $per)", elections
    if spec.table == "turnout":
        params["level"] = level or "kommune"
        return "turnout", [*elections, "area_level = $level", IN_AREA]
    return spec.table, elections


def _date(text: str | None, name: str) -> dt.date:
    try:
        return dt.date.fromisoformat(str(text))
    except ValueError:
        raise ExploreError(f"ugyldig dato i {name}: {text!r}") from None


def _conditions(question: Question, targets: dict[str, tuple[str, ...]], target_level: str | None,
                params: dict) -> tuple[list[str], list[str]]:
    """WHERE conditions: (applied to the rows, applied after a share is computed)."""
    spec = question.spec()
    dims, rows, deferred = spec.all_dims(), [], []
    for n, (key, values) in enumerate(question.filters):
        if len(values) > MAX_VALUES:
            raise ExploreError(f"for mange verdier i filteret ({len(values)}; høyst {MAX_VALUES})")
        names = []
        for i, value in enumerate(values):  # one parameter per value: a plain IN list the scan can prune by
            params[f"f{n}_{i}"] = str(value)
            names.append(f"$f{n}_{i}")
        share_filter = question.agg in SHARE_AGGS and key == spec.share_of
        column = "s_" if share_filter else (dims[key].sql if dims[key].text else f"({dims[key].sql})::varchar")
        (deferred if share_filter else rows).append(f"{column} in ({', '.join(names)})" if names else "false")
    if question.target:
        if question.target not in targets:
            raise ExploreError(f"ukjent målområde: {question.target!r}")
        dim = next((d for d in dims.values() if d.area and d.area == target_level), None)
        if dim is None:
            raise ExploreError(f"{spec.label} kan ikke avgrenses til et målområde")
        codes = [f"$target_{i}" for i in range(len(targets[question.target]))]
        params.update({name[1:]: str(code) for name, code in zip(codes, targets[question.target])})
        rows.append(f"{dim.code or dim.sql} in ({', '.join(codes)})" if codes else "false")
    for attr, op in (("date_from", ">="), ("date_to", "<=")):
        if getattr(question, attr) and spec.date:
            params[attr] = _date(getattr(question, attr), attr)
            rows.append(f"{spec.date} {op} ${attr}")
    if question.agg in SHARE_AGGS and spec.share_excludes:
        params["excluded"] = spec.share_excludes[1]
        rows.append(f"{spec.share_excludes[0]} is distinct from $excluded")
    return rows, deferred


def _base(question: Question, source: str, where: list[str]) -> tuple[str, list[str], list[str]]:
    """The base CTE: group columns (named by their declared keys), share and election columns, measure."""
    spec = question.spec()
    dims, measure = spec.all_dims(), spec.measures[question.measure]
    groups = [col for key in question.group_by for col in _columns(question, key)]
    extra = []
    if question.agg in SHARE_AGGS and spec.share_of:
        extra.append("s_")
    if spec.election:
        extra.append("e_")
    cols = [f'{dims[k].sql} as "{k}"' for k in question.group_by]
    cols += [f'{dims[k].code} as "{k}_code"' for k in question.group_by if dims[k].code]  # maps, target areas
    cols += [f"{dims[spec.share_of].sql} as s_"] if "s_" in extra else []
    cols += ["election_id as e_"] if "e_" in extra else []
    cols += [f"{measure.sql} as m", f"{measure.per or 'null'} as d"]
    text = f"base as (\n    select {', '.join(cols)}\n    from {source}\n    where {' and '.join(where) or 'true'}\n)"
    return text, groups, extra


def _columns(question: Question, key: str) -> list[str]:
    """A group-by's result columns: the dimension, and its area code where that differs (krets)."""
    return [f'"{key}"', *([f'"{key}_code"'] if question.spec().all_dims()[key].code else [])]


def _value(question: Question, groups: list[str], extra: list[str]) -> str:
    """The value of one grouped row (v = the aggregate, dv = the ratio's denominator)."""
    spec = question.spec()
    measure = spec.measures[question.measure]
    if measure.per:
        return f"{100.0 if measure.unit == '%' else 1.0} * v / nullif(dv, 0)"
    if question.agg not in SHARE_AGGS:
        return "v"
    if spec.share_of:
        within = [col for key in question.group_by if key != spec.share_of for col in _columns(question, key)]
    else:
        within = _columns(question, question.group_by[0]) if len(question.group_by) == 2 else []
    within += ["e_"] if "e_" in extra else []
    partition = f"partition by {', '.join(within)}" if within else ""
    return f"100.0 * v / nullif(sum(v) over ({partition}), 0)"


def build(question: Question, area_id: str, targets: dict[str, tuple[str, ...]] | None = None,
          target_level: str | None = "bydel") -> tuple[str, dict]:
    """The SQL text and its bound parameters for a question over the branch's area."""
    check(question)
    params: dict = {}
    source, where = _source(question, target_level, params)
    if "$area" in source or any("$area" in w for w in where):
        params["area"] = area_id
    rows, deferred = _conditions(question, targets or {}, target_level, params)
    base, groups, extra = _base(question, source, where + rows)
    agg = {"mean": "avg(m)", "count": "count(*)"}.get(question.agg, "sum(m)")
    keys = ", ".join([*groups, *extra])
    sel = f"{keys}, " if keys else ""
    kept_keys = ", ".join([*groups, *(["e_"] if "e_" in extra else [])])
    kept_sel = f"{kept_keys}, " if kept_keys else ""
    ctes = [base,
            f"grouped as (\n    select {sel}{agg} as v, sum(d) as dv\n    from base\n    group by all\n)",
            f"valued as (\n    select {sel}{_value(question, groups, extra)} as value\n    from grouped\n)",
            f"kept as (\n    select {kept_sel}sum(value) as value\n    from valued\n"
            f"    where {' and '.join(deferred) or 'true'}\n    group by all\n)"]
    final = _final(question, groups)
    order = f"\norder by {', '.join(groups)}" if groups else ""
    return f"with {', '.join(ctes)}\n{final}{order}\nlimit {ROW_CAP + 1}", params


def _final(question: Question, groups: list[str]) -> str:
    """The last SELECT: the value, or per election the value, the comparison's value and the change."""
    sel = f"{', '.join(groups)}, " if groups else ""
    if question.agg not in ("change", "change_share"):
        return f"select {sel}value from kept"
    group = "\n    group by all" if groups else ""
    return (f"select *, value - compare_value as change from (\n    select {sel}"
            "max(value) filter (where e_ = $election) as value, "
            f"max(value) filter (where e_ = $compare) as compare_value\n    from kept{group}\n)\n"
            "where value is not null")  # areas of the comparison election only (a krets since redrawn): left out


def options_sql(dataset: str, key: str, area_id: str) -> tuple[str, dict]:
    """The distinct values of one dimension (for a filter's choices), in the branch's area for elections."""
    if dataset not in DATASETS or key not in DATASETS[dataset].all_dims():
        raise ExploreError(f"ukjent kolonne: {dataset!r}.{key!r}")
    spec = DATASETS[dataset]
    where = f"where {IN_AREA}" if spec.table in ("results", "turnout") else ""
    text = f"select distinct ({spec.all_dims()[key].sql})::varchar as value\nfrom {spec.table}\n{where}\n"
    return text + "order by 1 nulls last\nlimit 1000", ({"area": area_id} if where else {})


def counts_sql() -> str:
    """Rows and date range per declared dataset (which ones hold data)."""
    parts = [f"select '{name}' as dataset, count(*) as n_rows, "
             f"{f'min({s.date})' if s.date else 'null::date'} as first_date, "
             f"{f'max({s.date})' if s.date else 'null::date'} as last_date from {name}"
             for name, s in DATASETS.items()]
    return "\nunion all\n".join(parts)
