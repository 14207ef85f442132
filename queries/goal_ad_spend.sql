-- Paid social spend (the ads table: Meta, Snapchat, LinkedIn, TikTok) in [$first_date, $last_date]
-- (NULL = no bound), to hold against [budget] ads_nok; 0 when there is none.
-- Grain: exactly one row.
select
    coalesce(sum(spend_nok), 0) as value,
    min(date) as first_date,
    max(date) as last_date
from ads
where ($first_date is null or date >= $first_date) and ($last_date is null or date <= $last_date)
