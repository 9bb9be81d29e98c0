-- Placeholder on the own branch only, so that 010_own_items runs here: the real 009 comes from another branch.
-- The lead drops this file when merging (git rm migrations/009_placeholder_own.sql).
SELECT 1;
