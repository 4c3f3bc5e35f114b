-- why: web-form lead intake (issue 3): admin-built lead forms with a public submission endpoint, and per-address rate-limit counters kept in the database so the limit holds across app nodes.
CREATE TABLE forms (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  active boolean NOT NULL DEFAULT true,
  -- ordered [{name, required, labels:{cs,en,de}}], validated by formFieldConfig in src/domain/forms
  fields jsonb NOT NULL,
  source text NOT NULL DEFAULT 'web_form' CHECK (source IN ('web_form','email','referral','trade_show','cold_call','import','partner','other')),
  campaign text,
  team_id uuid REFERENCES teams(id) ON DELETE SET NULL,
  thank_you_message text,
  redirect_url text,
  allowed_origins text[] NOT NULL DEFAULT '{}',
  -- the user new leads of this form are recorded as (createdBy and Stream actor)
  intake_user_id uuid NOT NULL REFERENCES users(id),
  submission_count integer NOT NULL DEFAULT 0,
  last_submission_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid REFERENCES users(id),
  updated_by uuid REFERENCES users(id),
  deleted_at timestamptz
);
CREATE INDEX forms_name_idx ON forms (lower(name), id) WHERE deleted_at IS NULL;

-- Fixed-window counters: one row per form, hashed client address and window start.
CREATE TABLE form_submission_counters (
  form_id uuid NOT NULL REFERENCES forms(id) ON DELETE CASCADE,
  ip_hash text NOT NULL,
  window_start timestamptz NOT NULL,
  count integer NOT NULL DEFAULT 0,
  PRIMARY KEY (form_id, ip_hash, window_start)
);
CREATE INDEX form_submission_counters_window_idx ON form_submission_counters (window_start);
