import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiSession, apiSignIn } from './api.js';
import { launchBrowser, signedInPage } from './browser.js';
import { ADMIN, startServer, type TestServer } from './server.js';
import { textMatching } from './text.js';

type Record = { id: string; name: string; version: number };

let server: TestServer;
let browser: Browser;
let admin: ApiSession;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  admin = await apiSignIn(server.baseUrl, ADMIN.email, ADMIN.password);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function create(path: string, body: unknown): Promise<Record> {
  const res = await admin.request<Record>('POST', path, body);
  expect(res.status).toBe(201);
  return res.body;
}

describe('merging duplicate accounts', () => {
  it('the banner flags the other account; merging keeps its type and moves its contact and history here', async () => {
    const survivor = await create('/accounts', { name: 'Strojírny Brno a.s.', type: 'prospect', industry: 'Strojírenství' });
    const other = await create('/accounts', { name: 'STROJIRNY BRNO', type: 'customer', website: 'https://strojirny-brno.cz' });
    const contact = await create('/contacts', {
      firstName: 'Karel',
      lastName: 'Dvořák',
      accountId: other.id,
      emails: ['karel@strojirny-brno.cz'],
    });

    const page = await signedInPage(browser, server.baseUrl, ADMIN.email, ADMIN.password);
    await page.goto(`/accounts/${survivor.id}`);
    await page.getByRole('heading', { name: survivor.name, level: 2 }).waitFor();

    const banner = page.getByTestId('duplicates-banner');
    expect(await textMatching(banner, /1 possible duplicate/)).not.toContain(survivor.name);
    await banner.getByRole('button', { name: 'Show' }).click();
    const candidate = banner.getByTestId('duplicate-candidate');
    expect(await textMatching(candidate, /STROJIRNY BRNO/)).toMatch(/Account/);

    await banner.getByRole('button', { name: 'Merge STROJIRNY BRNO' }).click();
    const dialog = page.getByRole('dialog', { name: 'Merge accounts' });
    const typeRow = dialog.getByTestId('merge-field-type');
    expect(await textMatching(typeRow, /Customer/)).toMatch(/Prospect/);
    // This account's type is picked by default; the other's website fills the empty one.
    expect(await dialog.getByRole('radio', { name: 'Type: This account' }).isChecked()).toBe(true);
    expect(await dialog.getByRole('radio', { name: 'Website: Other account' }).isChecked()).toBe(true);
    expect(await textMatching(dialog.getByTestId('merge-summary'), /1 contact\b/)).toMatch(/0 sub-accounts/);
    await page.screenshot({ path: '/tmp/merge-screen.png' });

    await dialog.getByRole('radio', { name: 'Type: Other account' }).check();
    await dialog.getByRole('button', { name: 'Merge', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('“STROJIRNY BRNO” merged into this account').waitFor();

    // The survivor now has the other's type, its contact and the merge in its Stream; the banner is gone.
    const header = page.getByRole('heading', { name: survivor.name, level: 2 }).locator('xpath=..');
    expect(await textMatching(header, /Customer/i)).not.toMatch(/Prospect/i);
    await page.getByTestId('duplicates-banner').waitFor({ state: 'detached' });
    const mergeEntry = page.locator('[data-testid="stream-entry"][data-type="merge"]');
    expect(await textMatching(mergeEntry, /merged records/)).toContain(ADMIN.name);
    await page.getByRole('tab', { name: 'Contacts' }).click();
    await page.getByRole('tabpanel').getByText('Karel Dvořák').waitFor();

    // The contact's own page names the survivor as its account.
    await page.goto(`/contacts/${contact.id}`);
    await page.getByRole('heading', { name: 'Karel Dvořák', level: 2 }).waitFor();
    await page.getByRole('link', { name: survivor.name }).first().waitFor();

    // The merged account answers "not found".
    await page.goto(`/accounts/${other.id}`);
    await page.getByText('This record does not exist or you cannot see it.').waitFor();
    expect((await admin.request('GET', `/accounts/${other.id}`)).status).toBe(404);
    await page.context().close();
  });

  it('"Merge with…" on a contact finds the other contact and keeps both email addresses by default', async () => {
    const target = await create('/contacts', { firstName: 'Jana', lastName: 'Horáková', emails: ['jana@pekarna.cz'] });
    const other = await create('/contacts', {
      firstName: 'Jana',
      lastName: 'Horakova',
      emails: ['horakova@gmail.com'],
      title: 'Jednatelka',
    });

    const page = await signedInPage(browser, server.baseUrl, ADMIN.email, ADMIN.password);
    await page.goto(`/contacts/${target.id}`);
    await page.getByRole('heading', { name: 'Jana Horáková', level: 2 }).waitFor();
    await page.getByRole('button', { name: 'More actions' }).click();
    await page.getByRole('menuitem', { name: 'Merge with…' }).click();

    const dialog = page.getByRole('dialog', { name: 'Merge contacts' });
    await dialog.getByRole('combobox', { name: 'The other record' }).fill('Horakova');
    await page.getByRole('option', { name: /Jana Horakova/ }).click();
    const emails = dialog.getByTestId('merge-field-emails');
    expect(await textMatching(emails, /horakova@gmail\.com/)).toContain('jana@pekarna.cz');
    expect(await dialog.getByRole('radio', { name: 'Emails: Keep both' }).isChecked()).toBe(true);
    await dialog.getByRole('button', { name: 'Merge', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });

    const main = page.getByRole('main');
    expect(await textMatching(main, /horakova@gmail\.com/)).toContain('jana@pekarna.cz');
    expect(await textMatching(main, /Jednatelka/)).toContain('Jana Horáková');
    await page.goto(`/contacts/${other.id}`);
    await page.getByText('This record does not exist or you cannot see it.').waitFor();
    await page.context().close();
  });
});
