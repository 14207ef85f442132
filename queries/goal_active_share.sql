-- Active members as a percentage of members on the latest snapshot (members table), for one local
-- branch ($branch) or all of them (NULL).
-- Grain: exactly one row (value NULL when there is no snapshot).
with latest as (
    select max(date) as date
    from members
    where $branch is null or branch = $branch
)

select
    100.0 * sum(m.active) / nullif(sum(m.members), 0) as value,
    cast(sum(m.active) as bigint) as active,
    cast(sum(m.members) as bigint) as members,
    max(l.date) as date
from latest as l
left join members as m
    on m.date = l.date and ($branch is null or m.branch = $branch)
