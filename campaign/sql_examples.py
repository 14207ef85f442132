"""The «SQL» page's parts: example queries in Norwegian (each runs on the demo store, tests/test_page_sql.py),
and a result made safe to show."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import numpy as np
import pandas as pd

from campaign import fmt

# (title, SQL): read-only SELECTs over the views (campaign/schema.py; «Data» lists their columns).
EXAMPLES: tuple[tuple[str, str], ...] = (
    ("SVs oppslutning per bydel, kommunevalget 2023", """\
-- Oslo teller forhåndsstemmene sentralt: en bydels andel er av valgdagsstemmene (blanke holdes utenfor).
with names as (select distinct area_id, area_name from turnout where area_level = 'bydel')
select r.bydel_id as bydelsnummer, any_value(names.area_name) as bydel,
       sum(r.election_day_votes) filter (where r.party_code = 'SV') as sv_stemmer,
       sum(r.election_day_votes) filter (where r.party_code <> 'BLANKE') as stemmer,
       round(100.0 * sv_stemmer / stemmer, 1) as prosent
from results as r
left join names on names.area_id = r.bydel_id
where r.election_id = 'ko2023' and r.area_level = 'krets' and r.bydel_id is not null
group by r.bydel_id
order by prosent desc"""),
    ("Annonsekostnad per plattform per uke", """\
select date_trunc('week', date) as uke, platform as plattform, round(sum(spend_nok)) as kroner
from ads
group by all
order by uke, plattform"""),
    ("Ringing per år", """\
select year(date) as år, sum(calls_made) as oppringinger, sum(calls_reached) as nådd
from field_calls
group by all
order by år"""),
    ("Ukene med billigst lenkeklikk", """\
select date_trunc('week', date) as uke, round(sum(spend_nok) / sum(link_clicks), 2) as kroner_per_klikk
from ads
group by all
having sum(link_clicks) > 0
order by kroner_per_klikk
limit 5"""),
    ("Valgdeltakelse per bydel, 2019 og 2023", """\
select area_name as bydel, election_id as valg,
       round(100.0 * votes_cast / eligible_voters, 1) as prosent
from turnout
where area_level = 'bydel' and election_id in ('ko2019', 'ko2023')
order by bydel, valg"""),
    ("Medlemmer per lokallag (siste telling)", """\
select branch as lokallag, members as medlemmer, active as aktive
from members
where date = (select max(date) from members)
order by medlemmer desc"""),
    ("Nettsidebesøk per måned", """\
select date_trunc('month', date) as måned, sum(sessions) as økter, sum(users) as brukere
from web
group by all
order by måned"""),
    ("Hva lageret inneholder (rader per visning)", """\
select table_name as visning, count(*) as rader
from live_rows
group by all
order by rader desc"""),
)


PLAIN = (str, int, float, bool, Decimal, dt.date, dt.time, pd.Timestamp, pd.Timedelta)


def _odd(value) -> bool:
    """A value neither the table widget nor a spreadsheet takes as it is (a list, struct, interval, blob …)."""
    return value is not None and not isinstance(value, PLAIN)


def _nested(value):
    """Arrays inside lists and structs as plain lists, so they print as [1, 2]."""
    if isinstance(value, (np.ndarray, list, tuple)):
        return [_nested(v) for v in value]
    if isinstance(value, dict):
        return {k: _nested(v) for k, v in value.items()}
    return value.item() if isinstance(value, np.generic) else value


def _text(value) -> str:
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    return str(_nested(value))


def shown_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A result the table widget can show: unique column names, and nested values (lists, structs, maps,
    intervals, blobs) as text."""
    seen: dict[str, int] = {}
    names = []
    for name in map(str, frame.columns):
        seen[name] = seen.get(name, 0) + 1
        names.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    shown = frame.set_axis(names, axis=1)
    for index in range(shown.shape[1]):
        column = shown.iloc[:, index]
        if column.dtype == object and column.map(_odd).any():
            shown.isetitem(index, column.map(lambda v: fmt.one_line(_text(v)) if _odd(v) else v))
    return shown


def summary(shown_rows: int, seconds: float) -> str:
    """«12 rader på 0,41 s»."""
    return f"{fmt.number(shown_rows)} {'rad' if shown_rows == 1 else 'rader'} på {fmt.number(seconds, 2)} s."
