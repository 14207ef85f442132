-- Members, active members and activists per local branch on the newest snapshot date.
-- Grain: one row per branch.
select
    date,
    branch,
    members,
    active,
    activists
from members
where date = (select max(date) from members)
order by branch
