import { Decimal } from 'decimal.js';
import { sql } from 'kysely';
import type { WinLossBucket, WinLossQuery, WinLossReport } from '../../../domain/opportunities/win-loss.schema.js';
import type { Actor } from '../../access/actor.js';
import type { Db } from '../../platform/db.js';
import { baseCurrency } from '../exchange-rates/exchange-rates.repo.js';
import { today } from '../exchange-rates/exchange-rates.service.js';
import { opportunityConditions } from './opportunities.repo.js';

type Row = {
  total: number;
  key: string | null;
  label: string | null;
  won: number;
  lost: number;
  wonAmount: string | null;
  lostAmount: string | null;
  avgCycleDays: string | null;
  missing: string[] | null;
};

const KEY = {
  reason: sql`CASE WHEN d.status = 'won' THEN 'won' ELSE coalesce(d.lost_reason, 'other') END`,
  stage: sql`d.reached_stage_id::text`,
  owner: sql`d.owner_id::text`,
  source: sql`d.source`,
  month: sql`to_char(d.closed_at AT TIME ZONE 'UTC', 'YYYY-MM')`,
};

const LABEL = {
  reason: sql`max(CASE WHEN d.status = 'won' THEN 'won' ELSE coalesce(d.lost_reason, 'other') END)`,
  stage: sql`max(rs.name)`,
  owner: sql`max(u.name)`,
  source: sql`coalesce(max(d.source), 'none')`,
  month: sql`max(to_char(d.closed_at AT TIME ZONE 'UTC', 'YYYY-MM'))`,
};

function yearAgo(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() - 1);
  return d.toISOString().slice(0, 10);
}

function bucket(r: Row): WinLossBucket {
  const closed = r.won + r.lost;
  return {
    key: r.key,
    label: r.label ?? r.key ?? 'none',
    won: r.won,
    lost: r.lost,
    wonAmount: new Decimal(r.wonAmount ?? 0).toFixed(2),
    lostAmount: new Decimal(r.lostAmount ?? 0).toFixed(2),
    winRate: closed ? new Decimal(r.won).div(closed).toDecimalPlaces(4).toNumber() : null,
    avgCycleDays: r.avgCycleDays === null ? null : new Decimal(r.avgCycleDays).toDecimalPlaces(1).toNumber(),
  };
}

/**
 * Won/lost analysis over the deals closed in [from, to] that the actor may see (the same read scope as every
 * list): counts, base-currency amounts (each deal at the rate of its close day, rounded to the cent, then summed;
 * numeric end to end), win rate and average days from creation to close, grouped by lost reason, stage reached
 * (the last open stage before closing), owner, source or month. One grouping-sets query gives groups and totals.
 */
export async function winLoss(db: Db, actor: Actor, q: WinLossQuery): Promise<WinLossReport> {
  const to = q.to ?? today();
  const from = q.from ?? yearAgo(to);
  const base = await baseCurrency(db);
  const where = sql.join(
    [
      ...opportunityConditions(actor, { pipelineId: q.pipelineId, ownerId: q.ownerId }),
      sql`o.status IN ('won', 'lost')`,
      sql`o.closed_at >= ${from}::date`,
      sql`o.closed_at < ${to}::date + 1`,
    ],
    sql` AND `,
  );
  const key = KEY[q.groupBy];
  const result = await sql<Row>`
    WITH d AS (
      SELECT o.id, o.status, o.lost_reason, o.owner_id, o.source, o.closed_at, o.created_at, o.currency, o.amount,
             (o.closed_at AT TIME ZONE 'UTC')::date AS vday,
             ${
               q.groupBy === 'stage'
                 ? sql`(SELECT h.stage_id FROM opportunity_stage_history h JOIN pipeline_stages hs ON hs.id = h.stage_id
                        WHERE h.opportunity_id = o.id AND hs.kind = 'open' ORDER BY h.entered_at DESC, h.id DESC LIMIT 1)`
                 : sql`NULL::uuid`
             } AS reached_stage_id
      FROM opportunities o WHERE ${where}
    ), fx AS (
      SELECT x.currency, x.vday,
             (SELECT r.rate FROM exchange_rates r WHERE r.currency = x.currency AND r.date <= x.vday ORDER BY r.date DESC LIMIT 1) AS rate
      FROM (SELECT DISTINCT currency, vday FROM d WHERE currency <> ${base}) x
    ), c AS (
      SELECT d.*, CASE WHEN d.currency = ${base} THEN d.amount ELSE round(d.amount * fx.rate, 2) END AS ab
      FROM d LEFT JOIN fx ON fx.currency = d.currency AND fx.vday = d.vday
    )
    SELECT grouping(${key}) AS total, ${key} AS key, ${LABEL[q.groupBy]} AS label,
           count(*) FILTER (WHERE d.status = 'won')::int AS won,
           count(*) FILTER (WHERE d.status = 'lost')::int AS lost,
           sum(d.ab) FILTER (WHERE d.status = 'won') AS won_amount,
           sum(d.ab) FILTER (WHERE d.status = 'lost') AS lost_amount,
           avg(extract(epoch FROM d.closed_at - d.created_at) / 86400) AS avg_cycle_days,
           array_agg(DISTINCT d.currency) FILTER (WHERE d.ab IS NULL) AS missing
    FROM c d
      LEFT JOIN pipeline_stages rs ON rs.id = d.reached_stage_id
      LEFT JOIN users u ON u.id = d.owner_id
    GROUP BY GROUPING SETS ((${key}), ())
    ORDER BY 1 DESC, 2`.execute(db);
  const totalRow = result.rows.find((r) => Number(r.total) === 1);
  const groups = result.rows.filter((r) => Number(r.total) !== 1);
  const empty: Row = {
    total: 1,
    key: null,
    label: 'total',
    won: 0,
    lost: 0,
    wonAmount: null,
    lostAmount: null,
    avgCycleDays: null,
    missing: null,
  };
  return {
    from,
    to,
    groupBy: q.groupBy,
    baseCurrency: base,
    totals: { ...bucket(totalRow ?? empty), key: null, label: 'total' },
    groups: groups
      .map(bucket)
      .sort((a, b) => (q.groupBy === 'month' ? String(a.key).localeCompare(String(b.key)) : b.won + b.lost - (a.won + a.lost))),
    missingRates: [...new Set(totalRow?.missing ?? [])].sort(),
  };
}
