import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import PanelEditor from './PanelEditor.svelte';
import type { PlanDetail } from '../ipc';
import { planDetail } from '../test-fixtures';

afterEach(() => {
  cleanup();
  clearMocks();
});

const PLAN: PlanDetail = planDetail({ id: 3 });

async function fill(name: string, exclude: string) {
  await fireEvent.input(screen.getByTestId('panelist-name'), { target: { value: name } });
  await fireEvent.input(screen.getByTestId('panelist-exclude'), { target: { value: exclude } });
  await fireEvent.submit(screen.getByTestId('panelist-form'));
}

describe('Panel editor', () => {
  it('sends the panelist with focus and must-not-get questions', async () => {
    let sent: Record<string, unknown> | undefined;
    mockIPC((cmd, args) => {
      if (cmd !== 'add_panelist') throw new Error(cmd);
      sent = (args as { request: { panelist: Record<string, unknown> } }).request.panelist;
      return PLAN;
    });
    const onChange = vi.fn();
    render(PanelEditor, { plan: PLAN, onChange });
    await fireEvent.click(screen.getByTestId('panelist-focus-risk'));
    await fill('Ana Ruiz', '3, 7');
    await vi.waitFor(() => expect(onChange).toHaveBeenCalled());
    expect(sent).toEqual({
      name: 'Ana Ruiz',
      email: null,
      slotMinutes: 45,
      focus: ['risk'],
      excludedQuestions: [3, 7],
    });
  });

  it('refuses a must-not-get entry that is not a question number, sending nothing', async () => {
    const calls: string[] = [];
    mockIPC((cmd) => {
      calls.push(cmd);
      return PLAN;
    });
    render(PanelEditor, { plan: PLAN, onChange: vi.fn() });
    await fill('Ana', '3, seven');
    expect((await screen.findByTestId('panel-error')).textContent).toContain('"seven" is not a question number');
    expect(calls).toEqual([]);
  });

  it('asks why before removing a panelist whose kit is out, and sends the reason and name', async () => {
    const withBen = planDetail({
      id: 3,
      panelLead: 'Dana Whitfield',
      panelists: [{ id: 9, name: 'Ben', email: null, minutes: 60, focus: [], excluded: [], loadMinutes: 0, identityFingerprint: null }],
    });
    const sent: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd !== 'remove_panelist') throw new Error(cmd);
      const request = (args as { request: { disclosure: unknown } }).request;
      sent.push(request);
      if (!request.disclosure)
        throw { code: 'sealed', message: "Ben's kit is out and no scorecard came back yet" };
      return planDetail({ id: 3 });
    });
    const onChange = vi.fn();
    render(PanelEditor, { plan: withBen, onChange });
    await fireEvent.click(screen.getByLabelText('Remove Ben'));
    const form = await screen.findByTestId('disclosure-form');
    expect(form.textContent).toContain("Ben's kit is out");
    expect((screen.getByTestId('disclosure-by') as HTMLInputElement).value).toBe('Dana Whitfield');
    await fireEvent.input(screen.getByTestId('disclosure-reason'), { target: { value: 'Ben left the company' } });
    await fireEvent.submit(form);
    await vi.waitFor(() => expect(onChange).toHaveBeenCalled());
    expect(sent[1]).toEqual({
      planId: 3,
      panelistId: 9,
      disclosure: { reason: 'Ben left the company', by: 'Dana Whitfield' },
    });
  });
});
