import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import SavedFile from './SavedFile.svelte';
import { savedFiles, splitPath } from './saved.svelte';

afterEach(() => {
  cleanup();
  clearMocks();
  savedFiles.dismiss();
});

describe('Saved-file message', () => {
  it('names what was saved, the file and its folder, and opens or shows only that file', async () => {
    const calls: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, (args as { path: string }).path]);
      if (cmd === 'show_exported_file') throw { code: 'invalid_input', message: 'no file manager answered' };
      return null;
    });
    render(SavedFile);
    expect(screen.queryByTestId('saved-file')).toBeNull();
    savedFiles.report({ what: 'Debrief packet', path: '/home/dana/Debrief packet - Zoë.pdf', openable: true });
    const message = await screen.findByTestId('saved-file');
    expect(message.textContent?.replace(/\s+/g, ' ')).toContain(
      'Debrief packet saved as Debrief packet - Zoë.pdf in /home/dana',
    );
    await fireEvent.click(screen.getByTestId('saved-file-open'));
    await fireEvent.click(screen.getByTestId('saved-file-show'));
    expect(calls).toEqual([
      ['open_exported_file', '/home/dana/Debrief packet - Zoë.pdf'],
      ['show_exported_file', '/home/dana/Debrief packet - Zoë.pdf'],
    ]);
    // A failure says why, in the same place.
    expect((await screen.findByTestId('saved-file-error')).textContent).toBe('no file manager answered');
    await fireEvent.click(screen.getByTestId('saved-file-dismiss'));
    expect(screen.queryByTestId('saved-file')).toBeNull();
  });

  it('offers Open only for files the desktop can show, and names only the folder for several', async () => {
    render(SavedFile);
    savedFiles.report({ what: '3 kits', path: '/srv/kits/a.hpkit', several: true, openable: false, detail: 'Send each panelist their own file.' });
    const message = await screen.findByTestId('saved-file');
    expect(message.textContent?.replace(/\s+/g, ' ')).toContain('3 kits saved in /srv/kits');
    expect(message.textContent).toContain('Send each panelist their own file.');
    expect(screen.queryByTestId('saved-file-open')).toBeNull();
    expect(screen.queryByTestId('saved-file-name')).toBeNull();
    expect(screen.getByTestId('saved-file-show')).toBeTruthy();
  });

  it('says which characters a PDF prints as boxes, with the file', async () => {
    render(SavedFile);
    const warning =
      '1 character in this PDF has no glyph in any font on this machine: it prints as an empty box (the text copies and searches as typed): U+1FAE8 🫨';
    savedFiles.report({ what: 'Debrief packet', path: '/home/dana/Debrief packet - Zoë 🫨.pdf', openable: true, warning });
    expect((await screen.findByTestId('saved-file-warning')).textContent).toBe(warning);
    savedFiles.report({ what: 'Debrief packet', path: '/home/dana/Debrief packet - Zoë.pdf', openable: true, warning: null });
    await screen.findByText('Debrief packet - Zoë.pdf');
    expect(screen.queryByTestId('saved-file-warning')).toBeNull();
  });

  it('splits a path into name and folder', () => {
    expect(splitPath('/a/b/c.pdf')).toEqual({ name: 'c.pdf', folder: '/a/b' });
    expect(splitPath('/c.pdf')).toEqual({ name: 'c.pdf', folder: '/' });
    expect(splitPath('C:\\x\\y.ics')).toEqual({ name: 'y.ics', folder: 'C:\\x' });
  });
});
