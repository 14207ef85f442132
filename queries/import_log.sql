-- The import log, newest first, with how many of each import's rows are still in the store
-- (0 after an undo, or when newer imports replaced them all), counted over every data table
-- by the live_rows view (made in campaign/db.py).
-- Grain: one row per import.
with live as (
    select import_id, count(*) as live_rows
    from live_rows
    group by import_id
)

select
    i.import_id,
    i.imported_at,
    i.kind,
    i.source_name,
    i.rows,
    i.election_id,
    i.first_date,
    i.last_date,
    i.replaced_rows,
    coalesce(live.live_rows, 0) as live_rows
from imports as i
left join live using (import_id)
order by i.import_id desc
