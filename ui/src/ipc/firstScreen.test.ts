import { afterEach, describe, expect, it } from 'vitest';
import { takeStartFromPage } from './firstScreen';
import { toQuery, NO_FILTER } from '../plans/filter';

/** The block the shell writes into index.html (src-tauri/src/first_screen.rs). */
function carry(text: string) {
  const block = document.createElement('script');
  block.type = 'application/json';
  block.id = 'hp-start';
  block.textContent = text;
  document.head.append(block);
}

const start = {
  status: { version: '0.1.0', dataDir: '/d', schemaVersion: 14, databaseError: null, checkingDatabase: true,
            testExportDir: null, testOpenFile: null },
  plans: { plans: [], matching: 0, total: 0 },
  recovered: [],
};

describe('the first screen carried by the page', () => {
  afterEach(() => document.getElementById('hp-start')?.remove());

  it('is taken once, for the unfiltered first page', () => {
    // The shell writes every "<" as \u003c, so a typed "</script>" cannot end the block.
    carry(JSON.stringify(start).replace('/d', '\\u003c/script>'));
    const taken = takeStartFromPage(toQuery(NO_FILTER));
    expect(taken?.status.dataDir).toBe('</script>');
    expect(taken?.status.checkingDatabase).toBe(true);
    expect(takeStartFromPage(toQuery(NO_FILTER))).toBeNull();
  });

  it('is not used for another query, and is dropped so nothing stale is used later', () => {
    carry(JSON.stringify(start));
    expect(takeStartFromPage(toQuery({ ...NO_FILTER, search: 'ana' }))).toBeNull();
    expect(takeStartFromPage(toQuery(NO_FILTER))).toBeNull();
  });

  it('is ignored when it cannot be read, so the UI asks the shell', () => {
    carry('{"status": ');
    expect(takeStartFromPage(toQuery(NO_FILTER))).toBeNull();
    expect(document.getElementById('hp-start')).toBeNull();
  });

  it('is absent when the page was served without it', () => {
    expect(takeStartFromPage(toQuery(NO_FILTER))).toBeNull();
  });
});
