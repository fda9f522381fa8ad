-- Summaries by day and week also read the billable amount from the day totals, instead of joining
-- a year of totals with the projects for their rates: that join and the arithmetic on every row
-- were most of a one-year summary's time in PostgreSQL. The totals keep billable seconds times
-- the project's hourly rate, exactly (numeric); a report divides the sum by 3600 and rounds it.
-- The functions and triggers of V2 keep their names, so a previous version of the application
-- that reads only the intervals works on this schema unchanged.
alter table entry_day_totals add column billable_rated numeric not null default 0;

-- As in V2, and the project's rate besides. The project's row is locked for share, like the
-- user's: a concurrent change of the rate waits for this transaction, or this one reads the new
-- rate once that change has committed, so a total never mixes an old rate with a new one.
create or replace function entry_day_totals_add(
    p_user bigint, p_project bigint, p_billable boolean,
    p_start timestamptz, p_end timestamptz, p_sign integer)
returns void language plpgsql as $$
declare
    v_zone  text;
    v_rate  numeric;
    v_day   date;
    v_time  interval := p_sign * (p_end - p_start);
    v_rated numeric := 0;
    v_left  integer;
begin
    select time_zone into v_zone from users where id = p_user for share;
    if not found then
        return; -- the user is being deleted, and the totals with it
    end if;
    if p_billable and p_project is not null then
        select hourly_rate into v_rate from projects where id = p_project for share;
        v_rated := coalesce(extract(epoch from v_time) * v_rate, 0);
    end if;
    v_day := (p_start at time zone v_zone)::date;
    insert into entry_day_totals as t
        (user_id, day, project_id, entries, total, billable, billable_rated)
    values (p_user, v_day, p_project, p_sign, v_time,
            case when p_billable then v_time else interval '0' end, v_rated)
    on conflict on constraint entry_day_totals_key do update
        set entries        = t.entries + excluded.entries,
            total          = t.total + excluded.total,
            billable       = t.billable + excluded.billable,
            billable_rated = t.billable_rated + excluded.billable_rated
    returning entries into v_left;
    -- A project whose last entry of the day went must not appear in that day's groups.
    if v_left = 0 then
        delete from entry_day_totals
         where user_id = p_user and day = v_day and project_id is not distinct from p_project;
    end if;
end $$;

-- The user's projects are locked for share first, for the same reason: a change of a rate that
-- commits while the totals are summed anew would otherwise miss the new rows.
create or replace function entry_day_totals_rebuild(p_user bigint) returns void
language plpgsql as $$
begin
    perform 1 from projects where user_id = p_user for share;
    delete from entry_day_totals where user_id = p_user;
    insert into entry_day_totals
        (user_id, day, project_id, entries, total, billable, billable_rated)
    select e.user_id, (e.start_at at time zone u.time_zone)::date, e.project_id, count(*),
           sum(e.end_at - e.start_at),
           coalesce(sum(e.end_at - e.start_at) filter (where e.billable), interval '0'),
           coalesce(sum(extract(epoch from e.end_at - e.start_at) * p.hourly_rate)
                        filter (where e.billable), 0)
      from entries e
      join users u on u.id = e.user_id
      left join projects p on p.id = e.project_id
     where e.user_id = p_user and e.end_at is not null
     group by 1, 2, 3;
end $$;

-- A new rate prices every billable second booked on the project, past days included, as the
-- reports did when they read the rate at each request.
create function entry_day_totals_follow_rate() returns trigger language plpgsql as $$
begin
    update entry_day_totals
       set billable_rated = coalesce(extract(epoch from billable) * new.hourly_rate, 0)
     where user_id = new.user_id and project_id = new.id;
    return null;
end $$;

create trigger projects_reprice_day_totals_on_new_rate
    after update of hourly_rate on projects
    for each row
    when (old.hourly_rate is distinct from new.hourly_rate)
    execute function entry_day_totals_follow_rate();

-- The totals that exist already.
update entry_day_totals t
   set billable_rated = extract(epoch from t.billable) * p.hourly_rate
  from projects p
 where p.id = t.project_id and p.hourly_rate is not null;
