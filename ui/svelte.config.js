import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

export default {
  preprocess: vitePreprocess(),
  compilerOptions: {
    // Styles go to the CSS file: the CSP forbids inline <style> injection.
    css: 'external',
  },
};
