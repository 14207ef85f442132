-- The audience shares (gender, age, place …) the platforms report, as shares 0–1 of the period's
-- audience. Per account and dimension, the newest report whose period overlaps
-- [$first_date, $last_date]; $platform and $account narrow the rows when not NULL.
-- Grain: one row per platform × account × dimension × bucket.
with overlapping as (
    select *
    from audience
    where
        first_date <= $last_date
        and last_date >= $first_date
        and ($platform is null or platform = $platform)
        and ($account is null or account = $account)
),

newest as (
    select platform, account, dimension, max(last_date) as last_date
    from overlapping
    group by platform, account, dimension
),

chosen as (
    select overlapping.*
    from overlapping
    inner join newest using (platform, account, dimension, last_date)
    qualify first_date = max(first_date) over (partition by platform, account, dimension)
)

select platform, account, dimension, bucket, share, first_date, last_date
from chosen
order by platform, account, dimension, share desc, bucket
