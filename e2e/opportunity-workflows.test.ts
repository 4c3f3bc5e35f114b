import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiSession, apiSignIn } from './api.js';
import { boardCard, boardColumn, drag } from './board.js';
import { launchBrowser, signedInPage } from './browser.js';
import { ADMIN, startServer, type TestServer } from './server.js';
import { textMatching } from './text.js';

/**
 * Issue 4 / seed 004 in a real browser: the owner drags a deal across the board, meets the approval gate, asks for
 * approval, a director approves in another browser, the deal enters the gated stage, is closed as won in the close
 * dialog and shows in the win/loss view. Then the board and table views are saved and restored.
 */
const OWNER = { email: 'owner@e2e.stride.local', password: 'owner-password-2026', name: 'Olga Owner' };
const DIRECTOR = { email: 'director@e2e.stride.local', password: 'director-password-2026', name: 'Dana Director' };
const DEAL = 'City lighting tender';

type Pipeline = { id: string; stages: Array<{ id: string; name: string }> };
type Opportunity = { id: string; version: number; status: string; stage: { name: string }; approvalStatus: string };

let server: TestServer;
let browser: Browser;
let owner: ApiSession;
let pipeline: Pipeline;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const admin = await apiSignIn(server.baseUrl, ADMIN.email, ADMIN.password);
  for (const [user, role] of [
    [OWNER, 'account_manager'],
    [DIRECTOR, 'sales_director'],
  ] as const) {
    const created = await admin.request('POST', '/users', { ...user, role, teamIds: [] });
    expect(created.status).toBe(201);
  }
  const created = await admin.request<Pipeline>('POST', '/pipelines', {
    name: 'Public tenders',
    stages: [
      { name: 'Prospect', probability: 10 },
      { name: 'Site survey', probability: 30 },
      { name: 'Binding offer', probability: 70, requiresApproval: true },
      { name: 'Signed', probability: 100, kind: 'won' },
      { name: 'Dropped', probability: 0, kind: 'lost' },
    ],
  });
  expect(created.status).toBe(201);
  pipeline = created.body;
  owner = await apiSignIn(server.baseUrl, OWNER.email, OWNER.password);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Polls the API until the deal satisfies `done` (the UI's request may still be on its way). */
async function dealWhen(id: string, done: (o: Opportunity) => boolean): Promise<Opportunity> {
  let deal: Opportunity | undefined;
  for (let i = 0; i < 100; i++) {
    deal = (await owner.request<Opportunity>('GET', `/opportunities/${id}`)).body;
    if (done(deal)) return deal;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`The deal never reached the expected state: ${JSON.stringify(deal)}`);
}

/** The Stream entries once one of them matches (fails with the entries seen). */
async function streamWith(page: Page, pattern: RegExp): Promise<string[]> {
  let entries: string[] = [];
  for (let i = 0; i < 100; i++) {
    entries = await page.getByTestId('stream-entry').allInnerTexts();
    if (entries.some((e) => pattern.test(e))) return entries;
    await page.waitForTimeout(100);
  }
  await page.screenshot({ path: '/tmp/stride-e2e-stream.png', fullPage: true }).catch(() => undefined);
  throw new Error(`No Stream entry matching ${pattern} in ${JSON.stringify(entries)}`);
}

const column = boardColumn;
const card = (page: Page, stage: string, name = DEAL) => boardCard(page, stage, name);
/** The board has its server state again (after a move it refetches; a card dragged before that carries a stale version). */
const boardSettled = (page: Page) => page.locator('[data-testid="board"][aria-busy="false"]').waitFor();

describe('opportunity workflows web UI', () => {
  it('drag across a stage, refused at the approval gate, approved by a director, dragged in, closed won, in win/loss', async () => {
    const [prospect] = pipeline.stages;
    const account = await owner.request<{ id: string }>('POST', '/accounts', { name: 'Město Kutná Hora' });
    expect(account.status).toBe(201);
    const created = await owner.request<Opportunity>('POST', '/opportunities', {
      name: DEAL,
      accountId: account.body.id,
      pipelineId: pipeline.id,
      stageId: prospect?.id,
      amount: '2500000',
      currency: 'CZK',
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    const assessed = await owner.request('PUT', `/opportunities/${id}/assessment`, {
      strategicFit: 4,
      expectedValue: '2500000',
      currency: 'CZK',
      risks: [{ description: 'Tender may be cancelled', likelihood: 2, impact: 4 }],
      recommendation: 'pursue',
    });
    expect(assessed.status).toBe(200);

    // 1. The owner drags the deal across an ordinary stage.
    const ownerPage = await signedInPage(browser, server.baseUrl, OWNER.email, OWNER.password);
    await ownerPage.goto(`/opportunities?pipeline=${pipeline.id}`);
    await card(ownerPage, 'Prospect').waitFor();
    await drag(ownerPage, card(ownerPage, 'Prospect'), column(ownerPage, 'Site survey'));
    await ownerPage.getByText(`"${DEAL}" moved to Site survey`).waitFor();
    await card(ownerPage, 'Site survey').waitFor();
    expect((await dealWhen(id, (o) => o.stage.name === 'Site survey')).stage.name).toBe('Site survey');
    await boardSettled(ownerPage);

    // 2. The gated stage refuses it: the card rolls back and the reason is shown.
    await drag(ownerPage, card(ownerPage, 'Site survey'), column(ownerPage, 'Binding offer'));
    await ownerPage.getByText(/The move was refused: .*requires management approval/).waitFor();
    await card(ownerPage, 'Site survey').waitFor();
    expect(await card(ownerPage, 'Binding offer').count()).toBe(0);
    expect(await textMatching(column(ownerPage, 'Binding offer').getByTestId('column-count'), /^0 deals$/i)).toMatch(/0/);
    expect((await owner.request<Opportunity>('GET', `/opportunities/${id}`)).body.stage.name).toBe('Site survey');

    // 3. The owner asks for approval on the deal.
    await ownerPage.goto(`/opportunities/${id}`);
    const ownerPanel = ownerPage.getByTestId('approval-panel');
    await textMatching(ownerPanel.getByTestId('approval-status'), /^Not requested$/i);
    await ownerPanel.getByTestId('approval-request').click();
    await textMatching(ownerPanel.getByTestId('approval-status'), /^Waiting for decision$/i);

    // 4. The director decides in another browser context.
    const directorPage = await signedInPage(browser, server.baseUrl, DIRECTOR.email, DIRECTOR.password);
    await directorPage.goto(`/opportunities/${id}`);
    const directorPanel = directorPage.getByTestId('approval-panel');
    await textMatching(directorPanel.getByTestId('approval-status'), /^Waiting for decision$/i);
    await directorPanel.getByTestId('approval-approve').click();
    await textMatching(directorPanel.getByTestId('approval-status'), /^Approved$/i);
    await directorPage.context().close();

    // 5. Now the owner drags the deal into the gated stage.
    await ownerPage.goto(`/opportunities?pipeline=${pipeline.id}`);
    await card(ownerPage, 'Site survey').waitFor();
    await drag(ownerPage, card(ownerPage, 'Site survey'), column(ownerPage, 'Binding offer'));
    await ownerPage.getByText(`"${DEAL}" moved to Binding offer`).waitFor();
    await card(ownerPage, 'Binding offer').waitFor();
    expect((await dealWhen(id, (o) => o.stage.name === 'Binding offer')).approvalStatus).toBe('approved');
    await boardSettled(ownerPage);

    // 6. Dropped on the won column, the close dialog asks for the outcome; closed as won.
    await drag(ownerPage, card(ownerPage, 'Binding offer'), column(ownerPage, 'Signed'));
    const dialog = ownerPage.getByRole('dialog', { name: `Close "${DEAL}"` });
    await dialog.waitFor();
    await dialog.getByRole('textbox', { name: 'Note' }).fill('Signed at the town hall.');
    await dialog.getByRole('button', { name: 'Close deal' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await card(ownerPage, 'Signed').waitFor();
    const won = await dealWhen(id, (o) => o.status === 'won');
    expect(won.stage.name).toBe('Signed');

    // 7. The win/loss view counts it among the won deals, with its amount.
    await ownerPage.getByRole('link', { name: 'Win/loss' }).click();
    await ownerPage.getByRole('heading', { name: 'Win/loss analysis', level: 2 }).waitFor();
    const table = ownerPage.getByTestId('win-loss-table');
    const wonRow = table.getByRole('row').filter({ hasText: /^Won/ });
    expect(await textMatching(wonRow, /^Won\s+1\s+0\s+CZK\s2,500,000\.00\s+CZK\s0\.00\s+100\.0 %/)).toBeTruthy();
    const totalRow = table.getByRole('row').filter({ hasText: /^Total/ });
    expect(await textMatching(totalRow, /^Total\s+1\s+0\s+CZK\s2,500,000\.00/)).toBeTruthy();

    // The whole way is in the deal's Stream.
    await ownerPage.goto(`/opportunities/${id}`);
    const entries = await streamWith(ownerPage, /closed the deal as won/);
    expect(entries.some((e) => /asked for management approval/.test(e))).toBe(true);
    expect(entries.some((e) => /Dana Director\s+approved/.test(e))).toBe(true);
    expect(entries.some((e) => /Prospect → Site survey/.test(e))).toBe(true);
    expect(entries.some((e) => /Site survey → Binding offer/.test(e))).toBe(true);
    expect(entries.some((e) => /closed the deal as won: Binding offer → Signed/.test(e))).toBe(true);
    await ownerPage.context().close();
  });

  it('saves the table’s columns and sort and the board’s filters as views, restores, updates and deletes them', async () => {
    // its own won deal, so this test also runs alone
    const name = 'Street lamps';
    const account = await owner.request<{ id: string }>('POST', '/accounts', { name: 'Město Kolín' });
    const deal = await owner.request<Opportunity>('POST', '/opportunities', {
      name,
      accountId: account.body.id,
      pipelineId: pipeline.id,
      amount: '80000',
      currency: 'CZK',
    });
    expect(deal.status).toBe(201);
    const closed = await owner.request(
      'POST',
      `/opportunities/${deal.body.id}/close`,
      { outcome: 'won' },
      {
        'If-Match': `"${deal.body.version}"`,
      },
    );
    expect(closed.status).toBe(200);

    const page = await signedInPage(browser, server.baseUrl, OWNER.email, OWNER.password);
    await page.goto(`/opportunities?pipeline=${pipeline.id}&view=table`);
    const grid = page.getByRole('table', { name: 'Opportunities' });
    await grid.getByRole('link', { name }).waitFor();
    const header = (name: string) => grid.getByRole('columnheader', { name, exact: true });

    // The table: add the forecast column, drop the account column, sort by name.
    await page.getByRole('button', { name: 'Columns' }).click();
    await page.getByRole('menuitem', { name: 'Forecast category' }).click();
    await page.getByRole('menuitem', { name: 'Account' }).click();
    await page.keyboard.press('Escape');
    await header('Forecast category').waitFor();
    await header('Account').waitFor({ state: 'detached' });
    await grid.getByRole('button', { name: 'Name' }).click();
    await grid.locator('th[aria-sort="ascending"]').filter({ hasText: 'Name' }).waitFor();

    const views = page.getByTestId('saved-views-button');
    const saveAs = async (name: string, shared: boolean) => {
      await views.click();
      await page.getByRole('menuitem', { name: 'Save current view…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Save current view' });
      await dialog.getByRole('textbox', { name: 'Name' }).fill(name);
      if (shared) await dialog.getByRole('switch', { name: 'Share with everyone' }).click();
      await dialog.getByRole('button', { name: 'Save' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await textMatching(views, new RegExp(`^Views: ${name}$`));
    };
    const apply = async (name: string) => {
      await views.click();
      await page.getByTestId('saved-views-menu').getByTestId('saved-view').filter({ hasText: name }).click();
      await textMatching(views, new RegExp(`^Views: ${name}$`));
    };
    await saveAs('Tenders by name', false);

    // The board with only stalled deals, shared with everyone.
    await page
      .locator('label')
      .filter({ hasText: /^Board$/ })
      .click();
    await card(page, 'Signed', name).waitFor();
    await page.getByRole('switch', { name: 'Stalled only' }).click();
    await card(page, 'Signed', name).waitFor({ state: 'detached' });
    await textMatching(column(page, 'Signed').getByTestId('column-count'), /^0 deals$/i);
    await saveAs('Stalled tenders', true);

    // Columns and sort changed back by hand, then the saved table view restores them.
    await page.goto(`/opportunities?pipeline=${pipeline.id}&view=table`);
    await grid.getByRole('link', { name }).waitFor();
    await page.getByRole('button', { name: 'Columns' }).click();
    await page.getByRole('menuitem', { name: 'Forecast category' }).click();
    await page.getByRole('menuitem', { name: 'Account' }).click();
    await page.keyboard.press('Escape');
    await header('Account').waitFor();
    expect(await header('Forecast category').count()).toBe(0);
    expect(await grid.locator('th[aria-sort="ascending"]').count()).toBe(0);
    await apply('Tenders by name');
    expect(new URL(page.url()).searchParams.get('view')).toBe('table');
    await header('Forecast category').waitFor();
    expect(await header('Account').count()).toBe(0);
    await grid.locator('th[aria-sort="ascending"]').filter({ hasText: 'Name' }).waitFor();
    expect(await page.getByRole('switch', { name: 'Stalled only' }).isChecked()).toBe(false);
    await grid.getByRole('link', { name }).waitFor();

    // The board view restores the board with its filter.
    await apply('Stalled tenders');
    await column(page, 'Signed').waitFor();
    expect(await page.getByRole('switch', { name: 'Stalled only' }).isChecked()).toBe(true);
    await textMatching(column(page, 'Signed').getByTestId('column-count'), /^0 deals$/i);

    // Update the view in use with the current settings: the stalled filter off.
    await page.getByRole('switch', { name: 'Stalled only' }).click();
    await card(page, 'Signed', name).waitFor();
    await views.click();
    await page.getByRole('menuitem', { name: 'Save current settings to “Stalled tenders”' }).click();
    await page.getByText('View “Stalled tenders” updated').waitFor();
    await apply('Tenders by name');
    await header('Forecast category').waitFor();
    await apply('Stalled tenders');
    await card(page, 'Signed', name).waitFor();
    expect(await page.getByRole('switch', { name: 'Stalled only' }).isChecked()).toBe(false);

    // The director sees the shared view (not the personal one).
    const ownViews = await owner.request<{ data: Array<{ name: string }> }>('GET', '/saved-views?resource=opportunities');
    expect(ownViews.body.data.map((v) => v.name).sort()).toEqual(['Stalled tenders', 'Tenders by name']);
    const director = await apiSignIn(server.baseUrl, DIRECTOR.email, DIRECTOR.password);
    const shared = await director.request<{ data: Array<{ name: string }> }>('GET', '/saved-views?resource=opportunities');
    expect(shared.body.data.map((v) => v.name)).toEqual(['Stalled tenders']);

    // Delete the personal view.
    await views.click();
    await page.getByLabel('Delete Tenders by name').click();
    await page.getByRole('dialog', { name: 'Delete' }).getByRole('button', { name: 'Delete' }).click();
    await page.getByText('View deleted').waitFor();
    await views.click();
    await page.getByTestId('saved-views-menu').getByTestId('saved-view').filter({ hasText: 'Stalled tenders' }).waitFor();
    expect(
      await page.getByTestId('saved-views-menu').getByTestId('saved-view').filter({ hasText: 'Tenders by name' }).count(),
    ).toBe(0);
    await page.context().close();
  });
});
