-- The first schema. Later versions only add (columns, tables, indexes) before a release that
-- uses them, and remove only what no released version reads any more, so that the previous
-- version keeps working on the newer schema and a rollback needs no migration.

create table users (
    id            bigint generated always as identity primary key,
    email         text        not null,
    name          text        not null,
    time_zone     text        not null,
    currency      char(3)     not null default 'EUR',
    role          text        not null check (role in ('admin', 'member')),
    active        boolean     not null default true,
    password_hash text        not null,
    created_at    timestamptz not null default now()
);
create unique index users_email_key on users (lower(email));

-- Only a SHA-256 of each session token and API token is stored: a copy of the database does
-- not let anyone sign in.
create table sessions (
    id             bigint generated always as identity primary key,
    user_id        bigint      not null references users (id) on delete cascade,
    token_hash     bytea       not null unique,
    csrf_token     text        not null,
    created_at     timestamptz not null,
    last_seen_at   timestamptz not null,
    client_address text        not null
);
create index sessions_user_idx on sessions (user_id);

create table api_tokens (
    id           bigint generated always as identity primary key,
    user_id      bigint      not null references users (id) on delete cascade,
    name         text        not null,
    token_hash   bytea       not null unique,
    created_at   timestamptz not null,
    expires_at   timestamptz,
    last_used_at timestamptz
);
create index api_tokens_user_idx on api_tokens (user_id);

-- Failed sign-ins per email and client address, for throttling; old rows are swept away.
create table login_failures (
    id             bigint generated always as identity primary key,
    email          text        not null,
    client_address text        not null,
    failed_at      timestamptz not null
);
create index login_failures_key_idx on login_failures (email, client_address, failed_at);

create table projects (
    id          bigint generated always as identity primary key,
    user_id     bigint        not null references users (id) on delete cascade,
    name        text          not null,
    client      text          not null default '',
    color       char(7)       not null,
    hourly_rate numeric(12, 2),
    billable    boolean       not null,
    archived    boolean       not null default false,
    created_at  timestamptz   not null default now(),
    unique (id, user_id)
);
create unique index projects_active_name_key on projects (user_id, lower(name)) where not archived;

create table entries (
    id          bigint generated always as identity primary key,
    user_id     bigint      not null references users (id) on delete cascade,
    project_id  bigint,
    description text        not null default '',
    tags        text[]      not null default '{}',
    billable    boolean     not null,
    start_at    timestamptz not null,
    end_at      timestamptz,
    created_at  timestamptz not null default now(),
    -- An entry can only point at a project of its own user, whatever the application does.
    foreign key (project_id, user_id) references projects (id, user_id),
    check (end_at is null or end_at > start_at)
);
-- Listings, reports and the timesheet all read one user's entries by start. The included
-- columns are all a summary needs, so PostgreSQL sums from the index once autovacuum has marked
-- the pages visible, instead of visiting rows that lie scattered among everyone else's.
create index entries_user_start_idx on entries (user_id, start_at)
    include (end_at, billable, project_id);
create index entries_project_idx on entries (project_id) where project_id is not null;
-- At most one running timer per user, even when two starts race.
create unique index entries_one_running_key on entries (user_id) where end_at is null;
