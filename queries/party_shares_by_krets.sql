-- Election-day votes and shares per krets for one party, in one bydel (or in every bydel of
-- the kommune when $bydel_id is null), with the change since the comparison election.
-- Kretser are redrawn between elections, so a krets is compared only where both its number
-- and its name are the same in both elections.
-- Grain: one row per krets (with a bydel) in $election_id.
with krets_votes as (
    select
        election_id,
        krets_id,
        any_value(krets_name) as krets_name,
        any_value(bydel_id) as bydel_id,
        sum(case when party_code = $party_code then election_day_votes else 0 end) as votes,
        sum(case when party_code <> 'BLANKE' then election_day_votes else 0 end) as total_votes
    from results
    where
        election_id in ($election_id, $compare_id)
        and area_level = 'krets'
        and kommune_id = $kommune_id
        and bydel_id is not null
        and ($bydel_id is null or bydel_id = $bydel_id)
    group by election_id, krets_id
)

select
    cur.krets_id,
    cur.krets_name,
    cur.bydel_id,
    cur.votes,
    cur.total_votes,
    100.0 * cur.votes / nullif(cur.total_votes, 0) as share_pct,
    100.0 * cmp.votes / nullif(cmp.total_votes, 0) as compare_share_pct,
    share_pct - compare_share_pct as change_pp
from krets_votes as cur
left join krets_votes as cmp
    on
        cmp.election_id = $compare_id
        and cmp.krets_id = cur.krets_id
        and cmp.krets_name = cur.krets_name
where cur.election_id = $election_id
order by cur.krets_id
