-- Elections that have results or turnout for the branch's area, newest first.
-- The area is the kommune $kommune_id, or for a county branch ($kommune_id null) every kommune
-- whose code starts with $fylke_id; fylke-level rows of $fylke_id count for both.
-- `kretser` counts distinct kretser (kommune × krets number) in the area. `demo` is true when any of the
-- election's rows for the area come from a demo import (imports.kind = 'demo'): generated, not real, figures.
-- Grain: one row per election_id.
with result_levels as (
    select
        election_id,
        string_agg(distinct area_level, ', ' order by area_level) as result_levels,
        count(distinct kommune_id || '-' || krets_id) filter (where area_level = 'krets') as kretser,
        sum(votes) filter (where area_level = 'krets') as krets_votes,
        bool_or(import_id in (select import_id from imports where kind = 'demo')) as demo
    from results
    where
        coalesce(kommune_id = $kommune_id, left(kommune_id, 2) = $fylke_id)
        or (area_level = 'fylke' and fylke_id = $fylke_id)
    group by election_id
),

turnout_levels as (
    select
        election_id,
        string_agg(distinct area_level, ', ' order by area_level) as turnout_levels,
        bool_or(import_id in (select import_id from imports where kind = 'demo')) as demo
    from turnout
    where
        coalesce(kommune_id = $kommune_id, left(kommune_id, 2) = $fylke_id)
        or (area_level = 'fylke' and area_id = $fylke_id)
    group by election_id
)

select
    e.election_id,
    e.kind,
    e.year,
    e.election_date,
    e.name,
    r.result_levels,
    r.kretser,
    t.turnout_levels,
    coalesce(r.demo, false) or coalesce(t.demo, false) as demo
from elections as e
left join result_levels as r using (election_id)
left join turnout_levels as t using (election_id)
where r.election_id is not null or t.election_id is not null
order by e.election_date desc, e.election_id
