/**
 * One vocabulary for where a return stands (core/return-states.ts): the retired words ("Late",
 * "Past due", "Submitted", "Draft") appear as a label in no template or source, and templates
 * show a return's state through the shared tags rather than writing one by hand.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RETIRED_STATE_WORDS } from '../src/core/return-states.js';

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../src');

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const full = path.join(dir, d.name);
    if (d.isDirectory()) return filesUnder(full);
    return /\.(njk|ts)$/.test(d.name) && !/\.test\.ts$/.test(d.name) ? [full] : [];
  });
}

describe('the words for a return’s state', () => {
  it('retired words appear in no template or source as a label', () => {
    // A retired word as shown text: a label in quotes, or text between tags.
    const shown = RETIRED_STATE_WORDS.map(
      (w) => new RegExp(`(['"\`>]\\s*${w}\\b[^'"\`<]*['"\`<])`),
    );
    const found: string[] = [];
    for (const file of filesUnder(SRC)) {
      if (file.endsWith(path.join('core', 'return-states.ts'))) continue;
      // A charter version's first state is a draft (SPEC §2.2): its words, not a return's.
      if (file.includes(`${path.sep}charter${path.sep}`)) continue;
      const lines = fs.readFileSync(file, 'utf8').split('\n');
      lines.forEach((line, i) => {
        for (const re of shown) {
          const m = re.exec(line);
          if (m) found.push(`${path.relative(SRC, file)}:${i + 1}: ${m[1]}`);
        }
      });
    }
    expect(found).toEqual([]);
  });

  it('tags for return states are not written by hand in templates', () => {
    const handWritten = /nhsuk-tag--\w+">\s*(Overdue|Waiting for review|Returned with queries)\b/;
    const found = filesUnder(SRC)
      .filter((f) => f.endsWith('.njk'))
      .filter((f) => handWritten.test(fs.readFileSync(f, 'utf8')))
      .map((f) => path.relative(SRC, f));
    expect(found).toEqual([]);
  });
});
