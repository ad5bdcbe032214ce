// What the native menu bar asks of the page (src-tauri/src/menu.rs): its items arrive as ids,
// and the page tells the shell which exports the screen offers, so the Export submenu greys out
// the others. An export item clicks the screen's own button for it (marked `data-menu-export`),
// so the menu does exactly what the button does, with its checks and messages.

/** The marks of the export buttons shown now, in document order, without repeats. */
export function offeredExports(root: ParentNode = document): string[] {
  const ids = [...root.querySelectorAll<HTMLElement>('[data-menu-export]')]
    .filter((button) => !(button as HTMLButtonElement).disabled)
    .map((button) => button.dataset.menuExport ?? '');
  return [...new Set(ids.filter((id) => id !== ''))];
}

/** Clicks the export button `id` marks; false when the screen shows none (or it is disabled). */
export function clickExport(id: string, root: ParentNode = document): boolean {
  const button = [...root.querySelectorAll<HTMLButtonElement>('[data-menu-export]')].find(
    (b) => b.dataset.menuExport === id,
  );
  if (!button || button.disabled) return false;
  button.click();
  return true;
}

/**
 * Tells `report` the exports offered whenever they change: a screen or a button appears, goes,
 * or is enabled. Changes are gathered to one check per frame. Returns a stop function.
 */
export function watchOfferedExports(report: (ids: string[]) => void, root: HTMLElement = document.body): () => void {
  let last = '';
  let queued = false;
  const check = () => {
    queued = false;
    const ids = offeredExports(root);
    const key = ids.join(',');
    if (key === last) return;
    last = key;
    report(ids);
  };
  const observer = new MutationObserver(() => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(check);
  });
  observer.observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: ['disabled', 'data-menu-export'] });
  check();
  return () => observer.disconnect();
}
