-- What search reads of each live contact, in an index of its own: reading
-- it is half the pages of reading the whole table (which also holds
-- e-mail, phone, role and the whole notes). No query filters or sorts by
-- its first column, so the lists keep their own indexes.
CREATE INDEX contact_searched
    ON contact (substr(notes, 1, 200), met_how, city, company, name, category_id)
    WHERE deleted_at IS NULL;
