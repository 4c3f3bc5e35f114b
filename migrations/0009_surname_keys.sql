-- why: fast duplicate checks at 200k leads + 300k contacts — trigram search over whole names touches most rows for
-- common Czech first names, so people are first narrowed to the same folded surname (b-tree) and then compared.
ALTER TABLE leads ADD COLUMN surname_key text GENERATED ALWAYS AS (nullif(btrim(regexp_replace(stride_fold(last_name), '[^a-z0-9]+', ' ', 'g')), '')) STORED;
ALTER TABLE contacts ADD COLUMN surname_key text GENERATED ALWAYS AS (nullif(btrim(regexp_replace(stride_fold(last_name), '[^a-z0-9]+', ' ', 'g')), '')) STORED;
CREATE INDEX leads_surname_key_idx ON leads (surname_key) WHERE deleted_at IS NULL;
CREATE INDEX contacts_surname_key_idx ON contacts (surname_key) WHERE deleted_at IS NULL;
