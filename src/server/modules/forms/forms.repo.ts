import { type Insertable, type RawBuilder, type Selectable, sql, type Updateable } from 'kysely';
import type { FormListQuery } from '../../../domain/forms/form.schema.js';
import { now } from '../../platform/clock.js';
import type { Conn } from '../../platform/db.js';
import type { FormsTable } from '../../platform/db-types.js';
import { countWhere, keysetListPage, type SortChoice, sortSpecOf } from '../../platform/keyset.js';
import { updateIfVersion } from '../../platform/versioned.js';

export type FormRow = Selectable<FormsTable> & { teamName: string | null; intakeUserName: string | null };
export type FormValues = Insertable<FormsTable>;

function selectForms(conn: Conn) {
  return conn
    .selectFrom('forms as f')
    .leftJoin('teams as t', 't.id', 'f.teamId')
    .leftJoin('users as u', 'u.id', 'f.intakeUserId')
    .selectAll('f')
    .select(['t.name as teamName', 'u.name as intakeUserName']);
}

export async function findForm(conn: Conn, id: string): Promise<FormRow | undefined> {
  return (await selectForms(conn).where('f.id', '=', id).executeTakeFirst()) as FormRow | undefined;
}

export async function insertForm(conn: Conn, values: FormValues): Promise<void> {
  await conn.insertInto('forms').values(values).execute();
}

/** Applies `patch` only if the stored version is still `expectedVersion`; returns false when stale. */
export function updateFormRow(conn: Conn, id: string, expectedVersion: number, patch: Updateable<FormsTable>): Promise<boolean> {
  return updateIfVersion(conn, 'forms', id, expectedVersion, patch);
}

/** Counts a submission on the form (statistics only: the version does not change, so no edit is made stale). */
export async function countSubmission(conn: Conn, id: string): Promise<void> {
  await conn
    .updateTable('forms')
    .set({ submissionCount: sql`submission_count + 1`, lastSubmissionAt: now() })
    .where('id', '=', id)
    .execute();
}

const SORTS = {
  name: { expr: sql`lower(f.name)`, kind: 'text' },
  createdAt: { expr: sql`f.created_at`, kind: 'timestamp' },
  updatedAt: { expr: sql`f.updated_at`, kind: 'timestamp' },
} satisfies Record<string, SortChoice>;

export type FormFilter = Omit<FormListQuery, 'sort' | 'cursor' | 'limit'>;

/** Forms are configuration every signed-in user may read, so the list has no owner scope. */
function formConditions(query: FormFilter): RawBuilder<boolean>[] {
  const conditions = [query.deleted ? sql<boolean>`f.deleted_at IS NOT NULL` : sql<boolean>`f.deleted_at IS NULL`];
  if (query.active !== undefined) conditions.push(sql<boolean>`f.active = ${query.active}`);
  if (query.teamId) conditions.push(sql<boolean>`f.team_id = ${query.teamId}`);
  if (query.q) {
    // Few rows (configuration): a plain case-blind match on name and campaign is enough.
    const pattern = `%${query.q.toLowerCase().replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    conditions.push(sql<boolean>`lower(f.name || ' ' || coalesce(f.campaign, '')) LIKE ${pattern}`);
  }
  return conditions;
}

export async function listFormRows(conn: Conn, query: FormListQuery) {
  const spec = sortSpecOf(SORTS, query.sort, 'name', sql`f.id`);
  const select = selectForms(conn).select(spec.expr.as('sortKey'));
  return keysetListPage(select, spec, formConditions(query), query);
}

export async function countFormRows(conn: Conn, query: FormFilter): Promise<number> {
  return countWhere(conn.selectFrom('forms as f'), formConditions(query));
}

/**
 * Counts one submission from `ipHash` in the current fixed window and returns the count so far (this one included).
 * One upsert, so concurrent posts on several app nodes count correctly. Old windows are cleared as we go.
 */
export async function bumpSubmissionCounter(conn: Conn, formId: string, ipHash: string, windowStart: Date): Promise<number> {
  const row = await conn
    .insertInto('formSubmissionCounters')
    .values({ formId, ipHash, windowStart, count: 1 })
    .onConflict((oc) =>
      oc.columns(['formId', 'ipHash', 'windowStart']).doUpdateSet({ count: sql`form_submission_counters.count + 1` }),
    )
    .returning('count')
    .executeTakeFirstOrThrow();
  await conn
    .deleteFrom('formSubmissionCounters')
    .where('formId', '=', formId)
    .where('windowStart', '<', new Date(windowStart.getTime() - 3_600_000))
    .execute();
  return row.count;
}
