import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * A file shipped with the project (not compiled), e.g. spec/openbanking/…:
 * found above this module whether it runs from src/ (ts-node) or dist/src/
 * (compiled), else from the working directory; null when absent.
 */
export function projectFile(...segments: string[]): string | null {
  for (let dir = __dirname, i = 0; i < 8; i++, dir = dirname(dir)) {
    const candidate = join(dir, ...segments);
    if (existsSync(candidate)) return candidate;
  }
  const fromCwd = resolve(...segments);
  return existsSync(fromCwd) ? fromCwd : null;
}
