-- School election (skolevalg) results per school and party: votes, share of the school's votes,
-- the party's place at the school, and the comparison election's share at the same school
-- (matched by the school's name; NULL where the school or the party is not in $compare_id).
-- Grain: one row per school × party_code of $election_id.
with current_rows as (
    select
        school,
        party_code,
        any_value(party_name) as party_name,
        sum(votes) as votes
    from school_election
    where election_id = $election_id
    group by school, party_code
),

compare_rows as (
    select
        school,
        party_code,
        100.0 * sum(votes) / nullif(sum(sum(votes)) over (partition by school), 0) as share_pct
    from school_election
    where election_id = $compare_id
    group by school, party_code
),

shares as (
    select
        *,
        100.0 * votes / nullif(sum(votes) over (partition by school), 0) as share_pct,
        rank() over (partition by school order by votes desc) as place
    from current_rows
)

select
    s.school,
    s.party_code,
    s.party_name,
    s.votes,
    s.share_pct,
    s.place,
    b.share_pct as compare_share_pct,
    s.share_pct - b.share_pct as change_pp
from shares as s
left join compare_rows as b using (school, party_code)
order by s.school, s.votes desc, s.party_code
