-- Votes and shares per party in one area (fylke, kommune or bydel), with the change since
-- the comparison election.
-- Grain: one row per party standing in $election_id (BLANKE left out; it is not in any share's base).
-- Each election is read at one level (staging/results_at_chosen_level.sql): the area's own
-- rows if stored, else the sum of its kretser (krets 0000 holds the advance votes), else of its
-- bydeler, else of its kommuner. Levels are never mixed.
with chosen_results as (
    select *
    from results_at_chosen_level($area_id, 'area')
    where election_id in ($election_id, $compare_id)
),

party_votes as (
    select
        election_id,
        party_code,
        any_value(party_name) as party_name,
        sum(votes) as votes,
        sum(advance_votes) as advance_votes,
        sum(election_day_votes) as election_day_votes
    from chosen_results
    group by election_id, party_code
),

shares as (
    select
        *,
        100.0 * votes / sum(case when party_code <> 'BLANKE' then votes end)
            over (partition by election_id) as share_pct
    from party_votes
)

select
    cur.party_code,
    cur.party_name,
    cur.votes,
    cur.advance_votes,
    cur.election_day_votes,
    cur.share_pct,
    cmp.votes as compare_votes,
    cmp.share_pct as compare_share_pct,
    cur.share_pct - cmp.share_pct as change_pp
from shares as cur
left join shares as cmp
    on cmp.election_id = $compare_id and cmp.party_code = cur.party_code
where cur.election_id = $election_id and cur.party_code <> 'BLANKE'
order by cur.votes desc, cur.party_code
