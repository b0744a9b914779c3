import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { checkText, line, MAX_FIELD_LENGTH, paragraph, safeFileName } from './text.js';

describe('checkText', () => {
  it('refuses NUL and the other control characters, but not tab or line breaks', () => {
    for (const bad of [
      'a\u0000b',
      '\u0001',
      'a\u001bb',
      '\u007f',
      '\u0085',
      '\u009f',
      '\u000b',
      '\u000c',
    ])
      expect(checkText(bad), JSON.stringify(bad)).toEqual({
        ok: false,
        problem: 'control-character',
      });
    expect(checkText('a\tb\r\nc\nd')).toEqual({ ok: true, value: 'a\tb\r\nc\nd' });
  });

  it('refuses text that is not Unicode (an unpaired surrogate)', () => {
    expect(checkText('a\uD800b').ok).toBe(false);
    expect(checkText('\uDC00').ok).toBe(false);
    expect(checkText('😀')).toEqual({ ok: true, value: '😀' });
  });

  it('puts text in normal form C', () => {
    expect(checkText('Cafe\u0301')).toEqual({ ok: true, value: 'Café' });
  });

  it('caps every field', () => {
    expect(checkText('x'.repeat(MAX_FIELD_LENGTH)).ok).toBe(true);
    expect(checkText('x'.repeat(MAX_FIELD_LENGTH + 1))).toEqual({ ok: false, problem: 'too-long' });
  });

  it('never lets a control character through, whatever the text', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 0x3ff })).map((cs) => String.fromCharCode(...cs)),
        (s) => {
          const r = checkText(s);
          const control = [...s].some((ch) => {
            const c = ch.codePointAt(0)!;
            return (c < 0x20 && ![9, 10, 13].includes(c)) || (c >= 0x7f && c <= 0x9f);
          });
          if (control) expect(r.ok).toBe(false);
        },
      ),
    );
  });
});

describe('safeFileName', () => {
  it('keeps the name without folders, control characters or direction overrides', () => {
    expect(safeFileName('evi\u0000dence.pdf')).toBe('evidence.pdf');
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('C:\\Users\\me\\report.pdf')).toBe('report.pdf');
    expect(safeFileName('a\r\nb.pdf')).toBe('ab.pdf');
    expect(safeFileName('invoice\u202Efdp.exe')).toBe('invoicefdp.exe');
    expect(safeFileName('Cafe\u0301.pdf')).toBe('Café.pdf');
  });

  it('keeps the end of a long name, so the extension stays', () => {
    const name = safeFileName(`${'x'.repeat(300)}.pdf`);
    expect(name).toHaveLength(200);
    expect(name.endsWith('.pdf')).toBe(true);
  });
});

describe('line and paragraph', () => {
  const schema = z.object({
    name: line('the organisation name', 20, { required: 'Enter the organisation name' }),
    note: paragraph('the note', 30).optional(),
  });
  const errors = (v: unknown) =>
    schema.safeParse(v).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];

  it('trims, normalises and keeps good text', () => {
    expect(schema.parse({ name: '  Cafe\u0301 Ltd ', note: 'one\r\ntwo' })).toEqual({
      name: 'Café Ltd',
      note: 'one\r\ntwo',
    });
  });

  it('says what is wrong with the field, by its name', () => {
    expect(errors({ name: '   ' })).toEqual(['name: Enter the organisation name']);
    expect(errors({})).toEqual(['name: Enter the organisation name']);
    expect(errors({ name: 'x'.repeat(21) })).toEqual([
      'name: The organisation name must be 20 characters or fewer',
    ]);
    expect(errors({ name: 'a\nb' })).toEqual(['name: The organisation name must be on one line']);
    expect(errors({ name: 'a\u0000b' })).toEqual([
      'name: The organisation name contains a hidden character that cannot be saved, such as a null or control character. Type it again instead of pasting it',
    ]);
    expect(errors({ name: 'Acme', note: 'x'.repeat(31) })).toEqual([
      'note: The note must be 30 characters or fewer',
    ]);
  });
});
