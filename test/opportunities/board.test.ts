import { afterEach, describe, expect, it } from 'vitest';
import { convertAmount, sumAmounts } from '../../src/domain/money/money.js';
import { advanceClockForTests, resetClockForTests } from '../../src/server/platform/clock.js';
import { errorOf, fieldsOf, useTestApp } from '../helpers/app.js';
import { buildWorld, type World } from '../helpers/world.js';
import { CNB_FRIDAY, CNB_THURSDAY, newAccount, newOpportunity, STAGES } from './helpers.js';

let world: World;
let pipelineId: string;
const SATURDAY = '2026-11-28';

const stages = [
  { name: 'Lead', probability: 10 },
  { name: 'Offer', probability: 50 },
  { name: 'Won', probability: 100, kind: 'won' },
  { name: 'Lost', probability: 0, kind: 'lost' },
];

const t = useTestApp(async (app) => {
  world = await buildWorld(app);
  const admin = await world.as('admin');
  pipelineId = (await admin.post('/api/v1/pipelines', { name: 'Board test', stages })).body.id;
});

type Column = {
  stage: { name: string };
  count: number;
  sum: string;
  weightedSum: string;
  cards: Array<{ id: string; amountBase: string | null }>;
  nextCursor: string | null;
};
const columnNamed = (board: { columns: Column[] }, name: string) => board.columns.find((c) => c.stage.name === name) as Column;

