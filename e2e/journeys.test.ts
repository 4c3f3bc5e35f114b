import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiSession, apiSignIn } from './api.js';
import { launchBrowser, signedInPage } from './browser.js';
import { ADMIN, startServer, type TestServer } from './server.js';
import { visibleText } from './text.js';

type Account = { id: string; name: string; version: number; industry: string | null; description: string | null };

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

async function createAccountViaApi(name: string, extra: Record<string, unknown> = {}): Promise<Account> {
  const res = await admin.request<Account>('POST', '/accounts', { name, type: 'customer', ...extra });
  expect(res.status).toBe(201);
  return res.body;
}

async function openAccount(page: Page, account: Account) {
  await page.goto(`/accounts/${account.id}`);
  await page.getByRole('heading', { name: account.name, level: 2 }).waitFor();
}

describe('web UI journeys', () => {
  it('(a) signs in, showing an error for a wrong password first', async () => {
    const context = await browser.newContext({ baseURL: server.baseUrl, locale: 'en-US' });
    const page = await context.newPage();
    await page.goto('/accounts');
    // Not signed in: the app sends the user to the sign-in page.
    await page.getByRole('heading', { name: 'Sign in to Stride' }).waitFor();
    expect(page.url()).toContain('/login');

    await page.getByRole('textbox', { name: 'Email' }).fill(ADMIN.email);
    await page.getByRole('textbox', { name: 'Password' }).fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    expect(await visibleText(page.getByRole('alert'))).toBe('Wrong email or password.');

    await page.getByRole('textbox', { name: 'Password' }).fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Accounts', level: 2 }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/accounts');
    expect(await visibleText(page.getByTestId('user-menu'))).toContain('Administrator');
    // A fresh database has no accounts: the list says so instead of showing an empty grid.
    expect(await visibleText(page.getByText('No accounts yet'))).toBe('No accounts yet');
    await context.close();
  });

  it('(b) creates an account and lands on its detail page', async () => {
    const page = await signedInPage(browser, server.baseUrl, ADMIN.email, ADMIN.password);
    await page.getByRole('button', { name: 'New account' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'New account' });
    await dialog.getByRole('textbox', { name: 'Name' }).fill('Pivovar Šťastný s.r.o.');
    // A wrong IČO check digit is caught next to the field, before anything is sent.
    await dialog.getByRole('textbox', { name: 'Company ID (IČO)' }).fill('27082441');
    await dialog.getByRole('button', { name: 'Create' }).click();
    expect(await visibleText(dialog.getByText('is not a valid IČO (check digit does not match)'))).toContain('IČO');

    await dialog.getByRole('textbox', { name: 'Company ID (IČO)' }).fill('27082440');
    await dialog.getByRole('textbox', { name: 'City' }).fill('Plzeň');
    await dialog.getByRole('textbox', { name: 'Phone' }).fill('603 123 456');
    await dialog.getByRole('button', { name: 'Create' }).click();

    await page.getByRole('heading', { name: 'Pivovar Šťastný s.r.o.', level: 2 }).waitFor();
    expect(page.url()).toMatch(/\/accounts\/[0-9a-f-]{36}$/);
    expect(await visibleText(page.getByText('27082440'))).toBe('27082440');
    expect(await visibleText(page.getByRole('link', { name: '603 123 456' }))).toBe('603 123 456');
    const stream = page.getByRole('region', { name: 'Stream' });
    expect(await visibleText(stream.getByTestId('stream-entry').first())).toContain('created this record');

    // Back in the list, search finds it without diacritics.
    await page.getByRole('link', { name: 'Accounts' }).first().click();
    await page.getByRole('searchbox', { name: 'Search' }).fill('stastny');
    expect(
      await visibleText(page.getByRole('table', { name: 'Accounts' }).getByRole('link', { name: 'Pivovar Šťastný s.r.o.' })),
    ).toBe('Pivovar Šťastný s.r.o.');
    await page.context().close();
  });

  it('(c) adds a contact to an account', async () => {
    const account = await createAccountViaApi('Strojírny Říha a.s.');
    const page = await signedInPage(browser, server.baseUrl, ADMIN.email, ADMIN.password);
    await openAccount(page, account);
    await page.getByRole('tab', { name: 'Contacts' }).click();
    expect(await visibleText(page.getByText('No contacts at this account yet.'))).toContain('No contacts');
    await page.getByRole('button', { name: 'Add contact' }).click();

    const dialog = page.getByRole('dialog', { name: 'New contact' });
    // The account is already chosen.
    expect(await dialog.getByRole('combobox', { name: 'Account' }).inputValue()).toBe('Strojírny Říha a.s.');
    await dialog.getByRole('textbox', { name: 'First name' }).fill('Jana');
    await dialog.getByRole('textbox', { name: 'Last name' }).fill('Dvořáková');
    await dialog.getByRole('textbox', { name: 'Job title' }).fill('Nákupčí');
    await dialog.getByLabel('Emails', { exact: true }).fill('jana.dvorakova@riha.cz');
    await dialog.getByLabel('Emails', { exact: true }).press('Enter');
    await dialog.getByRole('button', { name: 'Create' }).click();

    await page.getByRole('heading', { name: 'Jana Dvořáková', level: 2 }).waitFor();
    expect(await visibleText(page.getByRole('link', { name: 'jana.dvorakova@riha.cz' }))).toBe('jana.dvorakova@riha.cz');
    await page.getByRole('link', { name: 'Strojírny Říha a.s.' }).first().click();
    await page.getByRole('heading', { name: 'Strojírny Říha a.s.', level: 2 }).waitFor();
    await page.getByRole('tab', { name: 'Contacts' }).click();
    expect(await visibleText(page.getByRole('table', { name: 'Contacts' }).getByRole('link', { name: 'Jana Dvořáková' }))).toBe(
      'Jana Dvořáková',
    );
    // The account's Stream records the new contact.
    expect(await visibleText(page.getByRole('region', { name: 'Stream' }).getByTestId('stream-entry').first())).toContain(
      'added contact Jana Dvořáková',
    );
    await page.context().close();
  });

  it('(d) writes a note and sees it in the Stream', async () => {
    const account = await createAccountViaApi('Elektro Čermák s.r.o.');
    const page = await signedInPage(browser, server.baseUrl, ADMIN.email, ADMIN.password);
    await openAccount(page, account);
    const stream = page.getByRole('region', { name: 'Stream' });
    await stream.getByRole('textbox', { name: /Write a note/ }).fill('Called Mr Čermák: wants a quote for 40 units by Friday.');
    await stream.getByRole('button', { name: 'Post note' }).click();

    const newest = stream.getByTestId('stream-entry').first();
    await newest.and(page.locator('[data-type="note"]')).waitFor();
    expect(await visibleText(newest)).toContain('Called Mr Čermák: wants a quote for 40 units by Friday.');
    expect(await visibleText(newest)).toContain('Admin');
    // The composer is cleared for the next note.
    expect(await stream.getByRole('textbox', { name: /Write a note/ }).inputValue()).toBe('');

    // It is stored, not only shown: a reload still has it.
    await page.reload();
    expect(
      await visibleText(page.getByRole('region', { name: 'Stream' }).getByText('Called Mr Čermák', { exact: false })),
    ).toContain('40 units');
    await page.context().close();
  });

  it('(e) resolves an edit conflict by reloading and re-applying, keeping both changes', async () => {
    const account = await createAccountViaApi('Textil Novák s.r.o.', { industry: 'Textile' });
    const page = await signedInPage(browser, server.baseUrl, ADMIN.email, ADMIN.password);
    await openAccount(page, account);
    await page.getByRole('button', { name: 'Edit' }).click();
    const form = page.getByRole('form', { name: 'Edit account' });
    await form.getByRole('textbox', { name: 'Industry' }).fill('Fashion retail');

    // Meanwhile a colleague saves another change to the same account.
    const current = await admin.request<Account>('GET', `/accounts/${account.id}`);
    const theirs = await admin.request<Account>(
      'PATCH',
      `/accounts/${account.id}`,
      { description: 'Prefers calls after 2 pm.' },
      { 'If-Match': current.etag ?? '' },
    );
    expect(theirs.status).toBe(200);

    await form.getByRole('button', { name: 'Save' }).click();
    const dialog = page.getByRole('dialog', { name: 'Someone else changed this record' });
    expect(await visibleText(dialog)).toContain('Someone else changed this record since you opened it');
    expect(await visibleText(dialog.getByTestId('conflict-field-description'))).toContain('Prefers calls after 2 pm.');
    // The user's edit is still in the form behind the dialog.
    expect(await form.getByRole('textbox', { name: 'Industry' }).inputValue()).toBe('Fashion retail');

    await dialog.getByRole('button', { name: 'Reload and re-apply my changes' }).click();
    await dialog.waitFor({ state: 'hidden' });
    // The form now holds the colleague's description and the user's industry; saving succeeds.
    expect(await form.getByRole('textbox', { name: 'Description' }).inputValue()).toBe('Prefers calls after 2 pm.');
    expect(await form.getByRole('textbox', { name: 'Industry' }).inputValue()).toBe('Fashion retail');
    await form.getByRole('button', { name: 'Save' }).click();
    await form.waitFor({ state: 'hidden' });

    expect(await visibleText(page.getByRole('tabpanel').getByText('Prefers calls after 2 pm.'))).toBe(
      'Prefers calls after 2 pm.',
    );
    expect(await visibleText(page.getByRole('tabpanel').getByText('Fashion retail'))).toBe('Fashion retail');
    const saved = await admin.request<Account>('GET', `/accounts/${account.id}`);
    expect(saved.body.industry).toBe('Fashion retail');
    expect(saved.body.description).toBe('Prefers calls after 2 pm.');
    expect(saved.body.version).toBe(account.version + 2);
    // The Stream shows the user's change as "Industry: Textile → Fashion retail".
    const change = page.getByRole('region', { name: 'Stream' }).getByTestId('stream-change').filter({ hasText: 'Industry' });
    expect(await visibleText(change)).toBe('Industry: Textile → Fashion retail');
    await page.context().close();
  });
});
