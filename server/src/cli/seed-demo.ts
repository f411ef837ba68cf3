import type { Role } from '@moskino/shared';
import type { Config } from '../config.js';
import { organisationService, userService } from '../features/auth/service.js';
import { UserModel } from '../features/auth/models.js';
import { ensureIndexes } from '../db/connection.js';

export const DEFAULT_DEMO_PASSWORD = 'moskino-demo';

const demoOrganisations = [
  { key: 'demo-production', kind: 'production', name: { ru: 'Демо Продакшн', en: 'Demo Production' } },
  { key: 'demo-partner', kind: 'partner', name: { ru: 'Демо Партнёр', en: 'Demo Partner' } },
  { key: 'moskino', kind: 'cluster', name: { ru: 'Москино', en: 'Moskino' } },
] as const;

const demoUsers: Array<{ email: string; name: string; role: Role; org: (typeof demoOrganisations)[number]['key'] }> = [
  { email: 'crew@demo.test', name: 'Демо Съёмочная группа', role: 'crew', org: 'demo-production' },
  { email: 'partner@demo.test', name: 'Демо Партнёр', role: 'partner', org: 'demo-partner' },
  { email: 'staff@demo.test', name: 'Демо Диспетчер', role: 'staff', org: 'moskino' },
  { email: 'admin@demo.test', name: 'Демо Администратор', role: 'admin', org: 'moskino' },
];

export class DemoRefusedError extends Error {}

/** The demo password, or an error: demo users never exist in production. */
export function demoPassword(config: Pick<Config, 'NODE_ENV' | 'DEMO_PASSWORD'>): string {
  if (config.NODE_ENV === 'production') {
    throw new DemoRefusedError(
      config.DEMO_PASSWORD === undefined || config.DEMO_PASSWORD === DEFAULT_DEMO_PASSWORD
        ? `Demo users are never created in production, and the default demo password "${DEFAULT_DEMO_PASSWORD}" is refused there.`
        : 'Demo users are never created in production (NODE_ENV=production).',
    );
  }
  const password = config.DEMO_PASSWORD ?? DEFAULT_DEMO_PASSWORD;
  if (password.length < 10) throw new DemoRefusedError('DEMO_PASSWORD must have at least 10 characters.');
  return password;
}

/**
 * Demo organisations and users (idempotent: organisations matched by key, users by email; running it
 * again resets their role, organisation, password and reactivates them). The database must be connected.
 * With `onlyIfNoUsers`, nothing happens when any user exists (first start of the embedded database).
 */
export async function seedDemo(
  config: Pick<Config, 'NODE_ENV' | 'DEMO_PASSWORD'>,
  opts: { onlyIfNoUsers?: boolean; say?: (line: string) => void } = {},
): Promise<{ created: boolean; emails: string[] }> {
  const password = demoPassword(config);
  const say = opts.say ?? ((line: string) => console.log(line));
  // The unique email index guards the users (the seed CLI may run before the server ever created it).
  await ensureIndexes();
  if (opts.onlyIfNoUsers && (await UserModel.countDocuments()) > 0) return { created: false, emails: [] };
  const orgIds = new Map<string, string>();
  for (const org of demoOrganisations) {
    orgIds.set(org.key, (await organisationService.upsertByKey(org.key, org.kind, org.name)).id);
  }
  for (const u of demoUsers) {
    await userService.upsert({
      email: u.email,
      name: u.name,
      role: u.role,
      organisationId: orgIds.get(u.org)!,
      password,
    });
  }
  const emails = demoUsers.map((u) => u.email);
  say(
    `Demo users: ${emails.join(', ')} (password ${config.DEMO_PASSWORD ? 'from DEMO_PASSWORD' : `"${DEFAULT_DEMO_PASSWORD}"`})`,
  );
  return { created: true, emails };
}
