// The native file dialogs the screens open through `api`: where to save an export, which file
// to open, which folder to use. End-to-end tests cannot operate a native dialog, so the shell's
// test switches (read from `appStatus`) answer them instead.
import { open, save } from '@tauri-apps/plugin-dialog';
import type { AppStatus } from './types';

/**
 * Set only by end-to-end tests (HIRING_PANEL_TEST_EXPORT_DIR through `appStatus`): exports are
 * written there under their suggested name, and it is the folder chosen.
 */
let testExportDir: string | null = null;
/** Set only by end-to-end tests (HIRING_PANEL_TEST_OPEN_FILE): the file "Import…" takes. */
let testOpenFile: string | null = null;

/** Takes the test switches the shell reported (none outside end-to-end tests). */
export function rememberTestSwitches(status: AppStatus) {
  testExportDir = status.testExportDir;
  testOpenFile = status.testOpenFile;
}

/** Asks where to save (native dialog); null if the user cancelled. */
export async function chooseSavePath(suggestedName: string, kind: string, extension: string) {
  if (testExportDir) return `${testExportDir}/${suggestedName}`;
  return save({ defaultPath: suggestedName, filters: [{ name: kind, extensions: [extension] }] });
}

/** Asks which file of one kind to open (native dialog); null if the user cancelled. */
async function chooseFile(kind: string, extensions: string[]): Promise<string | null> {
  if (testOpenFile) return testOpenFile;
  const path = await open({ multiple: false, directory: false, filters: [{ name: kind, extensions }] });
  return typeof path === 'string' ? path : null;
}

/** Asks which kit, scorecard or question pack file to open; null if the user cancelled. */
export const chooseExchangeFile = () =>
  chooseFile('Hiring Panel kit, scorecard or question pack', ['hpkit', 'hpscore', 'hppack']);
/** Asks which question pack file to import; null if the user cancelled. */
export const choosePackFile = () => chooseFile('Hiring Panel question pack', ['hppack']);
/** Asks which backup file to restore; null if the user cancelled. */
export const chooseBackupFile = () => chooseFile('Hiring Panel database backup', ['db']);

/** Asks for a folder (native dialog); null if the user cancelled. */
export async function chooseFolder(): Promise<string | null> {
  if (testExportDir) return testExportDir;
  const path = await open({ directory: true, multiple: false });
  return typeof path === 'string' ? path : null;
}
