import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import type { Plugin, Rolldown } from 'vite';

/**
 * Starts loading the window's Latin font with the page, not when the first layout asks for it,
 * so the first frame does not wait to fetch and decode it (start-up: BENCHMARKS.md).
 */
function preloadLatinFont(): Plugin {
  return {
    name: 'preload-latin-font',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const font = Object.keys(ctx.bundle ?? {}).find((f) => /inter-latin-wght-normal-[^/]*\.woff2$/.test(f));
        if (!font) return [];
        return [{ tag: 'link', attrs: { rel: 'preload', href: `/${font}`, as: 'font', type: 'font/woff2', crossorigin: '' }, injectTo: 'head' }];
      },
    },
  };
}

/**
 * The app proper (`src/boot.ts`) is a dynamic import of the page's entry, loaded once the first
 * screen is painted (`src/main.ts`). Its stylesheets go into index.html as stylesheets all the
 * same, because the first screen the shell rendered needs them to be painted; its scripts are
 * preloaded (fetched and parsed, not run), so loading it costs no wait for the files.
 */
function loadTheAppWithThePage(): Plugin {
  return {
    name: 'load-the-app-with-the-page',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        // The dev server loads modules as they are asked for: nothing to preload.
        if (!ctx.bundle) return [];
        const chunks = Object.values(ctx.bundle).filter((f): f is Rolldown.OutputChunk => f.type === 'chunk');
        const boot = chunks.find((c) => c.facadeModuleId?.endsWith('/src/boot.ts'));
        if (!boot) throw new Error('the build has no chunk for src/boot.ts');
        const scripts = new Set<string>();
        const styles = new Set<string>();
        const visit = (chunk: Rolldown.OutputChunk) => {
          if (scripts.has(chunk.fileName)) return;
          scripts.add(chunk.fileName);
          chunk.viteMetadata?.importedCss.forEach((css) => styles.add(css));
          chunk.imports.forEach((name) => {
            const imported = chunks.find((c) => c.fileName === name);
            if (imported && !imported.isEntry) visit(imported);
          });
        };
        visit(boot);
        return [
          ...[...styles].map((href) => ({ tag: 'link', attrs: { rel: 'stylesheet', crossorigin: '', href: `/${href}` }, injectTo: 'head' as const })),
          ...[...scripts].map((href) => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: '', href: `/${href}` }, injectTo: 'head' as const })),
        ];
      },
    },
  };
}

// The desktop shell loads the built files from ui/dist; `make run` builds them first.
export default defineConfig(({ mode }) => ({
  plugins: [svelte(), preloadLatinFont(), loadTheAppWithThePage()],
  clearScreen: false,
  server: { port: 5173, strictPort: true },
  build: {
    target: 'safari15',
    // No data: URLs or inline module preloads: the CSP allows scripts and fonts from 'self' only.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
  // Under vitest, resolve Svelte's browser build so components mount in jsdom.
  resolve: mode === 'test' ? { conditions: ['browser'] } : undefined,
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.ts'],
    setupFiles: ['src/test-setup.ts'],
    // Stylesheets are empty under test, but for the rule a test reads as written (src/main.test.ts).
    css: { include: [/\/src\/app\.css/] },
  },
}));
