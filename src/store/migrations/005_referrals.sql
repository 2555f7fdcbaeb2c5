-- A contact is a client from a date, a possible partner in a category, or
-- both. "Introduced by" and "referred by" are one idea: one column.
ALTER TABLE contact ADD COLUMN client_since TEXT;
ALTER TABLE contact RENAME COLUMN introduced_by TO referred_by;

-- A touch deleted by hand, until undone.
ALTER TABLE touch ADD COLUMN deleted_at TEXT;

-- The 25 list, and the few contacts deleted: read without a scan.
CREATE INDEX contact_listed ON contact (id) WHERE on_list = 1 AND deleted_at IS NULL;
CREATE INDEX contact_deleted ON contact (id) WHERE deleted_at IS NOT NULL;

CREATE INDEX contact_client ON contact (client_since) WHERE deleted_at IS NULL
    AND client_since IS NOT NULL;
CREATE INDEX contact_referred_by ON contact (referred_by) WHERE referred_by IS NOT NULL;

-- A referral: received from a partner (they sent you a person), or given
-- to one (you sent them a person). `partner_id` is the other side,
-- `person_id` the person referred.
CREATE TABLE referral (
    id         INTEGER PRIMARY KEY,
    direction  TEXT    NOT NULL CHECK (direction IN ('received', 'given')),
    partner_id INTEGER NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
    person_id  INTEGER NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
    on_date    TEXT    NOT NULL,
    note       TEXT    NOT NULL DEFAULT '',
    status     TEXT    NOT NULL DEFAULT 'new'
               CHECK (status IN ('new', 'talking', 'client', 'not-a-fit')),
    created_at TEXT    NOT NULL,
    -- Set when deleted by hand; cleared by undo.
    deleted_at TEXT,
    CHECK (partner_id <> person_id)
) STRICT;

CREATE INDEX referral_date ON referral (on_date, id) WHERE deleted_at IS NULL;
CREATE INDEX referral_partner ON referral (partner_id, direction) WHERE deleted_at IS NULL;
CREATE INDEX referral_person ON referral (person_id) WHERE deleted_at IS NULL;

-- Every status a referral has had, with the date of the change.
CREATE TABLE referral_status (
    id          INTEGER PRIMARY KEY,
    referral_id INTEGER NOT NULL REFERENCES referral (id) ON DELETE CASCADE,
    status      TEXT    NOT NULL
                CHECK (status IN ('new', 'talking', 'client', 'not-a-fit')),
    changed_on  TEXT    NOT NULL
) STRICT;

CREATE INDEX referral_status_referral ON referral_status (referral_id, id);

-- What is owed to a referrer: a thank-you for the person they sent, or
-- news of how it went. Sent when `sent_on` is set. A thank-you for a past
-- referral (a client's "referred by") has no referral row.
CREATE TABLE thank_you (
    id          INTEGER PRIMARY KEY,
    kind        TEXT    NOT NULL CHECK (kind IN ('thanks', 'news')),
    referral_id INTEGER REFERENCES referral (id) ON DELETE CASCADE,
    to_id       INTEGER NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
    for_id      INTEGER NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
    due         TEXT    NOT NULL,
    sent_on     TEXT,
    how         TEXT    CHECK (how IN ('card', 'call', 'gift', 'note')),
    created_at  TEXT    NOT NULL,
    CHECK ((sent_on IS NULL) = (how IS NULL))
) STRICT;

CREATE INDEX thank_you_owed ON thank_you (due) WHERE sent_on IS NULL;
CREATE INDEX thank_you_referral ON thank_you (referral_id);
CREATE INDEX thank_you_to_for ON thank_you (to_id, for_id);
