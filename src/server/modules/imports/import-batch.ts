import { type Insertable, type Selectable, sql } from 'kysely';
import type { DuplicatePolicy, ImportDefaults, ImportField } from '../../../domain/imports/import.schema.js';
import { type LeadCreate, leadName } from '../../../domain/leads/lead.schema.js';
import { explainScore, type ScoreWeights } from '../../../domain/leads/lead.score.js';
import type { Actor } from '../../access/actor.js';
import { canWrite } from '../../access/policy.js';
import { now } from '../../platform/clock.js';
import type { Conn, Tx } from '../../platform/db.js';
import type { LeadsTable } from '../../platform/db-types.js';
import { newId } from '../../platform/ids.js';
import { newLeadColumns } from '../leads/leads.mapper.js';
import { leadSearchText } from '../leads/leads.repo.js';
import { nextRoundRobinOwners } from '../leads/round-robin.js';
import { diffFields } from '../stream/diff.js';
import { appendStream, type NewStreamEntry } from '../stream/stream.repo.js';
import type { DataRow } from './import-files.js';
import { rowToLead } from './import-rows.js';

export type BatchSettings = {
  importId: string;
  actor: Actor;
  headers: string[];
  mapping: Array<ImportField | null>;
  policy: DuplicatePolicy;
  defaults: ImportDefaults;
  weights: ScoreWeights;
};

export type BatchCounts = { created: number; updated: number; skipped: number; rejected: number };
export type Rejection = { rowNumber: number; reason: string; cells: string[] };

type LeadRecord = Selectable<LeadsTable>;
export type Duplicate =
  | { type: 'lead'; id: string; name: string; lead: LeadRecord }
  | { type: 'contact'; id: string; name: string };

/** Lead fields an `update` may change: those the file maps (never owner, team or the default source). */
export function updatableFields(mapping: Array<ImportField | null>): Array<keyof LeadCreate & string> {
  const fields = new Set<string>();
  for (const f of mapping) {
    if (f === 'fullName') {
      fields.add('firstName');
      fields.add('lastName');
    } else if (f) fields.add(f);
  }
  return [...fields] as Array<keyof LeadCreate & string>;
}

/**
 * Existing records with these emails: the newest open lead per email (not converted, dead or deleted, as
 * `findOpenLeadByEmail` of lead intake) or else a contact carrying the email. One query each per batch.
 */
export async function findDuplicates(conn: Conn, emails: string[]): Promise<Map<string, Duplicate>> {
  const found = new Map<string, Duplicate>();
  if (emails.length === 0) return found;
  const unique = [...new Set(emails)];
  const leads = await conn
    .selectFrom('leads')
    .selectAll()
    .where(sql<boolean>`lower(email) = any(${unique}::text[])`)
    .where('deletedAt', 'is', null)
    .where('status', 'not in', ['converted', 'dead'])
    .orderBy('createdAt', 'desc')
    .execute();
  for (const l of leads) {
    const key = (l.email as string).toLowerCase();
    if (!found.has(key)) found.set(key, { type: 'lead', id: l.id, name: leadName(l), lead: l as LeadRecord });
  }
  const rest = unique.filter((e) => !found.has(e));
  if (rest.length) {
    const contacts = await sql<{ id: string; firstName: string | null; lastName: string; email: string }>`
      SELECT c.id, c.first_name, c.last_name, lower(e.value) AS email
      FROM contacts c CROSS JOIN LATERAL jsonb_array_elements_text(c.emails) AS e(value)
      WHERE c.deleted_at IS NULL AND lower(e.value) = any(${rest}::text[])`.execute(conn);
    for (const c of contacts.rows) {
      if (!found.has(c.email))
        found.set(c.email, { type: 'contact', id: c.id, name: [c.firstName, c.lastName].filter(Boolean).join(' ') });
    }
  }
  return found;
}

function newLeadValues(input: LeadCreate, actor: Actor, at: Date): Insertable<LeadsTable> & { id: string } {
  return {
    id: newId(),
    ...newLeadColumns(input, actor.id, at),
    status: 'new',
    ownerId: input.ownerId ?? null,
    teamId: input.teamId ?? null,
    searchText: '',
  };
}

type Fillable = Record<string, unknown>;

/**
 * Imports one batch of rows in the caller's transaction, set-based: one insert for the new leads, one for their
 * Stream entries (`create`, plus `assign`/`status` when the lead gets an owner, as `createLead` writes), one for
 * the rejected rows. A row never stops the batch: invalid rows are rejected with their reason.
 */
