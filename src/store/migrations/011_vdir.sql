-- When a contact last changed (UTC): a sync with a folder of vCards keeps
-- the newer side when both changed. Every update sets it.
ALTER TABLE contact ADD COLUMN updated_at TEXT;
CREATE TRIGGER contact_updated AFTER UPDATE ON contact
WHEN NEW.updated_at IS OLD.updated_at BEGIN
    UPDATE contact SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = NEW.id;
END;

-- What a folder of vCards (a vdir) and list25 agreed on at the last sync,
-- per card: the file, a hash of its bytes, and a hash of the card list25
-- made of the contact. A side whose hash moved has changed since.
CREATE TABLE vdir_state (
    dir       TEXT NOT NULL,
    uid       TEXT NOT NULL,
    file      TEXT NOT NULL,
    file_hash TEXT NOT NULL,
    card_hash TEXT NOT NULL,
    PRIMARY KEY (dir, uid)
) STRICT;
