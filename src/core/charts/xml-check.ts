/**
 * A small well-formedness check for the SVG the charts write, for tests: one `<svg>` root, only
 * known elements, attributes quoted, tags balanced, no raw < or > in text, every & an entity, and
 * no NaN or Infinity in an attribute. Returns what is wrong (nothing, when all is well).
 */
const TAG = /<(\/?)([a-zA-Z]+)((?:\s+[a-zA-Z0-9:-]+="[^"<>]*")*)\s*(\/?)>/g;
const ENTITY = /&(amp|lt|gt|quot|#39);/g;

export const CHART_ELEMENTS = new Set([
  'svg',
  'title',
  'desc',
  'defs',
  'pattern',
  'g',
  'line',
  'polyline',
  'path',
  'rect',
  'circle',
  'text',
]);

export function xmlProblems(svg: string): string[] {
  const problems: string[] = [];
  const stack: string[] = [];
  let last = 0;
  let roots = 0;
  for (const m of svg.matchAll(TAG)) {
    const between = svg.slice(last, m.index);
    if (/[<>]/.test(between)) problems.push(`raw < or > in text: ${between}`);
    if (between.replace(ENTITY, '').includes('&')) problems.push(`bare & in text: ${between}`);
    const [, closing, name = '', attributes = '', selfClosing] = m;
    if (!CHART_ELEMENTS.has(name)) problems.push(`unknown element <${name}>`);
    if (attributes.replace(ENTITY, '').includes('&'))
      problems.push(`bare & in <${name}${attributes}>`);
    if (/NaN|Infinity/.test(attributes)) problems.push(`not a number in <${name}${attributes}>`);
    if (closing) {
      const open = stack.pop();
      if (open !== name) problems.push(`</${name}> closes <${open ?? 'nothing'}>`);
    } else {
      if (stack.length === 0) {
        roots += 1;
        if (name !== 'svg' || m.index !== 0) problems.push(`<${name}> outside the <svg>`);
      }
      if (!selfClosing) stack.push(name);
    }
    last = m.index + m[0].length;
  }
  if (svg.slice(last).trim() !== '') problems.push(`text after the last tag: ${svg.slice(last)}`);
  if (stack.length > 0) problems.push(`unclosed: ${stack.join(', ')}`);
  if (roots !== 1) problems.push(`${roots} root elements`);
  return problems;
}

/** The words of every `<text>` element, tooltips aside, as written (escaped). */
export function textsOf(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*>([^<]*)(?:<title>[^<]*<\/title>)?<\/text>/g)].map(
    (m) => m[1] ?? '',
  );
}

/** Undo escapeXml, for comparing written text with what was given. */
export function unescapeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}
