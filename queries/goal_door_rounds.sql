-- Door-knocking rounds in [$first_date, $last_date]: a round is a distinct date in field_doors
-- (several places on one evening are one round). NULL dates mean no bound.
-- Grain: exactly one row.
select
    count(distinct date) as value,
    count(*) as places,
    min(date) as first_date,
    max(date) as last_date
from field_doors
where ($first_date is null or date >= $first_date) and ($last_date is null or date <= $last_date)
