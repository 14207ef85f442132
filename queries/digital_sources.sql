-- What the store holds of social, ad and web data: the pages' filters and default date ranges.
-- source_table names the table; platform and name are its platform and account (social), platform
-- and campaign (ads), channel and supplier (ad_buys), or 'ga4' and the site (web, web_pages).
-- $tables lists the tables wanted (a page reads only its own: each branch is a full scan).
-- Grain: one row per source_table × platform × name.
with social_sources as (
    select 'social' as source_table, platform, account as name, min(date) as first_date,
        max(date) as last_date, count(*) as rows
    from social
    group by platform, account
),

ads_sources as (
    select 'ads' as source_table, platform, campaign as name, min(date) as first_date,
        max(date) as last_date, count(*) as rows
    from ads
    group by platform, campaign
),

ad_buy_sources as (
    select 'ad_buys' as source_table, channel as platform, coalesce(supplier, '') as name,
        min(first_date) as first_date, max(last_date) as last_date, count(*) as rows
    from ad_buys
    group by channel, coalesce(supplier, '')
),

web_sources as (
    select 'web' as source_table, 'ga4' as platform, site as name, min(date) as first_date,
        max(date) as last_date, count(*) as rows
    from web
    group by site
),

web_page_sources as (
    select 'web_pages' as source_table, 'ga4' as platform, site as name, min(date) as first_date,
        max(date) as last_date, count(*) as rows
    from web_pages
    group by site
)

select * from social_sources where list_contains($tables, 'social')
union all select * from ads_sources where list_contains($tables, 'ads')
union all select * from ad_buy_sources where list_contains($tables, 'ad_buys')
union all select * from web_sources where list_contains($tables, 'web')
union all select * from web_page_sources where list_contains($tables, 'web_pages')
order by source_table, platform, name
