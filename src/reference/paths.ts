import path from 'node:path';
import { ROOT } from '../lib/root.js';

/** The folder of reference data that ships with the product (data/reference). */
export const REFERENCE_DIR = path.join(ROOT, 'data/reference');
