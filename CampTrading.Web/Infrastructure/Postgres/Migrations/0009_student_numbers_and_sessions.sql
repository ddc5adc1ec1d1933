-- Issue 10 (SPEC §6): a public student number for others to see and scan, the registration code kept as the
-- private sign-in secret, a security stamp that ends every session when it changes, and used Telegram widget
-- payloads (each signed payload signs in once).
create sequence student_numbers start 1001;

alter table students add column student_number integer null;
update students s set student_number = n.number
from (select id, nextval('student_numbers')::integer as number from (select id from students order by id) ordered) n
where s.id = n.id;
alter table students alter column student_number set default nextval('student_numbers');
alter table students alter column student_number set not null;
alter table students add constraint students_student_number_key unique (student_number);
alter sequence student_numbers owned by students.student_number;

comment on column students.registration_code is 'the private sign-in secret (printed once on the badge slip); never scanned by others';

-- Rotated by reset login and disable; every cookie carries it and is refused once it differs.
alter table students add column security_stamp text not null default md5(random()::text || clock_timestamp()::text);

create table telegram_login_replays (
    payload_hash bytea primary key,
    expires_at timestamptz not null
);
create index telegram_login_replays_expires on telegram_login_replays (expires_at);
