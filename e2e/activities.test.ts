import ICAL from 'ical.js';
import { simpleParser } from 'mailparser';
import type { Browser, Page } from 'playwright-core';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiSession, apiSignIn } from './api.js';
import { launchBrowser } from './browser.js';
import { ADMIN, startServer, type TestServer } from './server.js';
import { textMatching } from './text.js';

/**
 * Seed 000's journey: a web lead, a meeting scheduled from it with an iCalendar invitation (received by a real SMTP
 * server), held with notes — all of it in the lead's Stream.
 */

const REP = { email: 'barbora@e2e.stride.local', password: 'e2e-rep-password-1', name: 'Barbora Dvořáková' };
const MEETING = 'AutoERP – requirements discovery and system presentation';
const NOTES = 'Needs: pulling orders and invoices, Signi integration. Next: send the quote by Friday.';
const TZ = 'Europe/Prague';
const LEAD_EMAIL = 'j.dvorakova@example.cz';

type Lead = { id: string; name: string };
type Activity = { id: string; subject: string; startsAt: string; status: string };

type ReceivedMail = { to: string[]; subject: string; calendar: string | null };

let server: TestServer;
let browser: Browser;
let repApi: ApiSession;
let smtp: SMTPServer;
const mails: ReceivedMail[] = [];

/** A real SMTP server (smtp-server) in the test process that keeps what arrives, with its text/calendar part. */
async function startSmtp(): Promise<string> {
  smtp = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          const calendar = parsed.attachments.find((a) => a.contentType === 'text/calendar');
          mails.push({
            to: (session.envelope.rcptTo ?? []).map((r) => r.address.toLowerCase()),
            subject: parsed.subject ?? '',
            calendar: calendar ? calendar.content.toString('utf8') : null,
          });
          callback();
        })
        .catch((err: Error) => callback(err));
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()));
  return `smtp://127.0.0.1:${(smtp.server.address() as { port: number }).port}`;
}

/** Waits (bounded) for a mail to `address` — the server's job runner sends it within its poll interval. */
async function mailTo(address: string, timeoutMs = 30_000): Promise<ReceivedMail> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const mail = mails.find((m) => m.to.includes(address));
    if (mail) return mail;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`No mail to ${address} within ${timeoutMs} ms; received: ${JSON.stringify(mails.map((m) => m.to))}`);
}

beforeAll(async () => {
  const smtpUrl = await startSmtp();
  server = await startServer({ SMTP_URL: smtpUrl, MAIL_FROM: 'Stride <crm@e2e.stride.local>' });
  browser = await launchBrowser();
  const admin = await apiSignIn(server.baseUrl, ADMIN.email, ADMIN.password);
  const created = await admin.request('POST', '/users', { ...REP, role: 'account_manager', teamIds: [] });
  expect(created.status).toBe(201);
  repApi = await apiSignIn(server.baseUrl, REP.email, REP.password);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (smtp) await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

/** The calendar day (YYYY-MM-DD) of an instant in the browser's time zone. */
function dayIn(iso: string | Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(iso),
  );
}

/** Today at `hour`:00 in the browser's time zone (the calendar's day view shows that day). */
function todayAt(hour: number): Date {
  const day = dayIn(new Date());
  const offset = new Intl.DateTimeFormat('en-US', { timeZone: TZ, timeZoneName: 'longOffset' })
    .formatToParts(new Date())
    .find((p) => p.type === 'timeZoneName')
    ?.value.replace('GMT', '');
  return new Date(`${day}T${String(hour).padStart(2, '0')}:00:00${offset || 'Z'}`);
}

/** Signs in through the sign-in page without a target: the app's start page is the rep's day. */
async function signInAsRep(): Promise<Page> {
  const context = await browser.newContext({
    baseURL: server.baseUrl,
    locale: 'en-US',
    timezoneId: TZ,
    viewport: { width: 1400, height: 1000 },
  });
  const page = await context.newPage();
  await page.goto('/login');
  await page.getByRole('textbox', { name: 'Email' }).fill(REP.email);
  await page.getByRole('textbox', { name: 'Password' }).fill(REP.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'My day', level: 2 }).waitFor();
  return page;
}

