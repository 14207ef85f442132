-- Website traffic per day and channel (GA4's channel group, or the property's own grouping).
-- users is GA4's count for that day and channel: summed over days it is not unique people.
-- $site narrows the rows when not NULL.
-- Grain: one row per date × channel in [$first_date, $last_date].
with chosen as (
    select *
    from web
    where date between $first_date and $last_date and ($site is null or site = $site)
)

select
    date,
    channel,
    sum(sessions) as sessions,
    sum(engaged_sessions) as engaged_sessions,
    sum(users) as users,
    sum(views) as views
from chosen
group by date, channel
order by date, channel
