import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import axe from 'axe-core';
import ImportBanner from './ImportBanner.svelte';
import { Importer } from './importer.svelte';
import type { ScorecardConflict } from '../ipc';
import { localInstant } from '../lib/format';
import { scorecardConflict } from '../test-fixtures';

afterEach(() => {
  cleanup();
  clearMocks();
});

const message =
  "Tom Becker's scorecard was submitted on this computer; it is replaced by this file only if you choose so " +
  '(the replacement is recorded in the audit trail)';

const conflict: ScorecardConflict = scorecardConflict();

/** An importer holding the replace question the core's conflict asks. */
async function asked(withConflict: ScorecardConflict | null): Promise<{ importer: Importer; calls: boolean[] }> {
  const calls: boolean[] = [];
  mockIPC((cmd, args) => {
    if (cmd !== 'import_exchange_file') throw new Error(cmd);
    const replaceLocal = (args as { request: { options: { replaceLocal: boolean } } }).request.options.replaceLocal;
    calls.push(replaceLocal);
    throw withConflict
      ? { code: 'conflict', message, scorecardConflict: withConflict }
      : { code: 'conflict', message };
  });
  const importer = new Importer(() => {});
  await importer.run('/home/dana/Zoë - Tom Becker.hpscore');
  return { importer, calls };
}

describe('ImportBanner', () => {
  it('compares the two scorecards in words, by fact and question number only', async () => {
    const { importer } = await asked(conflict);
    render(ImportBanner, { importer });
    const banner = screen.getByTestId('import-replace');
    expect(banner.textContent).toContain("Tom Becker's scorecard was submitted on this computer");
    const table = screen.getByTestId('import-replace-compare');
    const headers = within(table).getAllByRole('columnheader').map((h) => h.textContent);
    expect(headers).toEqual(['On this computer', 'In the file']);
    const rows = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((r) => [...r.children].map((c) => c.textContent));
    expect(rows).toEqual([
      ['Status', `Submitted ${localInstant('2026-12-03T09:30:00Z')}`, `Submitted ${localInstant('2026-12-04T17:00:00Z')}`],
      ['Questions answered', '6 of 6', '6 of 6'],
      ['Exported', '—', `Revision 2, ${localInstant('2026-12-05T10:00:00Z')}`],
      ['Amendments', '—', '1'],
    ]);
    expect(screen.getByTestId('import-replace-differs').textContent).toBe(
      'Differs in questions 3, 7 and the overall recommendation.',
    );
    // The comparison describes the question for assistive technology.
    expect(banner.getAttribute('aria-describedby')).toBe('replace-d');
    expect(document.getElementById('replace-d')?.contains(table)).toBe(true);
  });

  it('keeps the safe choice first and primary, and keeping imports nothing', async () => {
    const { importer, calls } = await asked(conflict);
    render(ImportBanner, { importer });
    const buttons = within(screen.getByTestId('import-replace')).getAllByRole('button');
    expect(buttons.map((b) => b.dataset.testid)).toEqual(['import-replace-no', 'import-replace-yes']);
    expect(buttons[0].classList.contains('primary')).toBe(true);
    expect(buttons[1].classList.contains('primary')).toBe(false);
    await fireEvent.click(screen.getByTestId('import-replace-no'));
    expect(screen.queryByTestId('import-replace')).toBeNull();
    expect(importer.pending).toBeNull();
    expect(calls).toEqual([false]);
  });

  it('still asks with the sentence alone when no comparison came with the conflict', async () => {
    const { importer } = await asked(null);
    render(ImportBanner, { importer });
    expect(screen.getByTestId('import-replace').textContent).toContain('submitted on this computer');
    expect(screen.queryByTestId('import-replace-compare')).toBeNull();
    expect(screen.getByTestId('import-replace').hasAttribute('aria-describedby')).toBe(false);
  });

  it('passes axe’s WCAG A/AA rules and best practices (contrast is checked in the real app)', async () => {
    const { importer } = await asked(conflict);
    const { container } = render(ImportBanner, { importer });
    const result = await axe.run(container, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
      rules: { 'color-contrast': { enabled: false }, region: { enabled: false } },
      resultTypes: ['violations'],
    });
    expect(result.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  });
});
