-- why: opportunities and the pipelines they move through — ordered stages, stage history for time-in-stage, contacts with roles, and dated exchange rates for base-currency totals.

CREATE TABLE pipelines (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  is_default boolean NOT NULL DEFAULT false,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid REFERENCES users(id),
  deleted_at timestamptz
);
CREATE UNIQUE INDEX pipelines_name_key ON pipelines (lower(name)) WHERE deleted_at IS NULL;
-- at most one default pipeline (lead conversion and new opportunities without a pipeline land there)
CREATE UNIQUE INDEX pipelines_default_key ON pipelines (is_default) WHERE is_default AND deleted_at IS NULL;

-- Stages are never deleted: a retired stage keeps its row so the stage history of old deals still names it.
CREATE TABLE pipeline_stages (
  id uuid PRIMARY KEY,
  pipeline_id uuid NOT NULL REFERENCES pipelines(id),
  name text NOT NULL,
  position integer NOT NULL,
  probability integer NOT NULL CHECK (probability BETWEEN 0 AND 100),
  kind text NOT NULL CHECK (kind IN ('open','won','lost')),
  requires_approval boolean NOT NULL DEFAULT false,
  checklist jsonb NOT NULL DEFAULT '[]',
  retired_at timestamptz
);
CREATE INDEX pipeline_stages_pipeline_idx ON pipeline_stages (pipeline_id, position) WHERE retired_at IS NULL;

CREATE TABLE opportunities (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  account_id uuid NOT NULL REFERENCES accounts(id),
  primary_contact_id uuid REFERENCES contacts(id),
  pipeline_id uuid NOT NULL REFERENCES pipelines(id),
  stage_id uuid NOT NULL REFERENCES pipeline_stages(id),
  stage_entered_at timestamptz NOT NULL,
  -- money: numeric end to end (the driver hands it to the app as a string), never a float
  amount numeric(14,2) NOT NULL DEFAULT 0 CHECK (amount >= 0),
  currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  -- null = the stage's probability applies (follows the stage when an admin changes it)
  probability_override integer CHECK (probability_override BETWEEN 0 AND 100),
  expected_close_date date,
  owner_id uuid NOT NULL REFERENCES users(id),
  forecast_category text NOT NULL DEFAULT 'pipeline' CHECK (forecast_category IN ('pipeline','best_case','commit','closed','omitted')),
  next_step text,
  description text,
  source text,
  lead_id uuid REFERENCES leads(id),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open','won','lost')),
  lost_reason text CHECK (lost_reason IN ('price','competition','timing','fit','no_decision','other')),
  close_note text,
  closed_at timestamptz,
  search_text text NOT NULL DEFAULT '',
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid REFERENCES users(id),
  deleted_at timestamptz
);
-- the board: one column = one stage, cards newest arrival first
CREATE INDEX opportunities_board_idx ON opportunities (stage_id, stage_entered_at DESC, id DESC) WHERE deleted_at IS NULL;
CREATE INDEX opportunities_pipeline_idx ON opportunities (pipeline_id, stage_id) WHERE deleted_at IS NULL;
CREATE INDEX opportunities_owner_idx ON opportunities (owner_id) WHERE deleted_at IS NULL;
CREATE INDEX opportunities_account_idx ON opportunities (account_id) WHERE deleted_at IS NULL;
CREATE INDEX opportunities_name_idx ON opportunities (lower(name), id) WHERE deleted_at IS NULL;
CREATE INDEX opportunities_updated_idx ON opportunities (updated_at, id) WHERE deleted_at IS NULL;
CREATE INDEX opportunities_created_idx ON opportunities (created_at, id) WHERE deleted_at IS NULL;
CREATE INDEX opportunities_search_idx ON opportunities USING gin (search_text gin_trgm_ops);
CREATE INDEX opportunities_lead_idx ON opportunities (lead_id) WHERE lead_id IS NOT NULL;

CREATE TABLE opportunity_contacts (
  opportunity_id uuid NOT NULL REFERENCES opportunities(id),
  contact_id uuid NOT NULL REFERENCES contacts(id),
  role text NOT NULL,
  PRIMARY KEY (opportunity_id, contact_id)
);
CREATE INDEX opportunity_contacts_contact_idx ON opportunity_contacts (contact_id);

-- One row per stay in a stage: the path a deal took and how long it stayed (left_at null = current stage).
CREATE TABLE opportunity_stage_history (
  id uuid PRIMARY KEY,
  opportunity_id uuid NOT NULL REFERENCES opportunities(id),
  stage_id uuid NOT NULL REFERENCES pipeline_stages(id),
  entered_at timestamptz NOT NULL,
  left_at timestamptz,
  entered_by uuid REFERENCES users(id)
);
CREATE INDEX opportunity_stage_history_opp_idx ON opportunity_stage_history (opportunity_id, entered_at);

-- Units of the base currency per one unit of `currency`, valid from `date` until the next published rate.
CREATE TABLE exchange_rates (
  id uuid PRIMARY KEY,
  currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  date date NOT NULL,
  rate numeric(20,8) NOT NULL CHECK (rate > 0),
  source text NOT NULL DEFAULT 'manual' CHECK (source IN ('manual','cnb')),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid REFERENCES users(id),
  UNIQUE (currency, date)
);
CREATE INDEX exchange_rates_lookup_idx ON exchange_rates (currency, date DESC);

-- The default pipeline of seed 002 (stage ids fixed so the demo seed and tests can name them).
INSERT INTO pipelines (id, name, is_default) VALUES ('01900000-0000-7000-8000-000000000001', 'New business', true);
INSERT INTO pipeline_stages (id, pipeline_id, name, position, probability, kind) VALUES
  ('01900000-0000-7000-8000-000000000101', '01900000-0000-7000-8000-000000000001', 'Identification', 1, 10, 'open'),
  ('01900000-0000-7000-8000-000000000102', '01900000-0000-7000-8000-000000000001', 'Qualification', 2, 20, 'open'),
  ('01900000-0000-7000-8000-000000000103', '01900000-0000-7000-8000-000000000001', 'Needs Analysis', 3, 30, 'open'),
  ('01900000-0000-7000-8000-000000000104', '01900000-0000-7000-8000-000000000001', 'Presentation', 4, 50, 'open'),
  ('01900000-0000-7000-8000-000000000105', '01900000-0000-7000-8000-000000000001', 'Quote', 5, 60, 'open'),
  ('01900000-0000-7000-8000-000000000106', '01900000-0000-7000-8000-000000000001', 'Negotiation', 6, 80, 'open'),
  ('01900000-0000-7000-8000-000000000107', '01900000-0000-7000-8000-000000000001', 'Closure', 7, 100, 'won'),
  ('01900000-0000-7000-8000-000000000108', '01900000-0000-7000-8000-000000000001', 'Lost', 8, 0, 'lost');
