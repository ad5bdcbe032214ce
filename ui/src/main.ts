import { mount } from 'svelte';
import './app.css';
import App from './App.svelte';
import { api } from './ipc';
import { flushEverything } from './lib/closing';

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');

// Closing the window first writes everything still waiting for its autosave.
api.onWindowClose(flushEverything).catch((e: unknown) => {
  console.error('cannot watch the window closing; autosave still runs on its timers', e);
});

export default mount(App, { target });
