import { opportunityCreateInput } from '../../../domain/opportunities/opportunity.schema.js';
import { DEFAULT_PIPELINE_ID } from '../../../domain/pipelines/pipeline.schema.js';
import type { Actor } from '../../access/actor.js';
import type { Db } from '../../platform/db.js';
import { saveExchangeRate, today } from '../exchange-rates/exchange-rates.service.js';
import { getPipeline } from '../pipelines/pipelines.service.js';
import { createOpportunity } from './opportunities.service.js';
import { closeOpportunity } from './opportunity-close.service.js';

const DEALS = [
  'AutoERP rollout',
  'Service contract',
  'Warehouse scanners',
  'CRM licences',
  'Support renewal',
  'Pilot project',
  'Training package',
  'Integration ODOO',
];
const LOST = ['price', 'competition', 'timing', 'fit', 'no_decision'] as const;

/**
 * Demo deals for the default pipeline: spread over every stage, CZK and EUR, a few won and lost, plus EUR/USD
 * rates so the board's base-currency totals have something to convert with. Each deal belongs to its account's
 * owner (who may see the account).
 */
export async function seedDemoOpportunities(
  db: Db,
  opts: {
    admin: Actor;
    accounts: Array<{ id: string; owner: Actor }>;
    count?: number;
    random: { int(min: number, max: number): number };
  },
) {
  const day = today();
  const monthAgo = new Date(Date.parse(`${day}T00:00:00Z`) - 30 * 86_400_000).toISOString().slice(0, 10);
  for (const [date, eur, usd] of [
    [monthAgo, '24.285', '22.105'],
    [day, '24.325', '21.874'],
  ] as const) {
    await saveExchangeRate(db, opts.admin, { currency: 'EUR', date, rate: eur });
    await saveExchangeRate(db, opts.admin, { currency: 'USD', date, rate: usd });
  }
  const pipeline = await getPipeline(db, opts.admin, DEFAULT_PIPELINE_ID);
  const open = pipeline.stages.filter((s) => s.kind === 'open');
  const count = Math.min(opts.count ?? 40, opts.accounts.length * 4);
  for (let i = 0; i < count; i++) {
    const account = opts.accounts[i % opts.accounts.length] as { id: string; owner: Actor };
    const stage = open[i % open.length] as (typeof open)[number];
    const currency = i % 4 === 1 ? 'EUR' : 'CZK';
    const amount = currency === 'EUR' ? `${opts.random.int(2, 90) * 500}.00` : `${opts.random.int(5, 400) * 2500}.00`;
    const close = new Date(Date.parse(`${day}T00:00:00Z`) + opts.random.int(5, 120) * 86_400_000).toISOString().slice(0, 10);
    const deal = await createOpportunity(
      db,
      account.owner,
      opportunityCreateInput.parse({
        name: DEALS[i % DEALS.length],
        accountId: account.id,
        stageId: stage.id,
        amount,
        currency,
        expectedCloseDate: close,
        forecastCategory: i % 5 === 0 ? 'commit' : 'pipeline',
        source: 'referral',
      }),
    );
    if (i % 9 === 7)
      await closeOpportunity(db, account.owner, deal.id, { outcome: 'won', note: 'Contract signed.' }, deal.version);
    if (i % 9 === 8)
      await closeOpportunity(
        db,
        account.owner,
        deal.id,
        { outcome: 'lost', reason: LOST[i % LOST.length], note: null },
        deal.version,
      );
  }
  return count;
}
