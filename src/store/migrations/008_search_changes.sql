-- How many times what search reads has changed: the contacts' searched
-- text, and the touches' notes. Search reads an index again only when its
-- count has moved, so a stage change or a script saved costs it nothing.
CREATE TABLE search_changes (
    what TEXT    PRIMARY KEY CHECK (what IN ('contacts', 'notes')),
    n    INTEGER NOT NULL
) STRICT;
INSERT INTO search_changes (what, n) VALUES ('contacts', 0), ('notes', 0);

CREATE TRIGGER contact_added AFTER INSERT ON contact BEGIN
    UPDATE search_changes SET n = n + 1 WHERE what = 'contacts';
END;
CREATE TRIGGER contact_searched_changed
AFTER UPDATE OF name, company, city, met_how, notes, category_id ON contact
WHEN OLD.name IS NOT NEW.name OR OLD.company IS NOT NEW.company OR OLD.city IS NOT NEW.city
  OR OLD.met_how IS NOT NEW.met_how OR OLD.notes IS NOT NEW.notes
  OR OLD.category_id IS NOT NEW.category_id BEGIN
    UPDATE search_changes SET n = n + 1 WHERE what = 'contacts';
END;
-- A contact deleted or brought back takes their touches' notes along.
CREATE TRIGGER contact_deleted_or_back AFTER UPDATE OF deleted_at ON contact
WHEN OLD.deleted_at IS NOT NEW.deleted_at BEGIN
    UPDATE search_changes SET n = n + 1;
END;
CREATE TRIGGER contact_removed AFTER DELETE ON contact BEGIN
    UPDATE search_changes SET n = n + 1;
END;

CREATE TRIGGER category_searched_changed AFTER UPDATE OF name, deleted_at ON category
WHEN OLD.name IS NOT NEW.name OR OLD.deleted_at IS NOT NEW.deleted_at BEGIN
    UPDATE search_changes SET n = n + 1;
END;
CREATE TRIGGER category_removed AFTER DELETE ON category BEGIN
    UPDATE search_changes SET n = n + 1;
END;

CREATE TRIGGER touch_added AFTER INSERT ON touch BEGIN
    UPDATE search_changes SET n = n + 1 WHERE what = 'notes';
END;
CREATE TRIGGER touch_changed AFTER UPDATE OF note, on_date, contact_id, deleted_at ON touch
WHEN OLD.note IS NOT NEW.note OR OLD.on_date IS NOT NEW.on_date
  OR OLD.contact_id IS NOT NEW.contact_id OR OLD.deleted_at IS NOT NEW.deleted_at BEGIN
    UPDATE search_changes SET n = n + 1 WHERE what = 'notes';
END;
CREATE TRIGGER touch_removed AFTER DELETE ON touch BEGIN
    UPDATE search_changes SET n = n + 1 WHERE what = 'notes';
END;
