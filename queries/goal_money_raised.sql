-- Money raised in [$first_date, $last_date] (NULL = no bound) from the money table's kinds in $kinds
-- (e.g. ['medlemmer', 'faste givere']); 0 when nothing matches.
-- Grain: exactly one row.
select
    coalesce(sum(amount_nok), 0) as value,
    count(*) as entries,
    min(date) as first_date,
    max(date) as last_date
from money
where
    list_contains($kinds, kind)
    and ($first_date is null or date >= $first_date)
    and ($last_date is null or date <= $last_date)
