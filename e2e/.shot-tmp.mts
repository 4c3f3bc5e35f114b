import { chromium } from 'playwright-core';
const base = 'http://127.0.0.1:3400';
const login = async (email: string) => {
  const res = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: 'stride-demo-2026' }) });
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  return async (method: string, path: string, body?: unknown) => {
    const r = await fetch(`${base}/api/v1${path}`, { method, headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' }, body: body ? JSON.stringify(body) : undefined });
    const t = await r.text();
    if (!r.ok) console.log(method, path, r.status, t);
    return t ? JSON.parse(t) : null;
  };
};
const seed = process.argv[2] === 'seed';
const api = await login('barbora@demo.stride.local');
if (seed) {
  const lead = await api('POST', '/leads', { firstName: 'Jana', lastName: 'Dvořáková', company: 'Dvořák Logistika s.r.o.', email: 'jana@dvorak-log.cz', source: 'web_form' });
  const d = (h: number, m = 0, dayOff = 0) => { const x = new Date(); x.setDate(x.getDate() + dayOff); x.setHours(h, m, 0, 0); return x.toISOString(); };
  await api('POST', '/activities', { type: 'meeting', subject: 'AutoERP – requirements discovery and system presentation', startsAt: d(10), endsAt: d(11), videoUrl: 'https://meet.example.com/autoerp', relatedTo: { type: 'lead', id: lead.id } });
  await api('POST', '/activities', { type: 'call', subject: 'Follow-up call with Pivovar', startsAt: d(14, 30), endsAt: d(14, 45) });
  await api('POST', '/activities', { type: 'task', subject: 'Send quote to AVH (racking systems)', dueAt: d(12, 0, -2) });
  await api('POST', '/activities', { type: 'task', subject: 'Prepare contract redlines', dueAt: d(17) });
  await api('POST', '/activities', { type: 'meeting', subject: 'Brain Market intro', startsAt: d(9, 0, 1), endsAt: d(10, 0, 1), location: 'Praha, Karlín' });
}
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
const ctx = await browser.newContext({ baseURL: base, locale: process.argv[3] ?? 'en-US', viewport: { width: 1400, height: 1000 } });
const page = await ctx.newPage();
page.on('pageerror', (e) => console.log('PAGEERROR', e.message));
page.on('console', (m) => { if (m.type() === 'error') console.log('CONSOLE', m.text()); });
await page.goto('/login');
await page.getByRole('textbox').first().fill('barbora@demo.stride.local');
await page.locator('input[type=password]').fill('stride-demo-2026');
await page.locator('button[type=submit]').click();
await page.waitForURL(/my-day/);
await page.waitForTimeout(1500);
await page.screenshot({ path: '/tmp/actshots/myday.png', fullPage: true });
await page.goto('/calendar');
await page.waitForTimeout(2000);
await page.screenshot({ path: '/tmp/actshots/calendar.png', fullPage: true });
await browser.close();
