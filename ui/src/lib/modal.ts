/**
 * Every dialog opens the same way: as a modal `<dialog>` (the page behind is inert, so Tab and
 * the screen reader stay inside it, and Escape cancels it), and gives the keyboard focus back to
 * what had it when it closes, or when its component leaves the page — where the user was.
 */

/** What to give focus back to: the opener, or the summary of the closed menu it sat in. */
function returnTarget(opener: HTMLElement | null): HTMLElement | null {
  if (!opener?.isConnected) return null;
  const closedMenu = opener.closest('details:not([open])');
  return closedMenu?.querySelector<HTMLElement>('summary') ?? opener;
}

/**
 * Shows `dialog` as a modal; resolves focus back to the element focused before when the dialog
 * closes. Call the returned function when the dialog's component is destroyed (a dialog removed
 * from the page fires no `close`).
 */
export function openModal(dialog: HTMLDialogElement): () => void {
  const active = document.activeElement;
  const opener = active instanceof HTMLElement && active !== document.body && !dialog.contains(active) ? active : null;
  let returned = false;
  const giveBack = () => {
    if (returned) return;
    returned = true;
    dialog.removeEventListener('close', giveBack);
    returnTarget(opener)?.focus();
  };
  dialog.addEventListener('close', giveBack);
  if (!dialog.open) dialog.showModal();
  return giveBack;
}
