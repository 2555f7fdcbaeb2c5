-- Indexes that let a long list be read a screen at a time, in the order
-- it is shown: the people of one category by name, and the clients by name.
CREATE INDEX contact_in_category ON contact (category_id, name COLLATE NOCASE)
    WHERE deleted_at IS NULL;
CREATE INDEX contact_client_name ON contact (name COLLATE NOCASE)
    WHERE deleted_at IS NULL AND client_since IS NOT NULL;
-- Whether an e-mail address is already someone's, case and spaces aside.
CREATE INDEX contact_email ON contact (lower(trim(email)))
    WHERE deleted_at IS NULL AND email <> '';
