// The first screen, from the shell to the Plans list. The shell reads the Plans list's
// unfiltered first page while the window starts and serves it in index.html as a JSON block
// (src-tauri/src/first_screen.rs), so the first screen needs no round trip; without it (a reload,
// a slow disk, a database that must be migrated first) the UI asks `start_app` as before. The
// answer is given to the Plans list once, and the list reports when it is painted.
import { commands, PLANS_PAGE_ROWS } from './bindings';
import { rememberTestSwitches } from './dialogs';
import { unwrap } from './errors';
import type { AppStart, AppStatus, PlanPage, PlanQuery, RecoveredCard } from './types';

/** The id of the block the shell writes. */
const BLOCK_ID = 'hp-start';

/** Whether `query` is what the shell read ahead: no search, no filter, the first page. */
function isFirstPage(query: PlanQuery): boolean {
  return (
    query.search === '' &&
    query.status === null &&
    query.level === null &&
    query.when === 'any' &&
    query.offset === 0 &&
    query.limit === PLANS_PAGE_ROWS
  );
}

/**
 * The answer the page carried for `query`, once; `null` if it carried none (or another query was
 * asked). The block is removed either way: a later call must ask the shell for fresh data.
 */
export function takeStartFromPage(query: PlanQuery): AppStart | null {
  const block = document.getElementById(BLOCK_ID);
  if (!block) return null;
  block.remove();
  if (!isFirstPage(query)) return null;
  try {
    const start = JSON.parse(block.textContent ?? '') as AppStart;
    // Read by the start-up e2e test and when profiling: the page carried the first screen.
    performance.mark('hp:start-in-page');
    return start;
  } catch (e) {
    console.error('the first screen in the page could not be read; asking the shell', e);
    return null;
  }
}

let firstScreenReported = false;
/** What `startApp` read for the first screen, until the Plans screen takes it (each part once). */
let firstScreen: { query: string | null; plans: PlanPage; recovered: RecoveredCard[] | null } | null = null;

/** The start-up calls: the first screen's answer, taken once by the Plans list, and the report. */
export const startUp = {
  /** Whether the first screen has been reported (the app has started; see `reportFirstScreen`). */
  firstScreenShown: (): boolean => firstScreenReported,
  /**
   * Tells the shell the first screen is showing its data: it logs how long the start took
   * (the start-up benchmark waits for that line). Once per page load; never fails the caller.
   */
  reportFirstScreen: (screen: string) => {
    if (firstScreenReported) return;
    firstScreenReported = true;
    commands.reportFirstScreen(screen, Math.round(performance.now())).catch(() => {});
  },
  /**
   * The first screen in one round trip (none when the page carried it: `takeStartFromPage`):
   * the app's status, the Plans list's first page for `query` and the scorecards with kept
   * typed text. The Plans screen then takes the page
   * (`plansForFirstScreen`) and the cards (`recoveredCards`) without asking again. While the
   * shell is still checking a large database, this answer was read before the check's verdict
   * (`status.checkingDatabase`): ask `appStatus()` for it.
   */
  startApp: async (query: PlanQuery): Promise<AppStatus> => {
    const start = takeStartFromPage(query) ?? (await unwrap(() => commands.startApp(query)));
    rememberTestSwitches(start.status);
    if (start.plans) firstScreen = { query: JSON.stringify(query), plans: start.plans, recovered: start.recovered };
    return start.status;
  },
  /** Forgets the start-up answer (the first screen is not the Plans list after all). */
  discardFirstScreen: () => {
    firstScreen = null;
  },
  /** The page `startApp` read, once, if it was read for the same `query`; a fresh load after. */
  plansForFirstScreen: (query: PlanQuery): Promise<PlanPage> => {
    const start = firstScreen;
    if (start && start.query === JSON.stringify(query)) {
      firstScreen = { ...start, query: null };
      return Promise.resolve(start.plans);
    }
    return unwrap(() => commands.listPlans(query));
  },
  /** The app's status; waits for the verdict of the start-up check of the database. */
  appStatus: async () => {
    const status = await unwrap(() => commands.getAppStatus());
    rememberTestSwitches(status);
    return status;
  },
  /** Scorecards with kept typed text: from the start-up answer the first time, else asked. */
  recoveredCards: (): Promise<RecoveredCard[]> => {
    const kept = firstScreen?.recovered;
    if (firstScreen && kept) {
      firstScreen = { ...firstScreen, recovered: null };
      return Promise.resolve(kept);
    }
    return unwrap(() => commands.listRecoveredCards());
  },
};
