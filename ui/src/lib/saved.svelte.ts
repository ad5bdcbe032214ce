/**
 * The one way the app says a file was saved: what was saved, under which name and in which
 * folder, with "Open" (for what the desktop can open) and "Show in folder". Every export
 * reports here; `SavedFile.svelte` shows the latest at the top of the content area until it is
 * dismissed, replaced, or the user goes to another screen.
 */

export interface SavedFileNotice {
  /** What was saved, as a sentence subject: "Debrief packet", "4 kits". */
  what: string;
  /** The file written (for several files, one of them: "Show in folder" selects it). */
  path: string;
  /** Several files were written into the folder: the message names the folder only. */
  several?: boolean;
  /** Offers "Open": for files the desktop has a viewer for (PDF, calendar). */
  openable: boolean;
  /** One more sentence the user needs now, e.g. that the kits need the passphrase. */
  detail?: string;
  /** Something about the file the user must know: characters a PDF prints as empty boxes. */
  warning?: string | null;
}

/** The file's name and its folder, split at the last separator. */
export function splitPath(path: string): { name: string; folder: string } {
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return cut < 0 ? { name: path, folder: '' } : { name: path.slice(cut + 1), folder: path.slice(0, cut) || '/' };
}

class SavedFiles {
  latest = $state<SavedFileNotice | null>(null);
  /** Why the last "Open" or "Show in folder" failed. */
  error = $state<string | null>(null);

  report(notice: SavedFileNotice) {
    this.latest = notice;
    this.error = null;
  }

  dismiss() {
    this.latest = null;
    this.error = null;
  }
}

export const savedFiles = new SavedFiles();
