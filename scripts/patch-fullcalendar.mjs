#!/usr/bin/env node
// Runs after `npm install` / `npm ci` (root `postinstall`). One small, checked change to the installed
// FullCalendar Scheduler 7.1.0 (AGPL, so we may change it), kept here rather than as a fork:
//
// The timeline renders only the rows in view with `virtualization: true`, which makes stepping through
// a dense month or quarter 2-3 times cheaper (docs/benchmarks.md, "Client timeline"). But 7.1.0 also
// virtualizes the time axis, and a row whose blocks reach outside the horizontally rendered columns
// never reports its height (`TimelineFg` reports it only when every segment was projected), so stacked
// blocks (a 2nd hold under the 1st) spill over the next rows. The patch keeps the rows virtualized and
// always renders the whole time axis (at most 92 day columns here), so every row gets its real height.
//
// Idempotent. Exits non-zero, saying what to do, when the code to patch is not found (FullCalendar
// was upgraded): then check whether the new version still needs it (see the test
// `client/src/features/calendar/fullcalendar-patch.test.ts`) and update or drop this script.
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const chunks = path.join(root, 'node_modules/@fullcalendar/react-scheduler/chunks');
// [original, patched]: the columns (slots) and the header cells above them are computed for the whole
// axis; the rows keep `virtualizationDisabled` (= !options.virtualization).
const REPLACEMENTS = [
  [
    'this.slotVirtualizer.computePositions(tDateProfile.slotKeys, virtualizationDisabled, forcedTimeScroll)',
    'this.slotVirtualizer.computePositions(tDateProfile.slotKeys, /* moskino: whole time axis */ true, forcedTimeScroll)',
  ],
  [
    'timeHeaderVirtualizers[rowIndex].computePositions(cells, virtualizationDisabled, forcedTimeScroll)',
    'timeHeaderVirtualizers[rowIndex].computePositions(cells, /* moskino: whole time axis */ true, forcedTimeScroll)',
  ],
];

if (!existsSync(chunks)) {
  // Installed without the client's dependencies (e.g. `npm ci -w server`): nothing to patch.
  console.log('[patch-fullcalendar] @fullcalendar/react-scheduler is not installed; nothing to patch');
  process.exit(0);
}

let patched = 0;
let already = 0;
for (const name of readdirSync(chunks).filter((n) => n.endsWith('.js'))) {
  const file = path.join(chunks, name);
  let text = readFileSync(file, 'utf8');
  let changed = false;
  for (const [original, replacement] of REPLACEMENTS) {
    if (text.includes(replacement)) already++;
    if (!text.includes(original)) continue;
    text = text.split(original).join(replacement);
    changed = true;
    patched++;
  }
  if (changed) writeFileSync(file, text);
}

if (patched + already < REPLACEMENTS.length) {
  console.error(
    '[patch-fullcalendar] the code to patch was not found in @fullcalendar/react-scheduler: FullCalendar was\n' +
      'upgraded? Check whether the timeline still needs scripts/patch-fullcalendar.mjs (stacked blocks\n' +
      'spilling over the next rows with `virtualization`), then update or remove it.',
  );
  process.exit(1);
}
if (patched) {
  // Vite's dependency pre-bundle cache would keep serving the unpatched code to `npm run dev`.
  for (const dir of ['node_modules/.vite', 'client/node_modules/.vite'])
    rmSync(path.join(root, dir), { recursive: true, force: true });
  console.log(`[patch-fullcalendar] patched ${patched} place(s): the timeline renders its whole time axis`);
} else {
  console.log('[patch-fullcalendar] already patched');
}
