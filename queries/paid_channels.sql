-- Every paid channel over [$first_date, $last_date]: ad platforms (ads, with the platform's own
-- de-duplicated reach from ads_period) and the other buys (ad_buys: outdoor, newspapers, …).
-- A platform's reach is its whole-account period row (campaign '' from Meta, 'Alle kampanjer'
-- from the others), or its one campaign's row; with several campaigns and no such row it is NULL,
-- since reach does not add up across campaigns. The widest period inside the window is used;
-- reach_spend_nok is the spend in that period. Other buys count when their period overlaps the
-- window, with their whole spend. Clicks: ad platforms only (each counts them its own way).
-- Grain: one row per channel × supplier (supplier NULL for ad platforms).
with daily as not materialized (
    select *
    from ads
    where date between $first_date and $last_date
),

platform_sums as (
    select
        platform,
        min(date) as first_date,
        max(date) as last_date,
        count(distinct campaign) as campaigns,
        any_value(campaign) as only_campaign,
        sum(spend_nok) as spend_nok,
        sum(impressions) as impressions,
        sum(link_clicks) as link_clicks,
        sum(landing_page_views) as landing_page_views
    from daily
    group by platform
),

periods_inside as (
    select
        *,
        campaign in ('', 'Alle kampanjer') as whole_account
    from ads_period
    where first_date >= $first_date and last_date <= $last_date and reach is not null
),

platform_reach as (
    select p.*
    from periods_inside as p
    left join platform_sums as s using (platform)
    where p.whole_account or (s.campaigns = 1 and p.campaign = s.only_campaign)
    qualify row_number() over (
        partition by p.platform order by p.whole_account desc, p.last_date - p.first_date desc, p.last_date desc
    ) = 1
),

reach_period_spend as (
    select r.platform, sum(d.spend_nok) as spend_nok
    from platform_reach as r
    inner join daily as d on d.platform = r.platform and d.date between r.first_date and r.last_date
    group by r.platform
),

platforms as (
    select
        'annonseplattform' as kind,
        s.platform as channel,
        null::varchar as supplier,
        s.first_date,
        s.last_date,
        s.spend_nok,
        s.impressions,
        r.reach,
        r.impressions as reach_impressions,
        r.frequency as published_frequency,
        r.first_date as reach_first_date,
        r.last_date as reach_last_date,
        coalesce(r.spend_nok, rs.spend_nok) as reach_spend_nok,
        s.link_clicks,
        s.landing_page_views
    from platform_sums as s
    left join platform_reach as r using (platform)
    left join reach_period_spend as rs using (platform)
),

other_buys as (
    select
        'annet kjøp' as kind,
        channel,
        supplier,
        min(first_date) as first_date,
        max(last_date) as last_date,
        sum(spend_nok) as spend_nok,
        sum(impressions) as impressions,
        null::bigint as reach,
        null::bigint as reach_impressions,
        null::double as published_frequency,
        null::date as reach_first_date,
        null::date as reach_last_date,
        null::double as reach_spend_nok,
        null::bigint as link_clicks,
        sum(landing_page_views) as landing_page_views
    from ad_buys
    where first_date <= $last_date and last_date >= $first_date
    group by channel, supplier
)

select * from platforms
union all
select * from other_buys
order by kind = 'annet kjøp', spend_nok desc, channel, supplier
