import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiSession, apiSignIn } from './api.js';
import { boardCard, boardColumn, drag } from './board.js';
import { launchBrowser, signedInPage } from './browser.js';
import { ADMIN, startServer, type TestServer } from './server.js';
import { textMatching } from './text.js';

/** The default pipeline (migration 0007) has fixed stage ids. */
const QUALIFICATION = '01900000-0000-7000-8000-000000000102';
const NEEDS_ANALYSIS = '01900000-0000-7000-8000-000000000103';

type Opportunity = {
  id: string;
  version: number;
  name: string;
  status: string;
  lostReason: string | null;
  stage: { name: string };
};

let server: TestServer;
let browser: Browser;
let admin: ApiSession;
let accountId: string;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  // The server starts without demo data: the admin creates an account for the deals.
  admin = await apiSignIn(server.baseUrl, ADMIN.email, ADMIN.password);
  const account = await admin.request<{ id: string }>('POST', '/accounts', { name: 'Pivovar Šťastný s.r.o.' });
  expect(account.status).toBe(201);
  accountId = account.body.id;
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function createDeal(name: string, stageId: string, amount: string): Promise<Opportunity> {
  const res = await admin.request<Opportunity>('POST', '/opportunities', { name, accountId, stageId, amount, currency: 'CZK' });
  expect(res.status).toBe(201);
  return res.body;
}

async function getDeal(id: string): Promise<Opportunity> {
  return (await admin.request<Opportunity>('GET', `/opportunities/${id}`)).body;
}

const column = boardColumn;
const card = boardCard;

async function openBoard(): Promise<Page> {
  const page = await signedInPage(browser, server.baseUrl, ADMIN.email, ADMIN.password);
  await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Opportunities' }).click();
  await page.getByRole('heading', { name: 'Opportunities', level: 2 }).waitFor();
  return page;
}

