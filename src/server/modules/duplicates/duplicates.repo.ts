import { type RawBuilder, sql } from 'kysely';
import type { Actor } from '../../access/actor.js';
import { readScope } from '../../access/policy.js';
import type { Conn, Db } from '../../platform/db.js';

export type DuplicateProbe = {
  email?: string | null;
  phone?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  company?: string | null;
  registrationNumber?: string | null;
};

export type MatchRow = {
  type: 'lead' | 'contact' | 'account';
  id: string;
  name: string;
  status: string | null;
  reason: 'email' | 'phone' | 'registrationNumber' | 'name' | 'company';
  value: string | null;
  similarity: number;
};

/** Name/company similarity needed to call two records alike (pg_trgm, 0–1). */
export const SIMILARITY_THRESHOLD = 0.55;

/**
 * Candidate matches among leads, contacts and accounts the actor may see, one row per (record, reason). Exact
 * identifiers use b-tree/GIN indexes; names use the trigram indexes on the generated key columns (migration 0003).
 */
export async function findMatches(
  conn: Conn,
  actor: Actor,
  probe: DuplicateProbe,
  exclude: { type: string; id: string } | null,
  limit = 50,
): Promise<MatchRow[]> {
  const parts: RawBuilder<MatchRow>[] = [];
  const email = probe.email?.toLowerCase() ?? null;
  const leadScope = readScope(actor, 'lead', 'l.ownerId', 'l.teamId');
  const contactScope = readScope(actor, 'contact', 'c.ownerId');
  const accountScope = readScope(actor, 'account', 'a.ownerId');
  const leadName = sql`coalesce(nullif(btrim(concat_ws(' ', l.first_name, l.last_name)), ''), l.company, l.email)`;
  const contactName = sql`btrim(concat_ws(' ', c.first_name, c.last_name))`;
  const notLead = exclude?.type === 'lead' ? sql`l.id <> ${exclude.id}` : sql`true`;
  const notContact = exclude?.type === 'contact' ? sql`c.id <> ${exclude.id}` : sql`true`;
  const notAccount = exclude?.type === 'account' ? sql`a.id <> ${exclude.id}` : sql`true`;
  const leadFrom = sql`FROM leads l WHERE l.deleted_at IS NULL AND ${notLead} AND ${leadScope}`;
  const contactFrom = sql`FROM contacts c WHERE c.deleted_at IS NULL AND ${notContact} AND ${contactScope}`;
  const accountFrom = sql`FROM accounts a WHERE a.deleted_at IS NULL AND ${notAccount} AND ${accountScope}`;

  if (email) {
    parts.push(sql`SELECT 'lead', l.id, ${leadName}, l.status, 'email', l.email, 1.0 ${leadFrom} AND lower(l.email) = ${email}`);
    parts.push(
      sql`SELECT 'contact', c.id, ${contactName}, NULL, 'email', ${email}, 1.0 ${contactFrom} AND c.emails @> ${JSON.stringify([email])}::jsonb`,
    );
    parts.push(sql`SELECT 'account', a.id, a.name, NULL, 'email', a.email, 1.0 ${accountFrom} AND lower(a.email) = ${email}`);
  }
  if (probe.phone) {
    parts.push(sql`SELECT 'lead', l.id, ${leadName}, l.status, 'phone', l.phone, 1.0 ${leadFrom} AND l.phone = ${probe.phone}`);
    parts.push(
      sql`SELECT 'contact', c.id, ${contactName}, NULL, 'phone', ${probe.phone}, 1.0 ${contactFrom} AND c.phones @> ${JSON.stringify([probe.phone])}::jsonb`,
    );
    parts.push(sql`SELECT 'account', a.id, a.name, NULL, 'phone', a.phone, 1.0 ${accountFrom} AND a.phone = ${probe.phone}`);
  }
  if (probe.registrationNumber) {
    parts.push(
      sql`SELECT 'lead', l.id, ${leadName}, l.status, 'registrationNumber', l.registration_number, 1.0 ${leadFrom} AND l.registration_number = ${probe.registrationNumber}`,
    );
    parts.push(
      sql`SELECT 'account', a.id, a.name, NULL, 'registrationNumber', a.registration_number, 1.0 ${accountFrom} AND a.registration_number = ${probe.registrationNumber}`,
    );
  }
  if (probe.lastName) {
    const key = sql`stride_person_key(${probe.firstName ?? null}::text, ${probe.lastName}::text)`;
    // same surname (diacritics- and case-blind), then the whole name compared by trigram similarity
    const surname = sql`nullif(btrim(regexp_replace(stride_fold(${probe.lastName}::text), '[^a-z0-9]+', ' ', 'g')), '')`;
    parts.push(
      sql`SELECT 'lead', l.id, ${leadName}, l.status, 'name', ${leadName}, similarity(l.person_key, ${key}) ${leadFrom} AND l.surname_key = ${surname} AND similarity(l.person_key, ${key}) >= ${SIMILARITY_THRESHOLD}`,
    );
    parts.push(
      sql`SELECT 'contact', c.id, ${contactName}, NULL, 'name', ${contactName}, similarity(c.person_key, ${key}) ${contactFrom} AND c.surname_key = ${surname} AND similarity(c.person_key, ${key}) >= ${SIMILARITY_THRESHOLD}`,
    );
  }
  if (probe.company) {
    const key = sql`stride_company_key(${probe.company}::text)`;
    parts.push(
      sql`SELECT 'lead', l.id, ${leadName}, l.status, 'company', l.company, similarity(l.company_key, ${key}) ${leadFrom} AND l.company_key % ${key}`,
    );
    parts.push(
      sql`SELECT 'account', a.id, a.name, NULL, 'company', a.name, similarity(a.name_key, ${key}) ${accountFrom} AND a.name_key % ${key}`,
    );
  }
  if (parts.length === 0) return [];
  // Each part lists (type, id, name, status, reason, value, similarity) in this order; the outer select names them.
  const union = sql.join(
    parts.map((p) => sql`(${p} LIMIT ${limit})`),
    sql` UNION ALL `,
  );
  const query = sql<MatchRow>`SELECT * FROM (${union}) AS m(type, id, name, status, reason, value, similarity)`;
  // The `%` operator prunes inside the trigram GIN index by pg_trgm.similarity_threshold (default 0.3): raising it
  // to our threshold for this transaction keeps the index from returning thousands of weak candidates.
  const run = async (tx: Conn) => {
    await sql`SELECT set_config('pg_trgm.similarity_threshold', ${String(SIMILARITY_THRESHOLD)}, true)`.execute(tx);
    return (await query.execute(tx)).rows;
  };
  const rows = conn.isTransaction ? await run(conn) : await (conn as Db).transaction().execute(run);
  return rows.map((r) => ({ ...r, similarity: Number(r.similarity) }));
}
