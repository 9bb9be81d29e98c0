-- Who recorded or undid an event (issue 24): besides the API key, through which door (api or web) and, on the
-- web, which contact (her address when she acted: her page, or the digest's "gedaan" link mailed to her).
-- Events from before this migration say web only where the key is a web sign-up's own (nothing else uses it);
-- the rest stay NULL: not known.
ALTER TABLE events ADD COLUMN recorded_via TEXT CHECK (recorded_via IN ('api', 'web'));
ALTER TABLE events ADD COLUMN recorded_by_contact TEXT;
ALTER TABLE events ADD COLUMN undone_via TEXT CHECK (undone_via IN ('api', 'web'));
ALTER TABLE events ADD COLUMN undone_by_contact TEXT;
UPDATE events SET recorded_via = 'web' WHERE recorded_by IN (SELECT api_key_id FROM web_accounts);
UPDATE events SET undone_via = 'web' WHERE deleted_by IN (SELECT api_key_id FROM web_accounts);

-- A digest's "gedaan" link knows the contact it was mailed to, so what it records names her. A contact that is
-- gone since leaves the link working, without a name.
ALTER TABLE web_links ADD COLUMN contact_id INTEGER;
