import fs from 'node:fs';
import { sql } from 'kysely';
import { type DuplicatePolicy, type ImportField, importDefaults } from '../../../domain/imports/import.schema.js';
import type { Actor } from '../../access/actor.js';
import { canCreate } from '../../access/policy.js';
import { now } from '../../platform/clock.js';
import { type Db, inTransaction, type Tx } from '../../platform/db.js';
import { loadActor } from '../auth/actor.loader.js';
import { getScoreWeights } from '../leads/score-weights.js';
import { type BatchCounts, type BatchSettings, importBatch } from './import-batch.js';
import { type DataRow, dataRows } from './import-files.js';
import { findImport, type ImportRow, updateImportRow } from './imports.repo.js';
import { importFilePath } from './imports.service.js';

/** Rows per transaction: big enough for set-based inserts, small enough to keep PGlite's one connection free. */
export const BATCH_SIZE = 500;
/** A worker holds a running import this long past its last batch; after that another worker may take over. */
export const LEASE_MS = 60_000;

export type RunOptions = {
  batchSize?: number;
  /** Checked between batches: true → release the import (it stays `running`) and return. */
  shouldStop?: () => boolean;
  /** Test hook simulating a crash: return after this many batches WITHOUT releasing the lease. */
  crashAfterBatches?: number;
  onProgress?: (row: ImportRow) => void;
};

export type RunOutcome = 'completed' | 'failed' | 'stopped' | 'lost';

/**
 * Takes the oldest import that is queued, or running without a live worker (its lease ran out or was released),
 * and marks it running under a fresh lease. SKIP LOCKED: two workers never take the same import.
 */
export async function claimNextImport(db: Db): Promise<ImportRow | undefined> {
  const at = now();
  const result = await sql<{ id: string }>`
    UPDATE imports SET status = 'running', lease_until = ${new Date(at.getTime() + LEASE_MS)},
      started_at = coalesce(started_at, ${at}), updated_at = ${at}, version = version + 1
    WHERE id = (
      SELECT id FROM imports
      WHERE status = 'queued' OR (status = 'running' AND (lease_until IS NULL OR lease_until < ${at}))
      ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED)
    RETURNING id`.execute(db);
  const id = result.rows[0]?.id;
  return id ? findImport(db, id) : undefined;
}

/** Claims one specific import if it is free (the CLI runs its own import in the foreground). */
export async function claimImport(db: Db, id: string): Promise<ImportRow | undefined> {
  const at = now();
  const result = await sql<{ id: string }>`
    UPDATE imports SET status = 'running', lease_until = ${new Date(at.getTime() + LEASE_MS)},
      started_at = coalesce(started_at, ${at}), updated_at = ${at}, version = version + 1
    WHERE id = ${id} AND (status = 'queued' OR (status = 'running' AND (lease_until IS NULL OR lease_until < ${at})))
    RETURNING id`.execute(db);
  return result.rows.length ? findImport(db, id) : undefined;
}

async function fail(db: Db, id: string, message: string) {
  await updateImportRow(db, id, { status: 'failed', error: message.slice(0, 1000), leaseUntil: null, updatedAt: now() });
}

/**
 * Commits one batch together with the import's progress, so a restart resumes exactly after the last committed
 * row and never imports a row twice. Returns false when another worker took the import over meanwhile.
 */
