// The UI's one door to the desktop shell. Nothing else imports @tauri-apps/* or the generated
// bindings: screens call `api`, get plain data back, and catch `AppError` with a stable code.
import { getCurrentWindow } from '@tauri-apps/api/window';
import { save } from '@tauri-apps/plugin-dialog';
import { commands } from './bindings';
import type { ErrorCode, ErrorPayload } from './bindings';

export type {
  Amendment,
  AnswerInput,
  AnswerView,
  InterviewView,
  PanelScorecards,
  PanelistProgress,
  OverallInput,
  Recommendation,
  ScorecardView,
  AppStatus,
  AssignmentView,
  BankPack,
  BankQuestion,
  Capability,
  ErrorCode,
  ErrorPayload,
  Level,
  NewPanelist,
  NewPlan,
  PanelistView,
  PlanDetail,
  PlanStatus,
  PlanSummary,
  QuestionMove,
} from './bindings';
import type {
  Amendment,
  AnswerInput,
  NewPanelist,
  NewPlan,
  OverallInput,
  PlanStatus,
  QuestionMove,
} from './bindings';

/** A failure reported by the core (`code` from Rust) or by the IPC layer itself (`ipc`). */
export class AppError extends Error {
  readonly code: ErrorCode | 'ipc';

  constructor(code: ErrorCode | 'ipc', message: string) {
    super(message);
    this.code = code;
    this.name = 'AppError';
  }
}

type CommandResult<T> = { status: 'ok'; data: T } | { status: 'error'; error: ErrorPayload };

async function unwrap<T>(call: () => Promise<CommandResult<T>>): Promise<T> {
  let result: CommandResult<T>;
  try {
    result = await call();
  } catch (e) {
    throw new AppError('ipc', e instanceof Error ? e.message : String(e));
  }
  if (result.status === 'ok') return result.data;
  const error: unknown = result.error;
  if (isErrorPayload(error)) throw new AppError(error.code, error.message);
  // Tauri itself (unknown command, permission denied) rejects with a plain string.
  throw new AppError('ipc', String(error));
}

function isErrorPayload(value: unknown): value is ErrorPayload {
  return typeof value === 'object' && value !== null && 'code' in value && 'message' in value;
}

export const api = {
  appStatus: () => unwrap(() => commands.getAppStatus()),
  questionBank: () => unwrap(() => commands.getQuestionBank()),
  listPlans: () => unwrap(() => commands.listPlans()),
  getPlan: (planId: number) => unwrap(() => commands.getPlan(planId)),
  createPlan: (plan: NewPlan) => unwrap(() => commands.createPlan(plan)),
  createSamplePlan: () => unwrap(() => commands.createSamplePlan()),
  createScoredSamplePlan: () => unwrap(() => commands.createScoredSamplePlan()),
  addPanelist: (planId: number, panelist: NewPanelist) =>
    unwrap(() => commands.addPanelist({ planId, panelist })),
  removePanelist: (planId: number, panelistId: number) =>
    unwrap(() => commands.removePanelist({ planId, panelistId })),
  previewSplit: (planId: number, coverage: number | null) =>
    unwrap(() => commands.previewSplit({ planId, coverage })),
  splitPlan: (planId: number, coverage: number | null) =>
    unwrap(() => commands.splitPlan({ planId, coverage })),
  moveQuestion: (planId: number, step: QuestionMove) =>
    unwrap(() => commands.moveQuestion({ planId, step })),
  setPin: (planId: number, questionNumber: number, panelistId: number, pinned: boolean) =>
    unwrap(() => commands.setPin({ planId, questionNumber, panelistId, pinned })),
  updatePlan: (planId: number, plan: NewPlan) =>
    unwrap(() => commands.updatePlan({ planId, plan })),
  setPlanStatus: (planId: number, status: PlanStatus) =>
    unwrap(() => commands.setPlanStatus({ planId, status })),
  duplicatePlan: (planId: number) => unwrap(() => commands.duplicatePlan(planId)),
  archivePlan: (planId: number, archived: boolean) =>
    unwrap(() => commands.archivePlan({ planId, archived })),
  updatePanelist: (planId: number, panelistId: number, panelist: NewPanelist) =>
    unwrap(() => commands.updatePanelist({ planId, panelistId, panelist })),
  reorderPanelists: (planId: number, order: number[]) =>
    unwrap(() => commands.reorderPanelists({ planId, order })),
  getInterview: (planId: number, panelistId: number) =>
    unwrap(() => commands.getInterview({ planId, panelistId })),
  saveAnswer: (planId: number, panelistId: number, answer: AnswerInput) =>
    unwrap(() => commands.saveAnswer({ planId, panelistId, answer })),
  saveOverall: (planId: number, panelistId: number, overall: OverallInput) =>
    unwrap(() => commands.saveOverall({ planId, panelistId, overall })),
  panelScorecards: (planId: number) => unwrap(() => commands.getPanelScorecards(planId)),
  unsealScores: (planId: number, by: string, reason: string) =>
    unwrap(() => commands.unsealScores({ planId, by, reason })),
  submitScorecard: (planId: number, panelistId: number) =>
    unwrap(() => commands.submitScorecard({ planId, panelistId })),
  amendAnswer: (planId: number, panelistId: number, amendment: Amendment) =>
    unwrap(() => commands.amendAnswer({ planId, panelistId, amendment })),
  unlockScorecard: (planId: number, panelistId: number, pin: string) =>
    unwrap(() => commands.unlockScorecard({ planId, panelistId, pin })),
  lockScorecard: (planId: number, panelistId: number) =>
    unwrap(() => commands.lockScorecard({ planId, panelistId })),
  /** Sets (`next`), changes (`current` + `next`) or removes (`current`, `next` null) the PIN. */
  setScorecardPin: (planId: number, panelistId: number, current: string | null, next: string | null) =>
    unwrap(() => commands.setScorecardPin({ planId, panelistId, current, new: next })),
  /** Asks where to save, then writes the calendar; resolves to the path, or null if cancelled. */
  exportCalendar: async (planId: number, suggestedName: string): Promise<string | null> => {
    const path = await save({
      defaultPath: suggestedName,
      filters: [{ name: 'Calendar', extensions: ['ics'] }],
    });
    if (!path) return null;
    await unwrap(() => commands.exportCalendar({ planId, path }));
    return path;
  },
  /**
   * Runs `beforeClose` when the user closes the window (title bar, Alt+F4, the desktop's
   * close), then closes it. Resolves to the function that stops listening.
   */
  onWindowClose: (beforeClose: () => Promise<void>): Promise<() => void> =>
    getCurrentWindow().onCloseRequested(async () => {
      await beforeClose();
    }),
};
