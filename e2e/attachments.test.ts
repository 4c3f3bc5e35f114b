import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { apiSignIn } from './api.js';
import { launchBrowser, signedInPage } from './browser.js';
import { ADMIN, startServer, type TestServer } from './server.js';

let server: TestServer;
let browser: Browser;
beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

it('uploads a file to an account by dropping it on the attachments panel', async () => {
  const api = await apiSignIn(server.baseUrl, ADMIN.email, ADMIN.password);
  const account = await api.request<{ id: string }>('POST', '/accounts', { name: 'Upload Smoke s.r.o.' });
  const page = await signedInPage(browser, server.baseUrl, ADMIN.email, ADMIN.password);
  await page.goto(`${server.baseUrl}/accounts/${account.body.id}`);
  await page
    .locator('input[type=file]')
    .first()
    .setInputFiles({
      name: 'offer.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF'),
    });
  let names: string[] = [];
  for (let i = 0; i < 100 && names.length === 0; i++) {
    await page.waitForTimeout(100);
    const list = await api.request<{ data: Array<{ fileName: string }> }>(
      'GET',
      `/attachments?relatedType=account&relatedId=${account.body.id}`,
    );
    names = list.body.data.map((a) => a.fileName);
  }
  expect(names).toEqual(['offer.pdf']);
}, 120_000);
