// The app itself, loaded by the page's entry (`main.ts`): mounts the app, or takes over the first
// screen the shell served rendered.
import { hydrate, mount } from 'svelte';
import App from './App.svelte';
import { api } from './ipc';
import { firstScreenDrawnBy } from './ipc/firstScreen';
import { RENDERED_BY_SHELL, SHELL_MARKUP_LAID_OUT } from './lib/renderedByShell';
import { flushEverything } from './lib/closing';
import { afterNextFrame } from './lib/frames';

// Start-up marks (read with performance.getEntriesByType('mark') when profiling a slow start).
// The theme in force as the script starts: the shell's initialization script applied the saved
// one before the first paint (src-tauri/src/warm_up.rs; an e2e test reads it here).
performance.mark('hp:script', { detail: { theme: document.documentElement.dataset.theme ?? null } });

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');

// Closing the window first writes everything still waiting for its autosave.
// If something could not be saved (a full disk, say), the first close is refused with a
// warning; closing again closes anyway, because the user has been told (and the draft journal
// still holds the text, offered back at the next start).
// Registered once the first frame is painted: asking the shell to listen is the page's first
// round trip, a few milliseconds of start-up, and nothing typed can be waiting to be saved yet.
function watchClosing() {
  let warned = false;
  api.onWindowClose(async () => {
    if (await flushEverything()) return true;
    if (warned) return true;
    warned = true;
    window.alert(
      'Some of your notes could not be saved (see "Not saved" at the top of the screen). ' +
        'Unless interview mode says "No safety copy", a copy is kept on this computer and offered ' +
        'back when you next open the app. ' +
        'Close the window again to quit anyway, or free disk space and wait for "Saved".',
    );
    return false;
  }).catch((e: unknown) => {
    console.error('cannot watch the window closing; autosave still runs on its timers', e);
  });
}

// The shell served the first screen already rendered (src-tauri/src/first_paint.rs): the window
// painted it before this script ran, and the app takes over that markup instead of drawing it
// again. Markup that does not match what the app draws is replaced (Svelte mounts afresh).
// The entry (`main.ts`) has let that markup be laid out by now; said again so that it can never
// stay out of the layout once the app runs.
const rendered = target.hasAttribute(RENDERED_BY_SHELL) ? target.firstElementChild : null;
target.setAttribute(SHELL_MARKUP_LAID_OUT, '');
if (rendered) hydrate(App, { target });
else mount(App, { target });
if (rendered) {
  // Taken over, the shell's elements are still in the page; replaced, they are not, and the head
  // start was lost: said where a slow start is diagnosed (and checked by the e2e tests).
  if (rendered.isConnected) {
    performance.mark('hp:hydrated');
    firstScreenDrawnBy('shell');
  } else {
    performance.mark('hp:rendered-again');
    firstScreenDrawnBy('shellReplaced');
    console.warn('the first screen the shell rendered did not match the app, which drew it again');
  }
}
afterNextFrame(watchClosing);
