// The UI's one door to the desktop shell. Nothing outside this folder imports @tauri-apps/* or
// the generated bindings: screens call `api`, get plain data back, and catch `AppError` with a
// stable code. `api` gathers it: the first screen's calls (firstScreen.ts), what the shell tells
// the page as it happens (events.ts), and every command below; errors.ts turns answers into
// data or `AppError`, and the native file dialogs are in dialogs.ts.
import { commands } from './bindings';
import {
  chooseBackupFile,
  chooseExchangeFile,
  chooseFolder,
  choosePackFile,
  chooseSavePath,
} from './dialogs';
import { AppError, unwrap } from './errors';
import { shellEvents } from './events';
import { startUp } from './firstScreen';
import type {
  AddedItem,
  Amendment,
  AnswerInput,
  BackupQuery,
  CalibrationScope,
  DecisionInput,
  Disclosure,
  JournalDraftRequest,
  MinutesDraftRequest,
  NewPanelist,
  NewPlan,
  OverallInput,
  PackDraft,
  PackQuery,
  PackRef,
  PanelScorecards,
  QuestionSelection,
  Paper,
  PlanQuery,
  PlanStatus,
  QuestionMove,
  RescoreRequest,
  Seniority,
} from './types';

export type * from './types';
export { VOCABULARY } from './bindings/vocabulary';
export { PLANS_PAGE_ROWS } from './bindings';
export { AppError, replacedBySearch } from './errors';

/** The scorecards the plan screen asked for as it opened, until its panel takes them. */
let prefetchedScorecards: { planId: number; promise: Promise<PanelScorecards> } | null = null;


