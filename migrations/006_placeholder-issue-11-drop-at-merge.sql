-- PLACEHOLDER on branch issue-11 only: migration 006 belongs to another branch. Drop this file at merge.
SELECT 1;
