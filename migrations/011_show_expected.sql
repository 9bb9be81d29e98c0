-- Whether a provider sees the next contract year's expected dates (issue 20 §3): on unless she switches them off.
ALTER TABLE providers ADD COLUMN show_expected INTEGER NOT NULL DEFAULT 1 CHECK (show_expected IN (0, 1));
