-- why: in-app notifications (bell, live updates, email per user preference, @mentions, SLA breaches) and
-- activity plans (seed 003: an admin-defined checklist of activities applied to a record) — issue 5.

-- One row per notification for one user. `in_app = false` rows exist only to carry an email the user wants
-- without showing in the bell; email delivery state stays on the row so a failure is visible, never lost.
CREATE TABLE notifications (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  type text NOT NULL CHECK (type IN ('mention','assignment','reminder','sla_breach','approval_request','invitation_failed')),
  title text NOT NULL,
  body text,
  link text,
  entity_type text,
  entity_id uuid,
  actor_id uuid REFERENCES users(id),
  -- a producer's idempotency key (e.g. "reminder:<activity id>:<time>"): the same event never notifies twice
  dedupe_key text,
  in_app boolean NOT NULL DEFAULT true,
  read_at timestamptz,
  -- email: null = not to be emailed; pending → sent | failed (retried until attempts run out)
  email_status text CHECK (email_status IN ('pending','sending','sent','failed')),
  email_attempts integer NOT NULL DEFAULT 0,
  email_next_at timestamptz,
  email_error text,
  emailed_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (user_id, dedupe_key)
);
CREATE INDEX notifications_user_idx ON notifications (user_id, created_at DESC, id DESC) WHERE in_app;
CREATE INDEX notifications_unread_idx ON notifications (user_id) WHERE in_app AND read_at IS NULL;
CREATE INDEX notifications_email_idx ON notifications (email_next_at) WHERE email_status IN ('pending','sending','failed');

-- Per-user, per-type choice; a missing row means the type's default (see domain/notifications).
CREATE TABLE notification_preferences (
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  type text NOT NULL CHECK (type IN ('mention','assignment','reminder','sla_breach','approval_request','invitation_failed')),
  in_app boolean NOT NULL,
  email boolean NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, type)
);

-- The first-contact SLA breach is announced once per lead.
ALTER TABLE leads ADD COLUMN sla_notified_at timestamptz;
CREATE INDEX leads_sla_breach_idx ON leads (first_contact_due_at)
  WHERE deleted_at IS NULL AND first_contacted_at IS NULL AND sla_notified_at IS NULL;

-- Activity plans: items are an ordered JSON list with stable ids ({id, type, subject, description, dueDayOffset,
-- owner}) validated by the app; applied plans keep their own copy of what was created.
CREATE TABLE activity_plans (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  description text,
  active boolean NOT NULL DEFAULT true,
  items jsonb NOT NULL DEFAULT '[]',
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid REFERENCES users(id),
  deleted_at timestamptz
);

CREATE TABLE plan_applications (
  id uuid PRIMARY KEY,
  plan_id uuid NOT NULL REFERENCES activity_plans(id),
  plan_name text NOT NULL,
  related_type text NOT NULL CHECK (related_type IN ('lead','contact','account','opportunity')),
  related_id uuid NOT NULL,
  applied_by uuid REFERENCES users(id),
  applied_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX plan_applications_related_idx ON plan_applications (related_type, related_id, applied_at);

CREATE TABLE plan_application_items (
  application_id uuid NOT NULL REFERENCES plan_applications(id) ON DELETE CASCADE,
  item_id uuid NOT NULL,
  position integer NOT NULL,
  activity_id uuid NOT NULL REFERENCES activities(id),
  PRIMARY KEY (application_id, item_id)
);
CREATE INDEX plan_application_items_activity_idx ON plan_application_items (activity_id);
