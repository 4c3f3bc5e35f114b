import { now } from '../../platform/clock.js';
import type { Conn } from '../../platform/db.js';

/** Installation-wide settings: one JSON document per key; callers validate what they read with their schema. */
export async function readSetting(conn: Conn, key: string): Promise<unknown | undefined> {
  const row = await conn.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value;
}

export async function writeSetting(conn: Conn, key: string, value: unknown, userId: string | null): Promise<void> {
  const json = JSON.stringify(value);
  await conn
    .insertInto('settings')
    .values({ key, value: json, updatedAt: now(), updatedBy: userId })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: json, updatedAt: now(), updatedBy: userId }))
    .execute();
}
