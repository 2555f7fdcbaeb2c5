-- What list25 copies a script for, where one kind has several uses: the
-- thank-you for a referral and the news of how it went; the ask made as
-- planned and the one after a problem solved; the welcome card. A script
-- without one is found by its kind.
ALTER TABLE script ADD COLUMN purpose TEXT
    CHECK (purpose IN ('referral-thanks', 'news', 'welcome', 'ask-planned', 'ask-solved'));

UPDATE script SET purpose = 'referral-thanks'
    WHERE title = 'Thank-you card for a referral' AND deleted_at IS NULL;
UPDATE script SET purpose = 'ask-solved'
    WHERE title = 'Ask after a problem solved' AND deleted_at IS NULL;
UPDATE script SET purpose = 'welcome'
    WHERE title = 'Welcome card for a new client' AND deleted_at IS NULL;
