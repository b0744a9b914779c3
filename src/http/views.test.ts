import { describe, expect, it } from 'vitest';
import { createViews } from './views.js';

const views = createViews();
const render = (template: string, context: object = {}) => views.renderString(template, context);

describe('the filters templates use', () => {
  it('count: a count with its noun, singular for one', () => {
    expect(render('{{ 1 | count("row") }}')).toBe('1 row');
    expect(render('{{ 0 | count("row") }}')).toBe('0 rows');
    expect(render('{{ 1200 | count("row") }}')).toBe('1,200 rows');
    expect(render('{{ n | count("company", "companies") }}', { n: 2 })).toBe('2 companies');
  });

  it('money: pounds and pence from an exact decimal string', () => {
    expect(render('{{ "1275000.5" | money }}')).toBe('£1,275,000.50');
    expect(render('{{ "300" | money }}')).toBe('£300.00');
  });
});
