-- why: activities (issue 5 core) — meetings, calls, emails and tasks on leads, contacts, accounts and opportunities;
-- they stop the lead first-contact clock and feed "my day".
CREATE TABLE activities (
  id uuid PRIMARY KEY,
  type text NOT NULL CHECK (type IN ('meeting','call','email','task')),
  subject text NOT NULL,
  description text,
  status text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned','held','not_held','completed','cancelled')),
  starts_at timestamptz,
  ends_at timestamptz,
  due_at timestamptz,
  -- when it happens or is due: one column to sort and filter calendars and "my day" by
  at timestamptz GENERATED ALWAYS AS (coalesce(starts_at, due_at)) STORED,
  location text,
  video_url text,
  outcome text,
  reminder_at timestamptz,
  related_type text CHECK (related_type IN ('lead','contact','account','opportunity')),
  related_id uuid,
  owner_id uuid NOT NULL REFERENCES users(id),
  completed_at timestamptz,
  search_text text NOT NULL DEFAULT '',
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid REFERENCES users(id),
  deleted_at timestamptz,
  CHECK (ends_at IS NULL OR starts_at IS NULL OR ends_at >= starts_at),
  CHECK ((related_type IS NULL) = (related_id IS NULL))
);
CREATE INDEX activities_owner_at_idx ON activities (owner_id, at) WHERE deleted_at IS NULL;
CREATE INDEX activities_related_idx ON activities (related_type, related_id, at) WHERE deleted_at IS NULL;
CREATE INDEX activities_at_idx ON activities (at, id) WHERE deleted_at IS NULL;
CREATE INDEX activities_reminder_idx ON activities (reminder_at) WHERE deleted_at IS NULL AND status = 'planned';

CREATE TABLE activity_participants (
  activity_id uuid NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
  participant_type text NOT NULL CHECK (participant_type IN ('user','contact','lead')),
  participant_id uuid NOT NULL,
  PRIMARY KEY (activity_id, participant_type, participant_id)
);
CREATE INDEX activity_participants_participant_idx ON activity_participants (participant_type, participant_id);
