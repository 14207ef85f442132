-- Door-knocking per area at a map level ($level: 'bydel' → bydel_id, 'krets' → krets_id "5001-0003",
-- 'kommune' → kommune_id): doors, conversations and participants summed over the rounds, and their dates.
-- Rounds without a key at that level are left out. Grain: one row per area_id.
with keyed as (
    select
        case $level when 'bydel' then bydel_id when 'krets' then krets_id else kommune_id end as area_id,
        date, doors, conversations, participants
    from field_doors
)
select
    area_id,
    count(*) as rounds,
    sum(doors) as doors,
    sum(conversations) as conversations,
    sum(participants) as participants,
    min(date) as first_date,
    max(date) as last_date
from keyed
where area_id is not null
group by area_id
order by area_id
