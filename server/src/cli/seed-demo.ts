import type { Config } from '../config.js';

/** Demo organisations and users; filled in by the accounts feature. */
export async function seedDemo(_config: Config): Promise<void> {
  console.log('Demo users: not available yet (the accounts feature is not built).');
}
