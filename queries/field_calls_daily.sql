-- Phone bank per day in one campaign year ($year), every shift of a day summed.
-- Grain: one row per date × assignment in $year.
select
    date,
    assignment,
    sum(calls_made) as calls_made,
    sum(calls_reached) as calls_reached
from field_calls
where year(date) = $year
group by date, assignment
order by date, assignment
