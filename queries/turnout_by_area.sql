-- Turnout (votes cast / eligible voters) per area at one level, with the change since the
-- comparison election. Kretser are redrawn between elections: a krets is compared only
-- where both its number and its name match.
-- $kommune_id is the branch's area: a kommune code ("0301"), or a 2-digit fylke code ("50")
-- meaning every kommune of that fylke (and the fylke's own row at level 'fylke').
-- Grain: one row per area at $level in the area for $election_id.
with area_turnout as (
    select *
    from turnout
    where
        area_level = $level
        and (
            $kommune_id in (kommune_id, left(kommune_id, 2))
            or (area_level = 'fylke' and area_id = $kommune_id)
        )
),

current_election as (
    select * from area_turnout where election_id = $election_id
),

compare_election as (
    select * from area_turnout where election_id = $compare_id
)

select
    cur.area_id,
    cur.area_name,
    cur.kommune_id,
    cur.bydel_id,
    cur.eligible_voters,
    cur.votes_cast,
    cur.eligible_voters - cur.votes_cast as non_voters,
    100.0 * cur.votes_cast / nullif(cur.eligible_voters, 0) as turnout_pct,
    cmp.eligible_voters as compare_eligible_voters,
    100.0 * cmp.votes_cast / nullif(cmp.eligible_voters, 0) as compare_turnout_pct,
    turnout_pct - compare_turnout_pct as change_pp
from current_election as cur
left join compare_election as cmp
    on cmp.area_id = cur.area_id and ($level <> 'krets' or cmp.area_name = cur.area_name)
order by cur.area_id
