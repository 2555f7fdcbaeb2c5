-- Rounds of the 25 days. The first began on the program's start; a new
-- round starts the 25 days again from a date. The round under way keeps
-- its ticks, skips and notes where they always were (task_done,
-- task_skipped, day_note); those of the rounds before are kept here, as
-- their history.
CREATE TABLE round (
    id      INTEGER PRIMARY KEY,
    start   TEXT NOT NULL,
    made_at TEXT NOT NULL
) STRICT;

INSERT INTO round (id, start, made_at)
    SELECT 1, value, strftime('%Y-%m-%d %H:%M:%S', 'now') FROM setting
    WHERE key = 'program_start';

CREATE TABLE round_task (
    round   INTEGER NOT NULL REFERENCES round (id) ON DELETE CASCADE,
    day     INTEGER NOT NULL CHECK (day BETWEEN 1 AND 25),
    task    TEXT    NOT NULL,
    mark    TEXT    NOT NULL CHECK (mark IN ('done', 'skipped')),
    at      TEXT    NOT NULL,
    PRIMARY KEY (round, day, task, mark)
) STRICT;

CREATE TABLE round_note (
    round      INTEGER NOT NULL REFERENCES round (id) ON DELETE CASCADE,
    day        INTEGER NOT NULL CHECK (day BETWEEN 1 AND 25),
    text       TEXT    NOT NULL,
    updated_at TEXT    NOT NULL,
    PRIMARY KEY (round, day)
) STRICT;

-- Who was on the 25 list when: each time a star is put on or taken off,
-- with the day. Those starred before this was kept count from the day
-- they were added.
CREATE TABLE list_change (
    id         INTEGER PRIMARY KEY,
    contact_id INTEGER NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
    on_list    INTEGER NOT NULL CHECK (on_list IN (0, 1)),
    changed_on TEXT    NOT NULL
) STRICT;

INSERT INTO list_change (contact_id, on_list, changed_on)
    SELECT id, 1, substr(created_at, 1, 10) FROM contact WHERE on_list = 1;

CREATE INDEX list_change_day ON list_change (changed_on, contact_id);
CREATE INDEX list_change_contact ON list_change (contact_id, id);

-- What the measured tasks and the weekly rhythm count, by date, read from
-- an index each.
CREATE INDEX touch_day ON touch (on_date, kind) WHERE deleted_at IS NULL;
CREATE INDEX thank_you_sent ON thank_you (sent_on, how) WHERE sent_on IS NOT NULL;
CREATE INDEX ask_asked ON ask (asked_on) WHERE asked_on IS NOT NULL;
CREATE INDEX touchpoint_done ON touchpoint (done_on) WHERE done_on IS NOT NULL;
CREATE INDEX referral_given ON referral (direction, on_date) WHERE deleted_at IS NULL;
