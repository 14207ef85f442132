-- Media stories per outlet, with the period they cover.
-- Grain: one row per outlet.
select
    outlet,
    min(date) as first_date,
    max(date) as last_date,
    sum(stories) as stories
from media
group by outlet
order by stories desc, outlet
