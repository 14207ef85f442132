-- Election-day votes and shares per bydel and party, with the change since the comparison
-- election. In Oslo all advance votes are counted centrally (krets 0000 / "Bydel 00"),
-- so a bydel's share is a share of election-day votes.
-- Grain: one row per bydel × party in $election_id (BLANKE left out of shares and rows).
-- Each election is read at one level (staging/results_at_chosen_level.sql): stored bydel rows,
-- else the sum of the kretser.
with chosen_results as (
    select *
    from results_at_chosen_level($kommune_id, 'bydel')
    where election_id in ($election_id, $compare_id)
),

party_votes as (
    select
        election_id,
        bydel_id,
        party_code,
        any_value(party_name) as party_name,
        sum(election_day_votes) as votes
    from chosen_results
    group by election_id, bydel_id, party_code
),

shares as (
    select
        *,
        sum(case when party_code <> 'BLANKE' then votes end)
            over (partition by election_id, bydel_id) as total_votes
    from party_votes
)

select
    cur.bydel_id,
    cur.party_code,
    cur.party_name,
    cur.votes,
    cur.total_votes,
    100.0 * cur.votes / nullif(cur.total_votes, 0) as share_pct,
    cmp.votes as compare_votes,
    cmp.total_votes as compare_total_votes,
    100.0 * cmp.votes / nullif(cmp.total_votes, 0) as compare_share_pct,
    share_pct - compare_share_pct as change_pp
from shares as cur
left join shares as cmp
    on
        cmp.election_id = $compare_id
        and cmp.bydel_id = cur.bydel_id
        and cmp.party_code = cur.party_code
where cur.election_id = $election_id and cur.party_code <> 'BLANKE'
order by cur.bydel_id, cur.votes desc, cur.party_code
