-- Election-day votes and shares per krets for one party, inside one bydel.
-- Kretser are redrawn between elections, so this query compares no years.
-- Grain: one row per krets of $bydel_id in $election_id.
with krets_votes as (
    select
        krets_id,
        any_value(krets_name) as krets_name,
        sum(case when party_code = $party_code then election_day_votes else 0 end) as votes,
        sum(case when party_code <> 'BLANKE' then election_day_votes else 0 end) as total_votes
    from results
    where
        election_id = $election_id
        and area_level = 'krets'
        and bydel_id = $bydel_id
    group by krets_id
)

select
    krets_id,
    krets_name,
    votes,
    total_votes,
    100.0 * votes / nullif(total_votes, 0) as share_pct
from krets_votes
order by krets_id
