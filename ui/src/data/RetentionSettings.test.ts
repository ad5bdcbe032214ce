import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import RetentionSettings from './RetentionSettings.svelte';

afterEach(() => {
  cleanup();
  clearMocks();
});

const DUE = [{ planId: 3, candidate: 'Wilhelmina Old', status: 'decided', closedAt: '2025-01-10T09:00:00Z' }];

describe('Keeping candidate data', () => {
  it('sets a period, lists the plans past it, and purges them only after a confirmation', async () => {
    let months: number | null = null;
    const purged: number[] = [];
    mockIPC((cmd, args) => {
      if (cmd === 'get_retention') return { months, due: months ? DUE.filter((d) => !purged.includes(d.planId)) : [] };
      if (cmd === 'set_retention') {
        months = (args as { months: number | null }).months;
        return { months, due: months ? DUE : [] };
      }
      if (cmd === 'purge_plan') {
        purged.push((args as { planId: number }).planId);
        return { planId: 3, candidate: 'Wilhelmina Old', backupsRewritten: 1, notRewritten: [], warnings: [] };
      }
      throw new Error(cmd);
    });
    render(RetentionSettings);
    const select = (await screen.findByTestId('retention-months')) as HTMLSelectElement;
    await fireEvent.change(select, { target: { value: '6' } });
    expect((await screen.findByTestId('retention-due')).textContent).toContain('Wilhelmina Old');
    expect(months).toBe(6);
    await fireEvent.click(screen.getByTestId('retention-purge'));
    expect(purged).toEqual([]);
    await fireEvent.click(screen.getByTestId('retention-purge-go'));
    expect((await screen.findByTestId('retention-notice')).textContent).toContain('1 plan purged');
    expect(purged).toEqual([3]);
    expect(await screen.findByTestId('retention-none-due')).toBeTruthy();
  });
});
