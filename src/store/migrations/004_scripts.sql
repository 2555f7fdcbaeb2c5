CREATE TABLE script (
    id          INTEGER PRIMARY KEY,
    kind        TEXT    NOT NULL
                CHECK (kind IN ('value', 'ask', 'thanks', 'intro', 'invitation', 'other')),
    title       TEXT    NOT NULL CHECK (length(trim(title)) > 0),
    -- When and how to use it, in a line.
    tip         TEXT    NOT NULL DEFAULT '',
    -- NULL for a general script.
    category_id INTEGER REFERENCES category (id),
    text        TEXT    NOT NULL DEFAULT '',
    created_at  TEXT    NOT NULL,
    updated_at  TEXT    NOT NULL,
    -- Set when deleted; cleared by undo. Deleted rows are never shown.
    deleted_at  TEXT
) STRICT;

CREATE UNIQUE INDEX script_live_title ON script (title COLLATE NOCASE)
    WHERE deleted_at IS NULL;

-- Every saved text of a script, the newest last.
CREATE TABLE script_version (
    id        INTEGER PRIMARY KEY,
    script_id INTEGER NOT NULL REFERENCES script (id) ON DELETE CASCADE,
    text      TEXT    NOT NULL,
    how       TEXT    NOT NULL CHECK (how IN ('starter', 'auto', 'saved', 'restored')),
    saved_at  TEXT    NOT NULL
) STRICT;

CREATE INDEX script_version_script ON script_version (script_id, id);
