-- Paid social per day and platform: spend and what it bought. Reach is left out: a day's reach
-- cannot be added to another day's (see ads_campaign_totals and paid_channels for the period's).
-- $platform and $campaign narrow the rows when not NULL.
-- Grain: one row per date × platform in [$first_date, $last_date].
with chosen as (
    select *
    from ads
    where
        date between $first_date and $last_date
        and ($platform is null or platform = $platform)
        and ($campaign is null or campaign = $campaign)
)

select
    date,
    platform,
    sum(spend_nok) as spend_nok,
    sum(impressions) as impressions,
    sum(link_clicks) as link_clicks,
    sum(landing_page_views) as landing_page_views
from chosen
group by date, platform
order by date, platform
