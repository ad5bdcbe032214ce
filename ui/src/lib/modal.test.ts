import { afterEach, describe, expect, it } from 'vitest';
import { openModal } from './modal';

afterEach(() => {
  document.body.innerHTML = '';
});

// jsdom has no modal dialogs; these stand-ins do what the browser does with open and close.
function dialogIn(parent: HTMLElement): HTMLDialogElement {
  const dialog = document.createElement('dialog');
  dialog.innerHTML = '<input>';
  dialog.showModal = () => dialog.setAttribute('open', '');
  dialog.close = () => {
    dialog.removeAttribute('open');
    dialog.dispatchEvent(new Event('close'));
  };
  parent.append(dialog);
  return dialog;
}

describe('openModal', () => {
  it('gives focus back to the opener when the dialog closes', () => {
    document.body.innerHTML = '<button id="opener">Change…</button>';
    const opener = document.getElementById('opener') as HTMLButtonElement;
    opener.focus();
    const dialog = dialogIn(document.body);
    openModal(dialog);
    expect(dialog.open).toBe(true);
    dialog.querySelector('input')!.focus();
    dialog.close();
    expect(document.activeElement).toBe(opener);
  });

  it('gives focus back when the dialog leaves the page, to the menu the opener sat in if it closed', () => {
    document.body.innerHTML = '<details open><summary id="more">More</summary><button id="edit">Edit</button></details>';
    (document.getElementById('edit') as HTMLButtonElement).focus();
    const dialog = dialogIn(document.body);
    const giveBack = openModal(dialog);
    document.querySelector('details')!.open = false;
    dialog.remove();
    giveBack();
    expect(document.activeElement?.id).toBe('more');
  });
});
