-- One page's views and users per day (the landing page). $site narrows when not NULL.
-- Grain: one row per date in [$first_date, $last_date] with rows for $page.
with chosen as (
    select *
    from web_pages
    where
        date between $first_date and $last_date
        and page = $page
        and ($site is null or site = $site)
)

select
    date,
    sum(views) as views,
    sum(users) as users
from chosen
group by date
order by date
