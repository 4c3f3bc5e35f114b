-- why: duplicate detection (issue 3) — one SQL definition of the folded person and company keys, kept in generated
-- columns and indexed with pg_trgm, so "Firma s.r.o." ≈ "FIRMA sro" and "Dvořáková" ≈ "Dvorakova"; merge bookkeeping.

-- Lower-case ASCII folding of Czech/German/Slovak/Polish letters. lower() alone is not enough: under the C
-- collation it leaves non-ASCII letters alone, so upper-case accented letters are mapped here too.
CREATE FUNCTION stride_fold(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT lower(translate(coalesce(t, ''), 'áäàâãåčćďéěëèêíìîïňńñóöòôõřŕšśťúůüùûýÿžźżľĺłąęßÁÄÀÂÃÅČĆĎÉĚËÈÊÍÌÎÏŇŃÑÓÖÒÔÕŘŔŠŚŤÚŮÜÙÛÝŸŽŹŻĽĹŁĄĘ', 'aaaaaaccdeeeeeiiiinnnooooorrsstuuuuuyyzzzlllaesaaaaaaccdeeeeeiiiinnnooooorrsstuuuuuyyzzzlllae'))
$$;

-- A company name without its legal form and punctuation: "Firma spol. s r.o." → "firma", "Acme GmbH & Co. KG" → "acme".
CREATE FUNCTION stride_company_key(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT btrim(regexp_replace(
    regexp_replace(
      ' ' || regexp_replace(stride_fold(t), '[^a-z0-9&]+', ' ', 'g') || ' ',
      ' (spol s r o|s r o|sro|a s|v o s|k s|gmbh & co kg|gmbh co kg|gmbh|ag|kg|ltd|inc|llc|se)(?= )', ' ', 'g'),
    '\s+', ' ', 'g'))
$$;

-- A person's name as one folded string: "Jana Dvořáková" → "jana dvorakova".
CREATE FUNCTION stride_person_key(first_name text, last_name text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT btrim(regexp_replace(stride_fold(coalesce(first_name, '') || ' ' || coalesce(last_name, '')), '[^a-z0-9]+', ' ', 'g'))
$$;

ALTER TABLE leads ADD COLUMN person_key text GENERATED ALWAYS AS (stride_person_key(first_name, last_name)) STORED;
ALTER TABLE leads ADD COLUMN company_key text GENERATED ALWAYS AS (stride_company_key(company)) STORED;
ALTER TABLE leads ADD COLUMN merged_into_id uuid REFERENCES leads(id);
ALTER TABLE contacts ADD COLUMN person_key text GENERATED ALWAYS AS (stride_person_key(first_name, last_name)) STORED;
ALTER TABLE contacts ADD COLUMN merged_into_id uuid REFERENCES contacts(id);
ALTER TABLE accounts ADD COLUMN name_key text GENERATED ALWAYS AS (stride_company_key(name)) STORED;
ALTER TABLE accounts ADD COLUMN merged_into_id uuid REFERENCES accounts(id);

CREATE INDEX leads_person_key_trgm ON leads USING gin (person_key gin_trgm_ops) WHERE deleted_at IS NULL;
CREATE INDEX leads_company_key_trgm ON leads USING gin (company_key gin_trgm_ops) WHERE deleted_at IS NULL;
CREATE INDEX leads_phone_idx ON leads (phone) WHERE deleted_at IS NULL;
CREATE INDEX leads_regno_idx ON leads (registration_number) WHERE deleted_at IS NULL;
CREATE INDEX contacts_person_key_trgm ON contacts USING gin (person_key gin_trgm_ops) WHERE deleted_at IS NULL;
CREATE INDEX contacts_emails_idx ON contacts USING gin (emails jsonb_path_ops) WHERE deleted_at IS NULL;
CREATE INDEX contacts_phones_idx ON contacts USING gin (phones jsonb_path_ops) WHERE deleted_at IS NULL;
CREATE INDEX accounts_name_key_trgm ON accounts USING gin (name_key gin_trgm_ops) WHERE deleted_at IS NULL;
CREATE INDEX accounts_email_idx ON accounts (lower(email)) WHERE deleted_at IS NULL;
CREATE INDEX accounts_phone_idx ON accounts (phone) WHERE deleted_at IS NULL;
-- the Stream of a contact also shows the history of the lead it was converted from
CREATE INDEX leads_converted_contact_idx ON leads (converted_contact_id) WHERE converted_contact_id IS NOT NULL;
