-- Imported boundaries at one level for the kommune (kommune level: every kommune stored).
-- Grain: one row per area_id at $level.
select
    area_id,
    any_value(area_name) as area_name,
    any_value(bydel_id) as bydel_id,
    any_value(geometry) as geometry,
    any_value(attribution) as attribution
from boundaries
where level = $level and ($level = 'kommune' or kommune_id = $kommune_id)
group by area_id
order by area_id
