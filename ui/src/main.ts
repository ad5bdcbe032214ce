// The page's entry: small on purpose, because it decides when the first screen is painted.
//
// When the shell served the first screen rendered (src-tauri/src/first_paint.rs), the window
// can paint it from the HTML, CSS and font alone. Two things held that paint back on the
// benchmark machine (BENCHMARKS.md, start-up), each in about half of the starts:
//
// - Laid out before its font was loaded, every text run of the list waited for the font with a
//   stand-in that the system's font matching looked up first: 40–70 ms of the page's thread.
//   So app.css keeps the shell's markup out of the layout until the fonts it is drawn in are
//   loaded (`showOnceItsFontIsLoaded`), at most FONT_WAITED_AT_MOST_MS: the window shows nothing
//   meanwhile, as it would while that layout ran.
// - A script that is ready runs before the next paint: evaluating the app and hydrating the list
//   took the page's one thread for some 30 ms first. So the app (`boot.ts`, fetched and parsed
//   already: index.html preloads it) is loaded once that first paint is done
//   (`afterFirstPaint`), or FIRST_PAINT_WAITED_AT_MOST_MS after the markup is laid out if the
//   webview never says so.
//
// Without the shell's markup there is nothing to paint first, and the app loads at once.
// Until the app has taken over (tens of milliseconds), the list on screen is the shell's markup
// and a click on it does nothing; the log's "usable N ms later" says how long that was.
import './app.css';
import { afterFirstPaint, onceWithin } from './lib/frames';
import { RENDERED_BY_SHELL, SHELL_MARKUP_LAID_OUT } from './lib/renderedByShell';

/** How long the shell's markup waits for its font before it is laid out with a stand-in. */
export const FONT_WAITED_AT_MOST_MS = 250;

/** How long the app waits for the first paint, once the markup may be laid out, before it loads anyway. */
export const FIRST_PAINT_WAITED_AT_MOST_MS = 100;

function loadApp() {
  performance.mark('hp:app-loading');
  import('./boot').catch((e: unknown) => {
    console.error('the app could not be loaded', e);
  });
}

/**
 * Resolves once every stylesheet still loading has loaded or failed: the fonts are declared
 * there. (One that failed before this ran is waited for until the limit; they are the app's own
 * files, so that is a broken install, not a slow one.)
 */
function stylesheetsLoaded(): Promise<unknown> {
  const links = [...document.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]')];
  return Promise.all(
    links
      .filter((link) => !link.sheet)
      .map(
        (link) =>
          new Promise((settled) => {
            link.addEventListener('load', settled, { once: true });
            link.addEventListener('error', settled, { once: true });
          }),
      ),
  );
}

/**
 * Loads the fonts of the shell's markup (only the subsets its text needs), then lets it be laid
 * out and calls `then`.
 */
function showOnceItsFontIsLoaded(app: HTMLElement, then: () => void) {
  onceWithin(
    FONT_WAITED_AT_MOST_MS,
    (done) => {
      stylesheetsLoaded()
        .then(() => document.fonts.load(`1em ${getComputedStyle(app).fontFamily}`, app.textContent ?? ''))
        .then(() => performance.mark('hp:font-loaded'))
        .catch((e: unknown) => console.warn('the first screen is laid out before its font', e))
        .finally(done);
    },
    () => {
      app.setAttribute(SHELL_MARKUP_LAID_OUT, '');
      then();
    },
  );
}

const app = document.getElementById('app');
if (app?.hasAttribute(RENDERED_BY_SHELL)) {
  showOnceItsFontIsLoaded(app, () => afterFirstPaint(FIRST_PAINT_WAITED_AT_MOST_MS, loadApp));
} else {
  loadApp();
}
