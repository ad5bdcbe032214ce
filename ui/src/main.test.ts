// The page's entry (main.ts) decides when the shell's rendering of the first screen is laid out
// (once its font is loaded) and when the app is loaded (once that screen is painted), each with a
// limit, so a font that never loads or a webview that never reports its paint costs a wait and
// nothing else. The app itself is replaced by a stand-in here: what is tested is when it loads.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RENDERED_BY_SHELL, SHELL_MARKUP_LAID_OUT } from './lib/renderedByShell';

/** The stylesheet's text, as written. */
const appCss = Object.values(
  import.meta.glob('./app.css', { query: '?raw', import: 'default', eager: true }) as Record<string, string>,
)[0];

/** How many times the app was loaded. */
const loaded = { app: 0 };

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

/** A webview whose first contentful paint the test reports. */
function paintReportedBy() {
  const observers: ((list: { getEntriesByName: (name: string) => unknown[] }) => void)[] = [];
  class Observer {
    constructor(private readonly callback: (list: { getEntriesByName: (name: string) => unknown[] }) => void) {}
    observe() {
      observers.push(this.callback);
    }
    disconnect() {
      observers.splice(observers.indexOf(this.callback), 1);
    }
  }
  vi.stubGlobal('PerformanceObserver', Observer);
  return () => {
    for (const notify of [...observers]) {
      notify({ getEntriesByName: (name) => (name === 'first-contentful-paint' ? [{ name }] : []) });
    }
  };
}

/** The page as the shell serves it: `#app` holds the rendered list, or nothing. */
async function pageServed(renderedByShell: boolean) {
  document.body.innerHTML = renderedByShell
    ? `<div id="app" ${RENDERED_BY_SHELL}><main><h1>Plans</h1><td>Zoë Łukasiewicz</td></main></div>`
    : '<div id="app"></div>';
  vi.resetModules();
  vi.doMock('./boot', () => {
    loaded.app += 1;
    return {};
  });
  await import('./main');
}

const app = () => document.getElementById('app')!;
const laidOut = () => app().hasAttribute(SHELL_MARKUP_LAID_OUT);
/** Lets pending promises and module loads settle (fake timers keep the clock still). */
const settled = async () => {
  for (let i = 0; i < 5; i += 1) await vi.advanceTimersByTimeAsync(0);
};

beforeEach(() => {
  vi.useFakeTimers();
  loaded.app = 0;
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  Reflect.deleteProperty(document, 'fonts');
  document.body.innerHTML = '';
});

describe('the page entry', () => {
  it('loads the app at once when the shell served no markup', async () => {
    fontsLoadedBy();
    await pageServed(false);
    await settled();
    expect(loaded.app).toBe(1);
  });

  it('lays out the shell markup once its font is loaded, and loads the app once it is painted', async () => {
    const fonts = fontsLoadedBy();
    const painted = paintReportedBy();
    await pageServed(true);
    await settled();
    // Waiting for the fonts of the text on screen (the subsets its characters need).
    expect(fonts.asked).toHaveLength(1);
    expect(fonts.asked[0].text).toContain('Zoë Łukasiewicz');
    expect(laidOut()).toBe(false);
    expect(loaded.app).toBe(0);

    fonts.loaded();
    await settled();
    expect(laidOut()).toBe(true);
    expect(loaded.app).toBe(0);

    painted();
    await settled();
    expect(loaded.app).toBe(1);
  });

  it('lays out the markup with a stand-in font when its font never loads, and still loads the app', async () => {
    fontsLoadedBy();
    const painted = paintReportedBy();
    await pageServed(true);
    await vi.advanceTimersByTimeAsync(249);
    expect(laidOut()).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(laidOut()).toBe(true);
    painted();
    await settled();
    expect(loaded.app).toBe(1);
  });

  it('lays out the markup at once when the font fails, and loads the app when no paint is reported', async () => {
    const fonts = fontsLoadedBy();
    paintReportedBy();
    await pageServed(true);
    await settled();
    fonts.failed();
    await settled();
    expect(laidOut()).toBe(true);
    expect(loaded.app).toBe(0);
    await vi.advanceTimersByTimeAsync(100);
    await settled();
    expect(loaded.app).toBe(1);
  });

  it('keeps the shell markup out of the layout, in app.css, only until the attribute main.ts sets', () => {
    const rule = appCss.replace(/\s+/g, ' ');
    expect(rule).toContain(`#app[${RENDERED_BY_SHELL}]:not([${SHELL_MARKUP_LAID_OUT}]) { display: none; }`);
  });
});
