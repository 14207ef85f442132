-- Money per kind (gifts, lottery, other party bodies, costs): amount and the largest donor count reported.
-- Grain: one row per kind.
select
    kind,
    min(date) as first_date,
    max(date) as last_date,
    sum(amount_nok) as amount_nok,
    max(donors) as donors
from money
group by kind
order by amount_nok desc, kind
