#!/usr/bin/env node
// `npm run dev`: the API under a watcher (tsx, restarts on change) on :3000 and the Vite dev server
// for the client on :5173 (proxying /api to :3000). Ctrl-C stops both.
import { spawn } from 'node:child_process';

const children = [
  spawn('npx', ['tsx', 'watch', '--clear-screen=false', 'server/src/main.ts'], {
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: process.env.NODE_ENV ?? 'development' },
  }),
  spawn('npx', ['vite', '--config', 'client/vite.config.ts', 'client', '--host', '127.0.0.1'], { stdio: 'inherit' }),
];
console.log('[dev] API on http://127.0.0.1:3000, client on http://127.0.0.1:5173');
const stop = () => {
  for (const c of children) c.kill('SIGTERM');
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
for (const c of children)
  c.on('exit', (code) => {
    stop();
    process.exitCode = code ?? 0;
  });