describe('opportunities web UI', () => {
  it('drags a deal from Qualification to Needs Analysis and the column totals follow', async () => {
    const moving = await createDeal('Tank sensors', QUALIFICATION, '100000');
    await createDeal('Keg washer', NEEDS_ANALYSIS, '50000');
    const page = await openBoard();

    await textMatching(column(page, 'Qualification').getByTestId('column-sum'), /CZK\s100,000\.00/);
    await textMatching(column(page, 'Needs Analysis').getByTestId('column-sum'), /CZK\s50,000\.00/);
    // Weighted by the stage's probability: 30 % of 50 000.
    await textMatching(column(page, 'Needs Analysis').getByTestId('column-weighted'), /CZK\s15,000\.00/);

    // every count the two columns show from the drop until the board settles (no count may overshoot on the way)
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as any).__boardCounts = seen;
      const read = () => {
        for (const name of ['Qualification', 'Needs Analysis']) {
          const badge = document.querySelector(`section[aria-label="${name}"] [data-testid="column-count"]`);
          if (badge) seen.push(`${name}: ${badge.textContent}`);
        }
      };
      new MutationObserver(read).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await drag(page, card(page, 'Qualification', 'Tank sensors'), column(page, 'Needs Analysis'));

    await card(page, 'Needs Analysis', 'Tank sensors').waitFor();
    expect(await textMatching(column(page, 'Needs Analysis').getByTestId('column-sum'), /CZK\s150,000\.00/)).toMatch(
      /150,000\.00/,
    );
    expect(await textMatching(column(page, 'Needs Analysis').getByTestId('column-weighted'), /CZK\s45,000\.00/)).toMatch(
      /45,000\.00/,
    );
    expect(await textMatching(column(page, 'Needs Analysis').getByTestId('column-count'), /^2 deals$/i)).toMatch(/2 deals/i);
    expect(await textMatching(column(page, 'Qualification').getByTestId('column-sum'), /CZK\s0\.00/)).toMatch(/0\.00/);
    expect((await getDeal(moving.id)).stage.name).toBe('Needs Analysis');
    const counts: string[] = await page.evaluate(() => (window as any).__boardCounts);
    expect(counts).toContain('Needs Analysis: 2 deals');
    expect(counts.filter((c) => /-1|3 deals/.test(c))).toEqual([]);
    await page.context().close();
  });

  it('rolls a drag back when someone else changed the deal (412)', async () => {
    const deal = await createDeal('Bottling line', QUALIFICATION, '20000');
    const page = await openBoard();
    await card(page, 'Qualification', 'Bottling line').waitFor();

    // Someone else edits the deal after the board was loaded: the card's version is stale now.
    const other = await admin.request(
      'PATCH',
      `/opportunities/${deal.id}`,
      { nextStep: 'Send the quote' },
      { 'If-Match': `"${deal.version}"` },
    );
    expect(other.status).toBe(200);

    await drag(page, card(page, 'Qualification', 'Bottling line'), column(page, 'Needs Analysis'));

    await page.getByText('Someone changed this deal — reloaded. Try again.').waitFor();
    await card(page, 'Qualification', 'Bottling line').waitFor();
    expect(await card(page, 'Needs Analysis', 'Bottling line').count()).toBe(0);
    expect((await getDeal(deal.id)).stage.name).toBe('Qualification');
    await page.context().close();
  });

  it('closes a deal as lost with a reason', async () => {
    const deal = await createDeal('Cooling system', QUALIFICATION, '75000');
    const page = await signedInPage(browser, server.baseUrl, ADMIN.email, ADMIN.password);
    await page.goto(`/opportunities/${deal.id}`);
    await page.getByRole('heading', { name: 'Cooling system', level: 2 }).waitFor();
    await textMatching(page.getByTestId('opportunity-amount'), /CZK\s75,000\.00/);

    await page.getByRole('button', { name: 'Close lost' }).click();
    const dialog = page.getByRole('dialog', { name: 'Close "Cooling system"' });
    // The reason is required for a lost deal.
    await dialog.getByRole('button', { name: 'Close deal' }).click();
    await dialog.getByText('Choose why the deal was lost').waitFor();

    await dialog.getByRole('combobox', { name: /^Reason/ }).click();
    await page.getByRole('option', { name: 'Competition' }).click();
    await dialog.getByRole('textbox', { name: 'Note' }).fill('They went with the cheaper local supplier.');
    await dialog.getByRole('button', { name: 'Close deal' }).click();
    await dialog.waitFor({ state: 'hidden' });

    expect(await textMatching(page.getByTestId('opportunity-status'), /lost/i)).toMatch(/lost/i);
    await page.getByRole('button', { name: 'Reopen' }).waitFor();
    expect(await textMatching(page.getByText('They went with the cheaper local supplier.'), /cheaper/)).toBeTruthy();
    const saved = await getDeal(deal.id);
    expect(saved.status).toBe('lost');
    expect(saved.lostReason).toBe('competition');
    await page.context().close();
  });

  it('converts a lead with an opportunity and lands on the opportunity page', async () => {
    const lead = await admin.request<{ id: string; version: number }>('POST', '/leads', {
      firstName: 'Karel',
      lastName: 'Říha',
      company: 'Mlékárna Říha a.s.',
      email: 'karel@mlekarna-riha.cz',
      source: 'trade_show',
    });
    expect(lead.status).toBe(201);
    // Conversion follows the lead's work (in process).
    const started = await admin.request(
      'POST',
      `/leads/${lead.body.id}/status`,
      { status: 'in_process' },
      { 'If-Match': `"${lead.body.version}"` },
    );
    expect(started.status).toBe(200);
    const page = await signedInPage(browser, server.baseUrl, ADMIN.email, ADMIN.password);
    await page.goto(`/leads/${lead.body.id}`);
    await page.getByRole('heading', { name: 'Karel Říha', level: 2 }).waitFor();

    await page.getByRole('button', { name: 'Convert' }).click();
    const convert = page.getByRole('dialog', { name: 'Convert Karel Říha' });
    await convert.getByRole('checkbox', { name: 'Also create an opportunity' }).check();
    const name = convert.getByRole('textbox', { name: 'Opportunity name' });
    expect(await name.inputValue()).toBe('Mlékárna Říha a.s.');
    await name.fill('Mlékárna Říha – cheese line');
    await convert.getByRole('textbox', { name: 'Amount' }).fill('250000');
    await convert.getByRole('button', { name: 'Convert' }).click();

    await page.getByRole('heading', { name: 'Mlékárna Říha – cheese line', level: 2 }).waitFor();
    expect(page.url()).toMatch(/\/opportunities\/[0-9a-f-]{36}$/);
    expect(await textMatching(page.getByTestId('opportunity-amount'), /CZK\s250,000\.00/)).toMatch(/250,000\.00/);
    expect(await textMatching(page.getByTestId('opportunity-stage'), /Identification/)).toBe('Identification');
    expect(await textMatching(page.getByRole('region', { name: 'Stage path' }), /Identification\s+0 days/)).toBeTruthy();
    await page.context().close();
  });
});
