import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// The desktop shell loads the built files from ui/dist; `make run` builds them first.
export default defineConfig(({ mode }) => ({
  plugins: [svelte()],
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
  },
}));
