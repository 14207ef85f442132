-- Official seats per party where an imported file gives them («Antall mandater»): a Storting
-- constituency (area_level 'fylke', area_id the valgdistrikt) or a kommune's council
-- (area_level 'kommune'). $area_id is the area's code; for area_level 'kommune' a 2-digit fylke
-- code means every kommune whose code starts with it (a county branch's councils).
-- district_seats = seats − leveling_seats (the seats won in the area itself).
-- Grain: one row per area × party in $election_id at $area_level (BLANKE left out).
select
    area_level,
    area_id,
    area_name,
    party_code,
    seats,
    coalesce(leveling_seats, 0) as leveling_seats,
    seats - coalesce(leveling_seats, 0) as district_seats
from mandates
where
    election_id = $election_id
    and area_level = $area_level
    and (
        area_id = $area_id
        or ($area_level = 'kommune' and length($area_id) = 2 and left(area_id, 2) = $area_id)
    )
    and party_code <> 'BLANKE'
order by area_id, seats desc, party_code
