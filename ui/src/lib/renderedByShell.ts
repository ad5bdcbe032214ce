// The marks on `#app` when the shell served the first screen rendered in it
// (src-tauri/src/first_screen.rs). Their own module so the page's entry (`main.ts`) reads them
// without loading the app.

/** The attribute the shell sets on `#app` when it served the first screen rendered in it. */
export const RENDERED_BY_SHELL = 'data-rendered-by-shell';

/**
 * Set on `#app` once the shell's markup may be laid out: its font is loaded, or waited for long
 * enough (`main.ts`), and in any case once the app starts (`boot.ts`). Until then app.css keeps
 * that markup out of the layout.
 */
export const SHELL_MARKUP_LAID_OUT = 'data-font-ready';
