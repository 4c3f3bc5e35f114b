-- why: issue 5 — a pipeline stage may require the deal's activity-plan items to be done before the deal leaves it.
ALTER TABLE pipeline_stages ADD COLUMN requires_plan_done boolean NOT NULL DEFAULT false;
