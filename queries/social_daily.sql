-- Social-media figures per day, one column per metric (social stores one row per metric).
-- engagement = likes + comments + shares (a missing part counts as 0; NULL when all three are missing).
-- $platform and $account narrow the rows when not NULL. $per_platform sums the accounts of each
-- platform (account NULL): a national party's hundreds of accounts are one line per platform.
-- Grain: one row per date × platform × account in [$first_date, $last_date] (account NULL when summed).
with chosen as (
    select *
    from social
    where
        date between $first_date and $last_date
        and ($platform is null or platform = $platform)
        and ($account is null or account = $account)
),

per_day as (
    select
        date,
        platform,
        case when not $per_platform then account end as account,
        sum(value) filter (where metric = 'views') as views,
        sum(value) filter (where metric = 'reach') as reach,
        sum(value) filter (where metric = 'impressions') as impressions,
        sum(value) filter (where metric = 'followers') as followers,
        sum(value) filter (where metric = 'new_followers') as new_followers,
        sum(value) filter (where metric = 'likes') as likes,
        sum(value) filter (where metric = 'comments') as comments,
        sum(value) filter (where metric = 'shares') as shares,
        sum(value) filter (where metric = 'profile_visits') as profile_visits,
        sum(value) filter (where metric = 'posts') as posts
    from chosen
    group by all
)

select
    *,
    case
        when coalesce(likes, comments, shares) is not null
            then coalesce(likes, 0) + coalesce(comments, 0) + coalesce(shares, 0)
    end as engagement
from per_day
order by date, platform, account