describe('exchange rates', () => {
  it('imports a ČNB daily file (rate = kurz / množství), admin only, all or nothing', async () => {
    const am = await world.as('amA');
    expect(
      (await am.post('/api/v1/exchange-rates/import', CNB_FRIDAY, { headers: { 'content-type': 'text/plain' } })).status,
    ).toBe(403);
    const admin = await world.as('admin');
    const bad = await admin.post('/api/v1/exchange-rates/import', {
      text: '27.11.2026 #230\nzemě|měna|množství|kód|kurz\nEMU|euro|1|EUR|24,325\nUSA|dolar|1|USD|abc\n',
    });
    expect(bad.status).toBe(400);
    expect(errorOf(bad).details[0]).toMatchObject({ field: 'file', line: 4 });
    expect((await admin.get('/api/v1/exchange-rates?currency=EUR')).body.data).toHaveLength(0);

    const res = await admin.request('POST', '/api/v1/exchange-rates/import', undefined, {
      payload: CNB_FRIDAY,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({
      format: 'cnb_daily',
      date: '2026-11-27',
      from: '2026-11-27',
      to: '2026-11-27',
      days: 1,
      imported: 3,
      currencies: ['EUR', 'JPY', 'USD'],
    });
    expect((await admin.post('/api/v1/exchange-rates/import', { text: CNB_THURSDAY })).body.imported).toBe(2);

    const jpy = (await am.get('/api/v1/exchange-rates?currency=JPY')).body.data;
    expect(jpy).toMatchObject([{ currency: 'JPY', date: '2026-11-27', rate: '0.13512', baseCurrency: 'CZK', source: 'cnb' }]);
    // a weekend day uses Friday's rate; Thursday its own
    expect((await am.get(`/api/v1/exchange-rates/effective?currency=EUR&date=${SATURDAY}`)).body).toEqual({
      currency: 'EUR',
      baseCurrency: 'CZK',
      date: SATURDAY,
      rate: '24.325',
      rateDate: '2026-11-27',
    });
    expect((await am.get('/api/v1/exchange-rates/effective?currency=EUR&date=2026-11-26')).body.rate).toBe('24.41');
    expect((await am.get('/api/v1/exchange-rates/effective?currency=EUR&date=2026-11-01')).status).toBe(404);
  });

  it('lets admins enter and replace a rate; refuses bad input naming the field', async () => {
    const admin = await world.as('admin');
    const created = await admin.post('/api/v1/exchange-rates', { currency: 'gbp', date: '2026-11-27', rate: '28,91' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ currency: 'GBP', rate: '28.91', source: 'manual' });
    const replaced = await admin.post('/api/v1/exchange-rates', { currency: 'GBP', date: '2026-11-27', rate: 28.95 });
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({ id: created.body.id, rate: '28.95' });
    for (const [body, field] of [
      [{ currency: 'GBP', date: '2026-11-31', rate: '1' }, 'date'],
      [{ currency: 'GBP', date: '2026-11-27', rate: '-1' }, 'rate'],
      [{ currency: 'CZK', date: '2026-11-27', rate: '1' }, 'currency'],
    ] as const) {
      const res = await admin.post('/api/v1/exchange-rates', body);
      expect(res.status).toBe(400);
      expect(fieldsOf(res)).toContain(field);
    }
    expect(
      (await (await world.as('director')).post('/api/v1/exchange-rates', { currency: 'GBP', date: '2026-11-26', rate: '1' }))
        .status,
    ).toBe(403);
    expect((await admin.delete(`/api/v1/exchange-rates/${created.body.id}`)).status).toBe(204);
  });
});

describe('decimal money', () => {
  it('sums and converts exactly, rounding half up to the cent per deal', () => {
    expect(sumAmounts(['0.10', '0.20'])).toBe('0.30');
    // 33.33 × 24.325 = 810.75225 → 810.75 per deal; three deals 2432.25 (not 2432.26 as 99.99 × 24.325 would round)
    expect(convertAmount('33.33', '24.325')).toBe('810.75');
    expect(sumAmounts([1, 2, 3].map(() => convertAmount('33.33', '24.325')))).toBe('2432.25');
    expect(convertAmount('0.02', '24.325')).toBe('0.49'); // 0.4865 → 0.49
    expect(convertAmount('999999999999.99', '1')).toBe('999999999999.99');
  });
});

describe('the board', () => {
  it('totals per stage in CZK at the valuation day’s ČNB rate (weekend → Friday), exact decimals', async () => {
    const am = await world.as('amA');
    const account = await newAccount(am, 'Strojírny Brno a.s.');
    for (let i = 0; i < 3; i++) await newOpportunity(am, { pipelineId, accountId: account.id, amount: '33.33', currency: 'EUR' });
    await newOpportunity(am, { pipelineId, accountId: account.id, amount: '0.10', currency: 'CZK' });
    await newOpportunity(am, { pipelineId, accountId: account.id, amount: '0.20', currency: 'CZK' });
    const offer = (await am.get(`/api/v1/pipelines/${pipelineId}`)).body.stages[1].id;
    await newOpportunity(am, {
      pipelineId,
      accountId: account.id,
      stageId: offer,
      amount: '1000',
      currency: 'USD',
      probability: 33,
    });
    await newOpportunity(am, { pipelineId, accountId: account.id, stageId: offer, amount: '100000', currency: 'JPY' });

    const res = await am.get(`/api/v1/pipelines/${pipelineId}/board?asOf=${SATURDAY}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      pipeline: { id: pipelineId, name: 'Board test' },
      baseCurrency: 'CZK',
      asOf: SATURDAY,
      missingRates: [],
    });
    expect(res.body.columns.map((c: Column) => c.stage.name)).toEqual(['Lead', 'Offer', 'Won', 'Lost']);
    const lead = columnNamed(res.body, 'Lead');
    // 3 × 810.75 + 0.10 + 0.20; weighted 10 %: 3 × 81.08 (81.075 → 81.08) + 0.01 + 0.02
    expect(lead).toMatchObject({ count: 5, sum: '2432.55', weightedSum: '243.27' });
    const eurCard = lead.cards.find((c) => c.amountBase === '810.75');
    expect(eurCard).toMatchObject({
      amount: '33.33',
      currency: 'EUR',
      account: { id: account.id, name: 'Strojírny Brno a.s.' },
      probability: 10,
      daysInStage: 0,
      owner: { id: world.users.amA.id },
    });
    // USD 1000 × 21.874 = 21874.00 at 33 % = 7218.42; JPY 100000 × 0.13512 = 13512.00 at 50 % = 6756.00
    expect(columnNamed(res.body, 'Offer')).toMatchObject({ count: 2, sum: '35386.00', weightedSum: '13974.42' });
    expect(columnNamed(res.body, 'Won')).toMatchObject({ count: 0, sum: '0.00', weightedSum: '0.00', cards: [] });

    // Thursday's rates apply on Thursday
    const thursday = (await am.get(`/api/v1/pipelines/${pipelineId}/board?asOf=2026-11-26`)).body;
    expect(columnNamed(thursday, 'Lead').sum).toBe(sumAmounts([...[1, 2, 3].map(() => convertAmount('33.33', '24.41')), '0.30']));
    // before any rate: counted but not summed, and said so
    const early = (await am.get(`/api/v1/pipelines/${pipelineId}/board?asOf=2026-01-01`)).body;
    expect(early.missingRates).toEqual(['EUR', 'JPY', 'USD']);
    expect(columnNamed(early, 'Lead')).toMatchObject({ count: 5, sum: '0.30' });
  });

  it('never counts a deal the user may not see: totals and cards follow the access scope', async () => {
    const amB = await world.as('amB');
    const accountB = await newAccount(amB, 'Maschinenbau GmbH');
    const hidden = await newOpportunity(amB, { pipelineId, accountId: accountB.id, amount: '5000.00', currency: 'CZK' });
    const leadColumn = async (who: keyof World['users']) => {
      const board = (await (await world.as(who)).get(`/api/v1/pipelines/${pipelineId}/board?asOf=${SATURDAY}`)).body;
      return columnNamed(board, 'Lead');
    };
    const a = await leadColumn('amA2'); // team A: sees amA's deals only
    expect(a).toMatchObject({ count: 5, sum: '2432.55' });
    expect(a.cards.some((c) => c.id === hidden.id)).toBe(false);
    const b = await leadColumn('leadB');
    expect(b).toMatchObject({ count: 1, sum: '5000.00' });
    expect(b.cards.map((c) => c.id)).toEqual([hidden.id]);
    expect(await leadColumn('director')).toMatchObject({ count: 6, sum: '7432.55' });
    expect(await leadColumn('marketing')).toMatchObject({ count: 6, sum: '7432.55' });
    // filters narrow within the scope
    const byTeam = (
      await (await world.as('director')).get(`/api/v1/pipelines/${pipelineId}/board?asOf=${SATURDAY}&teamId=${world.teamB}`)
    ).body;
    expect(columnNamed(byTeam, 'Lead')).toMatchObject({ count: 1, sum: '5000.00' });
    const byOwner = (
      await (
        await world.as('director')
      ).get(`/api/v1/pipelines/${pipelineId}/board?asOf=${SATURDAY}&ownerId=${world.users.amA.id}&q=strojirny`)
    ).body;
    expect(columnNamed(byOwner, 'Lead').count).toBe(5);
    // the list and the count agree with the board
    expect((await (await world.as('amA2')).get(`/api/v1/opportunities/count?pipelineId=${pipelineId}`)).body.count).toBe(7);
    expect((await (await world.as('amB')).get(`/api/v1/opportunities/count?pipelineId=${pipelineId}`)).body.count).toBe(1);
  });

  it('pages a column lazily with a cursor; closed deals sit in won/lost columns valued at their close day', async () => {
    const am = await world.as('amA');
    const first = await am.get(`/api/v1/pipelines/${pipelineId}/board?asOf=${SATURDAY}&limit=2&ownerId=${world.users.amA.id}`);
    const lead = columnNamed(first.body, 'Lead');
    expect(lead.cards).toHaveLength(2);
    expect(lead.nextCursor).not.toBeNull();
    const seen = lead.cards.map((c) => c.id);
    let cursor = lead.nextCursor;
    const stageId = (first.body.columns[0] as { stage: { id: string } }).stage.id;
    while (cursor) {
      const next = await am.get(
        `/api/v1/pipelines/${pipelineId}/board/columns/${stageId}?asOf=${SATURDAY}&limit=2&ownerId=${world.users.amA.id}&cursor=${encodeURIComponent(cursor)}`,
      );
      expect(next.status).toBe(200);
      expect(next.body).toMatchObject({ count: 5, sum: '2432.55' });
      seen.push(...next.body.cards.map((c: { id: string }) => c.id));
      cursor = next.body.nextCursor;
    }
    expect(new Set(seen).size).toBe(5);
    expect((await am.get(`/api/v1/pipelines/${pipelineId}/board/columns/${STAGES.quote}`)).status).toBe(400);

    // a closed deal is valued at its close day's rate, whatever day the board values open deals at
    const today = new Date().toISOString().slice(0, 10);
    expect(
      (await (await world.as('admin')).post('/api/v1/exchange-rates', { currency: 'EUR', date: today, rate: '25.001' })).status,
    ).toBe(201);
    const deal = await newOpportunity(am, { pipelineId, amount: '10.00', currency: 'EUR' });
    expect((await am.post(`/api/v1/opportunities/${deal.id}/close`, { outcome: 'won' })).status).toBe(200);
    const board = (await am.get(`/api/v1/pipelines/${pipelineId}/board?asOf=${SATURDAY}`)).body;
    expect(columnNamed(board, 'Won')).toMatchObject({ count: 1, sum: '250.01', weightedSum: '250.01' });
    expect(columnNamed(board, 'Lead').sum).toBe('2432.55');
  });
});

describe('the board with the stalled filter', () => {
  afterEach(() => resetClockForTests());

  it('shows only stalled (or only moving) deals: cards, column totals and the lazy column agree with the list', async () => {
    // bearer clients: sessions would expire while the clock moves
    const admin = await t.current.bearerClient(world.users.admin);
    const am = await t.current.bearerClient(world.users.amA);
    const amB = await t.current.bearerClient(world.users.amB);
    const director = await t.current.bearerClient(world.users.director);
    const pipeline = (await admin.post('/api/v1/pipelines', { name: 'Stall board', stages })).body;
    const [leadStage, offerStage] = pipeline.stages as Array<{ id: string }>;
    const rules = (await admin.get('/api/v1/stalled-deal-rules')).body;
    const put = await admin.request('PUT', '/api/v1/stalled-deal-rules', {
      default: rules.default,
      pipelines: { [pipeline.id]: { noActivityDays: 10, maxDaysInStage: null, escalateAfterDays: null } },
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);

    const deal = (fields: Record<string, unknown>) => newOpportunity(am, { pipelineId: pipeline.id, currency: 'CZK', ...fields });
    const quiet = await deal({ name: 'Quiet lead', amount: '1000.00' });
    const busy = await deal({ name: 'Busy lead', amount: '2000.00' });
    const quietOffer = await deal({ name: 'Quiet offer', stageId: offerStage?.id, amount: '3000.00' });
    const won = await deal({ name: 'Won deal', amount: '4000.00' });
    expect((await am.post(`/api/v1/opportunities/${won.id}/close`, { outcome: 'won' })).status).toBe(200);
    const hidden = await newOpportunity(amB, {
      pipelineId: pipeline.id,
      name: 'Team B quiet',
      amount: '500.00',
      currency: 'CZK',
    });

    // nothing is stalled yet
    const before = (await am.get(`/api/v1/pipelines/${pipeline.id}/board?stalled=true`)).body;
    expect(before.columns.map((c: Column) => c.count)).toEqual([0, 0, 0, 0]);

    advanceClockForTests(11 * 86_400_000);
    expect((await am.post(`/api/v1/opportunities/${busy.id}/stream`, { type: 'note', body: 'Called the buyer' })).status).toBe(
      201,
    );

    const stalled = await am.get(`/api/v1/pipelines/${pipeline.id}/board?stalled=true`);
    expect(stalled.status, JSON.stringify(stalled.body)).toBe(200);
    expect(columnNamed(stalled.body, 'Lead')).toMatchObject({
      count: 1,
      sum: '1000.00',
      weightedSum: '100.00',
      cards: [{ id: quiet.id, stalled: true, stalledReason: 'no_activity' }],
    });
    expect(columnNamed(stalled.body, 'Offer')).toMatchObject({
      count: 1,
      sum: '3000.00',
      weightedSum: '1500.00',
      cards: [{ id: quietOffer.id, stalled: true }],
    });
    // closed deals are never stalled
    expect(columnNamed(stalled.body, 'Won')).toMatchObject({ count: 0, sum: '0.00', cards: [] });

    const moving = (await am.get(`/api/v1/pipelines/${pipeline.id}/board?stalled=false`)).body;
    expect(columnNamed(moving, 'Lead')).toMatchObject({ count: 1, sum: '2000.00', cards: [{ id: busy.id, stalled: false }] });
    expect(columnNamed(moving, 'Offer')).toMatchObject({ count: 0, cards: [] });
    expect(columnNamed(moving, 'Won')).toMatchObject({ count: 1, sum: '4000.00', cards: [{ id: won.id }] });

    // the lazily loaded column follows the same filter
    const column = await am.get(`/api/v1/pipelines/${pipeline.id}/board/columns/${leadStage?.id}?stalled=true`);
    expect(column.status).toBe(200);
    expect(column.body).toMatchObject({ count: 1, sum: '1000.00' });
    expect(column.body.cards.map((c: { id: string }) => c.id)).toEqual([quiet.id]);

    // the filter narrows within the access scope: the director also sees team B's stalled deal, amA never does
    const all = (await director.get(`/api/v1/pipelines/${pipeline.id}/board?stalled=true`)).body;
    expect(columnNamed(all, 'Lead')).toMatchObject({ count: 2, sum: '1500.00' });
    expect(
      columnNamed(all, 'Lead')
        .cards.map((c) => c.id)
        .sort(),
    ).toEqual([quiet.id, hidden.id].sort());

    // the table's list agrees with the board
    const list = (await am.get(`/api/v1/opportunities?pipelineId=${pipeline.id}&stalled=true`)).body.data;
    expect(list.map((o: { id: string }) => o.id).sort()).toEqual([quiet.id, quietOffer.id].sort());

    const bad = await am.get(`/api/v1/pipelines/${pipeline.id}/board?stalled=yes`);
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad)).toEqual(['querystring.stalled']);
  });
});
