-- Elections that have results or turnout for the kommune, newest first.
-- Grain: one row per election_id.
with result_levels as (
    select
        election_id,
        string_agg(distinct area_level, ', ' order by area_level) as result_levels,
        count(distinct krets_id) filter (where area_level = 'krets') as kretser,
        sum(votes) filter (where area_level = 'krets') as krets_votes
    from results
    where kommune_id = $kommune_id or (area_level = 'fylke' and fylke_id = $fylke_id)
    group by election_id
),

turnout_levels as (
    select election_id, string_agg(distinct area_level, ', ' order by area_level) as turnout_levels
    from turnout
    where kommune_id = $kommune_id
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
    t.turnout_levels
from elections as e
left join result_levels as r using (election_id)
left join turnout_levels as t using (election_id)
where r.election_id is not null or t.election_id is not null
order by e.election_date desc, e.election_id
