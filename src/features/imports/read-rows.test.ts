/**
 * When readRows hands the rows read so far to the session (a flush) and reports progress: a small
 * first chunk, so that the database starts on the rows and reading is seen to move sooner, then
 * chunks of 50,000 rows, and the rest at the end.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectColumns } from '../../core/imports/columns.js';
import type { SpendField } from '../../core/spend/mapping.js';
import { SPEND_KIND } from '../spend/spend-import-kind.js';
import { inspectFile } from './files.js';
import { readRows } from './read-rows.js';

describe('the rows read, handed over in chunks', () => {
  it('are 10,000 first, then 50,000 at a time, then the rest, with progress after each', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anchorage-chunks-'));
    try {
      const file = path.join(dir, 'spend.csv');
      const lines = ['Date,Supplier,Amount'];
      for (let i = 0; i < 125_000; i++) lines.push(`01/04/2025,Supplier ${i % 97},${i}.50`);
      fs.writeFileSync(file, `${lines.join('\n')}\n`);
      const inspection = await inspectFile(file, SPEND_KIND.limits);
      const mapping = detectColumns<SpendField>(SPEND_KIND.fields, inspection.headers);
      let rows = 0;
      const flushes: number[] = [];
      const reports: number[] = [];
      const read = await readRows(
        {
          kind: SPEND_KIND,
          filePath: file,
          inspection,
          mapping,
          jobId: 'test',
          report: (done) => {
            reports.push(done);
            return Promise.resolve();
          },
        },
        {
          row: () => void rows++,
          flush: () => {
            flushes.push(rows);
            return Promise.resolve();
          },
          merge: () => Promise.reject(new Error('not here')),
          close: () => Promise.resolve(),
        },
      );
      expect(read).toBe(125_000);
      // A flush comes at the end of the first batch of records read after the count is reached,
      // and the last at the end of the file.
      expect(flushes[0]).toBeGreaterThanOrEqual(10_000);
      expect(flushes[0]).toBeLessThan(50_000);
      for (let i = 1; i < flushes.length - 1; i++)
        expect(flushes[i]! - flushes[i - 1]!).toBeGreaterThanOrEqual(50_000);
      expect(flushes.at(-1)).toBe(125_000);
      expect(flushes.length).toBeGreaterThanOrEqual(3);
      expect(reports.length).toBe(flushes.length - 1);
      expect(reports).toEqual([...reports].sort((a, b) => a - b));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
