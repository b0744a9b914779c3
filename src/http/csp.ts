/**
 * The one inline script of nhsuk-frontend's page template (it marks the body "js-enabled") is
 * allowed by its SHA-256 in the Content Security Policy, not by a per-response nonce: the page
 * is then the same on every response, so an unchanged page can be answered 304 and the copy the
 * browser kept still runs under the policy of the 304 (decision 031).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { NHSUK_DIST } from './views.js';

const INLINE_SCRIPT = /<script\b[^>]*>([\s\S]*?)<\/script>/g;

/** CSP sources ('sha256-…') for each inline script in a template's text. */
export function inlineScriptHashes(templateText: string): string[] {
  const hashes: string[] = [];
  for (const match of templateText.matchAll(INLINE_SCRIPT)) {
    const body = match[1] ?? '';
    if (!body.trim()) continue;
    hashes.push(`'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`);
  }
  return hashes;
}

/** The hashes for nhsuk-frontend's page template, which every page extends. */
export function nhsukInlineScriptHashes(): string[] {
  const hashes = inlineScriptHashes(
    fs.readFileSync(path.join(NHSUK_DIST, 'nhsuk', 'template.njk'), 'utf8'),
  );
  if (hashes.length === 0) throw new Error('nhsuk-frontend’s page template has no inline script');
  return hashes;
}
