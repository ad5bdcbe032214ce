import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

/**
 * The first screen as the shell renders it (`src/firstScreen.server.ts`): Svelte's server build,
 * in one classic script the shell evaluates in a JavaScriptCore context, so it needs no module
 * loader. It goes into `dist/shell/`, next to the page's own build, and is embedded with it.
 * Screens that load on demand (dynamic imports) are never drawn in the first screen, so they
 * are left out: a smaller script is quicker to evaluate at start-up.
 */
export default defineConfig({
  plugins: [svelte(), leaveOutScreensLoadedOnDemand()],
  publicDir: false,
  build: {
    ssr: 'src/firstScreen.server.ts',
    outDir: 'dist/shell',
    emptyOutDir: true,
    target: 'safari15',
    minify: true,
    rollupOptions: { output: { format: 'iife', entryFileNames: 'first-screen.js' } },
  },
  // Everything in the one script: there is no module loader to find Svelte elsewhere.
  ssr: { noExternal: true },
});

function leaveOutScreensLoadedOnDemand() {
  const NEVER = '\0never-loaded';
  return {
    name: 'leave-out-screens-loaded-on-demand',
    resolveDynamicImport() {
      return NEVER;
    },
    load(id: string) {
      return id === NEVER ? 'export default null;' : null;
    },
  };
}
