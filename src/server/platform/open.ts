import type { Config } from './config.js';
import { type Database, openDatabase } from './db.js';
import { migrate } from './migrate.js';

/** Opens the configured database (PostgreSQL when DATABASE_URL is set, else embedded PGlite) and migrates it. */
export async function openConfiguredDatabase(config: Config, opts: { migrate?: boolean } = {}): Promise<Database> {
  const database = config.databaseUrl
    ? await openDatabase({ kind: 'postgres', url: config.databaseUrl })
    : await openDatabase({ kind: 'embedded', dataDir: config.dataDir });
  if (opts.migrate !== false) {
    try {
      await migrate(database.db);
    } catch (err) {
      await database.close();
      throw err;
    }
  }
  return database;
}
