-- why: leads — the front of the funnel (issue 3): lifecycle, BANT and score, round-robin, first-contact SLA, conversion links.
CREATE TABLE leads (
  id uuid PRIMARY KEY,
  first_name text,
  last_name text,
  company text,
  title text,
  email text,
  phone text,
  website text,
  registration_number text,
  city text,
  country text,
  description text,
  source text NOT NULL CHECK (source IN ('web_form','email','referral','trade_show','cold_call','import','partner','other')),
  campaign text,
  status text NOT NULL DEFAULT 'new' CHECK (status IN ('new','assigned','in_process','converted','recycled','dead')),
  status_reason text,
  recontact_on date,
  owner_id uuid REFERENCES users(id),
  team_id uuid REFERENCES teams(id) ON DELETE SET NULL,
  budget text NOT NULL DEFAULT 'unknown' CHECK (budget IN ('yes','no','unknown')),
  authority text NOT NULL DEFAULT 'unknown' CHECK (authority IN ('yes','no','unknown')),
  need text NOT NULL DEFAULT 'unknown' CHECK (need IN ('yes','no','unknown')),
  timeline text NOT NULL DEFAULT 'unclear' CHECK (timeline IN ('urgent','mid_term','unclear')),
  company_size smallint CHECK (company_size BETWEEN 1 AND 5),
  industry_fit smallint CHECK (industry_fit BETWEEN 1 AND 5),
  engagement smallint CHECK (engagement BETWEEN 1 AND 5),
  icp_fit smallint CHECK (icp_fit BETWEEN 1 AND 5),
  score integer,
  first_contact_due_at timestamptz NOT NULL,
  first_contacted_at timestamptz,
  converted_at timestamptz,
  converted_account_id uuid REFERENCES accounts(id),
  converted_contact_id uuid REFERENCES contacts(id),
  search_text text NOT NULL DEFAULT '',
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid REFERENCES users(id),
  deleted_at timestamptz
);
CREATE INDEX leads_owner_idx ON leads (owner_id) WHERE deleted_at IS NULL;
CREATE INDEX leads_team_idx ON leads (team_id) WHERE deleted_at IS NULL;
CREATE INDEX leads_status_idx ON leads (status, created_at) WHERE deleted_at IS NULL;
CREATE INDEX leads_created_idx ON leads (created_at, id) WHERE deleted_at IS NULL;
CREATE INDEX leads_updated_idx ON leads (updated_at, id) WHERE deleted_at IS NULL;
CREATE INDEX leads_sla_idx ON leads (first_contact_due_at) WHERE deleted_at IS NULL AND first_contacted_at IS NULL;
CREATE INDEX leads_email_idx ON leads (lower(email)) WHERE deleted_at IS NULL;
CREATE INDEX leads_search_idx ON leads USING gin (search_text gin_trgm_ops);

-- Installation-wide settings (lead score weights, …) as typed JSON documents validated by the app.
CREATE TABLE settings (
  key text PRIMARY KEY,
  value jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid REFERENCES users(id)
);

-- Round-robin position per receiving team; the row is locked while a lead is assigned so concurrent arrivals
-- never pick the same "next" member.
CREATE TABLE team_round_robin (
  team_id uuid PRIMARY KEY REFERENCES teams(id) ON DELETE CASCADE,
  last_user_id uuid
);
