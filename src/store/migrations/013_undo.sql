-- Undo: every change made with one key (or one command) is kept as a
-- group of row changes, so that it can be taken back later, in any order
-- a later change does not depend on. The triggers that fill these tables
-- are made by each connection that records (store::undo::install), so a
-- connection that does not record (an import, a sync) pays nothing.

-- One change as the user made it: where (a window, the command line), what
-- in their words, when; and when it was undone.
CREATE TABLE undo_group (
    id        INTEGER PRIMARY KEY,
    origin    TEXT NOT NULL,
    label     TEXT NOT NULL,
    made_at   TEXT NOT NULL,
    undone_at TEXT
) STRICT;

CREATE INDEX undo_group_origin ON undo_group (origin, id) WHERE undone_at IS NULL;

-- A row inserted (nothing kept: undo deletes it), updated (each column's
-- value before and after, as JSON arrays in the table's column order), or
-- deleted (each column's value before, to insert it again).
CREATE TABLE undo_entry (
    id       INTEGER PRIMARY KEY,
    group_id INTEGER NOT NULL REFERENCES undo_group (id) ON DELETE CASCADE,
    tbl      TEXT    NOT NULL,
    row      INTEGER NOT NULL,
    op       TEXT    NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
    old      TEXT,
    new      TEXT
) STRICT;

CREATE INDEX undo_entry_group ON undo_entry (group_id, id);
-- What a later change touched of the same rows.
CREATE INDEX undo_entry_row ON undo_entry (tbl, row, group_id);
