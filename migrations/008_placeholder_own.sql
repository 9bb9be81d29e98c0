-- Placeholder on the own branch only, so that 010_own_items runs here: the real 008 comes from another branch.
-- The lead drops this file when merging (git rm migrations/008_placeholder_own.sql).
SELECT 1;
