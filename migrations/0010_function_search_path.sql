-- why: pg_restore runs with an empty search_path, so a key function calling stride_fold() unqualified failed while
-- the restore recomputed generated columns; pinning each function's search_path makes restores work.
ALTER FUNCTION stride_fold(text) SET search_path = public, pg_catalog;
ALTER FUNCTION stride_company_key(text) SET search_path = public, pg_catalog;
ALTER FUNCTION stride_person_key(text, text) SET search_path = public, pg_catalog;
