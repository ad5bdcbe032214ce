// Importing kit and scorecard files, from any screen: the "Import…" button, Ctrl+O, or a file
// the file manager handed to the app. One importer lives in the app frame; screens ask it.
import { AppError, api, type ImportResult, type LeadKeyChange } from '../ipc';

/**
 * An import waiting for the user: `replace` when a scorecard would replace one recorded on this
 * computer (the lead confirms), `passphrase` when the file is protected (the user types it),
 * `leadKey` when a kit is signed by another key than the one known for its lead (the panelist
 * compares the fingerprints with the lead and accepts the new key, or does not import).
 */
export type Pending = {
  kind: 'replace' | 'passphrase' | 'leadKey';
  path: string;
  message: string;
  replaceLocal: boolean;
  leadKey?: LeadKeyChange;
};

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

export class Importer {
  busy = $state(false);
  message = $state<string | null>(null);
  error = $state<string | null>(null);
  pending = $state<Pending | null>(null);

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

  /**
   * Imports one file. Two refusals become questions: "replace your local scorecard?" and "what
   * is the passphrase?"; the answer runs the import again.
   */
  async run(
    path: string,
    replaceLocal = false,
    passphrase: string | null = null,
    acceptLeadKey: string | null = null,
  ): Promise<void> {
    this.busy = true;
    this.error = null;
    this.message = null;
    this.pending = null;
    try {
      const result = await api.importExchangeFile(path, replaceLocal, passphrase, acceptLeadKey);
      this.message = result.message;
      this.onImported(result);
    } catch (e) {
      const code = e instanceof AppError ? e.code : null;
      const message = (e as Error).message;
      if (code === 'conflict') this.pending = { kind: 'replace', path, message, replaceLocal };
      else if (code === 'locked') this.pending = { kind: 'passphrase', path, message, replaceLocal };
      else if (code === 'lead_key_changed' && e instanceof AppError && e.leadKey)
        this.pending = { kind: 'leadKey', path, message, replaceLocal, leadKey: e.leadKey };
      else this.error = `${baseName(path)} was not imported: ${message}`;
    } finally {
      this.busy = false;
    }
    this.passphrase = passphrase;
  }

  /** The passphrase that opened (or failed to open) the last file, to reuse for a replace. */
  private passphrase: string | null = null;

  /** Answers the pending question: replace, try this passphrase, or accept the lead's new key. */
  async answer(value: { replace?: boolean; passphrase?: string; acceptLeadKey?: boolean }): Promise<void> {
    const pending = this.pending;
    if (!pending) return;
    if (pending.kind === 'replace') await this.run(pending.path, true, this.passphrase);
    else if (pending.kind === 'leadKey') {
      if (value.acceptLeadKey && pending.leadKey)
        await this.run(pending.path, pending.replaceLocal, this.passphrase, pending.leadKey.offered);
    }
    else await this.run(pending.path, pending.replaceLocal, value.passphrase ?? null);
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
