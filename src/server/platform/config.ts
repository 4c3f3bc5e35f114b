import path from 'node:path';
import { z } from 'zod';

/** Server configuration, read once from the environment and validated at start-up. */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().default('./data'),
  PUBLIC_URL: z.string().url().optional(),
  STRIDE_DEMO: z.enum(['0', '1']).default('1'),
  STRIDE_ADMIN_EMAIL: z.string().email().optional(),
  STRIDE_ADMIN_PASSWORD: z.string().min(8).optional(),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().optional(),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .positive()
    .default(8 * 60),
  /** largest attachment upload, in MB */
  MAX_UPLOAD_MB: z.coerce.number().positive().max(10_240).default(25),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /**
   * Behind a reverse proxy or load balancer: whose X-Forwarded-For to believe, so the client address (login
   * throttling, web-form rate limits) is the visitor's and not the proxy's. Empty = nobody (direct exposure);
   * otherwise a comma-separated list of the proxies' addresses/CIDRs (`10.0.0.0/8,127.0.0.1`).
   */
  TRUST_PROXY: z
    .string()
    .trim()
    .default('')
    .refine((v) => v === '' || v.split(',').every((a) => /^[0-9a-fA-F:.]+(\/\d{1,3})?$/.test(a.trim())), {
      message: 'must be empty or comma-separated proxy addresses/CIDRs',
    }),
});

export type Config = {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  publicUrl: string;
  demo: boolean;
  adminEmail: string | undefined;
  adminPassword: string | undefined;
  smtpUrl: string | undefined;
  mailFrom: string | undefined;
  sessionIdleMinutes: number;
  logLevel: string;
  maxUploadMb: number;
  /** Fastify's trustProxy: false, or the addresses/CIDRs of the proxies whose X-Forwarded-For is believed */
  trustProxy: false | string[];
};

function trustProxyOf(value: string): Config['trustProxy'] {
  if (value === '') return false;
  return value.split(',').map((a) => a.trim());
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.DATA_DIR),
    publicUrl: e.PUBLIC_URL ?? `http://localhost:${e.PORT}`,
    demo: e.STRIDE_DEMO === '1',
    adminEmail: e.STRIDE_ADMIN_EMAIL,
    adminPassword: e.STRIDE_ADMIN_PASSWORD,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    logLevel: e.LOG_LEVEL,
    maxUploadMb: e.MAX_UPLOAD_MB,
    trustProxy: trustProxyOf(e.TRUST_PROXY),
  };
}
