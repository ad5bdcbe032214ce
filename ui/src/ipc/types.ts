// The generated types the screens use, under the names they know. The bindings are split by
// Rust module (see src-tauri/src/bindings.rs); this file is the one list of what the UI takes
// from them. Add a name here when a screen needs another type.

export type { FirstPaint } from './bindings/hiring_panel_lib/commands/app';
export type { ExportedFile } from './bindings/panel_core/export';
export type { BackupInfo, BackupKind } from './bindings/panel_core/backup';
export type { BackupPage, BackupQuery } from './bindings/panel_core/backup/list';
export type { Restored } from './bindings/panel_core/backup/restore';
export type { DuePlan, Retention } from './bindings/panel_core/privacy/retention';
export type { PurgeReport, ScopedPlan } from './bindings/panel_core/privacy';
export type { BankPack, BankQuestion, PackRef } from './bindings/panel_core/bank/store';
export type { Question } from './bindings/panel_core/bank';
export type { PackDraft, PackSaved, PackView } from './bindings/panel_core/bank/editor';
export type { LevelGuidance } from './bindings/panel_core/bank/guidance';
export type { PackDiff, QuestionChange } from './bindings/panel_core/bank/packfile/diff';
export type { PackImported, PackPage, PackQuery, PackSummary } from './bindings/panel_core/bank/packfile/stored';
export type { BorrowedQuestion, QuestionSelection } from './bindings/panel_core/plans/questions';
export type { Capability, Level } from './bindings/panel_core/capability';
export type { CapabilitySummary, Debrief, DebriefCell, QuestionDebrief } from './bindings/panel_core/debrief';
export type { DecisionInput, DecisionKind } from './bindings/panel_core/debrief/decision';
export type {
  AddedItem,
  AgendaItem,
  AgendaKind,
  Meeting,
  MeetingOutcome,
  Movement,
  RescoreRequest,
  Seniority,
  Speaker,
} from './bindings/panel_core/debrief/meeting';
export type { ErrorCode, ErrorPayload } from './bindings/panel_core/error';
export type { AppStart, AppStatus } from './bindings/panel_core/health';
export type { ImportOutcome, SentKit } from './bindings/panel_core/exchange';
export type { LeadKeyChange } from './bindings/panel_core/exchange/lead_keys';
export type { ScorecardConflict } from './bindings/panel_core/exchange/scorecard_conflict';
export type { ComputerKey } from './bindings/panel_core/identity';
export type { PublicIdentity } from './bindings/panel_core/identity/public';
export type { FolderState, TeamFolder } from './bindings/panel_core/team';
export type { SyncedFile, SyncedKind, SyncReport } from './bindings/panel_core/team/sync';
export type { FolderConflict } from './bindings/panel_core/team/conflicts';
export type { PlanMode } from './bindings/panel_core/plans/mode';
export type { HeldKitInfo, PanelistExchange } from './bindings/panel_core/exchange/status';
export type { ImportResult } from './bindings/panel_core/exchange';
export type { Paper } from './bindings/panel_core/pdf';
export type { PlanStatus } from './bindings/panel_core/plans';
export type { QuestionMove } from './bindings/panel_core/plans/allocation';
export type { NewPlan } from './bindings/panel_core/plans/create';
export type { AssignmentView, PanelistView, PlanDetail } from './bindings/panel_core/plans/detail';
export type { PlanPage, PlanQuery, PlanSummary, When } from './bindings/panel_core/plans/list';
export type { NewPanelist } from './bindings/panel_core/plans/panelists';
export type { Recommendation } from './bindings/panel_core/scorecards';
export type { AnswerInput, OverallInput } from './bindings/panel_core/scorecards/answers';
export type { InterviewView } from './bindings/panel_core/scorecards/interview';
export type { PanelScorecards, PanelistProgress } from './bindings/panel_core/scorecards/progress';
export type { Amendment } from './bindings/panel_core/scorecards/review';
export type { Disclosure } from './bindings/panel_core/scorecards/access';
export type {
  JournalDraftRequest,
  RecoveredCard,
  RecoveredDraft,
  TypedDraft,
} from './bindings/panel_core/draft_journal';
export type { MinutesDraftRequest, RecoveredMinutes } from './bindings/panel_core/draft_journal/minutes';
export type { AnswerView, ScorecardView } from './bindings/panel_core/scorecards/view';
export type {
  CalibrationReport,
  CalibrationScope,
  InterviewerCalibration,
  QuestionCalibration,
  RecommendationCounts,
  ScopeChoice,
} from './bindings/panel_core/calibration/report';
export type { PanelistOffset, PlanAdjustment } from './bindings/panel_core/calibration/plan_adjustment';
export type { Person, PurgedPerson, Seat } from './bindings/panel_core/people';
export type { Comparison, ComparedPlan } from './bindings/panel_core/calibration/compare';
