import { loginInput, role as roleSchema, userCreateInput } from '../../domain/users/user.schema.js';
import { DEMO_PASSWORD, seedDemo } from '../demo/seed.js';
import { loadActor } from '../modules/auth/actor.loader.js';
import { createApiToken } from '../modules/auth/auth.service.js';
import { createUser } from '../modules/users/users.service.js';
import { withDatabase } from './with-database.js';

export async function createUserCommand(opts: { email: string; password: string; role: string; name?: string }) {
  const parsed = userCreateInput.safeParse({
    email: opts.email,
    password: opts.password,
    role: opts.role,
    name: opts.name ?? opts.email.split('@')[0],
  });
  if (!parsed.success) {
    throw new Error(parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('\n'));
  }
  roleSchema.parse(parsed.data.role);
  await withDatabase(async ({ db }) => {
    const user = await createUser(db, null, parsed.data);
    console.log(`Created ${user.role} ${user.email} (${user.id})`);
  });
}

export async function createTokenCommand(opts: { email: string; name: string }) {
  const email = loginInput.shape.email.parse(opts.email);
  await withDatabase(async ({ db }) => {
    const user = await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
    const actor = user && (await loadActor(db, user.id));
    if (!actor) throw new Error(`No active user ${email}`);
    const token = await createApiToken(db, actor, opts.name);
    console.log(token.token);
  });
}

export async function demoCommand() {
  await withDatabase(async ({ db }) => {
    const existing = await db.selectFrom('users').select('id').limit(1).execute();
    if (existing.length) throw new Error('The database already has users; demo data loads only into an empty database.');
    const demo = await seedDemo(db);
    console.log(
      `Loaded ${demo.accounts} accounts and ${demo.contacts} contacts. Sign in as ${demo.adminEmail} / ${DEMO_PASSWORD}`,
    );
  });
}
