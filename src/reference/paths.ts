import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder of reference data that ships with the product (data/reference). */
export const REFERENCE_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../data/reference',
);
