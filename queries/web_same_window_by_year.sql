-- Website totals for [$first_date, $last_date] and for the same dates in each earlier year with
-- data (years_back = 0 is the window itself; 29 Feb moves to 28 Feb). $site narrows when not NULL.
-- unique_pageviews = web_pages.users summed over pages and days (sessions in which a page was seen,
-- as Universal Analytics' «unique pageviews»); NULL when the site has no page rows that year.
-- Grain: one row per years_back with web rows in its window.
with shifted as (
    select
        years_back,
        (($first_date::date) - to_years(years_back))::date as first_date,
        (($last_date::date) - to_years(years_back))::date as last_date
    from range(0, 11) as r(years_back)
),

traffic as (
    select
        s.years_back,
        s.first_date,
        s.last_date,
        count(distinct w.date) as days_with_data,
        sum(w.sessions) as sessions,
        sum(w.engaged_sessions) as engaged_sessions,
        sum(w.users) as users,
        sum(w.views) as views
    from shifted as s
    inner join web as w on w.date between s.first_date and s.last_date
    where $site is null or w.site = $site
    group by s.years_back, s.first_date, s.last_date
),

pages as (
    select s.years_back, sum(p.users) as unique_pageviews
    from shifted as s
    inner join web_pages as p on p.date between s.first_date and s.last_date
    where $site is null or p.site = $site
    group by s.years_back
)

select
    t.years_back,
    year(t.first_date) as year,
    t.first_date,
    t.last_date,
    t.days_with_data,
    t.sessions,
    t.engaged_sessions,
    t.users,
    t.views,
    p.unique_pageviews
from traffic as t
left join pages as p using (years_back)
order by t.years_back
