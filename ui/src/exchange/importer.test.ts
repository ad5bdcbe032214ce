import { afterEach, describe, expect, it } from 'vitest';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { Importer, conflictDifference } from './importer.svelte';
import type { ImportResult, ScorecardConflict } from '../ipc';

afterEach(() => clearMocks());

const received: ImportResult = {
  outcome: {
    kind: 'scorecard', planId: 3, panelistId: 1, panelistName: 'Ana Ortiz', candidate: 'Zoë',
    revision: 1, previousRevision: null, alreadyImported: false, replacedLocal: true,
  },
  message: 'Imported Ana Ortiz’s scorecard for Zoë (revision 1, replacing the scorecard recorded on this computer).',
};

describe('Importer', () => {
  it('asks before replacing a scorecard recorded on this computer, and replaces only when told', async () => {
    const calls: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd !== 'import_exchange_file') throw new Error(cmd);
      const request = (args as { request: { options: { replaceLocal: boolean } } }).request;
      calls.push(request);
      if (!request.options.replaceLocal) {
        throw { code: 'conflict', message: 'Ana Ortiz’s scorecard was submitted on this computer; it is replaced by this file only if you choose so' };
      }
      return received;
    });
    const opened: ImportResult[] = [];
    const importer = new Importer((r) => opened.push(r));
    await importer.run('/home/dana/Zoë - Ana Ortiz.hpscore');
    expect(importer.pending?.message).toContain('submitted on this computer');
    expect(opened).toHaveLength(0);
    await importer.answer({ replace: true });
    expect(importer.pending).toBeNull();
    expect(importer.message).toBe(received.message);
    expect(opened).toEqual([received]);
    expect(calls).toHaveLength(2);
  });

  it('shows both fingerprints when a kit’s key changed, and imports only once the new key is accepted', async () => {
    const accepted: (string | null)[] = [];
    const change = { lead: 'Dana Whitfield', known: '3F2A 9C01 0000 0000 0000 0000 0000 0001', offered: 'B7E4 1D20 0000 0000 0000 0000 0000 0002' };
    mockIPC((cmd, args) => {
      if (cmd !== 'import_exchange_file') throw new Error(cmd);
      const key = (args as { request: { options: { acceptLeadKey: string | null } } }).request.options.acceptLeadKey;
      accepted.push(key);
      if (key !== change.offered) {
        throw { code: 'lead_key_changed', message: 'this kit says it comes from Dana Whitfield, but …', leadKey: change };
      }
      return received;
    });
    const opened: ImportResult[] = [];
    const importer = new Importer((r) => opened.push(r));
    await importer.run('/home/ana/Zoë - Ana Ortiz.hpkit');
    expect(importer.pending?.kind).toBe('leadKey');
    expect(importer.pending?.leadKey).toEqual(change);
    expect(opened).toHaveLength(0);
    // Answering anything but an explicit accept imports nothing.
    await importer.answer({});
    expect(accepted).toEqual([null]);
    await importer.answer({ acceptLeadKey: true });
    expect(accepted).toEqual([null, change.offered]);
    expect(importer.pending).toBeNull();
    expect(opened).toEqual([received]);
  });

  it('names the file and the reason when an import is refused', async () => {
    mockIPC(() => {
      throw { code: 'rejected', message: 'the signature does not match: the file was changed' };
    });
    const importer = new Importer(() => {});
    await importer.run('/tmp/Zoë - Ben Okafor.hpscore');
    expect(importer.error).toBe(
      'Could not import Zoë - Ben Okafor.hpscore: the signature does not match: the file was changed',
    );
  });

  it('imports every file the system handed over, in order', async () => {
    const imported: string[] = [];
    mockIPC((cmd, args) => {
      if (cmd === 'take_opened_files') return ['/a/one.hpkit', '/a/two.hpscore'];
      if (cmd === 'import_exchange_file') {
        imported.push((args as { request: { path: string } }).request.path);
        return received;
      }
      throw new Error(cmd);
    });
    await new Importer(() => {}).drainOpened();
    expect(imported).toEqual(['/a/one.hpkit', '/a/two.hpscore']);
  });

  it('imports the kits and scorecards dropped on the window and names any other file', async () => {
    const imported: string[] = [];
    mockIPC((cmd, args) => {
      if (cmd === 'import_exchange_file') {
        imported.push((args as { request: { path: string } }).request.path);
        return received;
      }
      throw new Error(cmd);
    });
    const importer = new Importer(() => {});
    await importer.runDropped(['/a/one.HPKIT', '/a/notes.txt', '/a/two.hpscore']);
    expect(imported).toEqual(['/a/one.HPKIT', '/a/two.hpscore']);
    expect(importer.error).toBe(
      'Only kits (.hpkit), scorecards (.hpscore) and question packs (.hppack) can be dropped here; nothing was imported from notes.txt.',
    );
  });

  it('imports a question pack opened, dropped or picked like any other file, and shows it', async () => {
    const packs: string[] = [];
    mockIPC((cmd, args) => {
      if (cmd === 'import_pack_file') {
        const path = (args as { path: string }).path;
        packs.push(path);
        if (path.includes('clash')) throw { code: 'conflict', message: 'acme-security version 2 is already here with different questions' };
        return { id: 'acme-security', version: 2, questions: 12, alreadyPresent: path.includes('again') };
      }
      throw new Error(cmd);
    });
    const shown: { id: string; version: number }[] = [];
    const opened: ImportResult[] = [];
    const importer = new Importer((r) => opened.push(r), (p) => shown.push(p));
    await importer.runDropped(['/a/Acme.HPPACK']);
    expect(importer.message).toBe('Imported acme-security version 2 (12 questions).');
    expect(shown).toEqual([{ id: 'acme-security', version: 2, questions: 12, alreadyPresent: false }]);
    await importer.run('/a/acme again.hppack');
    expect(importer.message).toBe('acme-security version 2 is already here with the same content; nothing changed.');
    await importer.run('/a/acme clash.hppack');
    expect(importer.error).toBe(
      'Could not import acme clash.hppack: acme-security version 2 is already here with different questions',
    );
    expect(shown).toHaveLength(2);
    expect(opened).toHaveLength(0);
    expect(packs).toEqual(['/a/Acme.HPPACK', '/a/acme again.hppack', '/a/acme clash.hppack']);
  });

  it('asks for the passphrase of a protected file and imports with it', async () => {
    const sent: (string | null)[] = [];
    mockIPC((cmd, args) => {
      if (cmd !== 'import_exchange_file') throw new Error(cmd);
      const passphrase = (args as { request: { options: { passphrase: string | null } } }).request.options.passphrase;
      sent.push(passphrase);
      if (passphrase === null) throw { code: 'locked', message: 'this file is protected with a passphrase: …' };
      if (passphrase !== 'blue heron at dawn') throw { code: 'locked', message: 'that passphrase does not open this file' };
      return received;
    });
    const importer = new Importer(() => {});
    await importer.run('/home/ana/kit.hpkit');
    expect(importer.pending?.kind).toBe('passphrase');
    await importer.answer({ passphrase: 'wrong one!' });
    expect(importer.pending?.message).toContain('does not open this file');
    await importer.answer({ passphrase: 'blue heron at dawn' });
    expect(importer.pending).toBeNull();
    expect(importer.message).toBe(received.message);
    expect(sent).toEqual([null, 'wrong one!', 'blue heron at dawn']);
  });

  it('keeps the comparison a conflict carries with the replace question', async () => {
    const comparison: ScorecardConflict = {
      panelistId: 1, panelistName: 'Ana Ortiz', questions: 5,
      local: { status: 'draft', submittedAt: null, answered: 3 },
      file: { status: 'submitted', submittedAt: '2026-12-04T17:00:00Z', answered: 5, revision: 1, exportedAt: '2026-12-04T17:05:00Z', amendments: 0 },
      differingQuestions: [2], recommendationDiffers: false, summaryDiffers: true,
    };
    mockIPC(() => {
      throw { code: 'conflict', message: 'Ana Ortiz’s scorecard has answers recorded on this computer; …', scorecardConflict: comparison };
    });
    const importer = new Importer(() => {});
    await importer.run('/home/dana/Zoë - Ana Ortiz.hpscore');
    expect(importer.pending?.kind).toBe('replace');
    expect(importer.pending?.scorecardConflict).toEqual(comparison);
  });
});

