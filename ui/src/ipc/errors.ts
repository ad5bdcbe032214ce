// How a command's answer becomes data or a thrown `AppError` with a stable code.
import type { ErrorCode, ErrorPayload, LeadKeyChange, ScorecardConflict } from './types';

/**
 * Whether `e` is the shell's refusal of a Plans list search that a newer one replaced. Two
 * searches may reach the shell in another order than they were sent, so the one a screen takes
 * as its newest can be the one refused: that screen asks again.
 */
export const replacedBySearch = (e: unknown): boolean => e instanceof AppError && e.code === 'conflict';

/** A failure reported by the core (`code` from Rust) or by the IPC layer itself (`ipc`). */
export class AppError extends Error {
  readonly code: ErrorCode | 'ipc';
  /** With `lead_key_changed`: the fingerprints the panelist compares before accepting. */
  readonly leadKey: LeadKeyChange | null;
  /** With `conflict` from a scorecard import: how the two cards compare (facts, no scores). */
  readonly scorecardConflict: ScorecardConflict | null;

  constructor(
    code: ErrorCode | 'ipc',
    message: string,
    leadKey: LeadKeyChange | null = null,
    scorecardConflict: ScorecardConflict | null = null,
  ) {
    super(message);
    this.code = code;
    this.leadKey = leadKey;
    this.scorecardConflict = scorecardConflict;
    this.name = 'AppError';
  }
}

type CommandResult<T> = { status: 'ok'; data: T } | { status: 'error'; error: ErrorPayload };

/** The command's data, or an `AppError` with the core's code (`ipc` when the IPC itself failed). */
export async function unwrap<T>(call: () => Promise<CommandResult<T>>): Promise<T> {
  let result: CommandResult<T>;
  try {
    result = await call();
  } catch (e) {
    throw new AppError('ipc', e instanceof Error ? e.message : String(e));
  }
  if (result.status === 'ok') return result.data;
  const error: unknown = result.error;
  if (isErrorPayload(error))
    throw new AppError(error.code, error.message, error.leadKey ?? null, error.scorecardConflict ?? null);
  // Tauri itself (unknown command, permission denied) rejects with a plain string.
  throw new AppError('ipc', String(error));
}

function isErrorPayload(value: unknown): value is ErrorPayload {
  return typeof value === 'object' && value !== null && 'code' in value && 'message' in value;
}

