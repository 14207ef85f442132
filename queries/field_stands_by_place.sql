-- Stands per place: days staffed, hours, people on shift (summed over days) and leaflets handed out.
-- Grain: one row per place.
select
    place,
    min(date) as first_date,
    max(date) as last_date,
    count(*) as days,
    sum(hours) as hours,
    sum(people) as people,
    sum(leaflets) as leaflets
from field_stands
group by place
order by place
