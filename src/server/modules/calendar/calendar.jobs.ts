import type { Config } from '../../platform/config.js';
import type { Db } from '../../platform/db.js';
import type { JobRunner } from '../../platform/jobs.js';
import { registerReminderJobs } from '../reminders/reminders.js';
import { registerInvitationJobs } from './invitations.js';

/** The handlers of the calendar and reminder jobs (main.ts registers them on the node's job runner). */
export function registerCalendarJobs(runner: JobRunner, deps: { db: Db; config: Config }) {
  registerReminderJobs(runner, deps);
  registerInvitationJobs(runner, deps);
}
