import { describe, expect, it } from 'vitest';
import { suggestedFileName } from './format';

describe('suggested file names', () => {
  it('keep letters of every script and drop what file systems refuse', () => {
    expect(suggestedFileName('Debrief packet - Zoë Łukasiewicz-Петрова', 'pdf')).toBe(
      'Debrief packet - Zoë Łukasiewicz-Петрова.pdf',
    );
    expect(suggestedFileName('A/B: "C" <D>|E?*\\F\tG', 'ics')).toBe('A B C D E F G.ics');
    expect(suggestedFileName(' / ', 'pdf')).toBe('export.pdf');
  });
});
