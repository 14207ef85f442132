-- What the store holds: rows per table, demo or real, and the last import. An import is live
-- while any data table still holds rows of it (the live_rows view, made in campaign/db.py).
-- Grain: one row.
with live_imports as (
    select distinct import_id
    from live_rows
),

kinds as (
    select
        count(*) filter (where i.kind = 'demo') as demo_imports,
        count(*) filter (where i.kind <> 'demo') as real_imports,
        string_agg(distinct i.source_name, ', ' order by i.source_name) as live_sources,
        string_agg(distinct i.kind, ',' order by i.kind) as live_kinds,
        count(distinct i.import_id) as live_imports
    from imports as i
    inner join live_imports using (import_id)
),

last_import as (
    select imported_at, kind, source_name
    from imports
    order by imported_at desc, import_id desc
    limit 1
)

select
    (select count(*) from results) as results_rows,
    (select count(*) from turnout) as turnout_rows,
    (select count(*) from social) as social_rows,
    (select count(*) from ads) as ads_rows,
    (select min(date) from social) as social_first_date,
    (select max(date) from social) as social_last_date,
    (select min(date) from ads) as ads_first_date,
    (select max(date) from ads) as ads_last_date,
    kinds.demo_imports,
    kinds.real_imports,
    kinds.live_sources,
    kinds.live_kinds,
    kinds.live_imports,
    last_import.imported_at as last_imported_at,
    last_import.kind as last_import_kind,
    last_import.source_name as last_import_source
from kinds
left join last_import on true
