import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import PlanForm from './PlanForm.svelte';
import { packCommands } from '../test-fixtures';

afterEach(() => {
  cleanup();
  clearMocks();
});


describe('New plan form', () => {
  it('sends the plan with the local date as a UTC instant and reports the new id', async () => {
    let sent: Record<string, unknown> | undefined;
    mockIPC((cmd, args) => {
      if (cmd === 'create_plan') {
        sent = (args as { plan: Record<string, unknown> }).plan;
        return 42;
      }
      throw new Error(cmd);
    });
    const onCreated = vi.fn();
    render(PlanForm, { onCreated, onCancel: vi.fn() });
    await fireEvent.input(screen.getByTestId('plan-candidate'), { target: { value: 'Zoë' } });
    await fireEvent.input(screen.getByTestId('plan-date'), { target: { value: '2026-12-08' } });
    await fireEvent.input(screen.getByTestId('plan-time'), { target: { value: '09:30' } });
    await fireEvent.submit(screen.getByTestId('plan-create').closest('form')!);
    await vi.waitFor(() => expect(onCreated).toHaveBeenCalledWith(42));
    expect(sent?.candidate).toBe('Zoë');
    expect(sent?.startsAt).toBe(new Date('2026-12-08T09:30:00').toISOString());
    expect(sent?.email).toBeNull();
  });

  it('shows the core refusal and stays open', async () => {
    mockIPC(() => {
      throw { code: 'invalid_input', message: 'candidate name must not be empty' };
    });
    const onCreated = vi.fn();
    render(PlanForm, { onCreated, onCancel: vi.fn() });
    await fireEvent.submit(screen.getByTestId('plan-create').closest('form')!);
    const error = await screen.findByTestId('plan-form-error');
    expect(error.textContent).toContain('must not be empty');
    expect(onCreated).not.toHaveBeenCalled();
  });

  it('sends the chosen subset of the pack and a question borrowed from another pack', async () => {
    let questions: unknown;
    mockIPC((cmd, args) =>
      packCommands(cmd, args, (c, a) => {
        if (c === 'create_plan') {
          questions = (a as { questions: unknown }).questions;
          return 43;
        }
        throw new Error(c);
      }),
    );
    const onCreated = vi.fn();
    render(PlanForm, { onCreated, onCancel: vi.fn() });
    await fireEvent.input(screen.getByTestId('plan-candidate'), { target: { value: 'Zoë' } });
    await fireEvent.click(await screen.findByTestId('picker-choose'));
    await fireEvent.click(screen.getByTestId('picker-none'));
    await fireEvent.click(screen.getByTestId('picker-q-1'));
    await fireEvent.click(screen.getByTestId('picker-q-12'));
    await fireEvent.change(screen.getByTestId('picker-other-pack'), { target: { value: 'acme-1a2b3c@2' } });
    await fireEvent.click(await screen.findByTestId('picker-other-q-2'));
    expect(screen.getByTestId('picker-count').textContent).toContain('3 questions');
    expect(screen.getByTestId('picker-borrowed').textContent).toContain('13');
    await fireEvent.submit(screen.getByTestId('plan-create').closest('form')!);
    await vi.waitFor(() => expect(onCreated).toHaveBeenCalledWith(43));
    expect(questions).toEqual({
      pack: { id: 'product-security-leadership', version: 1 },
      numbers: [1, 12],
      borrowed: [{ pack: { id: 'acme-1a2b3c', version: 2 }, number: 2 }],
    });
  });
});
