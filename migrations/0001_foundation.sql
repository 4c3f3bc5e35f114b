-- why: the foundation — users, teams, sessions, tokens, accounts, contacts and the Stream every record writes to.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE users (
  id uuid PRIMARY KEY,
  email text NOT NULL,
  name text NOT NULL,
  role text NOT NULL CHECK (role IN ('admin','sales_director','team_lead','account_manager','sdr','marketing')),
  password_hash text NOT NULL,
  locale text NOT NULL DEFAULT 'en' CHECK (locale IN ('en','cs','de')),
  active boolean NOT NULL DEFAULT true,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid REFERENCES users(id)
);
CREATE UNIQUE INDEX users_email_key ON users (lower(email));

CREATE TABLE teams (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  lead_id uuid REFERENCES users(id),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid REFERENCES users(id)
);
CREATE UNIQUE INDEX teams_name_key ON teams (lower(name));

CREATE TABLE team_members (
  team_id uuid NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  PRIMARY KEY (team_id, user_id)
);
CREATE INDEX team_members_user_idx ON team_members (user_id);

-- Sessions are stored server-side; the cookie carries a random token, the table only its SHA-256.
CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

CREATE TABLE api_tokens (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  name text NOT NULL,
  token_hash text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);

CREATE TABLE login_failures (
  id bigserial PRIMARY KEY,
  email text NOT NULL,
  ip text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_failures_email_idx ON login_failures (lower(email), created_at);
CREATE INDEX login_failures_ip_idx ON login_failures (ip, created_at);

CREATE TABLE idempotency_keys (
  user_id uuid NOT NULL,
  key text NOT NULL,
  method text NOT NULL,
  path text NOT NULL,
  status_code integer,
  response jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, key)
);

CREATE TABLE accounts (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  type text NOT NULL DEFAULT 'prospect' CHECK (type IN ('prospect','customer','partner','supplier','other')),
  industry text,
  size integer CHECK (size IS NULL OR size >= 0),
  website text,
  email text,
  phone text,
  registration_number text,
  vat_number text,
  billing_street text,
  billing_city text,
  billing_postal_code text,
  billing_country text,
  parent_id uuid REFERENCES accounts(id),
  description text,
  owner_id uuid NOT NULL REFERENCES users(id),
  -- lower-cased, diacritics-stripped text of the searchable fields, maintained by the repository
  search_text text NOT NULL DEFAULT '',
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid REFERENCES users(id),
  deleted_at timestamptz
);
CREATE INDEX accounts_owner_idx ON accounts (owner_id) WHERE deleted_at IS NULL;
CREATE INDEX accounts_parent_idx ON accounts (parent_id) WHERE deleted_at IS NULL;
CREATE INDEX accounts_name_idx ON accounts (lower(name), id) WHERE deleted_at IS NULL;
CREATE INDEX accounts_updated_idx ON accounts (updated_at, id) WHERE deleted_at IS NULL;
CREATE INDEX accounts_created_idx ON accounts (created_at, id) WHERE deleted_at IS NULL;
CREATE INDEX accounts_search_idx ON accounts USING gin (search_text gin_trgm_ops);
CREATE INDEX accounts_regno_idx ON accounts (registration_number) WHERE deleted_at IS NULL;

CREATE TABLE contacts (
  id uuid PRIMARY KEY,
  first_name text,
  last_name text NOT NULL,
  title text,
  emails jsonb NOT NULL DEFAULT '[]',
  phones jsonb NOT NULL DEFAULT '[]',
  account_id uuid REFERENCES accounts(id),
  street text,
  city text,
  postal_code text,
  country text,
  notes text,
  owner_id uuid NOT NULL REFERENCES users(id),
  search_text text NOT NULL DEFAULT '',
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid REFERENCES users(id),
  deleted_at timestamptz
);
CREATE INDEX contacts_owner_idx ON contacts (owner_id) WHERE deleted_at IS NULL;
CREATE INDEX contacts_account_idx ON contacts (account_id) WHERE deleted_at IS NULL;
CREATE INDEX contacts_name_idx ON contacts (lower(last_name), id) WHERE deleted_at IS NULL;
CREATE INDEX contacts_updated_idx ON contacts (updated_at, id) WHERE deleted_at IS NULL;
CREATE INDEX contacts_created_idx ON contacts (created_at, id) WHERE deleted_at IS NULL;
CREATE INDEX contacts_search_idx ON contacts USING gin (search_text gin_trgm_ops);

CREATE TABLE stream_entries (
  id uuid PRIMARY KEY,
  -- insertion order: the Stream is read newest first and paged by this, never by a clock
  seq bigint GENERATED ALWAYS AS IDENTITY,
  entity_type text NOT NULL,
  entity_id uuid NOT NULL,
  type text NOT NULL,
  actor_id uuid REFERENCES users(id),
  data jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX stream_entries_entity_idx ON stream_entries (entity_type, entity_id, seq DESC);
