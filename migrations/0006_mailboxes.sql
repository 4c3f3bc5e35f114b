-- why: sales mailboxes (issue 3) — IMAP intake configuration, its sync status, and the exactly-once ledger of processed messages.
CREATE TABLE mailboxes (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  host text NOT NULL,
  port integer NOT NULL CHECK (port BETWEEN 1 AND 65535),
  tls text NOT NULL CHECK (tls IN ('implicit','starttls','none')),
  username text NOT NULL,
  -- AES-256-GCM with the key in DATA_DIR/secrets/mailbox.key (docs/decisions/012): never returned by the API
  password_encrypted text NOT NULL,
  folder text NOT NULL DEFAULT 'INBOX',
  poll_minutes integer NOT NULL DEFAULT 5 CHECK (poll_minutes BETWEEN 1 AND 1440),
  team_id uuid REFERENCES teams(id),
  -- the user new leads are created as and mail entries are recorded by (like a form's intake user)
  intake_user_id uuid NOT NULL REFERENCES users(id),
  active boolean NOT NULL DEFAULT true,
  -- sync state: messages with uid > last_uid under uid_validity are new
  uid_validity bigint,
  last_uid bigint NOT NULL DEFAULT 0,
  last_sync_at timestamptz,
  last_success_at timestamptz,
  last_error text,
  last_error_at timestamptz,
  processed_count integer NOT NULL DEFAULT 0,
  -- a lease, not a session lock: a sync talks to the network and must not hold a database connection meanwhile
  locked_until timestamptz,
  locked_by text,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid REFERENCES users(id),
  deleted_at timestamptz
);
CREATE INDEX mailboxes_active_idx ON mailboxes (last_sync_at) WHERE active AND deleted_at IS NULL;

-- One row per message taken in: the primary key makes a second import of the same message impossible.
CREATE TABLE mailbox_messages (
  mailbox_id uuid NOT NULL REFERENCES mailboxes(id) ON DELETE CASCADE,
  uid_validity bigint NOT NULL,
  uid bigint NOT NULL,
  message_id text,
  -- lead_created | lead | contact | failed
  outcome text NOT NULL,
  entity_type text,
  entity_id uuid,
  error text,
  processed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (mailbox_id, uid_validity, uid)
);
CREATE INDEX mailbox_messages_message_id_idx ON mailbox_messages (mailbox_id, message_id) WHERE message_id IS NOT NULL;
