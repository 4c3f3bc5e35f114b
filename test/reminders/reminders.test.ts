import { describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/http/app.js';
import { REMINDER_JOB } from '../../src/server/modules/reminders/reminders.js';
import { advanceClockForTests, now } from '../../src/server/platform/clock.js';
import { loadConfig } from '../../src/server/platform/config.js';
import { calendarJobRunner, drainJobs } from '../calendar/helpers.js';
import { type Client, useTestApp } from '../helpers/app.js';
import { buildWorld, type World } from '../helpers/world.js';

let world: World;
const t = useTestApp(async (app) => {
  world = await buildWorld(app);
});
const config = () => loadConfig({ STRIDE_DEMO: '0', LOG_LEVEL: 'silent' });
const inMinutes = (m: number) => new Date(now().getTime() + m * 60_000).toISOString();

async function reminders(client: Client, activityId: string) {
  const res = await client.get('/api/v1/notifications?limit=100');
  expect(res.status).toBe(200);
  return (res.body.data as Array<{ type: string; entity: { id: string } | null; title: string }>).filter(
    (n) => n.type === 'reminder' && n.entity?.id === activityId,
  );
}

async function createMeeting(client: Client, reminderMinutes: number, subject = 'Discovery call with AutoERP') {
  const res = await client.post('/api/v1/activities', {
    type: 'meeting',
    subject,
    startsAt: inMinutes(reminderMinutes + 15),
    endsAt: inMinutes(reminderMinutes + 75),
    reminderAt: inMinutes(reminderMinutes),
  });
  expect(res.status).toBe(201);
  return res.body as { id: string; version: number; reminderAt: string };
}

describe('activity reminders', () => {
  it('fire once at the set time, also across a restart and a re-run job', async () => {
    const am = await world.as('amA');
    const meeting = await createMeeting(am, 60);
    const runner = calendarJobRunner(t.current.db, config());
    expect(await drainJobs(runner)).toBe(0);
    expect(await reminders(am, meeting.id)).toHaveLength(0);

    advanceClockForTests(61 * 60_000);
    expect(await drainJobs(runner)).toBe(1);
    const delivered = await reminders(am, meeting.id);
    expect(delivered).toHaveLength(1);
    expect(delivered[0]?.title).toContain('Discovery call with AutoERP');
    const row = await t.current.db
      .selectFrom('activities')
      .select('remindedAt')
      .where('id', '=', meeting.id)
      .executeTakeFirstOrThrow();
    expect(row.remindedAt).not.toBeNull();
    await runner.stop();

    // "Restart": a new app and a new runner on the same database find nothing left to do.
    const app2 = await buildApp({ database: t.current.database, config: config(), logger: false });
    await app2.ready();
    const runner2 = calendarJobRunner(t.current.db, config());
    advanceClockForTests(5 * 60_000);
    expect(await drainJobs(runner2)).toBe(0);

    // A node that died after the reminder committed but before marking the job done: the job runs again
    // when its lease expires, and the reminded_at guard keeps it from notifying twice.
    await t.current.db
      .updateTable('jobs')
      .set({ state: 'running', lockedUntil: new Date(now().getTime() - 1000), lockedBy: 'dead-node' })
      .where('name', '=', REMINDER_JOB)
      .where('singletonKey', '=', meeting.id)
      .execute();
    expect(await drainJobs(runner2)).toBe(1);
    expect(await reminders(am, meeting.id)).toHaveLength(1);
    await app2.close();
  });

  it('is durable: a reminder scheduled before a restart fires on the new node', async () => {
    const am = await world.as('amA');
    const meeting = await createMeeting(am, 30, 'Demo for Kovo Brno');
    // The first node never ran it (stopped before it was due); a new node picks the job up from the table.
    advanceClockForTests(31 * 60_000);
    const runner = calendarJobRunner(t.current.db, config());
    expect(await drainJobs(runner)).toBe(1);
    expect(await reminders(am, meeting.id)).toHaveLength(1);
  });

  it('rescheduled: fires at the new time only', async () => {
    const am = await world.as('amA');
    const meeting = await createMeeting(am, 60, 'Rescheduled review');
    const moved = await am.patch(
      `/api/v1/activities/${meeting.id}`,
      { reminderAt: inMinutes(180), startsAt: inMinutes(190), endsAt: inMinutes(250) },
      { headers: { 'if-match': `"${meeting.version}"` } },
    );
    expect(moved.status).toBe(200);
    const jobs = await t.current.db
      .selectFrom('jobs')
      .select(['state', 'runAt'])
      .where('name', '=', REMINDER_JOB)
      .where('singletonKey', '=', meeting.id)
      .execute();
    expect(jobs).toHaveLength(1);
    expect(new Date(jobs[0]?.runAt as Date).toISOString()).toBe(moved.body.reminderAt);

    const runner = calendarJobRunner(t.current.db, config());
    advanceClockForTests(120 * 60_000); // past the old time
    await drainJobs(runner);
    expect(await reminders(am, meeting.id)).toHaveLength(0);
    advanceClockForTests(61 * 60_000); // past the new time
    await drainJobs(runner);
    expect(await reminders(am, meeting.id)).toHaveLength(1);

    // Set again after it fired: a new reminder time is a new reminder.
    const current = await am.get(`/api/v1/activities/${meeting.id}`);
    const again = await am.patch(
      `/api/v1/activities/${meeting.id}`,
      { reminderAt: inMinutes(5) },
      { headers: { 'if-match': `"${current.body.version}"` } },
    );
    expect(again.status).toBe(200);
    advanceClockForTests(6 * 60_000);
    await drainJobs(runner);
    expect(await reminders(am, meeting.id)).toHaveLength(2);
  });

  it('cancelled or deleted activity: no reminder', async () => {
    const am = await world.as('amA');
    const cancelled = await createMeeting(am, 60, 'Cancelled meeting');
    const res = await am.patch(
      `/api/v1/activities/${cancelled.id}`,
      { status: 'cancelled' },
      { headers: { 'if-match': `"${cancelled.version}"` } },
    );
    expect(res.status).toBe(200);
    const deleted = await createMeeting(am, 60, 'Deleted meeting');
    expect((await am.delete(`/api/v1/activities/${deleted.id}`)).status).toBe(204);

    const runner = calendarJobRunner(t.current.db, config());
    advanceClockForTests(61 * 60_000);
    await drainJobs(runner);
    expect(await reminders(am, cancelled.id)).toHaveLength(0);
    expect(await reminders(am, deleted.id)).toHaveLength(0);
    const states = await t.current.db
      .selectFrom('jobs')
      .select('state')
      .where('name', '=', REMINDER_JOB)
      .where('singletonKey', 'in', [cancelled.id, deleted.id])
      .execute();
    expect(states.map((s) => s.state)).toEqual(['cancelled', 'cancelled']);
  });
});
