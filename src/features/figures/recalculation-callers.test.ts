/**
 * Figures are worked out only inside the transaction of a change, by services: no route and no
 * command asks for a recalculation by hand, and nothing else writes stored figures.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [p] : [];
  });
}

const files = sources(SRC).map((file) => ({
  file: path.relative(SRC, file),
  text: fs.readFileSync(file, 'utf8'),
}));

describe('who recalculates figures', () => {
  it('is never a route or a command', () => {
    const handlers = files.filter(
      (f) => f.file.endsWith('.routes.ts') || f.file.startsWith(`cli${path.sep}`),
    );
    expect(handlers.length).toBeGreaterThan(10);
    const offending = handlers
      .filter((f) =>
        /figures\/recalculate|\brecalculate\(|refreshCalculators|refreshResults|refreshAll/.test(
          f.text,
        ),
      )
      .map((f) => f.file);
    expect(offending).toEqual([]);
  });

  it('writes stored figures only from the figures module', () => {
    const writers = files
      .filter((f) =>
        /(INSERT INTO|insertInto\(|deleteFrom\(|DELETE FROM|updateTable\()\s*'?calculator_results/.test(
          f.text,
        ),
      )
      .map((f) => f.file.split(path.sep).join('/'))
      .sort();
    expect(writers).toEqual(['features/figures/calculators/spend.ts', 'features/figures/scope.ts']);
  });
});
