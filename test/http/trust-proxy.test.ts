import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/server/platform/config.js';
import { TestApp } from '../helpers/app.js';

/** Behind a load balancer the client address must be the visitor's, or every visitor shares one throttle bucket. */
describe('TRUST_PROXY', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start({ TRUST_PROXY: '10.1.0.0/16' });
  });
  afterAll(async () => {
    await t.close();
  });

  const failedLoginFrom = async (remoteAddress: string, forwardedFor: string) => {
    const client = t.api;
    client.remoteAddress = remoteAddress;
    const res = await client.post(
      '/api/v1/auth/login',
      { email: `nobody-${forwardedFor}@example.com`, password: 'wrong password' },
      { headers: { 'x-forwarded-for': forwardedFor } },
    );
    expect(res.status).toBe(401);
    const row = await t.db
      .selectFrom('loginFailures')
      .select('ip')
      .where('email', '=', `nobody-${forwardedFor}@example.com`)
      .executeTakeFirstOrThrow();
    return row.ip;
  };

  it("believes X-Forwarded-For only from a trusted proxy's address", async () => {
    expect(await failedLoginFrom('10.1.2.3', '198.51.100.7')).toBe('198.51.100.7');
    // a visitor reaching the server directly cannot choose their address by sending the header
    expect(await failedLoginFrom('192.0.2.9', '198.51.100.8')).toBe('192.0.2.9');
  });

  it('is off by default and refuses a malformed value naming the variable', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' }).trustProxy).toEqual(['10.0.0.0/8', '127.0.0.1']);
    expect(() => loadConfig({ TRUST_PROXY: 'everyone' })).toThrow(/TRUST_PROXY/);
  });
});
