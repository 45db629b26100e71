-- GitLab provider data that V1-V5 have no column for. Written by sync-service's gitlab provider
-- (io.devhealth.sync.provider.gitlab); conventions as in V1 and V4.

-- Merge requests merged with "squash commits": the squash commit GitLab made on the target branch. merge_commit_sha
-- holds the commit that landed there (the merge commit, else the squash commit of a fast-forward merge); this column
-- keeps the squash commit itself even when a merge commit follows it, so DORA linkage finds the change either way.
-- '' for providers without squash commits and for merge requests not squashed.
ALTER TABLE pull_requests ADD COLUMN IF NOT EXISTS squash_commit_sha String DEFAULT '' AFTER merge_commit_sha;

-- The environment's deployment tier as GitLab declares it (production, staging, testing, development, other); it
-- decides is_production when present. '' when the provider has no tiers or the environment's tier is unknown.
ALTER TABLE deployments ADD COLUMN IF NOT EXISTS environment_tier LowCardinality(String) DEFAULT '' AFTER environment;
