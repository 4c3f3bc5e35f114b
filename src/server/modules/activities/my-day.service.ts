import { sql } from 'kysely';
import type { Activity } from '../../../domain/activities/activity.schema.js';
import type { Lead } from '../../../domain/leads/lead.schema.js';
import type { Actor } from '../../access/actor.js';
import { now } from '../../platform/clock.js';
import type { Db } from '../../platform/db.js';
import { invalidField } from '../../platform/errors.js';
import { toLead } from '../leads/leads.mapper.js';
import { getScoreWeights } from '../leads/score-weights.js';
import { toActivities } from './activities.mapper.js';

export type MyDay = {
  date: string;
  timeZone: string;
  /** today's planned meetings and calls, in time order */
  agenda: Activity[];
  /** planned tasks due today or earlier (overdue first) */
  tasks: Activity[];
  /** my leads still waiting for their first contact, most urgent first */
  leadsAwaitingContact: Lead[];
};

/** The first screen a rep sees (seed 002's daily workflow): what is on today, what is due, who waits for a call. */
export async function myDay(db: Db, actor: Actor, opts: { date?: string; tz: string }): Promise<MyDay> {
  if (!Intl.supportedValuesOf('timeZone').includes(opts.tz) && opts.tz !== 'UTC')
    throw invalidField('tz', 'is not a known time zone');
  const at = now();
  const date =
    opts.date ??
    new Intl.DateTimeFormat('en-CA', { timeZone: opts.tz, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
  const dayStart = sql`(${date}::date)::timestamp AT TIME ZONE ${opts.tz}`;
  const dayEnd = sql`(${date}::date + 1)::timestamp AT TIME ZONE ${opts.tz}`;
  const base = db
    .selectFrom('activities as x')
    .leftJoin('users as o', 'o.id', 'x.ownerId')
    .selectAll('x')
    .select('o.name as ownerName')
    .where('x.ownerId', '=', actor.id)
    .where('x.deletedAt', 'is', null)
    .where('x.status', '=', 'planned');
  const [agendaRows, taskRows, leadRows, weights] = await Promise.all([
    base
      .where('x.type', 'in', ['meeting', 'call'])
      .where(sql<boolean>`x.starts_at >= ${dayStart} AND x.starts_at < ${dayEnd}`)
      .orderBy('x.startsAt')
      .limit(200)
      .execute(),
    base
      .where('x.type', 'in', ['task', 'email'])
      .where(sql<boolean>`x.due_at < ${dayEnd}`)
      .orderBy('x.dueAt')
      .limit(200)
      .execute(),
    db
      .selectFrom('leads as l')
      .leftJoin('users as o', 'o.id', 'l.ownerId')
      .selectAll('l')
      .select('o.name as ownerName')
      .where('l.ownerId', '=', actor.id)
      .where('l.deletedAt', 'is', null)
      .where('l.firstContactedAt', 'is', null)
      .where('l.status', 'in', ['new', 'assigned', 'in_process'])
      .orderBy('l.firstContactDueAt')
      .limit(100)
      .execute(),
    getScoreWeights(db),
  ]);
  return {
    date,
    timeZone: opts.tz,
    agenda: await toActivities(db, agendaRows, at),
    tasks: await toActivities(db, taskRows, at),
    leadsAwaitingContact: leadRows.map((l) => toLead(l, weights, at)),
  };
}
