-- Tasks the user chose to skip: they leave Today, and count as skipped,
-- not done. Unskipping deletes the row.
CREATE TABLE task_skipped (
    day        INTEGER NOT NULL CHECK (day BETWEEN 1 AND 25),
    task       TEXT    NOT NULL,
    skipped_at TEXT    NOT NULL,
    PRIMARY KEY (day, task)
) STRICT;
