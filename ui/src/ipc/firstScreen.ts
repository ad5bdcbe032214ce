// The first screen, from the shell to the Plans list. The shell reads the Plans list's
// unfiltered first page while the window starts and serves it in index.html as a JSON block
// (src-tauri/src/first_screen.rs), so the first screen needs no round trip; without it (a reload,
// a slow disk, a database that must be migrated first) the UI asks `start_app` as before. The
// answer is given to the Plans list once, and the list reports when it is painted.
//
// The shell also renders that first screen with these same components (Svelte's server renderer,
// `src/firstScreen.server.ts`) and serves the markup in `#app`, so the window paints the list
// before this script has run; the script then hydrates it (`boot.ts`). Both renders read the
// answer synchronously here (`startFromPage`, `firstPageFromPage`, `recoveredFromPage`), so they
// draw the same first frame.
import { commands, PLANS_PAGE_ROWS } from './bindings';
import { rememberTestSwitches } from './dialogs';
import { unwrap } from './errors';
import type { AppStart, AppStatus, FirstPaint, PlanPage, PlanQuery, RecoveredCard } from './types';

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
  if (given !== undefined) {
    const start = given;
    given = null;
    return isFirstPage(query) ? start : null;
  }
  const block = globalThis.document?.getElementById(BLOCK_ID);
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

/**
 * The answer given by the shell's server render (`carryStart`), which has no page to read it
 * from; `undefined` in the webview, where the block is read instead.
 */
let given: AppStart | null | undefined;

/** Gives the first screen's answer to a render outside the webview (the shell's, at start-up). */
export function carryStart(start: AppStart) {
  given = start;
}

/** What drew the first screen: the page, or the shell (`boot.ts` says, as it mounts). */
let drawnBy: FirstPaint = 'page';

/** Notes what drew the first screen, for the report. */
export function firstScreenDrawnBy(by: FirstPaint) {
  drawnBy = by;
}

/**
 * When the first screen was painted, on the page's clock: the webview's first contentful paint
 * when the shell served the first screen rendered (that paint was the list, drawn before any
 * script ran), else `now`, the first frame the script drew it in.
 */
function paintedAt(now: number): number {
  const paint = drawnBy === 'page' ? undefined : performance.getEntriesByName('first-contentful-paint')[0];
  return paint ? Math.min(now, paint.startTime) : now;
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
    const now = performance.now();
    commands.reportFirstScreen(screen, Math.round(now), Math.round(paintedAt(now)), drawnBy).catch(() => {});
  },
  /**
   * The app's status from the answer the page carried, synchronously, so the first render (the
   * shell's, and the hydration of it) draws the first screen at once; `null` if the page carried
   * none (ask `startApp`). Like `startApp`, it keeps the Plans list's page for the list to take.
   */
  startFromPage: (query: PlanQuery): AppStatus | null => {
    const start = takeStartFromPage(query);
    return start ? started(start, query) : null;
  },
  /**
   * The first screen in one round trip, when the page carried none (`startFromPage` is `null`):
   * the app's status, the Plans list's first page for `query` and the scorecards with kept
   * typed text. The Plans screen then takes the page
   * (`plansForFirstScreen`) and the cards (`recoveredCards`) without asking again. While the
   * shell is still checking a large database, this answer was read before the check's verdict
   * (`status.checkingDatabase`): ask `appStatus()` for it.
   */
  startApp: async (query: PlanQuery): Promise<AppStatus> =>
    started(await unwrap(() => commands.startApp(query)), query),
  /** Forgets the start-up answer (the first screen is not the Plans list after all). */
  discardFirstScreen: () => {
    firstScreen = null;
  },
  firstPageNow,
  recoveredNow,
  /** The page `startApp` read, once, if it was read for the same `query`; a fresh load after. */
  plansForFirstScreen: (query: PlanQuery): Promise<PlanPage> => {
    const page = firstPageNow(query);
    return page ? Promise.resolve(page) : unwrap(() => commands.listPlans(query));
  },
  /** The app's status; waits for the verdict of the start-up check of the database. */
  appStatus: async () => {
    const status = await unwrap(() => commands.getAppStatus());
    rememberTestSwitches(status);
    return status;
  },
  /** Scorecards with kept typed text: from the start-up answer the first time, else asked. */
  recoveredCards: (): Promise<RecoveredCard[]> => {
    const kept = recoveredNow();
    return kept ? Promise.resolve(kept) : unwrap(() => commands.listRecoveredCards());
  },
};

/** Keeps what the first screen needs from `start` (read for `query`); its status. */
function started(start: AppStart, query: PlanQuery): AppStatus {
  rememberTestSwitches(start.status);
  if (start.plans) firstScreen = { query: JSON.stringify(query), plans: start.plans, recovered: start.recovered };
  return start.status;
}

/**
 * The page `startApp` or `startFromPage` read for `query`, taken now (once), or `null`: the list's
 * first render draws it without waiting for a promise.
 */
function firstPageNow(query: PlanQuery): PlanPage | null {
  const start = firstScreen;
  if (!start || start.query !== JSON.stringify(query)) return null;
  firstScreen = { ...start, query: null };
  return start.plans;
}

/** The scorecards with kept typed text from the start-up answer, taken now (once), or `null`. */
function recoveredNow(): RecoveredCard[] | null {
  const kept = firstScreen?.recovered ?? null;
  if (firstScreen && kept) firstScreen = { ...firstScreen, recovered: null };
  return kept;
}