export async function importBatch(
  tx: Tx,
  s: BatchSettings,
  rows: DataRow[],
): Promise<{ counts: BatchCounts; rejected: Rejection[] }> {
  const at = now();
  const counts: BatchCounts = { created: 0, updated: 0, skipped: 0, rejected: 0 };
  const rejected: Rejection[] = [];
  const valid: Array<{ row: DataRow; input: LeadCreate }> = [];
  for (const row of rows) {
    const result = rowToLead(row.cells, s.headers, s.mapping, s.defaults);
    if (result.ok) valid.push({ row, input: result.input });
    else rejected.push({ rowNumber: row.rowNumber, reason: result.reason, cells: row.cells });
  }

  const duplicates =
    s.policy === 'create'
      ? new Map<string, Duplicate>()
      : await findDuplicates(
          tx,
          valid.flatMap((v) => (v.input.email ? [v.input.email] : [])),
        );
  const fields = updatableFields(s.mapping);
  const inserts: Array<Insertable<LeadsTable> & { id: string }> = [];
  const rowOfInsert: number[] = [];
  const pendingByEmail = new Map<string, Insertable<LeadsTable> & { id: string }>();
  const entries: NewStreamEntry[] = [];

  for (const { row, input } of valid) {
    const email = input.email ?? null;
    const pending = email && s.policy !== 'create' ? pendingByEmail.get(email) : undefined;
    const duplicate = email ? duplicates.get(email) : undefined;
    if (pending) {
      // The same person twice in one batch: the first row creates the lead, the later one counts as its duplicate.
      if (s.policy === 'update') {
        const target = pending as Fillable;
        for (const f of fields) if (target[f] == null && input[f] != null) target[f] = input[f];
        counts.updated += 1;
      } else counts.skipped += 1;
      continue;
    }
    if (duplicate && s.policy !== 'create') {
      if (s.policy === 'skip' || duplicate.type === 'contact') {
        counts.skipped += 1;
        continue;
      }
      const lead = duplicate.lead;
      if (!canWrite(s.actor, 'lead', lead)) {
        rejected.push({
          rowNumber: row.rowNumber,
          reason: `duplicate of the lead "${duplicate.name}", which you may not change`,
          cells: row.cells,
        });
        continue;
      }
      const after: Fillable = {};
      for (const f of fields) if (input[f] != null) after[f] = input[f];
      const changes = diffFields(lead as unknown as Fillable, after, fields);
      if (changes.length === 0) {
        counts.skipped += 1;
        continue;
      }
      const merged = { ...lead, ...after } as LeadRecord;
      await tx
        .updateTable('leads')
        .set({
          ...after,
          score: explainScore(merged, s.weights).score,
          searchText: leadSearchText(merged),
          updatedAt: at,
          version: sql`version + 1`,
        })
        .where('id', '=', lead.id)
        .execute();
      duplicate.lead = { ...merged, version: lead.version + 1 };
      entries.push({
        entityType: 'lead',
        entityId: lead.id,
        type: 'update',
        actorId: s.actor.id,
        data: { changes, importId: s.importId, row: row.rowNumber },
      });
      counts.updated += 1;
      continue;
    }
    const values = newLeadValues(input, s.actor, at);
    inserts.push(values);
    rowOfInsert.push(row.rowNumber);
    if (email && s.policy !== 'create') pendingByEmail.set(email, values);
  }

  // Unowned leads for a receiving team are handed out in turn, as single creates are.
  const teamId = s.defaults.teamId ?? null;
  const roundRobin = !s.defaults.ownerId && teamId ? await nextRoundRobinOwners(tx, teamId, inserts.length) : [];
  inserts.forEach((values, i) => {
    values.ownerId = values.ownerId ?? roundRobin[i] ?? null;
    if (values.ownerId) values.status = 'assigned';
    (values as Fillable).score = explainScore({}, s.weights).score;
    values.searchText = leadSearchText(values as Parameters<typeof leadSearchText>[0]);
    entries.push({
      entityType: 'lead',
      entityId: values.id,
      type: 'create',
      actorId: s.actor.id,
      data: {
        name: leadName(values as Parameters<typeof leadName>[0]),
        source: values.source,
        importId: s.importId,
        row: rowOfInsert[i],
      },
    });
    if (values.ownerId) {
      entries.push({
        entityType: 'lead',
        entityId: values.id,
        type: 'assign',
        actorId: s.actor.id,
        data: { from: null, to: values.ownerId, roundRobin: Boolean(roundRobin[i]) },
      });
      entries.push({
        entityType: 'lead',
        entityId: values.id,
        type: 'status',
        actorId: s.actor.id,
        data: { from: 'new', to: 'assigned' },
      });
    }
  });
  if (inserts.length) await tx.insertInto('leads').values(inserts).execute();
  counts.created += inserts.length;
  // Stream entries in chunks (bind-parameter limit), in row order so a lead's create precedes its assign.
  for (let i = 0; i < entries.length; i += 2000) await appendStream(tx, entries.slice(i, i + 2000));
  if (rejected.length) {
    await tx
      .insertInto('importRejectedRows')
      .values(
        rejected.map((r) => ({ importId: s.importId, rowNumber: r.rowNumber, reason: r.reason, cells: JSON.stringify(r.cells) })),
      )
      .onConflict((oc) => oc.columns(['importId', 'rowNumber']).doNothing())
      .execute();
  }
  counts.rejected = rejected.length;
  return { counts, rejected };
}