async function commitBatch(db: Db, settings: BatchSettings, expectedProcessed: number, rows: DataRow[]): Promise<boolean> {
  const run = async (tx: Tx, part: DataRow[], work: (tx: Tx) => Promise<BatchCounts>) => {
    const current = await tx
      .selectFrom('imports')
      .select(['processedRows', 'status'])
      .where('id', '=', settings.importId)
      .forUpdate()
      .executeTakeFirst();
    if (current?.status !== 'running' || current.processedRows !== expectedProcessed) return false;
    const c = await work(tx);
    const at = now();
    await tx
      .updateTable('imports')
      .set({
        processedRows: sql`processed_rows + ${part.length}`,
        createdCount: sql`created_count + ${c.created}`,
        updatedCount: sql`updated_count + ${c.updated}`,
        skippedCount: sql`skipped_count + ${c.skipped}`,
        rejectedCount: sql`rejected_count + ${c.rejected}`,
        leaseUntil: new Date(at.getTime() + LEASE_MS),
        updatedAt: at,
      })
      .where('id', '=', settings.importId)
      .execute();
    expectedProcessed += part.length;
    return true;
  };
  try {
    return await inTransaction(db, (tx) => run(tx, rows, async (t) => (await importBatch(t, settings, rows)).counts));
  } catch (err) {
    const code = String((err as { code?: unknown }).code ?? '');
    if (!code.startsWith('22') && !code.startsWith('23')) throw err;
    // A row the database refuses (rare: validation catches bad values first) must not stop the import: retry the
    // batch row by row, and reject only the row that fails, with the database's message as the reason.
    for (const row of rows) {
      let ok: boolean;
      try {
        ok = await inTransaction(db, (tx) => run(tx, [row], async (t) => (await importBatch(t, settings, [row])).counts));
      } catch (err) {
        // Only a value the database refuses (data exception 22xxx, constraint 23xxx) rejects the row; anything else
        // (connection lost, disk full) fails the import, which resumes after its last committed row.
        const code = String((err as { code?: unknown }).code ?? '');
        if (!code.startsWith('22') && !code.startsWith('23')) throw err;
        ok = await inTransaction(db, (tx) =>
          run(tx, [row], async (t) => {
            await t
              .insertInto('importRejectedRows')
              .values({
                importId: settings.importId,
                rowNumber: row.rowNumber,
                reason: `could not be stored: ${(err as Error).message}`,
                cells: JSON.stringify(row.cells),
              })
              .onConflict((oc) => oc.columns(['importId', 'rowNumber']).doNothing())
              .execute();
            return { created: 0, updated: 0, skipped: 0, rejected: 1 };
          }),
        );
      }
      if (!ok) return false;
    }
    return true;
  }
}

/**
 * Runs a claimed import to the end: the file is read again from the row after the last committed one, in batches
 * of `BATCH_SIZE`, as the user who started it. Any failure marks the import failed with the reason (visible in
 * `GET /imports/{id}`); it never fails silently.
 */
export async function runImport(db: Db, dataDir: string, claimed: ImportRow, opts: RunOptions = {}): Promise<RunOutcome> {
  const id = claimed.id;
  const batchSize = opts.batchSize ?? BATCH_SIZE;
  try {
    const actor: Actor | undefined = await loadActor(db, claimed.createdBy);
    if (!actor) {
      await fail(db, id, 'The user who started the import is no longer active');
      return 'failed';
    }
    if (!canCreate(actor, 'lead')) {
      await fail(db, id, 'The user who started the import may no longer create leads');
      return 'failed';
    }
    const file = importFilePath(dataDir, claimed);
    if (!fs.existsSync(file)) {
      await fail(db, id, 'The uploaded file is missing from the data folder');
      return 'failed';
    }
    const settings: BatchSettings = {
      importId: id,
      actor,
      headers: claimed.headers,
      mapping: claimed.mapping as Array<ImportField | null>,
      policy: claimed.duplicatePolicy as DuplicatePolicy,
      defaults: importDefaults.parse(claimed.defaults),
      weights: await getScoreWeights(db),
    };
    let processed = claimed.processedRows;
    let batches = 0;
    let batch: DataRow[] = [];
    const flush = async (): Promise<RunOutcome | null> => {
      if (!(await commitBatch(db, settings, processed, batch))) return 'lost';
      processed += batch.length;
      batch = [];
      batches += 1;
      if (opts.onProgress) opts.onProgress((await findImport(db, id)) as ImportRow);
      if (opts.crashAfterBatches !== undefined && batches >= opts.crashAfterBatches) return 'stopped';
      if (opts.shouldStop?.()) {
        await updateImportRow(db, id, { leaseUntil: null, updatedAt: now() });
        return 'stopped';
      }
      return null;
    };
    for await (const row of dataRows(file, claimed.fileKind as 'csv' | 'xlsx', claimed.delimiter, processed)) {
      batch.push(row);
      if (batch.length >= batchSize) {
        const outcome = await flush();
        if (outcome) return outcome;
      }
    }
    if (batch.length) {
      const outcome = await flush();
      if (outcome) return outcome;
    }
    const at = now();
    // The row count is what was read (the same file, so normally unchanged).
    await updateImportRow(db, id, { status: 'completed', totalRows: processed, leaseUntil: null, finishedAt: at, updatedAt: at });
    if (opts.onProgress) opts.onProgress((await findImport(db, id)) as ImportRow);
    return 'completed';
  } catch (err) {
    await fail(db, id, err instanceof Error ? err.message : String(err)).catch(() => {});
    return 'failed';
  }
}
