-- The website's most viewed pages over [$first_date, $last_date] (at most 50).
-- users is summed over days, so it counts a person once per day (GA4 gives no unique count here).
-- $site narrows the rows when not NULL.
-- Grain: one row per page.
with chosen as (
    select *
    from web_pages
    where date between $first_date and $last_date and ($site is null or site = $site)
)

select
    page,
    sum(views) as views,
    sum(users) as users,
    count(distinct date) as days_with_data
from chosen
group by page
order by views desc, page
limit 50