describe('conflictDifference', () => {
  const base: ScorecardConflict = {
    panelistId: 1, panelistName: 'Ana Ortiz', questions: 6,
    local: { status: 'submitted', submittedAt: '2026-12-03T09:30:00Z', answered: 6 },
    file: { status: 'submitted', submittedAt: '2026-12-03T09:30:00Z', answered: 6, revision: 1, exportedAt: null, amendments: 0 },
    differingQuestions: [], recommendationDiffers: false, summaryDiffers: false,
  };

  it('names the differing questions and parts, never their values', () => {
    expect(conflictDifference({ ...base, differingQuestions: [3, 7], recommendationDiffers: true }))
      .toBe('Differs in questions 3, 7 and the overall recommendation.');
    expect(conflictDifference({ ...base, differingQuestions: [3, 7, 9] })).toBe('Differs in questions 3, 7 and 9.');
    expect(conflictDifference({ ...base, differingQuestions: [4] })).toBe('Differs in question 4.');
    expect(conflictDifference({ ...base, differingQuestions: [1, 2], recommendationDiffers: true, summaryDiffers: true }))
      .toBe('Differs in questions 1, 2, the overall recommendation and the summary.');
    expect(conflictDifference({ ...base, summaryDiffers: true })).toBe('Differs in the summary.');
  });

  it('says when only the status or the time of submission differs', () => {
    expect(conflictDifference(base)).toBe('The answers, recommendation and summary are the same in both.');
    expect(conflictDifference({ ...base, local: { status: 'draft', submittedAt: null, answered: 6 } }))
      .toBe('The answers, recommendation and summary are the same; only the status differs.');
    expect(conflictDifference({ ...base, file: { ...base.file, submittedAt: '2026-12-04T08:00:00Z' } }))
      .toBe('The answers, recommendation and summary are the same; only the time of submission differs.');
  });
});
