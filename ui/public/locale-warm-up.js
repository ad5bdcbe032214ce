// A Web Worker the shell starts as the page begins (src-tauri/src/warm_up.rs), while the page's
// own script is still on its way.
//
// The first date the page formats (the Plans list's "Interview" column, in the first frame)
// pays for loading the locale's calendar and time zone data into the webview: 6–15 ms of the
// page's main thread on the benchmark machine (BENCHMARKS.md, start-up). That data is kept for
// the whole webview process, so formatting one date here, on another thread, loads it before the
// page asks, and the page's own formatter (ui/src/lib/format.ts) finds it ready. Any formatter
// loads it (after one, the page's, with its own options, took under 1 ms), so this one does not
// copy those options. If this never runs, the page pays that cost itself; the message back only
// marks the moment (hp:locale-warmed), for the start-up benchmark and the e2e check that the
// worker's file loads and runs.
new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date());
// When it was done, on the clock every page and worker shares.
postMessage(performance.timeOrigin + performance.now());
close();
