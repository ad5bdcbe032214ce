// One seam for IPC: only src/ipc/ talks to Tauri, so every screen goes through the typed,
// error-coded `api` (and tests mock it there). Tests may use Tauri's own mocks.
import { describe, expect, it } from 'vitest';

const sources = import.meta.glob(['../**/*.ts', '../**/*.svelte', '!../**/*.test.ts', '!./**'], {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

describe('the IPC seam', () => {
  it('is the only code that imports @tauri-apps', () => {
    expect(Object.keys(sources).length, 'the scan sees the screens').toBeGreaterThan(30);
    const offenders = Object.entries(sources)
      .filter(([, text]) => /from\s+['"]@tauri-apps\//.test(text))
      .map(([path]) => path);
    expect(offenders, 'import from ../ipc instead').toEqual([]);
  });
});
