import { z } from 'zod';

/** Every environment variable the server reads, with its default. The README lists the same. */
const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  /** Any MongoDB-compatible server. Unset: an embedded database is started (see db/embedded.ts). */
  MONGODB_URI: z.string().optional(),
  /** Where the embedded database keeps its files. */
  MOSKINO_DATA_DIR: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Password of the demo users (development only; refused in production). */
  DEMO_PASSWORD: z.string().optional(),
  /** Load the catalogue when the facilities collection is empty. */
  SEED_ON_EMPTY: z.enum(['true', 'false']).default('true'),
  /** Behind a TLS-terminating proxy: trust X-Forwarded-* from it (Express `trust proxy`). */
  TRUST_PROXY: z.string().optional(),
  /** Tests only (refused in production; see clock.ts): shift the business clock. */
  MOSKINO_CLOCK_OFFSET: z.string().optional(),
  MOSKINO_CLOCK_FILE: z.string().optional(),
});

export type Config = z.infer<typeof envSchema>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
