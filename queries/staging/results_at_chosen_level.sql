-- Staging: election results for one area at the one level chosen per election.
-- An election may be stored at several levels (krets rows from a CSV, bydel rows from the API);
-- summing across levels would count votes twice, so each election is read at one level only:
--   per = 'area'    (the area as a whole): its own rows, else its kretser (krets 0000 holds the
--                    advance votes), else the bydeler of a kommune, else the kommuner of a fylke;
--   per = 'bydel'   (the bydeler of kommune in_area): the bydel rows, else the kretser; rows
--                    that belong to no bydel (krets 0000) are left out;
--   per = 'kommune' (the kommuner of in_area): the kommune rows, else the kretser, else the bydeler;
--   per = 'krets'   (the kretser of in_area): the krets rows only.
-- in_area is a fylke, kommune or bydel code (a kommune code for per = 'bydel'). A 2-digit code
-- means the fylke's own rows (area_level 'fylke') and every kommune whose code starts with it:
-- in Storting krets files the row's fylke_id is the valgdistrikt (16), not the fylke (50), so
-- membership of a kommune goes by its code, never by the row's fylke_id.
-- Used by party_shares (per 'area') and party_shares_by_subarea (per 'bydel', 'kommune', 'krets').
-- Grain: one row per stored results row (election × area × party) in in_area, all of an
-- election's rows at one area_level.
create or replace macro results_at_chosen_level(in_area, per) as table
with tagged as (
    -- main.results: a caller's CTE named "results" must not stand in for the view
    select
        *,
        area_level <> 'fylke'
        and (kommune_id = in_area or (length(in_area) = 2 and left(kommune_id, 2) = in_area)) as kommune_in_area
    from main.results
),

area_results as (
    select *
    from tagged
    where
        case per
            when 'bydel' then kommune_id = in_area
            when 'area' then (area_level = 'fylke' and fylke_id = in_area) or bydel_id = in_area or kommune_in_area
            else kommune_in_area
        end
),

ranked as (
    select
        *,
        case
            when per = 'bydel' and bydel_id is null then null
            when per = 'bydel' and area_level = 'bydel' then 1
            when per = 'area' and area_level = 'fylke' then 1
            when per = 'area' and area_level = 'kommune' and kommune_id = in_area then 1
            when per = 'area' and area_level = 'bydel' and bydel_id = in_area then 1
            when per = 'kommune' and area_level = 'kommune' then 1
            when area_level = 'krets' then 2
            when per in ('area', 'kommune') and area_level = 'bydel' and kommune_in_area then 3
            when per = 'area' and area_level = 'kommune' and kommune_in_area then 4
        end as level_rank
    from area_results
),

chosen_level as (
    select election_id, min(level_rank) as level_rank
    from ranked
    group by election_id
)

select ranked.* exclude (level_rank, kommune_in_area)
from ranked
inner join chosen_level using (election_id, level_rank)
