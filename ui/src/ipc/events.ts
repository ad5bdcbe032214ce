// What the shell and the window tell the page, as it happens: files handed over or dropped,
// changes made elsewhere, team-folder passes, menu items, the window closing. Each resolves
// to (or returns) the function that stops listening.
import { listen } from '@tauri-apps/api/event';
import type { SyncReport } from './types';

/**
 * The window's and the webview's own APIs (closing, dropped files) load when first used: they
 * were a sixth of the script a start parses before its first line runs (BENCHMARKS.md,
 * start-up), and the first screen is drawn without them (the drop listener starts with the
 * status, the close handler after the first frame).
 */
const currentWindow = () => import('@tauri-apps/api/window').then((m) => m.getCurrentWindow());
const currentWebview = () => import('@tauri-apps/api/webview').then((m) => m.getCurrentWebview());

/** Event the shell sends when the file manager hands the running app more files. */
const OPENED_FILES_EVENT = 'opened-files';
/** Event the shell sends when another program (panelctl, another window) changed the data. */
const DATA_CHANGED_EVENT = 'data-changed';
/** Event the shell sends when a background pass over the team folder did something. */
const TEAM_SYNCED_EVENT = 'team-synced';
/** Event the shell sends when a menu item for the page is chosen (payload: the item id). */
const MENU_EVENT = 'menu';

export const shellEvents = {
  /** Calls `handler` whenever the system hands the running app more files; resolves to unlisten. */
  onOpenedFiles: (handler: () => void): Promise<() => void> =>
    listen(OPENED_FILES_EVENT, () => handler()),
  /**
   * Files dragged over and dropped on the window: `over` with true while they hover (false when
   * they leave or land), `dropped` with their paths. Resolves to unlisten.
   */
  onFileDrop: (over: (hovering: boolean) => void, dropped: (paths: string[]) => void): Promise<() => void> =>
    currentWebview().then((webview) =>
      webview.onDragDropEvent((event) => {
        const p = event.payload;
        if (p.type === 'drop') {
          over(false);
          dropped(p.paths);
        } else over(p.type !== 'leave');
      }),
    ),
  /** Calls `handler` when another program changed the data; resolves to unlisten. */
  onDataChanged: (handler: () => void): Promise<() => void> => listen(DATA_CHANGED_EVENT, () => handler()),
  /**
   * How a screen follows changes made outside this window: `reload` runs when another program
   * (panelctl, a second window) wrote to the database, or when a team-folder pass did what
   * `fromTeam` looks for (by default: imported any file). Returns the function that stops
   * listening, for the screen's cleanup.
   */
  followChangesElsewhere: (
    reload: () => void,
    fromTeam: (report: SyncReport) => boolean = (report) => report.imported.length > 0,
  ): (() => void) => {
    const stops: (() => void)[] = [];
    let stopped = false;
    const keep = (listening: Promise<() => void>) =>
      listening.then((stop) => (stopped ? stop() : stops.push(stop))).catch(() => {});
    keep(listen(DATA_CHANGED_EVENT, () => reload()));
    keep(
      listen<SyncReport>(TEAM_SYNCED_EVENT, (event) => {
        if (fromTeam(event.payload)) reload();
      }),
    );
    return () => {
      stopped = true;
      stops.forEach((stop) => stop());
    };
  },
  /** Calls `handler` with the id of each menu item chosen for the page; resolves to unlisten. */
  onMenu: (handler: (item: string) => void): Promise<() => void> =>
    listen<string>(MENU_EVENT, (event) => handler(event.payload)),
  /** Calls `handler` with what each background team-folder pass did; resolves to unlisten. */
  onTeamSynced: (handler: (report: SyncReport) => void): Promise<() => void> =>
    listen<SyncReport>(TEAM_SYNCED_EVENT, (event) => handler(event.payload)),
  /**
   * Runs `beforeClose` when the user closes the window (title bar, Alt+F4, the desktop's
   * close); the window closes unless it resolves to false. Resolves to the unlisten function.
   */
  onWindowClose: (beforeClose: () => Promise<boolean>): Promise<() => void> =>
    currentWindow().then((window) =>
      window.onCloseRequested(async (event) => {
        if (!(await beforeClose())) event.preventDefault();
      }),
    ),
  /** Closes the window at once, without the flush `onWindowClose` runs (the recovery screen). */
  quitNow: (): Promise<void> => currentWindow().then((window) => window.destroy()),
};
