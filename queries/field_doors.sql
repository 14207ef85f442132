-- Door-knocking rounds as imported: where, how many doors and conversations, how many took part.
-- Grain: one row per date × place.
select
    date,
    place,
    bydel_id,
    doors,
    conversations,
    participants
from field_doors
order by date, place
