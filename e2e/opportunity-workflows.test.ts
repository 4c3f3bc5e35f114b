import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiSession, apiSignIn } from './api.js';
import { launchBrowser, signedInPage } from './browser.js';
import { ADMIN, startServer, type TestServer } from './server.js';

/** Seed 004: the owner asks for approval in the UI, a director approves in another browser, the deal enters the gated stage. */
const OWNER = { email: 'owner@e2e.stride.local', password: 'owner-password-2026', name: 'Olga Owner' };
const DIRECTOR = { email: 'director@e2e.stride.local', password: 'director-password-2026', name: 'Dana Director' };

type Pipeline = { id: string; stages: Array<{ id: string; name: string }> };
type Opportunity = { id: string; version: number; stage: { name: string }; approvalStatus: string };

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

/** Polls until the locator's text matches (the UI updates after a request); fails with the last text seen. */
async function textMatching(locator: Locator, pattern: RegExp): Promise<string> {
  let last = '';
  for (let i = 0; i < 100; i++) {
    if (await locator.isVisible()) {
      // biome-ignore lint/performance/useDomNodeTextContent: assertions read the text as the user sees it
      last = (await locator.innerText()).trim();
      if (pattern.test(last)) return last;
    }
    await locator.page().waitForTimeout(100);
  }
  throw new Error(`Expected text matching ${pattern}, last seen: "${last}"`);
}

const column = (page: Page, stage: string) => page.getByRole('region', { name: stage, exact: true });

/** Drags with real pointer events (dnd-kit starts a drag after a few pixels of movement). */
async function drag(page: Page, from: Locator, to: Locator) {
  const a = await from.boundingBox();
  const b = await to.boundingBox();
  if (!a || !b) throw new Error('drag source or target is not visible');
  await page.mouse.move(a.x + a.width / 2, a.y + a.height - 12);
  await page.mouse.down();
  await page.mouse.move(a.x + a.width / 2 + 20, a.y + a.height - 12, { steps: 5 });
  await page.mouse.move(b.x + b.width / 2, b.y + 160, { steps: 15 });
  await page.mouse.up();
}

describe('opportunity workflows web UI', () => {
  it('owner asks for approval, a director approves, then the deal can be dragged into the gated stage', async () => {
    const [prospect, gated] = pipeline.stages;
    const account = await owner.request<{ id: string }>('POST', '/accounts', { name: 'Město Kutná Hora' });
    expect(account.status).toBe(201);
    const deal = await owner.request<Opportunity>('POST', '/opportunities', {
      name: 'City lighting tender',
      accountId: account.body.id,
      pipelineId: pipeline.id,
      stageId: prospect?.id,
      amount: '2500000',
      currency: 'CZK',
    });
    expect(deal.status).toBe(201);
    const id = deal.body.id;
    const assessed = await owner.request('PUT', `/opportunities/${id}/assessment`, {
      strategicFit: 4,
      expectedValue: '2500000',
      currency: 'CZK',
      risks: [{ description: 'Tender may be cancelled', likelihood: 2, impact: 4 }],
      recommendation: 'pursue',
    });
    expect(assessed.status).toBe(200);
    // The gate holds before any decision.
    const current = await owner.request<Opportunity>('GET', `/opportunities/${id}`);
    const refused = await owner.request(
      'PATCH',
      `/opportunities/${id}`,
      { stageId: gated?.id },
      { 'If-Match': `"${current.body.version}"` },
    );
    expect(refused.status).toBe(422);

    // The owner asks in the UI.
    const ownerPage = await signedInPage(browser, server.baseUrl, OWNER.email, OWNER.password);
    await ownerPage.goto(`/opportunities/${id}`);
    const ownerPanel = ownerPage.getByTestId('approval-panel');
    await textMatching(ownerPanel.getByTestId('approval-status'), /^Not requested$/i);
    await ownerPanel.getByTestId('approval-request').click();
    await textMatching(ownerPanel.getByTestId('approval-status'), /^Waiting for decision$/i);

    // The director decides in another browser context.
    const directorPage = await signedInPage(browser, server.baseUrl, DIRECTOR.email, DIRECTOR.password);
    await directorPage.goto(`/opportunities/${id}`);
    const directorPanel = directorPage.getByTestId('approval-panel');
    await textMatching(directorPanel.getByTestId('approval-status'), /^Waiting for decision$/i);
    await directorPanel.getByTestId('approval-approve').click();
    await textMatching(directorPanel.getByTestId('approval-status'), /^Approved$/i);
    await directorPage.context().close();

    // The owner drags the deal into the gated stage on the board.
    await ownerPage.goto(`/opportunities?pipeline=${pipeline.id}`);
    const card = column(ownerPage, 'Prospect').getByTestId('board-card').filter({ hasText: 'City lighting tender' });
    await card.waitFor();
    await drag(ownerPage, card, column(ownerPage, 'Binding offer'));
    await column(ownerPage, 'Binding offer').getByTestId('board-card').filter({ hasText: 'City lighting tender' }).waitFor();
    let stage = '';
    for (let i = 0; i < 50 && stage !== 'Binding offer'; i++) {
      stage = (await owner.request<Opportunity>('GET', `/opportunities/${id}`)).body.stage.name;
      if (stage !== 'Binding offer') await ownerPage.waitForTimeout(100);
    }
    expect(stage).toBe('Binding offer');

    // The decision and the move are in the deal's Stream.
    await ownerPage.goto(`/opportunities/${id}`);
    await ownerPage.getByTestId('stream-entry').filter({ hasText: 'asked for management approval' }).first().waitFor();
    const entries = await ownerPage.getByTestId('stream-entry').allInnerTexts();
    expect(entries.some((e) => /Dana Director\s+approved/.test(e))).toBe(true);
    expect(entries.some((e) => /Prospect → Binding offer/.test(e))).toBe(true);
    await ownerPage.context().close();
  });
});
