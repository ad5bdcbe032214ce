// The page's entry (main.ts) decides when the shell's rendering of the first screen is laid out
// (once its stylesheets and font are loaded) and when the app is loaded (once that screen is
// painted), each with a limit, so a font that never loads or a webview that never reports its
// paint costs a wait and nothing else. The app itself is replaced by a stand-in here: what is
// tested is when, and how often, it is asked for (the entry marks `hp:app-loading` as it does).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RENDERED_BY_SHELL, SHELL_MARKUP_LAID_OUT } from './lib/renderedByShell';

/** The stylesheet's text, as written. */
const appCss = Object.values(
  import.meta.glob('./app.css', { query: '?raw', import: 'default', eager: true }) as Record<string, string>,
)[0];

/** How many times the entry asked for the app. */
const appLoads = () => performance.getEntriesByName('hp:app-loading').length;

/** A webview's font set whose loads the test settles. */
function fontsLoadedBy() {
  const asked: { font: string; text: string }[] = [];
  let settle: { resolve: () => void; reject: (e: Error) => void } | undefined;
  const fonts = {
    load: (font: string, text: string) => {
      asked.push({ font, text });
      return new Promise<void>((resolve, reject) => {
        settle = { resolve, reject };
      });
    },
  };
  Object.defineProperty(document, 'fonts', { value: fonts, configurable: true });
  return { asked, loaded: () => settle?.resolve(), failed: () => settle?.reject(new Error('no such font')) };
}

type Entries = { getEntriesByName: (name: string) => unknown[] };

/** A webview that reports paint entries when the test says; its observers and their options. */
function paintReportedBy() {
  const watching: { notify: (list: Entries) => void; options: unknown }[] = [];
  class Observer {
    private watch?: { notify: (list: Entries) => void; options: unknown };
    constructor(private readonly notify: (list: Entries) => void) {}
    observe(options: unknown) {
      this.watch = { notify: this.notify, options };
      watching.push(this.watch);
    }
    disconnect() {
      if (this.watch) watching.splice(watching.indexOf(this.watch), 1);
    }
  }
  vi.stubGlobal('PerformanceObserver', Observer);
  const report = (name: string) => {
    for (const { notify } of [...watching]) notify({ getEntriesByName: (asked) => (asked === name ? [{ name }] : []) });
  };
  return { watching, painted: () => report('first-contentful-paint'), report };
}

/** The page as the shell serves it: `#app` holds the rendered list, or nothing; the entry run. */
async function pageServed(renderedByShell: boolean, head = '') {
  document.head.innerHTML = head;
  document.body.innerHTML = renderedByShell
    ? `<div id="app" ${RENDERED_BY_SHELL} style="font-family: 'Inter Variable', sans-serif"><main><h1>Plans</h1><td>Zoë Łukasiewicz</td></main></div>`
    : '<div id="app"></div>';
  vi.resetModules();
  vi.doMock('./boot', () => ({}));
  return import('./main');
}

/** The shell's rendered list served in a webview whose fonts and paints the test settles. */
async function shellPageServed(head = '') {
  const fonts = fontsLoadedBy();
  const webview = paintReportedBy();
  const entry = await pageServed(true, head);
  await settled();
  return { fonts, webview, entry };
}

const app = () => document.getElementById('app')!;
const laidOut = () => app().hasAttribute(SHELL_MARKUP_LAID_OUT);
/** Lets pending promises and module loads settle (fake timers keep the clock still). */
const settled = async () => {
  for (let i = 0; i < 5; i += 1) await vi.advanceTimersByTimeAsync(0);
};

beforeEach(() => {
  // Only the timers: the page's own performance marks stay real.
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  performance.clearMarks();
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.doUnmock('./boot');
  Reflect.deleteProperty(document, 'fonts');
  document.head.innerHTML = '';
  document.body.innerHTML = '';
});

describe('the page entry', () => {
  it('loads the app at once when the shell served no markup', async () => {
    fontsLoadedBy();
    await pageServed(false);
    await settled();
    expect(appLoads()).toBe(1);
  });

  it('lays out the shell markup once its font is loaded, and loads the app once it is painted', async () => {
    const { fonts, webview } = await shellPageServed();
    // The fonts of the list's own family, for the text on screen (the subsets its characters need).
    expect(fonts.asked).toHaveLength(1);
    expect(fonts.asked[0].font).toContain('Inter Variable');
    expect(fonts.asked[0].text).toContain('Zoë Łukasiewicz');
    expect(laidOut()).toBe(false);

    fonts.loaded();
    await settled();
    expect(laidOut()).toBe(true);
    expect(appLoads()).toBe(0);
    // Paint entries the webview already had count too.
    expect(webview.watching[0].options).toMatchObject({ type: 'paint', buffered: true });

    // The first paint of anything is not the first contentful one.
    webview.report('first-paint');
    await settled();
    expect(appLoads()).toBe(0);

    webview.painted();
    await settled();
    expect(appLoads()).toBe(1);
    // Once: the observer is gone, and the time limit does not load it again.
    expect(webview.watching).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1000);
    expect(appLoads()).toBe(1);
  });

  it('waits for a stylesheet still loading before it asks for the fonts', async () => {
    const { fonts } = await shellPageServed('<link rel="stylesheet" href="/assets/boot.css">');
    expect(fonts.asked).toHaveLength(0);
    document.querySelector('link')!.dispatchEvent(new Event('load'));
    await settled();
    expect(fonts.asked).toHaveLength(1);
  });

  it('lays out the markup with a stand-in font when its font never loads, and still loads the app', async () => {
    const { webview, entry } = await shellPageServed();
    await vi.advanceTimersByTimeAsync(entry.FONT_WAITED_AT_MOST_MS - 1);
    expect(laidOut()).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(laidOut()).toBe(true);
    webview.painted();
    await settled();
    expect(appLoads()).toBe(1);
  });

  it('lays out the markup at once when the font fails, and loads the app when no paint is reported', async () => {
    const { fonts, webview, entry } = await shellPageServed();
    fonts.failed();
    await settled();
    expect(laidOut()).toBe(true);
    await vi.advanceTimersByTimeAsync(entry.FIRST_PAINT_WAITED_AT_MOST_MS - 1);
    expect(appLoads()).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(appLoads()).toBe(1);
    // The observer stops watching when the time limit wins.
    expect(webview.watching).toHaveLength(0);
    webview.painted();
    await settled();
    expect(appLoads()).toBe(1);
  });

  it('loads the app as soon as the markup is laid out in a webview that cannot report paints', async () => {
    const fonts = fontsLoadedBy();
    vi.stubGlobal('PerformanceObserver', undefined);
    await pageServed(true);
    await settled();
    fonts.loaded();
    await settled();
    expect(laidOut()).toBe(true);
    expect(appLoads()).toBe(1);
  });

  it('keeps the shell markup out of the layout, in app.css, only until the attribute main.ts sets', () => {
    const rule = appCss.replace(/\s+/g, ' ');
    expect(rule).toContain(`#app[${RENDERED_BY_SHELL}]:not([${SHELL_MARKUP_LAID_OUT}]) { display: none; }`);
  });
});
