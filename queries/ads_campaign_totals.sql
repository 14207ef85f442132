-- Paid social per campaign over [$first_date, $last_date]: the daily figures summed, and the
-- platform's own de-duplicated reach and published frequency (ads_period) for the widest period
-- of the campaign that lies inside the window. Reach is never summed across days.
-- reach_spend_nok is the spend in the reach's own period (for cost per 1 000 reached).
-- $platform narrows the rows when not NULL.
-- Grain: one row per platform × campaign with daily rows in the window.
with daily as not materialized (
    select *
    from ads
    where date between $first_date and $last_date and ($platform is null or platform = $platform)
),

campaign_sums as (
    select
        platform,
        campaign,
        min(date) as first_date,
        max(date) as last_date,
        count(*) as days,  -- one row per date and campaign (the natural key)
        sum(spend_nok) as spend_nok,
        sum(impressions) as impressions,
        sum(link_clicks) as link_clicks,
        sum(landing_page_views) as landing_page_views,
        sum(video_p25) as video_p25,
        sum(video_p50) as video_p50,
        sum(video_p75) as video_p75,
        sum(video_p100) as video_p100
    from daily
    group by platform, campaign
),

widest_period as (
    select *
    from ads_period
    where first_date >= $first_date and last_date <= $last_date and reach is not null
    qualify row_number() over (
        partition by platform, campaign order by last_date - first_date desc, last_date desc
    ) = 1
),

reach_period_spend as (
    select p.platform, p.campaign, sum(d.spend_nok) as spend_nok
    from widest_period as p
    inner join daily as d
        on d.platform = p.platform and d.campaign = p.campaign and d.date between p.first_date and p.last_date
    group by p.platform, p.campaign
)

select
    c.*,
    p.reach,
    p.impressions as reach_impressions,
    p.frequency as published_frequency,
    p.first_date as reach_first_date,
    p.last_date as reach_last_date,
    coalesce(p.spend_nok, s.spend_nok) as reach_spend_nok
from campaign_sums as c
left join widest_period as p using (platform, campaign)
left join reach_period_spend as s using (platform, campaign)
order by c.platform, c.spend_nok desc, c.campaign
