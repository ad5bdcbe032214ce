import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import PlanForm from './PlanForm.svelte';

afterEach(() => {
  cleanup();
  clearMocks();
});

// jsdom has no <dialog> methods.
HTMLDialogElement.prototype.showModal ??= function (this: HTMLDialogElement) {
  this.open = true;
};
HTMLDialogElement.prototype.close ??= function (this: HTMLDialogElement) {
  this.open = false;
};

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
});
