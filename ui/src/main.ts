import { mount } from 'svelte';
import './app.css';
import App from './App.svelte';
import { api } from './ipc';
import { flushEverything } from './lib/closing';
import { afterNextFrame } from './lib/frames';

// Start-up marks (read with performance.getEntriesByType('mark') when profiling a slow start).
performance.mark('hp:script');

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

const app = mount(App, { target });
afterNextFrame(watchClosing);

export default app;
