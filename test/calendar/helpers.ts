import ICAL from 'ical.js';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { registerCalendarJobs } from '../../src/server/modules/calendar/calendar.jobs.js';
import type { Config } from '../../src/server/platform/config.js';
import type { Db } from '../../src/server/platform/db.js';
import { createJobRunner, type JobRunner } from '../../src/server/platform/jobs.js';

/** A job runner as main.ts builds one (not started: tests drive it with runDue). */
export function calendarJobRunner(db: Db, config: Config): JobRunner {
  const runner = createJobRunner({ db });
  registerCalendarJobs(runner, { db, config });
  return runner;
}

/** Runs due jobs until none is left (bounded), as a node's poll loop would. */
export async function drainJobs(runner: JobRunner): Promise<number> {
  let total = 0;
  for (let i = 0; i < 20; i++) {
    const n = await runner.runDue();
    total += n;
    if (n === 0) return total;
  }
  throw new Error('jobs did not drain');
}

export type ReceivedMail = {
  from: string;
  to: string[];
  subject: string;
  text: string;
  /** The text/calendar part as sent (METHOD, VEVENT). */
  calendar: string | null;
  /** The .ics attachment. */
  attachment: string | null;
};

/** A real SMTP server (smtp-server package) on a free local port that keeps what arrives. */
export async function startSmtpServer(): Promise<{ url: string; mails: ReceivedMail[]; close(): Promise<void> }> {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          const ics = parsed.attachments.find((a) => a.filename === 'invite.ics');
          const calPart = parsed.attachments.find((a) => a.contentType === 'text/calendar');
          mails.push({
            from: parsed.from?.text ?? '',
            to: (session.envelope.rcptTo ?? []).map((r) => r.address),
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            calendar: calPart ? calPart.content.toString('utf8') : null,
            attachment: ics ? ics.content.toString('utf8') : null,
          });
          callback();
        })
        .catch((err: Error) => callback(err));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as { port: number }).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const mailto = (v: unknown) => String(v ?? '').replace(/^mailto:/i, 'mailto:');

/** Parses iCalendar text with ical.js (a real RFC 5545 parser). */
export function parseIcs(text: string) {
  const cal = new ICAL.Component(ICAL.parse(text));
  const events = cal.getAllSubcomponents('vevent').map((v) => {
    const ev = new ICAL.Event(v);
    return {
      uid: ev.uid,
      summary: ev.summary,
      sequence: ev.sequence,
      location: ev.location,
      description: ev.description,
      status: v.getFirstPropertyValue('status') as string | null,
      url: v.getFirstPropertyValue('url') as string | null,
      dtstamp: v.getFirstPropertyValue('dtstamp'),
      // URI schemes are case-insensitive (ical-generator writes MAILTO:): compare them lower-cased
      organizer: mailto(v.getFirstPropertyValue('organizer')),
      attendees: v.getAllProperties('attendee').map((p) => mailto(p.getFirstValue())),
      start: ev.startDate,
      end: ev.endDate,
      allDay: ev.startDate.isDate,
    };
  });
  return { method: cal.getFirstPropertyValue('method') as string | null, events };
}
