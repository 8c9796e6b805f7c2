import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

/** The package folder (holds schemas/, rules/, profiles/), from dist/ or src/ alike. */
export const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
export const schemasDir = join(packageRoot, 'schemas');
export const rulesDir = join(packageRoot, 'rules');
export const catalogDir = join(rulesDir, 'catalog');
