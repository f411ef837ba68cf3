import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '../../src/db/embedded.js';

/**
 * Integration tests talk to the MongoDB-compatible server at MONGODB_URI (FerretDB on PostgreSQL in
 * CI). Without it they start the same embedded database as `npm start`, on throwaway data.
 */
let embedded: EmbeddedDatabase | undefined;
let tmp: string | undefined;

export async function setup(project: TestProject): Promise<void> {
  let uri = process.env.MONGODB_URI;
  if (!uri) {
    tmp = mkdtempSync(path.join(tmpdir(), 'moskino-test-db-'));
    embedded = await startEmbeddedDatabase(tmp, (line) => console.log(`[test-db] ${line}`));
    uri = embedded.uri;
    console.log(`[test-db] MONGODB_URI not set: started ${embedded.kind} with throwaway data in ${tmp}`);
  }
  project.provide('mongodbUri', uri);
}

export async function teardown(): Promise<void> {
  await embedded?.stop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    mongodbUri: string;
  }
}
