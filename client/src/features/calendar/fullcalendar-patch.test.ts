import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The timeline turns on FullCalendar's `virtualization` (rows in view only). That is right only with
// scripts/patch-fullcalendar.mjs applied (run by `postinstall`): without it, rows whose blocks reach
// outside the rendered columns keep a one-line height and stacked blocks spill over the next rows.
const chunks = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../../node_modules/@fullcalendar/react-scheduler/chunks',
);
const sources = readdirSync(chunks)
  .filter((n) => n.endsWith('.js'))
  .map((n) => readFileSync(path.join(chunks, n), 'utf8'));

describe('installed FullCalendar Scheduler', () => {
  it('renders the whole time axis when rows are virtualized (postinstall patch applied)', () => {
    const axis = sources.filter((s) => s.includes('this.slotVirtualizer.computePositions('));
    expect(axis).toHaveLength(1);
    expect(axis[0]).toContain(
      'this.slotVirtualizer.computePositions(tDateProfile.slotKeys, /* moskino: whole time axis */ true, forcedTimeScroll)',
    );
    expect(axis[0]).not.toContain('computePositions(tDateProfile.slotKeys, virtualizationDisabled');
    // …and the header cells above the columns.
    expect(axis[0]).toContain(
      'timeHeaderVirtualizers[rowIndex].computePositions(cells, /* moskino: whole time axis */ true, forcedTimeScroll)',
    );
    expect(axis[0]).not.toContain('computePositions(cells, virtualizationDisabled');
  });

  it('still virtualizes rows (the option the timeline turns on)', () => {
    const rows = sources.filter((s) => s.includes('this.rowVirtualizer.computePositions('));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain('const virtualizationDisabled = !options.virtualization;');
  });
});
