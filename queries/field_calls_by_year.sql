-- Phone bank per campaign year and assignment: calls made, people reached and the outcomes
-- (NULL when no shift of the year reported them).
-- Grain: one row per year × assignment.
select
    year(date) as year,
    assignment,
    count(distinct date) as days,
    sum(calls_made) as calls_made,
    sum(calls_reached) as calls_reached,
    sum(positive) as positive,
    sum(undecided) as undecided,
    sum(negative) as negative,
    sum(wrong_number) as wrong_number
from field_calls
group by year(date), assignment
order by year, assignment
