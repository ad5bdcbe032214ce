// The first screen's answer that came inside the page. The shell reads the Plans list's
// unfiltered first page while the window starts and serves it in index.html as a JSON block
// (src-tauri/src/first_screen.rs), so the first screen needs no round trip; without it (a reload,
// a slow disk, a database that must be migrated first) the UI asks `start_app` as before.
import { PLANS_PAGE_ROWS } from './bindings';
import type { AppStart, PlanQuery } from './types';

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
