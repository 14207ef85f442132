-- District-council (bydelsutvalg) results: votes, share of the bydel's votes and seats per bydel
-- and party, with the comparison election's votes and seats (NULL where it has no such row).
-- Grain: one row per bydel_id × party_code of $election_id.
with current_rows as (
    select
        bydel_id,
        party_code,
        any_value(party_name) as party_name,
        sum(votes) as votes,
        sum(seats) as seats
    from district_council
    where election_id = $election_id
    group by bydel_id, party_code
),

compare_rows as (
    select
        bydel_id,
        party_code,
        sum(votes) as votes,
        sum(seats) as seats
    from district_council
    where election_id = $compare_id
    group by bydel_id, party_code
)

select
    c.bydel_id,
    c.party_code,
    c.party_name,
    c.votes,
    100.0 * c.votes / nullif(sum(c.votes) over (partition by c.bydel_id), 0) as share_pct,
    c.seats,
    b.votes as compare_votes,
    b.seats as compare_seats
from current_rows as c
left join compare_rows as b using (bydel_id, party_code)
order by c.bydel_id, c.seats desc, c.votes desc, c.party_code
