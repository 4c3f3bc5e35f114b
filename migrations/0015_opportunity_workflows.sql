-- why: issue 4 workflows — management approval (seed 004: assessment + decision), stalled-deal tracking, saved views, and the indexes that keep the board's won/lost columns cheap.

-- Approval: the current state lives on the deal (the gate reads it); every request and decision is in the Stream.
ALTER TABLE opportunities
  ADD COLUMN assessment jsonb,
  ADD COLUMN approval_status text NOT NULL DEFAULT 'none' CHECK (approval_status IN ('none','requested','approved','rejected')),
  ADD COLUMN approval_requested_at timestamptz,
  ADD COLUMN approval_requested_by uuid REFERENCES users(id),
  ADD COLUMN approval_decided_at timestamptz,
  ADD COLUMN approval_decided_by uuid REFERENCES users(id),
  ADD COLUMN approval_comment text,
  -- seed 002 "On Hold": a deal parked on purpose is never reported as stalled
  ADD COLUMN on_hold boolean NOT NULL DEFAULT false,
  -- "continue with a new plan": the time-in-stage rule counts from here instead of the stage entry
  ADD COLUMN stall_reset_at timestamptz,
  -- the owner is told once per stall, the team lead once more after the escalation period
  ADD COLUMN stall_notified_at timestamptz,
  ADD COLUMN stall_escalated_at timestamptz;

-- the stalled-deal watch and the win/loss view read closed deals by close time
CREATE INDEX opportunities_closed_idx ON opportunities (pipeline_id, closed_at) WHERE deleted_at IS NULL AND status <> 'open';
CREATE INDEX opportunities_open_idx ON opportunities (pipeline_id, stage_id) WHERE deleted_at IS NULL AND status = 'open';
CREATE INDEX opportunities_stall_notified_idx ON opportunities (stall_notified_at) WHERE stall_notified_at IS NOT NULL;

-- Saved views: a named set of filters/columns/sort for a list or board, personal or shared with everyone.
CREATE TABLE saved_views (
  id uuid PRIMARY KEY,
  owner_id uuid NOT NULL REFERENCES users(id),
  name text NOT NULL,
  resource text NOT NULL CHECK (resource IN ('opportunities','leads','accounts','contacts')),
  view text NOT NULL CHECK (view IN ('board','table')),
  filters jsonb NOT NULL DEFAULT '{}',
  columns jsonb NOT NULL DEFAULT '[]',
  sort text,
  shared boolean NOT NULL DEFAULT false,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX saved_views_owner_idx ON saved_views (resource, owner_id);
CREATE INDEX saved_views_shared_idx ON saved_views (resource) WHERE shared;

-- New notification types: the decision on an approval request, and a stalled deal (owner, then team lead).
ALTER TABLE notifications DROP CONSTRAINT notifications_type_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_type_check
  CHECK (type IN ('mention','assignment','reminder','sla_breach','approval_request','invitation_failed','approval_decision','stalled_deal'));
ALTER TABLE notification_preferences DROP CONSTRAINT notification_preferences_type_check;
ALTER TABLE notification_preferences ADD CONSTRAINT notification_preferences_type_check
  CHECK (type IN ('mention','assignment','reminder','sla_breach','approval_request','invitation_failed','approval_decision','stalled_deal'));
