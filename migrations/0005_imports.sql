-- why: lead import (issue 3) — uploaded CSV/XLSX files as a resumable background job with progress, the rejected rows for the report, and column mappings remembered per header set.
CREATE TABLE imports (
  id uuid PRIMARY KEY,
  entity text NOT NULL DEFAULT 'lead' CHECK (entity IN ('lead')),
  file_name text NOT NULL,
  file_kind text NOT NULL CHECK (file_kind IN ('csv', 'xlsx')),
  -- the stored upload, relative to DATA_DIR/imports
  file_path text NOT NULL,
  file_size bigint NOT NULL,
  delimiter text,
  headers jsonb NOT NULL,
  header_key text NOT NULL,
  -- one target field (or null) per column, parallel to headers
  mapping jsonb NOT NULL,
  -- remembered (this header set was mapped before), guessed (from header names) or set (by the user)
  mapping_source text NOT NULL DEFAULT 'guessed' CHECK (mapping_source IN ('remembered', 'guessed', 'set')),
  duplicate_policy text NOT NULL DEFAULT 'skip' CHECK (duplicate_policy IN ('skip', 'update', 'create')),
  defaults jsonb NOT NULL DEFAULT '{}',
  status text NOT NULL DEFAULT 'uploaded' CHECK (status IN ('uploaded', 'queued', 'running', 'completed', 'failed')),
  total_rows integer NOT NULL,
  -- data rows done so far, committed with the batch they belong to: a restart continues after this row
  processed_rows integer NOT NULL DEFAULT 0,
  created_count integer NOT NULL DEFAULT 0,
  updated_count integer NOT NULL DEFAULT 0,
  skipped_count integer NOT NULL DEFAULT 0,
  rejected_count integer NOT NULL DEFAULT 0,
  error text,
  -- the worker running the import holds it until this time (extended per batch); null or past = free to take over
  lease_until timestamptz,
  started_at timestamptz,
  finished_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  created_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX imports_created_by_idx ON imports (created_by, created_at DESC, id DESC);
CREATE INDEX imports_created_idx ON imports (created_at DESC, id DESC);
CREATE INDEX imports_pending_idx ON imports (created_at) WHERE status IN ('queued', 'running');

CREATE TABLE import_rejected_rows (
  import_id uuid NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
  row_number integer NOT NULL,
  reason text NOT NULL,
  cells jsonb NOT NULL,
  PRIMARY KEY (import_id, row_number)
);

-- Installation-wide: the same export from the same tool maps the same way for everyone.
CREATE TABLE import_mappings (
  header_key text PRIMARY KEY,
  headers jsonb NOT NULL,
  -- normalised header → target field
  mapping jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid REFERENCES users(id)
);
