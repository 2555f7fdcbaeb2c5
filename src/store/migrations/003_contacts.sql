CREATE TABLE contact (
    id             INTEGER PRIMARY KEY,
    category_id    INTEGER REFERENCES category (id),
    name           TEXT    NOT NULL CHECK (length(trim(name)) > 0),
    company        TEXT    NOT NULL DEFAULT '',
    role           TEXT    NOT NULL DEFAULT '',
    email          TEXT    NOT NULL DEFAULT '',
    phone          TEXT    NOT NULL DEFAULT '',
    city           TEXT    NOT NULL DEFAULT '',
    met_how        TEXT    NOT NULL DEFAULT '',
    introduced_by  INTEGER REFERENCES contact (id) ON DELETE SET NULL,
    notes          TEXT    NOT NULL DEFAULT '',
    stage          TEXT    NOT NULL DEFAULT 'identified'
                   CHECK (stage IN ('identified', 'contacted', 'met', 'partner')),
    on_list        INTEGER NOT NULL DEFAULT 0 CHECK (on_list IN (0, 1)),
    cadence_days   INTEGER NOT NULL DEFAULT 30 CHECK (cadence_days BETWEEN 1 AND 365),
    last_touch     TEXT,
    next_follow_up TEXT,
    created_at     TEXT    NOT NULL,
    -- Set when deleted (alone or with its category); cleared by undo.
    deleted_at     TEXT
) STRICT;

-- Lists by category, and the per-category counts read from the index alone.
CREATE INDEX contact_tally ON contact (category_id, stage, on_list) WHERE deleted_at IS NULL;
CREATE INDEX contact_follow_up ON contact (next_follow_up) WHERE deleted_at IS NULL;
CREATE INDEX contact_name ON contact (name COLLATE NOCASE) WHERE deleted_at IS NULL;

CREATE TABLE stage_change (
    id         INTEGER PRIMARY KEY,
    contact_id INTEGER NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
    stage      TEXT    NOT NULL CHECK (stage IN ('identified', 'contacted', 'met', 'partner')),
    changed_on TEXT    NOT NULL
) STRICT;

CREATE INDEX stage_change_contact ON stage_change (contact_id);

CREATE TABLE touch (
    id         INTEGER PRIMARY KEY,
    contact_id INTEGER NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
    kind       TEXT    NOT NULL CHECK (kind IN ('call', 'meeting', 'email', 'card', 'event', 'note')),
    on_date    TEXT    NOT NULL,
    note       TEXT    NOT NULL DEFAULT '',
    created_at TEXT    NOT NULL
) STRICT;

CREATE INDEX touch_contact ON touch (contact_id, on_date);
