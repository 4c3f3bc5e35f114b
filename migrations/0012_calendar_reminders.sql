-- why: a durable Postgres job queue (decision 015) that runs reminders and meeting invitations exactly once across nodes and restarts; private ICS feed tokens; reminder/invitation state of activities (issue 5).

-- The job queue. A job is claimed with FOR UPDATE SKIP LOCKED and a lease (locked_until), never a transaction held
-- while it runs; run_at is compared with the application clock (passed in), so tests can move time.
CREATE TABLE jobs (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  payload jsonb NOT NULL DEFAULT '{}',
  -- at most one QUEUED job per (name, singleton_key): enqueueing again replaces it (reschedule), see below
  singleton_key text,
  state text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued','running','done','failed','cancelled')),
  run_at timestamptz NOT NULL,
  attempts integer NOT NULL DEFAULT 0,
  max_attempts integer NOT NULL DEFAULT 5 CHECK (max_attempts >= 1),
  locked_until timestamptz,
  locked_by text,
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);
CREATE UNIQUE INDEX jobs_singleton_idx ON jobs (name, singleton_key) WHERE singleton_key IS NOT NULL AND state = 'queued';
CREATE INDEX jobs_due_idx ON jobs (run_at) WHERE state = 'queued';
CREATE INDEX jobs_lease_idx ON jobs (locked_until) WHERE state = 'running';
CREATE INDEX jobs_finished_idx ON jobs (finished_at) WHERE state IN ('done','cancelled');

-- reminded_at: set in the same transaction as the reminder notification (exactly once); cleared when reminder_at changes.
ALTER TABLE activities ADD COLUMN reminded_at timestamptz;
-- send_invitations: a meeting's contact/lead participants get iCalendar invitations by email.
ALTER TABLE activities ADD COLUMN send_invitations boolean NOT NULL DEFAULT false;

-- What was last sent to a meeting's external participants: updates keep the UID with a higher SEQUENCE, a cancel
-- goes to those who were invited.
CREATE TABLE activity_invitations (
  activity_id uuid PRIMARY KEY REFERENCES activities(id) ON DELETE CASCADE,
  method text NOT NULL CHECK (method IN ('REQUEST','CANCEL')),
  sequence integer NOT NULL,
  recipients jsonb NOT NULL DEFAULT '[]',
  sent_at timestamptz NOT NULL
);

-- One private ICS feed token per user: looked up by its SHA-256; the token itself is kept only encrypted (key in
-- DATA_DIR/secrets) so the signed-in user can see the URL again. Rotating replaces the row (the old URL is dead).
CREATE TABLE calendar_feed_tokens (
  user_id uuid PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  token_hash text NOT NULL UNIQUE,
  token_encrypted text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
