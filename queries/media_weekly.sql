-- Media stories per week beside the social-media reach of the same week, over the weeks from the
-- first to the last media story (weeks without stories are rows with 0 stories).
-- Reach is the platforms' daily reach summed over the week's days and accounts: an indicator of
-- how far the posts went that week, not unique people.
-- Grain: one row per week (week_start = the Monday).
with media_weeks as (
    select
        cast(date_trunc('week', date) as date) as week_start,
        sum(stories) as stories
    from media
    group by week_start
),

weeks as (
    select cast(week_start as date) as week_start
    from range(
        (select min(week_start) from media_weeks),
        (select max(week_start) from media_weeks) + interval 7 day,
        interval 7 day
    ) as t (week_start)
),

reach_weeks as (
    select
        cast(date_trunc('week', date) as date) as week_start,
        sum(value) as social_reach
    from social
    where metric = 'reach'
    group by week_start
)

select
    weeks.week_start,
    coalesce(media_weeks.stories, 0) as stories,
    reach_weeks.social_reach
from weeks
left join media_weeks using (week_start)
left join reach_weeks using (week_start)
order by weeks.week_start
