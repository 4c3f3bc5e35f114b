-- why: attachments (issue 5) — files on any record; the bytes live in the file store (DATA_DIR/files), the metadata here.
CREATE TABLE attachments (
  id uuid PRIMARY KEY,
  related_type text NOT NULL CHECK (related_type IN ('lead','contact','account','opportunity','activity')),
  related_id uuid NOT NULL,
  file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
  -- what the bytes are, detected on upload (never what the client claimed)
  content_type text NOT NULL,
  kind text NOT NULL,
  declared_type text,
  size bigint NOT NULL CHECK (size > 0),
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  -- SVG/HTML: served only as application/octet-stream downloads
  active_content boolean NOT NULL DEFAULT false,
  storage_key text NOT NULL UNIQUE,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid REFERENCES users(id),
  deleted_at timestamptz
);
CREATE INDEX attachments_related_idx ON attachments (related_type, related_id, created_at DESC, id DESC);
