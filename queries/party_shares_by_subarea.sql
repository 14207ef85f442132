-- Votes and shares per sub-area of the branch's area and party, with the change since the
-- comparison election. $area_id is the branch's area (a kommune code, or a 2-digit fylke code
-- meaning every kommune whose code starts with it); $level is the sub-level:
--   'bydel'   election-day votes per bydel (advance votes are counted centrally, krets 0000, and
--             rows that belong to no bydel are left out);
--   'kommune' all votes per kommune (the official share);
--   'krets'   the votes counted in each krets, kretser holding central counts (0000, the
--             advance-voting places 40xx, 9998, 9999) left out; $kommune_id (or NULL: every
--             kommune of the area) drills into one kommune.
-- Keys: bydel "030112", kommune "5001", krets "5001-0003" (kommune-krets). area_name is the
-- kommune's name (its code when the file gave none), the krets name, or the bydel code (the
-- wrapper names bydeler from campaign.toml). A krets is compared only where its kommune,
-- number and name are the same in both elections (kretser are redrawn between elections).
-- Each election is read at one level (staging/results_at_chosen_level.sql).
-- Grain: one row per sub-area × party in $election_id (BLANKE left out of rows and of total_votes).
with chosen_results as (
    select *
    from results_at_chosen_level($area_id, $level)
    where
        election_id in ($election_id, $compare_id)
        and ($level <> 'krets' or $kommune_id is null or kommune_id = $kommune_id)
        and not (
            $level = 'krets'
            and (krets_id in ('0000', '9998', '9999') or krets_id like '40%')
        )
),

area_votes as (
    select
        election_id,
        case $level
            when 'bydel' then bydel_id
            when 'kommune' then kommune_id
            else kommune_id || '-' || krets_id
        end as area_id,
        party_code,
        any_value(kommune_id) as kommune_id,
        any_value(bydel_id) as bydel_id,
        any_value(krets_id) as krets_id,
        case $level
            when 'bydel' then any_value(bydel_id)
            when 'kommune' then coalesce(any_value(kommune_name), any_value(kommune_id))
            else any_value(krets_name)
        end as area_name,
        any_value(party_name) as party_name,
        sum(case when $level = 'bydel' then election_day_votes else votes end) as votes
    from chosen_results
    group by all
),

shares as (
    select
        *,
        sum(case when party_code <> 'BLANKE' then votes end)
            over (partition by election_id, area_id) as total_votes
    from area_votes
)

select
    cur.area_id,
    cur.area_name,
    cur.kommune_id,
    case when $level = 'bydel' then cur.bydel_id end as bydel_id,
    case when $level = 'krets' then cur.krets_id end as krets_id,
    cur.party_code,
    cur.party_name,
    cur.votes,
    cur.total_votes,
    100.0 * cur.votes / nullif(cur.total_votes, 0) as share_pct,
    cmp.votes as compare_votes,
    cmp.total_votes as compare_total_votes,
    100.0 * cmp.votes / nullif(cmp.total_votes, 0) as compare_share_pct,
    share_pct - compare_share_pct as change_pp
from shares as cur
left join shares as cmp
    on
        cmp.election_id = $compare_id
        and cmp.area_id = cur.area_id
        and cmp.party_code = cur.party_code
        and ($level <> 'krets' or cmp.area_name = cur.area_name)
where cur.election_id = $election_id and cur.party_code <> 'BLANKE'
order by cur.area_id, cur.votes desc, cur.party_code