describe('activities web UI', () => {
  it('seed 000: schedules the AutoERP meeting from a new lead with an invitation email, sees it on My day, marks it held, and finds it all in the Stream', async () => {
    // A new lead from the web form ("J Dvořáková"), owned by the rep who works it.
    const created = await repApi.request<Lead>('POST', '/leads', {
      firstName: 'J',
      lastName: 'Dvořáková',
      company: 'Dvořák Logistika s.r.o.',
      email: LEAD_EMAIL,
      source: 'web_form',
    });
    expect(created.status).toBe(201);
    const lead = created.body;

    const page = await signInAsRep();
    expect(new URL(page.url()).pathname).toBe('/my-day');
    // The lead waits for its first contact, with the time left on the clock.
    const waiting = page.getByTestId('my-day-leads').getByTestId('lead-item').filter({ hasText: lead.name });
    expect(await textMatching(waiting, /left/)).toMatch(/J Dvořáková[\s\S]*\d+ hours? left/);

    // From the lead's page: "Schedule meeting" with a video link (CreateRelated in seed 000).
    await waiting.getByRole('link', { name: lead.name }).click();
    await page.getByRole('heading', { name: lead.name, level: 2 }).waitFor();
    const panel = page.getByTestId('record-activities');
    await panel.getByRole('button', { name: 'Schedule meeting' }).click();
    const dialog = page.getByRole('dialog', { name: 'Schedule meeting' });
    expect(await dialog.getByRole('textbox', { name: 'Related to' }).inputValue()).toBe(`Lead: ${lead.name}`);
    await dialog.getByRole('textbox', { name: 'Subject' }).fill(MEETING);
    await dialog.getByRole('textbox', { name: 'Video link' }).fill('https://meet.example.com/autoerp-jd');
    // The lead takes part and gets an invitation by email.
    const participants = dialog.getByLabel('Participants', { exact: true });
    await participants.click();
    await page.getByRole('option', { name: lead.name, exact: true }).click();
    await participants.press('Escape');
    const invite = dialog.getByRole('switch', { name: 'Invite external participants by email' });
    await invite.check({ force: true });
    expect(await invite.isChecked()).toBe(true);
    await dialog.getByRole('button', { name: 'Create' }).click();
    await dialog.waitFor({ state: 'hidden' });

    // The record shows it as upcoming, and its Stream says the meeting was added.
    const row = panel.getByTestId('record-activity').filter({ hasText: MEETING });
    await row.waitFor();
    expect(await row.getAttribute('data-status')).toBe('planned');
    const stream = page.getByTestId('stream-entries');
    const added = stream.locator('[data-type="create_related"]').filter({ hasText: MEETING });
    expect(await textMatching(added, /added activity/)).toContain(`added activity ${MEETING}`);

    // My day shows it on the day it takes place (the next full hour, so possibly tomorrow late at night).
    const listed = await repApi.request<{ data: Activity[] }>('GET', `/activities?relatedType=lead&relatedId=${lead.id}`);
    const meeting = listed.body.data.find((a) => a.subject === MEETING);
    expect(meeting?.status).toBe('planned');

    // The invitation arrived at the SMTP server: an iCalendar REQUEST for this meeting, with the lead as attendee.
    const mail = await mailTo(LEAD_EMAIL);
    expect(mail.subject).toContain(`Invitation: ${MEETING}`);
    expect(mail.calendar).not.toBeNull();
    const ics = new ICAL.Component(ICAL.parse(mail.calendar as string));
    expect(ics.getFirstPropertyValue('method')).toBe('REQUEST');
    const vevent = ics.getFirstSubcomponent('vevent');
    if (!vevent) throw new Error(`no VEVENT in:\n${mail.calendar}`);
    const event = new ICAL.Event(vevent);
    expect(event.summary).toBe(MEETING);
    expect(event.uid).toBe(`${meeting?.id}@stride`);
    expect(event.startDate.toJSDate().toISOString()).toBe(new Date(meeting?.startsAt as string).toISOString());
    const attendees = vevent.getAllProperties('attendee').map((p) => String(p.getFirstValue()).toLowerCase());
    expect(attendees).toEqual([`mailto:${LEAD_EMAIL}`]);
    await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'My day' }).click();
    await page.getByRole('heading', { name: 'My day', level: 2 }).waitFor();
    if (dayIn(meeting?.startsAt as string) !== dayIn(new Date())) await page.getByRole('button', { name: 'Next day' }).click();
    const agendaItem = page.getByTestId('my-day-agenda').getByTestId('agenda-item').filter({ hasText: MEETING });
    expect(await textMatching(agendaItem, /Join/)).toContain(lead.name);
    expect(await agendaItem.getByRole('link', { name: 'Join' }).getAttribute('href')).toBe('https://meet.example.com/autoerp-jd');

    // "Held" asks for the outcome notes.
    await agendaItem.getByRole('button', { name: `Held: ${MEETING}`, exact: true }).click();
    const outcome = page.getByRole('dialog', { name: 'Mark as held' });
    await outcome.getByRole('textbox', { name: 'Outcome notes' }).fill(NOTES);
    await outcome.getByRole('button', { name: 'Save' }).click();
    await outcome.waitFor({ state: 'hidden' });
    // Held: off the agenda; and the lead had its first contact, so it no longer waits for one.
    await agendaItem.waitFor({ state: 'detached' });
    if (dayIn(meeting?.startsAt as string) !== dayIn(new Date())) await page.getByRole('button', { name: 'Today' }).click();
    await page.getByTestId('my-day-leads').getByTestId('lead-item').filter({ hasText: lead.name }).waitFor({ state: 'detached' });
    expect(await textMatching(page.getByTestId('my-day-leads'), /No lead is waiting/)).toContain(
      'No lead is waiting for a first contact.',
    );

    // The lead's Stream: the meeting was added, then held, with the notes.
    await page.goto(`/leads/${lead.id}`);
    await page.getByRole('heading', { name: lead.name, level: 2 }).waitFor();
    const held = page.getByTestId('stream-entries').locator('[data-type="activity"]');
    expect(await textMatching(held, /Meeting held/)).toContain(`Meeting held: ${MEETING}`);
    expect(await textMatching(held, /Next: send/)).toContain(NOTES);
    await held.getByRole('link', { name: MEETING }).waitFor();
    expect(
      await textMatching(page.getByTestId('stream-entries').locator('[data-type="create_related"]'), /added activity/),
    ).toContain(MEETING);
    // The invitation is in the Stream too — once: holding the meeting sends the lead no "updated invitation".
    const invitation = page.getByTestId('stream-entries').locator('[data-type="email_sent"]');
    expect(await textMatching(invitation, /Invitation/)).toContain(`Invitation: ${MEETING}`);
    expect(await textMatching(invitation, /example\.cz/)).toContain(LEAD_EMAIL);
    expect(mails.filter((m) => m.to.includes(LEAD_EMAIL))).toHaveLength(1);
    const doneRow = page.getByTestId('record-activities').getByTestId('record-activity').filter({ hasText: MEETING });
    expect(await doneRow.getAttribute('data-status')).toBe('held');
    expect(await textMatching(doneRow, /Signi/)).toContain(NOTES);

    // The server agrees: held, with the notes, and the lead was contacted.
    const after = await repApi.request<Activity & { outcome: string }>('GET', `/activities/${meeting?.id}`);
    expect(after.body.status).toBe('held');
    expect(after.body.outcome).toBe(NOTES);
    const leadAfter = await repApi.request<{ firstContactedAt: string | null }>('GET', `/leads/${lead.id}`);
    expect(leadAfter.body.firstContactedAt).not.toBeNull();
    await page.context().close();
  }, 120_000);

  it('shows overdue tasks in red with the days overdue, and completes a task with its checkbox', async () => {
    const due = new Date(Date.now() - 2 * 86_400_000);
    const task = await repApi.request<Activity>('POST', '/activities', {
      type: 'task',
      subject: 'Send the quote to AVH (racking systems)',
      dueAt: due.toISOString(),
    });
    expect(task.status).toBe(201);
    const page = await signInAsRep();
    const item = page.getByTestId('my-day-tasks').getByTestId('task-item').filter({ hasText: 'Send the quote to AVH' });
    await item.waitFor();
    expect(await item.getAttribute('data-overdue')).toBe('true');
    expect(await textMatching(item.getByTestId('task-overdue'), /overdue/i)).toMatch(/^2 days overdue$/i);
    await item.getByRole('checkbox', { name: 'Mark “Send the quote to AVH (racking systems)” completed' }).click();
    await item.waitFor({ state: 'detached' });
    const after = await repApi.request<Activity>('GET', `/activities/${task.body.id}`);
    expect(after.body.status).toBe('completed');
    await page.context().close();
  });

  it('opens the calendar with my activities and shows one in the drawer', async () => {
    const start = todayAt(9);
    const call = await repApi.request<Activity>('POST', '/activities', {
      type: 'call',
      subject: 'Call Brain Market about the cold email',
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + 30 * 60_000).toISOString(),
    });
    expect(call.status).toBe(201);
    const page = await signInAsRep();
    await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Calendar' }).click();
    await page.getByRole('heading', { name: 'Calendar', level: 2 }).waitFor();
    await page.getByRole('button', { name: 'Day', exact: true }).click();
    const event = page.getByTestId('calendar').locator('.fc-event').filter({ hasText: 'Call Brain Market' });
    await event.click();
    const drawer = page.getByRole('dialog', { name: 'Activity' });
    expect(await textMatching(drawer.getByTestId('activity-subject'), /Brain Market/)).toBe(
      'Call Brain Market about the cold email',
    );
    expect(await textMatching(drawer.getByTestId('activity-status').first(), /planned/i)).toMatch(/^planned$/i);
    await page.context().close();
  });

  it('reschedules by dragging in the calendar, and puts the event back with a message on a concurrent change (412)', async () => {
    const start = todayAt(10);
    const make = async (subject: string) => {
      const res = await repApi.request<Activity & { version: number }>('POST', '/activities', {
        type: 'meeting',
        subject,
        startsAt: start.toISOString(),
        endsAt: new Date(start.getTime() + 60 * 60_000).toISOString(),
      });
      expect(res.status).toBe(201);
      return res.body;
    };
    const moved = await make('Demo for Pivovar');
    const page = await signInAsRep();
    await page.goto('/calendar');
    await page.getByRole('button', { name: 'Day', exact: true }).click();

    /** Drags the event down by two 30-minute slots (one hour later). */
    const dragOneHour = async (subject: string) => {
      const event = page.getByTestId('calendar').locator('.fc-event').filter({ hasText: subject });
      await event.scrollIntoViewIfNeeded();
      const box = await event.boundingBox();
      const slot = await page.locator('.fc-timegrid-slot-lane').first().boundingBox();
      if (!box || !slot) throw new Error('calendar not rendered');
      const x = box.x + box.width / 2;
      const y = box.y + 8;
      await page.mouse.move(x, y);
      await page.mouse.down();
      for (let i = 1; i <= 10; i++) await page.mouse.move(x, y + (slot.height * 2 * i) / 10);
      await page.mouse.up();
    };

    await dragOneHour('Demo for Pivovar');
    expect(await textMatching(page.locator('.mantine-Notification-root').last(), /Rescheduled/)).toContain('Rescheduled');
    const after = await repApi.request<Activity>('GET', `/activities/${moved.id}`);
    expect(new Date(after.body.startsAt).getTime()).toBe(start.getTime() + 60 * 60_000);

    // Someone else edits the next one after the calendar loaded it: the drag is refused and undone.
    const stale = await make('Contract review with AVH');
    await page.reload();
    await page.getByRole('button', { name: 'Day', exact: true }).click();
    await page.getByTestId('calendar').locator('.fc-event').filter({ hasText: 'Contract review with AVH' }).waitFor();
    const edited = await repApi.request(
      'PATCH',
      `/activities/${stale.id}`,
      { location: 'Brno' },
      { 'If-Match': `"${stale.version}"` },
    );
    expect(edited.status).toBe(200);
    await dragOneHour('Contract review with AVH');
    expect(await textMatching(page.locator('.mantine-Notification-root').last(), /Someone else/)).toContain(
      'Someone else changed “Contract review with AVH” in the meantime. The move was undone',
    );
    const unchanged = await repApi.request<Activity>('GET', `/activities/${stale.id}`);
    expect(new Date(unchanged.body.startsAt).getTime()).toBe(start.getTime());
    await page.context().close();
  });
});
