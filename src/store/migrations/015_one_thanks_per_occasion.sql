-- The names a client gives at one ask, the guests one person brings to one
-- event: one occasion, one thank-you (a card can name several people).
-- Each referral still has its thank-you row, for its person's history; all
-- but the first of an occasion are covered by the first, shown and marked
-- sent with it.
ALTER TABLE thank_you ADD COLUMN covered_by INTEGER REFERENCES thank_you (id) ON DELETE SET NULL;
CREATE INDEX thank_you_covered ON thank_you (covered_by) WHERE covered_by IS NOT NULL;
