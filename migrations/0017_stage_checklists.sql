-- why: issue 4 — a stage's checklist is enforced: a deal moves forward out of a stage only when that stage's items are ticked; the ticks are kept per deal and stage, matched by the item's text.

-- A row = one ticked item (unticking deletes it; the Stream keeps who ticked and unticked what, when). Items are
-- matched by text, so an admin's edit of the checklist leaves ticks of removed items behind without counting them.
CREATE TABLE opportunity_checklist_ticks (
  opportunity_id uuid NOT NULL REFERENCES opportunities(id) ON DELETE CASCADE,
  stage_id uuid NOT NULL REFERENCES pipeline_stages(id) ON DELETE CASCADE,
  item text NOT NULL,
  ticked_by uuid NOT NULL REFERENCES users(id),
  ticked_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (opportunity_id, stage_id, item)
);
