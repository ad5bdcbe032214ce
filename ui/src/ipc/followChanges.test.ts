import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { emit } from '@tauri-apps/api/event';
import { api } from './index';

afterEach(() => clearMocks());

const report = (planIds: number[]) => ({
  published: [],
  imported: planIds.map((planId) => ({ file: `hp-${planId}.hpscore`, kind: 'scorecard', planId, message: '' })),
  refused: [],
  skipped: [],
  conflicts: [],
});

describe('a screen following changes made elsewhere', () => {
  it('reloads on another program’s write and on the team folder’s imports it cares about, until stopped', async () => {
    mockIPC(() => null, { shouldMockEvents: true });
    let reloads = 0;
    const stop = api.followChangesElsewhere(
      () => (reloads += 1),
      (r) => r.imported.some((f) => f.planId === 7),
    );
    await waitFor(async () => {
      await emit('data-changed');
      expect(reloads).toBeGreaterThan(0);
    });
    const afterWrite = reloads;
    await emit('team-synced', report([3]));
    expect(reloads).toBe(afterWrite);
    await emit('team-synced', report([3, 7]));
    expect(reloads).toBe(afterWrite + 1);
    stop();
    await emit('data-changed');
    await emit('team-synced', report([7]));
    expect(reloads).toBe(afterWrite + 1);
  });
});
