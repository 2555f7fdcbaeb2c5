CREATE TABLE setting (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE task_done (
    day     INTEGER NOT NULL CHECK (day BETWEEN 1 AND 25),
    task    TEXT    NOT NULL,
    done_at TEXT    NOT NULL,
    PRIMARY KEY (day, task)
) STRICT;

CREATE TABLE day_note (
    day        INTEGER PRIMARY KEY NOT NULL CHECK (day BETWEEN 1 AND 25),
    text       TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;
