// Importing kit and scorecard files, from any screen: the "Import…" button, Ctrl+O, or a file
// the file manager handed to the app. One importer lives in the app frame; screens ask it.
import { AppError, api, type ImportResult } from '../ipc';

/** A scorecard import the lead must confirm: it would replace one recorded on this computer. */
export type PendingReplace = { path: string; message: string };

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

export class Importer {
  busy = $state(false);
  message = $state<string | null>(null);
  error = $state<string | null>(null);
  pending = $state<PendingReplace | null>(null);

  constructor(private readonly onImported: (result: ImportResult) => void) {}

  /** Asks for a file, then imports it. */
  async pick(): Promise<void> {
    let path: string | null;
    try {
      path = await api.chooseExchangeFile();
    } catch (e) {
      this.error = (e as Error).message;
      return;
    }
    if (path) await this.run(path);
  }

  /** Imports one file; a "replace your local scorecard?" refusal becomes a question. */
  async run(path: string, replaceLocal = false): Promise<void> {
    this.busy = true;
    this.error = null;
    this.message = null;
    this.pending = null;
    try {
      const result = await api.importExchangeFile(path, replaceLocal);
      this.message = result.message;
      this.onImported(result);
    } catch (e) {
      if (e instanceof AppError && e.code === 'conflict') this.pending = { path, message: e.message };
      else this.error = `${baseName(path)} was not imported: ${(e as Error).message}`;
    } finally {
      this.busy = false;
    }
  }

  /** Imports every file the system asked the app to open, in order. */
  async drainOpened(): Promise<void> {
    let paths: string[];
    try {
      paths = await api.takeOpenedFiles();
    } catch (e) {
      this.error = (e as Error).message;
      return;
    }
    for (const path of paths) await this.run(path);
  }

  dismiss(): void {
    this.message = null;
    this.error = null;
    this.pending = null;
  }
}
