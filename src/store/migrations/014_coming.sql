-- Before an event, a guest can say they are coming; once it has been held,
-- who came is marked, with the touch that marking logged, so that taking
-- it back takes the touch back too.
ALTER TABLE event_guest ADD COLUMN coming INTEGER NOT NULL DEFAULT 0 CHECK (coming IN (0, 1));
ALTER TABLE event_guest ADD COLUMN touch_id INTEGER REFERENCES touch (id) ON DELETE SET NULL;
