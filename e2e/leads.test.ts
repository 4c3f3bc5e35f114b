import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiSession, apiSignIn } from './api.js';
import { launchBrowser } from './browser.js';
import { ADMIN, startServer, type TestServer } from './server.js';
import { textContent, textMatching, visibleText } from './text.js';

const SDR = { email: 'petra.sdr@e2e.stride.local', password: 'e2e-sdr-password-1', name: 'Petra Nováková' };

type Lead = { id: string; name: string; status: string };

let server: TestServer;
let browser: Browser;
let sdrApi: ApiSession;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  // The server starts without demo data: the admin creates the SDR who works the inbox.
  const admin = await apiSignIn(server.baseUrl, ADMIN.email, ADMIN.password);
  const created = await admin.request('POST', '/users', { ...SDR, role: 'sdr', teamIds: [] });
  expect(created.status).toBe(201);
  sdrApi = await apiSignIn(server.baseUrl, SDR.email, SDR.password);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function signInAsSdr(): Promise<Page> {
  const context = await browser.newContext({ baseURL: server.baseUrl, locale: 'en-US', viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  await page.goto('/login');
  await page.getByRole('textbox', { name: 'Email' }).fill(SDR.email);
  await page.getByRole('textbox', { name: 'Password' }).fill(SDR.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Main menu' }).waitFor();
  return page;
}

describe('leads web UI', () => {
  it('an SDR creates a lead, qualifies it, converts it and lands on the contact that carries its history', async () => {
    // A lead that arrived earlier (e.g. from the web form) with the same person's email.
    const earlier = await sdrApi.request<Lead>('POST', '/leads', {
      firstName: 'Jana',
      lastName: 'Dvořáková',
      email: 'jana@pivovar-stastny.cz',
      source: 'web_form',
    });
    expect(earlier.status).toBe(201);

    const page = await signInAsSdr();
    await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Leads', exact: true }).click();
    await page.getByRole('heading', { name: 'Leads', level: 2 }).waitFor();
    // The SDR starts in "My leads", which holds the earlier lead.
    expect(await visibleText(page.getByRole('tab', { name: /My leads/ }))).toMatch(/My leads\s*1/);
    expect(await visibleText(page.getByRole('table', { name: 'Leads' }).getByRole('link', { name: 'Jana Dvořáková' }))).toBe(
      'Jana Dvořáková',
    );

    // Create through the UI: the live check warns about the existing lead while the email is typed.
    await page.getByRole('button', { name: 'New lead' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'New lead' });
    await dialog.getByRole('textbox', { name: 'First name' }).fill('Jana');
    await dialog.getByRole('textbox', { name: 'Last name' }).fill('Dvořáková');
    await dialog.getByRole('textbox', { name: 'Company', exact: true }).fill('Pivovar Šťastný s.r.o.');
    await dialog.getByRole('textbox', { name: 'Email' }).fill('jana@pivovar-stastny.cz');
    const live = dialog.getByTestId('live-duplicates');
    expect(await textMatching(live, /Email: jana@pivovar-stastny\.cz/)).toMatch(/possible duplicate/);
    expect(await visibleText(live.getByRole('link', { name: 'Jana Dvořáková' }))).toBe('Jana Dvořáková');

    // It is her work address that is new: the SDR changes it and creates the lead anyway.
    await dialog.getByRole('textbox', { name: 'Email' }).fill('dvorakova@pivovar-stastny.cz');
    await dialog.getByRole('textbox', { name: 'Phone' }).fill('603 123 456');
    await dialog.getByRole('textbox', { name: 'Company ID (IČO)' }).fill('27082440');
    await dialog.getByLabel('Source', { exact: true }).click();
    await page.getByRole('option', { name: 'Trade show' }).click();
    await dialog.getByRole('button', { name: 'Create' }).click();

    await page.getByRole('heading', { name: 'Jana Dvořáková', level: 2 }).waitFor();
    expect(page.url()).toMatch(/\/leads\/[0-9a-f-]{36}$/);
    const leadUrl = page.url();
    expect(await textContent(page.getByTestId('lead-status').first())).toBe('Assigned');
    // The 24-hour first-contact clock is running.
    expect(await visibleText(page.getByTestId('first-contact-countdown'))).toMatch(/^First contact: (23|24) h left$/);
    expect(await visibleText(page.getByRole('link', { name: '603 123 456' }))).toBe('603 123 456');

    // The earlier lead is flagged as a possible duplicate and merged into this one, keeping the earlier email.
    const banner = page.getByTestId('duplicates-banner');
    expect(await visibleText(banner)).toContain('1 possible duplicate');
    await banner.getByRole('button', { name: 'Show' }).click();
    await banner.getByRole('button', { name: 'Merge Jana Dvořáková' }).click();
    const merge = page.getByRole('dialog', { name: 'Merge leads' });
    expect(await visibleText(merge.getByTestId('merge-field-email'))).toContain('jana@pivovar-stastny.cz');
    await merge.getByRole('radio', { name: 'Email: Other lead' }).check();
    await merge.getByRole('button', { name: 'Merge' }).click();
    await merge.waitFor({ state: 'hidden' });
    expect(await textMatching(page.getByRole('link', { name: /@pivovar-stastny\.cz/ }), /^jana@/)).toBe(
      'jana@pivovar-stastny.cz',
    );
    await banner.waitFor({ state: 'hidden' });

    // Start work.
    await page.getByRole('button', { name: 'Start work' }).click();
    expect(await textMatching(page.getByTestId('lead-status').first(), /In process/i)).toMatch(/In process/i);

    // BANT answers.
    const bant = page.getByRole('region', { name: 'BANT qualification' });
    await bant.getByRole('group', { name: 'Budget' }).getByText('Yes', { exact: true }).click();
    await bant.getByRole('group', { name: 'Need' }).getByText('Yes', { exact: true }).click();
    await bant.getByRole('group', { name: 'Timeline' }).getByText('Urgent', { exact: true }).click();
    await bant.getByRole('button', { name: 'Save' }).click();
    await textMatching(page.getByRole('region', { name: 'Stream' }).getByTestId('stream-entry').first(), /Budget: Unknown → Yes/);

    // Score factors: the score is previewed while editing and saved with its explanation.
    const score = page.getByRole('region', { name: 'Lead score' });
    await score.getByRole('group', { name: 'Company size' }).getByText('4', { exact: true }).click();
    await score.getByRole('group', { name: 'Industry fit' }).getByText('5', { exact: true }).click();
    await score.getByRole('group', { name: 'Engagement' }).getByText('3', { exact: true }).click();
    await score.getByRole('group', { name: 'ICP fit' }).getByText('4', { exact: true }).click();
    // (4−1 + 5−1 + 3−1 + 4−1) × 25 / 4 = 75
    expect(await textMatching(score.getByTestId('lead-score'), /75/)).toBe('75');
    await score.getByText('not saved yet').waitFor();
    await score.getByRole('button', { name: 'Save' }).click();
    expect(await textMatching(page.getByTestId('lead-score').first(), /^75$/)).toBe('75');
    await score.getByText('not saved yet').waitFor({ state: 'hidden' });
    const explanation = score.getByRole('table', { name: 'Score explanation' });
    expect(await visibleText(explanation.getByRole('row', { name: /Industry fit/ }))).toMatch(/Industry fit\s+5\s+× 1\s+\+25/);

    // A note, so the history has something personal to carry over.
    const stream = page.getByRole('region', { name: 'Stream' });
    await stream.getByRole('textbox', { name: /Write a note/ }).fill('Called Jana: wants 40 kegs a month from March.');
    await stream.getByRole('button', { name: 'Post note' }).click();
    await textMatching(stream.getByTestId('stream-entry').first(), /40 kegs a month/);

    // Convert: new account and new contact from the lead (the defaults).
    await page.getByRole('button', { name: 'Convert' }).click();
    const convert = page.getByRole('dialog', { name: 'Convert Jana Dvořáková' });
    // No opportunity unless asked for (e2e/opportunities.test.ts converts with one).
    expect(await convert.getByRole('checkbox', { name: 'Also create an opportunity' }).isChecked()).toBe(false);
    expect(await convert.getByRole('radio', { name: 'Create a new account “Pivovar Šťastný s.r.o.”' }).isChecked()).toBe(true);
    expect(await convert.getByRole('radio', { name: 'Create a new contact “Jana Dvořáková”' }).isChecked()).toBe(true);
    await convert.getByRole('button', { name: 'Convert' }).click();

    // Landed on the new contact; its Stream shows the lead's history.
    await page.waitForURL(/\/contacts\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: 'Jana Dvořáková', level: 2, exact: true }).waitFor();
    expect(await visibleText(page.getByText('Jana Dvořáková converted'))).toBe('Jana Dvořáková converted');
    expect(await visibleText(page.getByRole('link', { name: 'Pivovar Šťastný s.r.o.' }).first())).toBe('Pivovar Šťastný s.r.o.');
    // the router keeps the lead page up until the contact page's code is in: its breadcrumb says it is there
    await page.getByRole('main').getByRole('link', { name: 'Contacts', exact: true }).waitFor();
    const contactStream = page.getByRole('region', { name: 'Stream' });
    expect(await textMatching(contactStream, /Called Jana: wants 40 kegs a month from March\./)).toContain('40 kegs');
    expect(await textMatching(contactStream, /Budget: unknown → yes/i)).toMatch(/Budget: unknown → yes/i);

    // The lead itself is now read-only and points to what it became.
    await page.goto(leadUrl);
    const notice = page.getByTestId('converted-notice');
    expect(await textMatching(notice, /Jana Dvořáková/)).toMatch(/Account:\s*Pivovar Šťastný s\.r\.o\./);
    expect(await textContent(page.getByTestId('lead-status').first())).toBe('Converted');
    expect(await page.getByRole('button', { name: 'Start work' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Edit' }).count()).toBe(0);
    await page.context().close();
  });
});
