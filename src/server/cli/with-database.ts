import { loadConfig } from '../platform/config.js';
import type { Database } from '../platform/db.js';
import { openConfiguredDatabase } from '../platform/open.js';

export async function withDatabase<T>(work: (database: Database) => Promise<T>): Promise<T> {
  const database = await openConfiguredDatabase(loadConfig());
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}
