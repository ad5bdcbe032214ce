// The first screen, rendered by the shell before the app's script runs.
//
// At start-up the window paints nothing until the app's script has loaded, run and drawn the
// Plans list: most of the page's part of the start (BENCHMARKS.md, start-up). So the shell runs
// this file, built for Svelte's server renderer (`vite.shell.config.ts`), in a JavaScriptCore
// context of its own while the window starts, gives it the same start-up answer it puts in the
// page, and serves the markup it returns inside `#app` (src-tauri/src/first_paint.rs). The
// window paints the list as soon as the HTML, CSS and font are in (the page's small entry,
// `main.ts`, waits for the font), and the app's script then hydrates that markup (`boot.ts`).
// The same components draw both, so the list has one home.
import { render } from 'svelte/server';
import App from './App.svelte';
import { carryStart } from './ipc/firstScreen';
import type { AppStart } from './ipc/types';

/** The shell calls this with the start-up answer as JSON; it returns the markup of `#app`. */
function renderFirstScreen(startJson: string): string {
  carryStart(JSON.parse(startJson) as AppStart);
  return render(App, {}).body;
}

(globalThis as { renderFirstScreen?: typeof renderFirstScreen }).renderFirstScreen = renderFirstScreen;
