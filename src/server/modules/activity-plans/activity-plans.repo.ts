import { sql } from 'kysely';
import type { RelatedRef } from '../../../domain/activities/activity.schema.js';
import type { Conn } from '../../platform/db.js';
import { updateIfVersion } from '../../platform/versioned.js';

export type PlanRow = {
  id: string;
  name: string;
  description: string | null;
  active: boolean;
  items: unknown[];
  version: number;
  createdAt: Date;
  updatedAt: Date;
  createdBy: string | null;
  deletedAt: Date | null;
};

export async function findPlan(conn: Conn, id: string): Promise<PlanRow | undefined> {
  return conn.selectFrom('activityPlans').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listPlanRows(
  conn: Conn,
  opts: { active?: boolean; deleted: boolean; limit: number; after?: { name: string; id: string } },
) {
  let q = conn.selectFrom('activityPlans').selectAll();
  q = opts.deleted ? q.where('deletedAt', 'is not', null) : q.where('deletedAt', 'is', null);
  if (opts.active !== undefined) q = q.where('active', '=', opts.active);
  if (opts.after) q = q.where(sql<boolean>`(lower(name), id) > (${opts.after.name}, ${opts.after.id}::uuid)`);
  return q
    .orderBy(sql`lower(name)`)
    .orderBy('id')
    .limit(opts.limit + 1)
    .execute();
}

export async function insertPlan(conn: Conn, values: Omit<PlanRow, 'version' | 'items' | 'deletedAt'> & { items: string }) {
  await conn.insertInto('activityPlans').values(values).execute();
}

/** Optimistic update: false when the version moved on (someone else changed the plan). */
export function updatePlanRow(
  conn: Conn,
  id: string,
  version: number,
  values: Partial<{
    name: string;
    description: string | null;
    active: boolean;
    items: string;
    updatedAt: Date;
    deletedAt: Date | null;
  }>,
): Promise<boolean> {
  return updateIfVersion(conn, 'activityPlans', id, version, values);
}

export async function insertApplication(
  conn: Conn,
  app: {
    id: string;
    planId: string;
    planName: string;
    relatedType: string;
    relatedId: string;
    appliedBy: string;
    appliedAt: Date;
  },
  items: Array<{ itemId: string; position: number; activityId: string }>,
) {
  await conn.insertInto('planApplications').values(app).execute();
  if (items.length)
    await conn
      .insertInto('planApplicationItems')
      .values(items.map((i) => ({ ...i, applicationId: app.id })))
      .execute();
}

/** Every applied plan of a record with its items' activities (status, owner for the visibility check). */
export async function applicationsOf(conn: Conn, ref: RelatedRef, planId?: string) {
  let q = conn
    .selectFrom('planApplications as pa')
    .innerJoin('planApplicationItems as pi', 'pi.applicationId', 'pa.id')
    .innerJoin('activities as a', 'a.id', 'pi.activityId')
    .leftJoin('users as u', 'u.id', 'pa.appliedBy')
    .select([
      'pa.id as applicationId',
      'pa.planId',
      'pa.planName',
      'pa.appliedAt',
      'pa.appliedBy',
      'u.name as appliedByName',
      'pi.itemId',
      'pi.position',
      'a.id as activityId',
      'a.type',
      'a.subject',
      'a.status',
      'a.at',
      'a.ownerId',
      'a.deletedAt',
    ])
    .where('pa.relatedType', '=', ref.type)
    .where('pa.relatedId', '=', ref.id);
  if (planId) q = q.where('pa.planId', '=', planId);
  return q.orderBy('pa.appliedAt').orderBy('pa.id').orderBy('pi.position').execute();
}

/** Open plan items (planned or not held, activity not deleted) on a record, optionally of one plan. */
export async function countOpenItems(conn: Conn, ref: RelatedRef, planId?: string): Promise<number> {
  let q = conn
    .selectFrom('planApplications as pa')
    .innerJoin('planApplicationItems as pi', 'pi.applicationId', 'pa.id')
    .innerJoin('activities as a', 'a.id', 'pi.activityId')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('pa.relatedType', '=', ref.type)
    .where('pa.relatedId', '=', ref.id)
    .where('a.deletedAt', 'is', null)
    .where('a.status', 'in', ['planned', 'not_held']);
  if (planId) q = q.where('pa.planId', '=', planId);
  const row = await q.executeTakeFirst();
  return Number(row?.n ?? 0);
}
