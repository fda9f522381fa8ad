-- Summaries by day, week and project read these totals instead of every entry: a year is at most
-- 366 days times the projects used, where it was thousands of entries. Each finished entry counts
-- on the local date it starts in its user's time zone, per project; triggers keep the totals
-- right in the same transaction as every change of an entry or of the user's time zone, so a
-- report never sees a total that disagrees with the entries.
create table entry_day_totals (
    user_id    bigint   not null references users (id) on delete cascade,
    day        date     not null,
    project_id bigint,
    entries    integer  not null,
    total      interval not null,
    billable   interval not null,
    constraint entry_day_totals_key unique nulls not distinct (user_id, day, project_id)
);

-- Adds (sign 1) or takes away (sign -1) one finished entry. The user's row is locked for share so
-- that a concurrent change of the time zone waits for this transaction, or this one for it and
-- then reads the new zone: the totals never mix two zones.
create function entry_day_totals_add(
    p_user bigint, p_project bigint, p_billable boolean,
    p_start timestamptz, p_end timestamptz, p_sign integer)
returns void language plpgsql as $$
declare
    v_zone text;
    v_day  date;
    v_time interval := p_sign * (p_end - p_start);
    v_left integer;
begin
    select time_zone into v_zone from users where id = p_user for share;
    if not found then
        return; -- the user is being deleted, and the totals with it
    end if;
    v_day := (p_start at time zone v_zone)::date;
    insert into entry_day_totals as t (user_id, day, project_id, entries, total, billable)
    values (p_user, v_day, p_project, p_sign, v_time,
            case when p_billable then v_time else interval '0' end)
    on conflict on constraint entry_day_totals_key do update
        set entries  = t.entries + excluded.entries,
            total    = t.total + excluded.total,
            billable = t.billable + excluded.billable
    returning entries into v_left;
    -- A project whose last entry of the day went must not appear in that day's groups.
    if v_left = 0 then
        delete from entry_day_totals
         where user_id = p_user and day = v_day and project_id is not distinct from p_project;
    end if;
end $$;

create function entry_day_totals_follow_entry() returns trigger language plpgsql as $$
begin
    if tg_op in ('UPDATE', 'DELETE') and old.end_at is not null then
        perform entry_day_totals_add(old.user_id, old.project_id, old.billable,
                                     old.start_at, old.end_at, -1);
    end if;
    if tg_op in ('INSERT', 'UPDATE') and new.end_at is not null then
        perform entry_day_totals_add(new.user_id, new.project_id, new.billable,
                                     new.start_at, new.end_at, 1);
    end if;
    return null;
end $$;

create trigger entries_keep_day_totals_on_insert_or_delete
    after insert or delete on entries
    for each row execute function entry_day_totals_follow_entry();

-- Only changes that move time between totals; a new description or new tags do not.
create trigger entries_keep_day_totals_on_update
    after update of user_id, project_id, billable, start_at, end_at on entries
    for each row
    when ((old.user_id, old.project_id, old.billable, old.start_at, old.end_at)
          is distinct from (new.user_id, new.project_id, new.billable, new.start_at, new.end_at))
    execute function entry_day_totals_follow_entry();

-- Sums a user's finished entries into totals, all over again.
create function entry_day_totals_rebuild(p_user bigint) returns void language plpgsql as $$
begin
    delete from entry_day_totals where user_id = p_user;
    insert into entry_day_totals (user_id, day, project_id, entries, total, billable)
    select e.user_id, (e.start_at at time zone u.time_zone)::date, e.project_id, count(*),
           sum(e.end_at - e.start_at),
           coalesce(sum(e.end_at - e.start_at) filter (where e.billable), interval '0')
      from entries e join users u on u.id = e.user_id
     where e.user_id = p_user and e.end_at is not null
     group by 1, 2, 3;
end $$;

create function entry_day_totals_follow_time_zone() returns trigger language plpgsql as $$
begin
    perform entry_day_totals_rebuild(new.id);
    return null;
end $$;

-- A new time zone moves entries to other local dates.
create trigger users_rebuild_day_totals_on_new_time_zone
    after update of time_zone on users
    for each row
    when (old.time_zone is distinct from new.time_zone)
    execute function entry_day_totals_follow_time_zone();

-- The entries that exist already.
select entry_day_totals_rebuild(id) from users;
