import type { FastifyBaseLogger } from 'fastify';
import { DEMO_PASSWORD, seedDemo } from './demo/seed.js';
import { createUser } from './modules/users/users.service.js';
import type { Config } from './platform/config.js';
import type { Database } from './platform/db.js';

/**
 * First start of an empty database: the admin from STRIDE_ADMIN_EMAIL/PASSWORD, and the demo data unless
 * STRIDE_DEMO=0. Returns a line to show on the sign-in page when demo data is present.
 */
export async function bootstrap(database: Database, config: Config, log: Pick<FastifyBaseLogger, 'info' | 'warn'>) {
  const { n } = await database.db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  if (Number(n) === 0) {
    if (config.adminEmail && config.adminPassword) {
      await createUser(database.db, null, {
        email: config.adminEmail,
        password: config.adminPassword,
        name: 'Administrator',
        role: 'admin',
      });
      log.info(`Created the first admin ${config.adminEmail}`);
    }
    if (config.demo) {
      const demo = await seedDemo(database.db);
      log.info(
        `Loaded demo data: ${demo.accounts} accounts, ${demo.contacts} contacts. Sign in as ${demo.adminEmail} / ${DEMO_PASSWORD}`,
      );
    } else if (!config.adminEmail) {
      log.warn('No users yet. Create the first admin: npx stride user create --email you@example.com --password … --role admin');
    }
  }
  return demoSignInHint(database);
}

export async function demoSignInHint(database: Database): Promise<string | null> {
  const demo = await database.db
    .selectFrom('users')
    .select('email')
    .where('email', '=', 'admin@demo.stride.local')
    .executeTakeFirst();
  return demo ? `Demo: sign in as ${demo.email} / ${DEMO_PASSWORD}` : null;
}
