-- A stable identity for each contact, the UID of its vCard: the same
-- person keeps it across exports, imports and syncs. Given to every
-- contact there is, and to each one added, when it comes without one.
ALTER TABLE contact ADD COLUMN uid TEXT;
UPDATE contact SET uid = lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2)))
    || '-4' || substr(lower(hex(randomblob(2))), 2) || '-'
    || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2)
    || '-' || lower(hex(randomblob(6)));
CREATE UNIQUE INDEX contact_uid ON contact (uid) WHERE uid IS NOT NULL;
CREATE TRIGGER contact_uid_given AFTER INSERT ON contact WHEN NEW.uid IS NULL BEGIN
    UPDATE contact SET uid = lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2)))
        || '-4' || substr(lower(hex(randomblob(2))), 2) || '-'
        || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2)
        || '-' || lower(hex(randomblob(6)))
    WHERE id = NEW.id;
END;

-- The e-mail addresses and phone numbers of a contact beyond the first of
-- each, which the contact row holds: an import keeps them all.
CREATE TABLE contact_detail (
    id         INTEGER PRIMARY KEY,
    contact_id INTEGER NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
    kind       TEXT    NOT NULL CHECK (kind IN ('email', 'phone')),
    value      TEXT    NOT NULL CHECK (length(trim(value)) > 0),
    UNIQUE (contact_id, kind, value)
) STRICT;
-- Whether an e-mail address is already someone's, case and spaces aside.
CREATE INDEX contact_detail_email ON contact_detail (lower(trim(value))) WHERE kind = 'email';
