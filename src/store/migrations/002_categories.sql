CREATE TABLE category (
    id         INTEGER PRIMARY KEY,
    name       TEXT    NOT NULL,
    why        TEXT    NOT NULL DEFAULT '',
    target     INTEGER NOT NULL DEFAULT 3 CHECK (target BETWEEN 1 AND 25),
    position   INTEGER NOT NULL,
    created_at TEXT    NOT NULL,
    -- Set when deleted; cleared by undo. Deleted rows are never shown.
    deleted_at TEXT
) STRICT;

CREATE UNIQUE INDEX category_live_name ON category (name COLLATE NOCASE)
    WHERE deleted_at IS NULL;
CREATE INDEX category_position ON category (position) WHERE deleted_at IS NULL;
