-- Placeholder on the webhooks branch only: 010 is another branch's migration. Delete this file at the merge.
SELECT 1;
