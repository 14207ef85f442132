-- Kommune names in one fylke ($fylke_id) as the result files write them (Kommunenavn), any election.
-- Grain: one row per kommune_id with a name.
select
    kommune_id,
    max(kommune_name) as kommune_name
from results
where fylke_id = $fylke_id and kommune_id is not null and kommune_name is not null
group by kommune_id
order by kommune_id
