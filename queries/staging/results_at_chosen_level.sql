-- Staging: election results for one area at the one level chosen per election.
-- An election may be stored at several levels (krets rows from a CSV, bydel rows from the API);
-- summing across levels would count votes twice, so each election is read at one level only:
--   per = 'area'  (the area as a whole): its own rows, else its kretser (krets 0000 holds the
--                  advance votes), else the bydeler of a kommune, else the kommuner of a fylke;
--   per = 'bydel' (the bydeler of kommune in_area): the bydel rows, else the kretser; rows
--                  that belong to no bydel (krets 0000) are left out.
-- in_area is a fylke, kommune or bydel code (a kommune code for per = 'bydel').
-- Used by party_shares (per 'area') and party_shares_by_bydel (per 'bydel').
-- Grain: one row per stored results row (election × area × party) in in_area, all of an
-- election's rows at one area_level.
create or replace macro results_at_chosen_level(in_area, per) as table
with area_results as (
    -- main.results: a caller's CTE named "results" must not stand in for the view
    select *
    from main.results
    where case per when 'bydel' then kommune_id = in_area else in_area in (fylke_id, kommune_id, bydel_id) end
),

ranked as (
    select
        *,
        case
            when per = 'bydel' and bydel_id is null then null
            when per = 'bydel' and area_level = 'bydel' then 1
            when per = 'area' and area_level = 'fylke' and fylke_id = in_area then 1
            when per = 'area' and area_level = 'kommune' and kommune_id = in_area then 1
            when per = 'area' and area_level = 'bydel' and bydel_id = in_area then 1
            when area_level = 'krets' then 2
            when per = 'area' and area_level = 'bydel' and kommune_id = in_area then 3
            when per = 'area' and area_level = 'kommune' and fylke_id = in_area then 4
        end as level_rank
    from area_results
),

chosen_level as (
    select election_id, min(level_rank) as level_rank
    from ranked
    group by election_id
)

select ranked.* exclude (level_rank)
from ranked
inner join chosen_level using (election_id, level_rank)
