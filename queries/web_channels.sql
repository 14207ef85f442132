-- Where the website's visits came from over [$first_date, $last_date]: sessions per site and channel.
-- A site may be a report filtered to one page (e.g. the landing page's traffic sources), so the
-- sites are never added together. users is summed over days: not unique people.
-- Grain: one row per site × channel.
select
    site,
    channel,
    sum(sessions) as sessions,
    sum(views) as views,
    sum(users) as users
from web
where date between $first_date and $last_date
group by site, channel
order by site, sessions desc, channel
