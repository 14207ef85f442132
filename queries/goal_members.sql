-- Members on the latest snapshot (members table), for one local branch ($branch) or all (NULL).
-- Grain: exactly one row (value NULL when there is no snapshot).
with latest as (
    select max(date) as date
    from members
    where $branch is null or branch = $branch
)

select
    cast(sum(m.members) as bigint) as value,
    max(l.date) as date
from latest as l
left join members as m
    on m.date = l.date and ($branch is null or m.branch = $branch)
