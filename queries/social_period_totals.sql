-- Social-media totals per account for a period and for the period before it (same length,
-- chosen by the caller). Counts are summed over the days; reach too, so it is the sum of the
-- daily reach (people reached on several days count once per day), not unique people.
-- Followers are a stock: the first and last value in the period, never summed.
-- engagement = likes + comments + shares.
-- Grain: one row per period ('current' or 'previous') × platform × account with data in it.
with windows as (
    select 'current' as period, $first_date::date as first_date, $last_date::date as last_date
    union all
    select 'previous', $previous_first::date, $previous_last::date
),

chosen as (
    select windows.period, social.*
    from social
    inner join windows on social.date between windows.first_date and windows.last_date
    where
        ($platform is null or social.platform = $platform)
        and ($account is null or social.account = $account)
),

totals as (
    select
        period,
        platform,
        account,
        count(distinct date) as days_with_data,
        sum(value) filter (where metric = 'views') as views,
        sum(value) filter (where metric = 'reach') as reach,
        sum(value) filter (where metric = 'impressions') as impressions,
        sum(value) filter (where metric = 'new_followers') as new_followers,
        sum(value) filter (where metric = 'likes') as likes,
        sum(value) filter (where metric = 'comments') as comments,
        sum(value) filter (where metric = 'shares') as shares,
        sum(value) filter (where metric = 'profile_visits') as profile_visits,
        sum(value) filter (where metric = 'posts') as posts,
        arg_min(value, date) filter (where metric = 'followers') as followers_first,
        arg_max(value, date) filter (where metric = 'followers') as followers_last
    from chosen
    group by period, platform, account
)

select
    * exclude (followers_first, followers_last),
    case
        when coalesce(likes, comments, shares) is not null
            then coalesce(likes, 0) + coalesce(comments, 0) + coalesce(shares, 0)
    end as engagement,
    followers_first,
    followers_last
from totals
order by period, platform, account