export const api = {
  ...startUp,
  ...shellEvents,
  /** Asks for a folder, then writes every panelist's kit into it; null if cancelled. */
  sendKits: async (planId: number, passphrase: string | null = null) => {
    const dir = await chooseFolder();
    if (!dir) return null;
    return unwrap(() => commands.sendKits({ planId, dir, passphrase }));
  },
  /** Asks which kit, scorecard or question pack file to import; null if cancelled. */
  chooseExchangeFile,
  /** Imports a kit or scorecard file; `replaceLocal` answers the lead's "replace?" question. */
  importExchangeFile: (
    path: string,
    replaceLocal = false,
    passphrase: string | null = null,
    acceptLeadKey: string | null = null,
  ) => unwrap(() => commands.importExchangeFile({ path, options: { replaceLocal, passphrase, acceptLeadKey } })),
  /** This computer's signing key: the fingerprint panelists compare with their first kit's. */
  getComputerKey: () => unwrap(() => commands.getComputerKey()),
  /** Asks where to save, then writes the panelist's signed scorecard; null if cancelled. */
  exportScorecardFile: async (
    planId: number,
    panelistId: number,
    suggestedName: string,
    passphrase: string | null = null,
  ) => {
    const path = await chooseSavePath(suggestedName, 'Hiring Panel scorecard', 'hpscore');
    if (!path) return null;
    return unwrap(() => commands.exportScorecardFile({ planId, panelistId, path, passphrase }));
  },
  /** Kit and scorecard files the system asked the app to open, not yet imported. */
  takeOpenedFiles: async (): Promise<string[]> => {
    try {
      return await commands.takeOpenedFiles();
    } catch (e) {
      throw new AppError('ipc', e instanceof Error ? e.message : String(e));
    }
  },
  questionBank: () => unwrap(() => commands.getQuestionBank()),
  /** One page of the backups, newest first, with how many the query lists in all. */
  listBackups: (query: BackupQuery) => unwrap(() => commands.listBackups(query)),
  backUpNow: () => unwrap(() => commands.backUpNow()),
  /** Replaces the database with the backup at `path` (the current one is kept first). */
  restoreBackup: (path: string) => unwrap(() => commands.restoreBackup(path)),
  /** Asks which backup file to restore; null if cancelled. */
  chooseBackupFile,
  /** Deletes a plan and its candidate for good (and from the backups). */
  purgePlan: (planId: number) => unwrap(() => commands.purgePlan(planId)),
  /** The plans a purge deletes: this one first, then copies that carry the candidate's name. */
  getPurgeScope: (planId: number) => unwrap(() => commands.getPurgeScope(planId)),
  getRetention: () => unwrap(() => commands.getRetention()),
  /** This computer's public identity line (to give the panel lead) and its fingerprint. */
  getPublicIdentity: () => unwrap(() => commands.getPublicIdentity()),
  /** The team folder and its state now, or null when there is none. */
  getTeamFolder: () => unwrap(() => commands.getTeamFolder()),
  /** Uses `path` as the team folder (refused unless it is there and writable), or none. */
  setTeamFolder: (path: string | null) => unwrap(() => commands.setTeamFolder(path)),
  /** Asks for a folder, then uses it as the team folder; undefined if cancelled. */
  chooseTeamFolder: async () => {
    const dir = await chooseFolder();
    if (!dir) return undefined;
    return unwrap(() => commands.setTeamFolder(dir));
  },
  /** One pass over the team folder: publishes what is due, imports what arrived. */
  syncTeamFolder: () => unwrap(() => commands.syncTeamFolder()),
  /** Tells the shell which exports the screen offers (the Export menu greys out the others). */
  setMenuExports: (offered: string[]) => commands.setMenuExports(offered),
  /** A plan's returns waiting in the team folder for the lead's choice. */
  getTeamConflicts: (planId: number) => unwrap(() => commands.getTeamConflicts(planId)),
  /** Keeps the card recorded here (`replace` false) or stores the returned one in its place. */
  resolveTeamConflict: (file: string, replace: boolean) =>
    unwrap(() => commands.resolveTeamConflict(file, replace)),
  /** Records (or with null removes) the identity line of the person a panelist's seat is. */
  setPanelistIdentity: (panelistId: number, line: string | null) =>
    unwrap(() => commands.setPanelistIdentity(panelistId, line)),
  setRetention: (months: number | null) => unwrap(() => commands.setRetention(months)),
  /** Asks where to save, then writes everything about the candidate; null if cancelled. */
  exportCandidateData: async (planId: number, suggestedName: string, disclosure: Disclosure | null = null) => {
    const path = await chooseSavePath(suggestedName, 'JSON', 'json');
    if (!path) return null;
    return unwrap(() => commands.exportCandidateData(planId, path, disclosure));
  },
  /** One page of the stored pack versions, with how many match. */
  listPacks: (query: PackQuery) => unwrap(() => commands.listPacks(query)),
  /** One pack version, as the editor shows it. */
  getPack: (pack: PackRef) => unwrap(() => commands.getPack(pack)),
  createPack: (title: string) => unwrap(() => commands.createPack(title)),
  duplicatePack: (pack: PackRef, title: string) => unwrap(() => commands.duplicatePack(pack, title)),
  savePack: (draft: PackDraft) => unwrap(() => commands.savePack(draft)),
  diffPacks: (from: PackRef, to: PackRef) => unwrap(() => commands.diffPacks(from, to)),
  /** Asks where to save, then writes the pack file; null if the user cancelled. */
  exportPackFile: async (pack: PackRef, suggestedName: string) => {
    const path = await chooseSavePath(suggestedName, 'Hiring Panel question pack', 'hppack');
    if (!path) return null;
    return unwrap(() => commands.exportPackFile(pack, path));
  },
  /** Asks which pack file to import, then imports it; null if the user cancelled. */
  importPackFile: async () => {
    const path = await choosePackFile();
    if (!path) return null;
    return api.importPackAt(path);
  },
  /** Imports the pack file at `path` (opened, dropped or picked with Import…). */
  importPackAt: (path: string) => unwrap(() => commands.importPackFile(path)),
  /** One page of the plans matching the query, with how many match and how many there are. */
  /**
   * One page of the Plans list. A first page is a search: the shell refuses it (`conflict`,
   * [`replacedBySearch`]) when a search it took as newer replaced it.
   */
  listPlans: (query: PlanQuery) => unwrap(() => commands.listPlans(query)),
  getPlan: (planId: number) => unwrap(() => commands.getPlan(planId)),
  createPlan: (plan: NewPlan, questions: QuestionSelection = {}) =>
    unwrap(() => commands.createPlan(plan, questions)),
  setPlanQuestions: (planId: number, questions: QuestionSelection) =>
    unwrap(() => commands.setPlanQuestions(planId, questions)),
  createSamplePlan: () => unwrap(() => commands.createSamplePlan()),
  createScoredSamplePlan: () => unwrap(() => commands.createScoredSamplePlan()),
  /** The calibration slate: about 20 scored plans for one role; returns their ids. */
  createCalibrationSample: () => unwrap(() => commands.createCalibrationSample()),
  /** How each interviewer scores against the panel, and each question's health. */
  getCalibration: (scope: CalibrationScope) => unwrap(() => commands.getCalibration(scope)),
  listPeople: () => unwrap(() => commands.listPeople()),
  getPersonSeats: (personId: number) => unwrap(() => commands.getPersonSeats(personId)),
  /** Merges `absorbed` into `kept` (audited). */
  mergePeople: (kept: number, absorbed: number) => unwrap(() => commands.mergePeople(kept, absorbed)),
  /** Makes one seat a person of its own (audited). */
  splitPersonSeat: (panelistId: number) => unwrap(() => commands.splitPersonSeat(panelistId)),
  /** "Former interviewer N" everywhere; scores kept (audited). */
  purgeInterviewer: (personId: number) => unwrap(() => commands.purgeInterviewer(personId)),
  /** The plan's capability means adjusted for interviewer leniency (an estimate), or why not. */
  getPlanAdjustment: (planId: number) => unwrap(() => commands.getPlanAdjustment(planId)),
  /** Turns the plan's adjusted means on or off; returns them as they now stand. */
  setAdjustedView: (planId: number, on: boolean) => unwrap(() => commands.setAdjustedView(planId, on)),
  /** Finalists side by side (two to six plans; sealed ones are refused). */
  comparePlans: (planIds: number[]) => unwrap(() => commands.comparePlans(planIds)),
  /** Asks where to save, then renders and writes the finalists comparison PDF. */
  exportComparison: async (planIds: number[], suggestedName: string, paper: Paper) => {
    const path = await chooseSavePath(suggestedName, 'PDF document', 'pdf');
    if (!path) return null;
    return unwrap(() => commands.exportComparison({ planIds, path, paper }));
  },
  /** Each question of a pack version with how it has worked in interviews. */
  /** A version's question health; `sameWordingAnywhere` (the editor) counts the same wording in any pack. */
  getPackQuestionHealth: (pack: PackRef, sameWordingAnywhere = false) =>
    unwrap(() => commands.getPackQuestionHealth(pack, sameWordingAnywhere)),
  addPanelist: (planId: number, panelist: NewPanelist) =>
    unwrap(() => commands.addPanelist({ planId, panelist })),
  /** Removes a panelist; one whose kit is out needs a disclosure (why and who, audited). */
  removePanelist: (planId: number, panelistId: number, disclosure: Disclosure | null = null) =>
    unwrap(() => commands.removePanelist({ planId, panelistId, disclosure })),
  previewSplit: (planId: number, coverage: number | null) =>
    unwrap(() => commands.previewSplit({ planId, coverage })),
  splitPlan: (planId: number, coverage: number | null) =>
    unwrap(() => commands.splitPlan({ planId, coverage })),
  moveQuestion: (planId: number, step: QuestionMove) =>
    unwrap(() => commands.moveQuestion({ planId, step })),
  setQuestionFixed: (planId: number, questionNumber: number, panelistId: number, pinned: boolean) =>
    unwrap(() => commands.setQuestionFixed({ planId, questionNumber, panelistId, pinned })),
  updatePlan: (planId: number, plan: NewPlan) =>
    unwrap(() => commands.updatePlan({ planId, plan })),
  setPlanStatus: (planId: number, status: PlanStatus) =>
    unwrap(() => commands.setPlanStatus({ planId, status })),
  duplicatePlan: (planId: number) => unwrap(() => commands.duplicatePlan(planId)),
  archivePlan: (planId: number, archived: boolean) =>
    unwrap(() => commands.archivePlan({ planId, archived })),
  updatePanelist: (planId: number, panelistId: number, panelist: NewPanelist) =>
    unwrap(() => commands.updatePanelist({ planId, panelistId, panelist })),
  reorderPanelists: (planId: number, order: number[]) =>
    unwrap(() => commands.reorderPanelists({ planId, order })),
  getInterview: (planId: number, panelistId: number) =>
    unwrap(() => commands.getInterview({ planId, panelistId })),
  saveAnswer: (planId: number, panelistId: number, answer: AnswerInput) =>
    unwrap(() => commands.saveAnswer({ planId, panelistId, answer })),
  saveOverall: (planId: number, panelistId: number, overall: OverallInput) =>
    unwrap(() => commands.saveOverall({ planId, panelistId, overall })),
  /** Keeps what was just typed outside SQLite until the autosave has it (the draft journal). */
  keepTypedDraft: (request: JournalDraftRequest) => unwrap(() => commands.keepTypedDraft(request)),
  /** What this panelist typed that never reached SQLite (the app closed first). */
  recoveredDrafts: (planId: number, panelistId: number) =>
    unwrap(() => commands.getRecoveredDrafts({ planId, panelistId })),
  /** Drops a recovered draft (`questionNumber` null: the overall part). */
  discardRecoveredDraft: (planId: number, panelistId: number, questionNumber: number | null) =>
    unwrap(() => commands.discardRecoveredDraft({ planId, panelistId, questionNumber })),
  /**
   * Starts loading a plan's scorecards alongside the plan itself (the plan screen asks for both
   * when it opens), so the panel below the plan does not wait for a second round trip after it.
   */
  prefetchPanelScorecards: (planId: number) => {
    const promise = unwrap(() => commands.getPanelScorecards(planId));
    promise.catch(() => {}); // a failure is reported by whoever takes it
    prefetchedScorecards = { planId, promise };
  },
  /** A plan's scorecards: the prefetched answer for this plan once, else asked now. */
  panelScorecards: (planId: number): Promise<PanelScorecards> => {
    const prefetched = prefetchedScorecards;
    prefetchedScorecards = null;
    if (prefetched?.planId === planId) return prefetched.promise;
    return unwrap(() => commands.getPanelScorecards(planId));
  },
  unsealScores: (planId: number, by: string, reason: string) =>
    unwrap(() => commands.unsealScores({ planId, by, reason })),
  submitScorecard: (planId: number, panelistId: number) =>
    unwrap(() => commands.submitScorecard({ planId, panelistId })),
  amendAnswer: (planId: number, panelistId: number, amendment: Amendment) =>
    unwrap(() => commands.amendAnswer({ planId, panelistId, amendment })),
  unlockScorecard: (planId: number, panelistId: number, pin: string) =>
    unwrap(() => commands.unlockScorecard({ planId, panelistId, pin })),
  lockScorecard: (planId: number, panelistId: number) =>
    unwrap(() => commands.lockScorecard({ planId, panelistId })),
  /** Sets (`next`), changes (`current` + `next`) or removes (`current`, `next` null) the PIN. */
  setScorecardPin: (planId: number, panelistId: number, current: string | null, next: string | null) =>
    unwrap(() => commands.setScorecardPin({ planId, panelistId, current, new: next })),
  /** The panelist says nobody else uses this laptop: interview mode stops suggesting a PIN. */
  declareSoleUser: (planId: number, panelistId: number) =>
    unwrap(() => commands.declareSoleUser({ planId, panelistId })),
  getDebrief: (planId: number) => unwrap(() => commands.getDebrief(planId)),
  recordDecision: (planId: number, decision: DecisionInput) =>
    unwrap(() => commands.recordDecision({ planId, decision })),
  /** Withdraws the recorded decision, with a reason and who reopens (audited). */
  reopenDecision: (planId: number, reason: string, by: string) =>
    unwrap(() => commands.reopenDecision({ planId, reason, by })),
  /** The debrief meeting: set-up and proposed agenda, or the frozen agenda with its record. */
  getMeeting: (planId: number) => unwrap(() => commands.getMeeting(planId)),
  setMeetingLength: (planId: number, minutes: number) =>
    unwrap(() => commands.setMeetingLength(planId, minutes)),
  /** Every panelist once, first speaker first; an empty list goes back to the default order. */
  setSpeakingOrder: (planId: number, order: number[]) =>
    unwrap(() => commands.setSpeakingOrder(planId, order)),
  setPanelistSeniority: (planId: number, panelistId: number, seniority: Seniority | null) =>
    unwrap(() => commands.setPanelistSeniority(planId, panelistId, seniority)),
  addAgendaItem: (planId: number, item: AddedItem) => unwrap(() => commands.addAgendaItem(planId, item)),
  removeAgendaItem: (planId: number, index: number) => unwrap(() => commands.removeAgendaItem(planId, index)),
  /** Freezes the agenda, its numbers and times (audited). */
  startMeeting: (planId: number) => unwrap(() => commands.startMeeting(planId)),
  saveMeetingMinutes: (planId: number, itemNumber: number, text: string) =>
    unwrap(() => commands.saveMeetingMinutes({ planId, itemNumber, text })),
  /** Keeps the minutes just typed in the draft journal, before the autosave reaches SQLite. */
  keepMeetingMinutes: (request: MinutesDraftRequest) => unwrap(() => commands.keepMeetingMinutes(request)),
  /** Minutes typed in this plan's meeting that never reached the database (the app closed first). */
  recoveredMinutes: (planId: number) => unwrap(() => commands.getRecoveredMinutes(planId)),
  /** Lets go of recovered minutes once restored (the autosave has them) or discarded. */
  discardRecoveredMinutes: (planId: number, itemNumber: number) =>
    unwrap(() => commands.discardRecoveredMinutes(planId, itemNumber)),
  recordItemTime: (planId: number, itemNumber: number, seconds: number) =>
    unwrap(() => commands.recordItemTime(planId, itemNumber, seconds)),
  /** A panelist's score after discussion, with why; their independent score again withdraws it. */
  recordDiscussionScore: (request: RescoreRequest) => unwrap(() => commands.recordDiscussionScore(request)),
  /** Asks where to save, then renders and writes the packet; null if the user cancelled. */
  exportDebriefPacket: async (planId: number, suggestedName: string, paper: Paper) => {
    const path = await chooseSavePath(suggestedName, 'PDF document', 'pdf');
    if (!path) return null;
    return unwrap(() => commands.exportDebriefPacket({ planId, path, paper }));
  },
  /** Asks where to save, then renders and writes one panelist's paper kit. */
  exportInterviewKit: async (planId: number, panelistId: number, suggestedName: string, paper: Paper) => {
    const path = await chooseSavePath(suggestedName, 'PDF document', 'pdf');
    if (!path) return null;
    return unwrap(() => commands.exportInterviewKit({ planId, panelistId, path, paper }));
  },
  /** Opens a file exported in this session in the system's viewer. */
  openExportedFile: (path: string) => unwrap(() => commands.openExportedFile(path)),
  /** Shows a file exported in this session in its folder, in the file manager. */
  showExportedFile: (path: string) => unwrap(() => commands.showExportedFile(path)),
  /** Asks where to save, then writes the calendar; resolves to the path, or null if cancelled. */
  exportCalendar: async (planId: number, suggestedName: string): Promise<string | null> => {
    const path = await chooseSavePath(suggestedName, 'Calendar', 'ics');
    if (!path) return null;
    await unwrap(() => commands.exportCalendar({ planId, path }));
    return path;
  },
};
