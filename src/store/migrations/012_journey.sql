-- The client journey: the referral ask planned for each client, the
-- touchpoints of the journey template, events a client can bring a friend
-- to, and groups of referral sources.

-- The journey template as the user set it, step by step. Empty until the
-- user saves one: until then the template shipped in assets/ is used.
CREATE TABLE journey_step (
    id         INTEGER PRIMARY KEY,
    position   INTEGER NOT NULL,
    title      TEXT    NOT NULL CHECK (length(trim(title)) > 0),
    how        TEXT    NOT NULL CHECK (how IN ('card', 'call', 'gift', 'visit', 'email')),
    -- Days after becoming a client; NULL for a milestone, dated by hand.
    after_days INTEGER CHECK (after_days BETWEEN 0 AND 3660)
) STRICT;

-- A referral ask: planned for a client (due), then made (asked_on, with
-- its outcome). At most one is planned per client at a time.
CREATE TABLE ask (
    id         INTEGER PRIMARY KEY,
    client_id  INTEGER NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
    due        TEXT    NOT NULL,
    -- Why it is due then: planned when they became a client, a problem
    -- solved, asked again after an earlier ask, or moved by hand.
    reason     TEXT    NOT NULL DEFAULT 'planned'
               CHECK (reason IN ('planned', 'solved', 'again', 'moved')),
    asked_on   TEXT,
    outcome    TEXT    CHECK (outcome IN ('names', 'not-now', 'no')),
    created_at TEXT    NOT NULL,
    CHECK ((asked_on IS NULL) = (outcome IS NULL))
) STRICT;

CREATE UNIQUE INDEX ask_planned ON ask (client_id) WHERE asked_on IS NULL;
CREATE INDEX ask_due ON ask (due, client_id) WHERE asked_on IS NULL;
CREATE INDEX ask_client ON ask (client_id, id);

-- A step of the journey for one client: due on a date (NULL for a
-- milestone not dated yet), then done (with the touch it logged) or skipped.
CREATE TABLE touchpoint (
    id         INTEGER PRIMARY KEY,
    client_id  INTEGER NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    title      TEXT    NOT NULL CHECK (length(trim(title)) > 0),
    how        TEXT    NOT NULL CHECK (how IN ('card', 'call', 'gift', 'visit', 'email')),
    due        TEXT,
    done_on    TEXT,
    skipped_on TEXT,
    touch_id   INTEGER REFERENCES touch (id) ON DELETE SET NULL,
    created_at TEXT    NOT NULL,
    CHECK (done_on IS NULL OR skipped_on IS NULL)
) STRICT;

CREATE INDEX touchpoint_due ON touchpoint (due, client_id)
    WHERE done_on IS NULL AND skipped_on IS NULL;
CREATE INDEX touchpoint_client ON touchpoint (client_id, position);
-- The clients welcomed: the template's first step done.
CREATE INDEX touchpoint_welcomed ON touchpoint (client_id)
    WHERE position = 0 AND done_on IS NOT NULL;

-- A group whose members serve the same clients: a networking group, an
-- association, a chamber, a club.
CREATE TABLE source_group (
    id         INTEGER PRIMARY KEY,
    name       TEXT    NOT NULL CHECK (length(trim(name)) > 0),
    kind       TEXT    NOT NULL DEFAULT 'networking'
               CHECK (kind IN ('networking', 'association', 'chamber', 'club')),
    meets      TEXT    NOT NULL DEFAULT '',
    created_at TEXT    NOT NULL,
    deleted_at TEXT
) STRICT;

CREATE UNIQUE INDEX source_group_name ON source_group (name COLLATE NOCASE)
    WHERE deleted_at IS NULL;

CREATE TABLE group_member (
    group_id   INTEGER NOT NULL REFERENCES source_group (id) ON DELETE CASCADE,
    contact_id INTEGER NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
    since      TEXT    NOT NULL,
    PRIMARY KEY (group_id, contact_id)
) STRICT;

CREATE INDEX group_member_contact ON group_member (contact_id);

-- "How we met" can point to a group.
ALTER TABLE contact ADD COLUMN met_group INTEGER REFERENCES source_group (id) ON DELETE SET NULL;

-- An event a client can bring a friend to; a group's meeting is one too.
CREATE TABLE event (
    id         INTEGER PRIMARY KEY,
    title      TEXT    NOT NULL CHECK (length(trim(title)) > 0),
    on_date    TEXT    NOT NULL,
    place      TEXT    NOT NULL DEFAULT '',
    offers     TEXT    NOT NULL DEFAULT '',
    group_id   INTEGER REFERENCES source_group (id) ON DELETE SET NULL,
    created_at TEXT    NOT NULL,
    deleted_at TEXT
) STRICT;

CREATE INDEX event_date ON event (on_date, id) WHERE deleted_at IS NULL;

-- Who was invited, who came, and whom each guest brought.
CREATE TABLE event_guest (
    event_id   INTEGER NOT NULL REFERENCES event (id) ON DELETE CASCADE,
    contact_id INTEGER NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
    invited    INTEGER NOT NULL DEFAULT 1 CHECK (invited IN (0, 1)),
    came       INTEGER NOT NULL DEFAULT 0 CHECK (came IN (0, 1)),
    -- The guest who brought them (then they were not invited).
    brought_by INTEGER REFERENCES contact (id) ON DELETE SET NULL,
    PRIMARY KEY (event_id, contact_id),
    CHECK (brought_by IS NULL OR brought_by <> contact_id)
) STRICT;

CREATE INDEX event_guest_contact ON event_guest (contact_id);

-- Clients with a referrer, read without walking every client (day 13's
-- count of referrers thanked runs after each edit).
CREATE INDEX contact_client_referred ON contact (referred_by)
    WHERE deleted_at IS NULL AND client_since IS NOT NULL AND referred_by IS NOT NULL;

-- A referral that came from an ask or an event says which.
ALTER TABLE referral ADD COLUMN ask_id INTEGER REFERENCES ask (id) ON DELETE SET NULL;
ALTER TABLE referral ADD COLUMN event_id INTEGER REFERENCES event (id) ON DELETE SET NULL;
