-- The Storting constituencies (valgdistrikter) an area's voters belong to in one election, with
-- what the store knows about each: the area's votes in it, whether other kommuner vote there
-- too, the valgdistrikt's own votes (fylke-level rows of the fylke file) and its district seats
-- (seats − leveling seats of the mandates rows). $area_id is a kommune code, or a 2-digit fylke
-- code meaning every kommune whose code starts with it. The valgdistrikt of a kommune is the
-- fylke_id of its krets/kommune/bydel rows for that election (st2021: 5001 → 16).
-- Votes leave BLANKE out. district_votes, district_seats and district_name are NULL when the
-- fylke file (or its «Antall mandater») is not imported.
-- Grain: one row per valgdistrikt of the area's kommuner in $election_id.
with area_rows as (
    select fylke_id as constituency_id, kommune_id, party_code, votes
    from results_at_chosen_level($area_id, 'kommune')
    where election_id = $election_id
),

in_area as (
    select
        constituency_id,
        count(distinct kommune_id) as kommuner,
        sum(case when party_code <> 'BLANKE' then votes else 0 end) as area_votes
    from area_rows
    group by constituency_id
),

other_kommuner as (
    select fylke_id as constituency_id, count(distinct kommune_id) as other_kommuner
    from results
    where
        election_id = $election_id
        and area_level <> 'fylke'
        and fylke_id in (select constituency_id from in_area)
        and kommune_id not in (select distinct kommune_id from area_rows)
    group by fylke_id
),

district as (
    select fylke_id as constituency_id, sum(case when party_code <> 'BLANKE' then votes else 0 end) as district_votes
    from results
    where election_id = $election_id and area_level = 'fylke'
    group by fylke_id
),

seats as (
    select
        area_id as constituency_id,
        any_value(area_name) as district_name,
        sum(seats) as seats,
        sum(seats - coalesce(leveling_seats, 0)) as district_seats
    from mandates
    where election_id = $election_id and area_level = 'fylke'
    group by area_id
)

select
    in_area.constituency_id,
    seats.district_name,
    in_area.kommuner,
    coalesce(other_kommuner.other_kommuner, 0) as other_kommuner,
    in_area.area_votes,
    district.district_votes,
    seats.seats,
    seats.district_seats
from in_area
left join other_kommuner using (constituency_id)
left join district using (constituency_id)
left join seats using (constituency_id)
order by in_area.constituency_id
