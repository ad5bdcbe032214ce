import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import PlanQuestions from './PlanQuestions.svelte';
import { planDetail, QUESTIONS } from '../test-fixtures';

afterEach(() => {
  cleanup();
  clearMocks();
});

describe('The questions a plan asks', () => {
  it('says how many of its pack it asks from the plan alone, with no round trip', () => {
    const asked: string[] = [];
    mockIPC((cmd) => {
      asked.push(cmd);
      return null;
    });
    // QUESTIONS holds 3 of the pack's 18.
    render(PlanQuestions, { plan: planDetail({ questions: QUESTIONS, packSize: 18 }), onChange: () => {} });
    expect(screen.getByTestId('plan-pack').textContent).toMatch(/3 questions from .*version 1 \(3\s+of its 18\)\./);
    expect(asked).toEqual([]);
  });

  it('says nothing of the pack size when the plan asks every question of it', () => {
    mockIPC(() => null);
    render(PlanQuestions, { plan: planDetail({ questions: QUESTIONS, packSize: 3 }), onChange: () => {} });
    expect(screen.getByTestId('plan-pack').textContent).not.toContain('of its');
  });
});
