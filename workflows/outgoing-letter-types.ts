/**
 * The contract between the outgoing-letter workflow (`letter-<id>`), its activities and the API.
 * Types and plain constants only: the workflow bundle imports this file, so it must stay deterministic.
 * No PDF, passphrase or private key ever travels in these payloads: ids, version numbers and hashes only.
 */

import type { IncomingLetterInput } from './incoming-letter-types';
import type { WorkCalendar } from './working-time';

export type LetterStatus =
  | 'draft' // being written by the drafter (also after a verifier returned it)
  | 'verifying' // with verifier number `stepIndex`, strictly in the chosen order
  | 'numbering' // waiting for the bagian umum (admin_opd) of the drafter's OPD to type the number
  | 'signing' // waiting for the chosen signer's passphrase
  | 'sending' // signed; being delivered to the recipient OPDs
  | 'sent' // delivered to every recipient (terminal)
  | 'withdrawn'; // withdrawn by the drafter before signing (terminal)

export type Urgency = 'sangat_segera' | 'segera' | 'biasa';
export type StepKind = 'verify' | 'number' | 'sign';

/** How long each step may take and when to remind, fixed at start from configuration (per urgency). */
export interface StepDeadlines {
  /** Hours from a step's start to its due time. */
  stepHours: number;
  /** Hours before the due time at which the assignee gets a reminder (0: none). */
  reminderBeforeHours: number;
  /** Days off do not count towards stepHours; absent in letters started before calendars existed. */
  calendar?: WorkCalendar;
}

export interface OutgoingLetterInput {
  letterId: number;
  drafterId: number;
  /** The drafter's OPD: its bagian umum numbers the letter. */
  opdId: number;
  /** The version created with the draft (1). */
  versionNo: number;
  deadlines: StepDeadlines;
}

/** What a draft holds; saved as a new version on every edit (by the drafter, or a verifier's edits). */
export interface LetterContent {
  kind: string;
  subject: string;
  sifat: string;
  urgency: Urgency;
  classification: string;
  /** The template's fields; rich text already sanitised by the API. */
  fields: Record<string, unknown>;
  recipientOpdIds: number[];
  ccOpdIds: number[];
}

export interface CurrentStep {
  kind: StepKind;
  /** For verify steps: the position in verifierIds. */
  index: number;
  /** Null for numbering: any admin_opd of the drafter's OPD may act. */
  assigneeId: number | null;
  /** ISO timestamp (workflow time). */
  startedAt: string;
  dueAt: string;
}

/** The workflow's view of the letter, answered by the `state` query and returned by every update. */
export interface LetterState {
  letterId: number;
  status: LetterStatus;
  drafterId: number;
  opdId: number;
  versionNo: number;
  verifierIds: number[];
  signerId: number | null;
  /** The verifier index verification starts (or resumes) at. */
  resumeAt: number;
  currentStep: CurrentStep | null;
  number: string | null;
  /** yyyy-mm-dd, set with the number. */
  date: string | null;
  /** Verification code of the signed document, once signed. */
  documentCode: string | null;
}

// ---- Update arguments. `actorId` and the actor facts are established by the API from the session. ----

export interface SaveDraftArgs {
  actorId: number;
  /** The version the editor started from; a stale one is refused. */
  baseVersionNo: number;
  content: LetterContent;
}

export interface SubmitArgs {
  actorId: number;
  baseVersionNo: number;
  /** Ordered; on resubmission after a return they must equal the original choice (or be omitted). */
  verifierIds?: number[];
  signerId?: number;
}

export interface VerifyArgs {
  actorId: number;
  baseVersionNo: number;
  decision: 'approve' | 'return';
  /** Required when returning. */
  note?: string;
  /** Approve with edits: the verifier's own new version. */
  content?: LetterContent;
  actingFor?: ActingFor;
}

/**
 * An acting official (Plt / Plh) doing the step of the official it was assigned to. The API found the
 * delegation in force and passes it; the workflow then accepts the acting official for the principal.
 */
export interface ActingFor {
  delegationId: number;
  principalId: number;
  kind: 'plt' | 'plh';
}

export interface AssignNumberArgs {
  actorId: number;
  /** Whether the actor holds admin_opd, and in which OPD (the API knows; the workflow checks). */
  actorIsAdmin: boolean;
  actorOpdId: number | null;
  number: string;
  /** yyyy-mm-dd */
  date: string;
}

export interface SignArgs {
  actorId: number;
  /**
   * A one-time grant the API created after checking the passphrase: the activity redeems it for the
   * passphrase, so the passphrase itself never enters workflow history.
   */
  grantId: string;
  actingFor?: ActingFor;
}

export interface WithdrawArgs {
  actorId: number;
  reason: string;
}

// ---- Messages the update validators refuse with (shown to users as they are). ----
export const REFUSAL = {
  notDrafter: 'Hanya pembuat konsep yang dapat melakukan tindakan ini.',
  notEditable: 'Surat tidak dalam tahap konsep, sehingga tidak dapat diubah atau diajukan.',
  staleVersion: 'Konsep telah diubah oleh orang lain sejak Anda membukanya. Muat ulang halaman.',
  noVerifiers: 'Pilih minimal satu verifikator.',
  duplicateVerifier: 'Verifikator tidak boleh dipilih lebih dari sekali.',
  drafterAsVerifier: 'Pembuat konsep tidak dapat menjadi verifikator suratnya sendiri.',
  noSigner: 'Pilih pejabat penandatangan.',
  changedVerifiers: 'Urutan verifikator tidak dapat diubah setelah surat dikembalikan.',
  notVerifying: 'Surat tidak sedang dalam tahap verifikasi.',
  notYourTurn: 'Belum giliran Anda memverifikasi surat ini.',
  noteRequired: 'Tuliskan catatan perbaikan saat mengembalikan surat.',
  notNumbering: 'Surat tidak sedang menunggu penomoran.',
  notAdminOfOpd: 'Penomoran hanya oleh admin OPD (bagian umum) perangkat daerah pembuat surat.',
  emptyNumber: 'Nomor surat wajib diisi.',
  notSigning: 'Surat tidak sedang menunggu tanda tangan.',
  notSigner: 'Anda bukan pejabat penandatangan surat ini.',
  notWithdrawable: 'Surat yang sudah ditandatangani tidak dapat ditarik.',
} as const;

export const letterWorkflowId = (letterId: number) => `letter-${letterId}`;

// ---- Activities the workflow calls. Each is idempotent: keyed by letter and step, safe to retry. ----

export interface LetterActivities {
  /** A new version of the content; returns its number (the letter's current version moves to it). */
  saveLetterVersion(input: {
    letterId: number;
    authorId: number;
    baseVersionNo: number;
    content: LetterContent;
  }): Promise<{ versionNo: number }>;
  /**
   * Checks what a validator cannot: verifiers hold the verifikator role and are active, the signer holds
   * an active certificate. Throws a non-retryable ApplicationFailure (type 'refused') with an Indonesian
   * message otherwise, which the caller of the update receives.
   */
  checkSubmission(input: {
    letterId: number;
    drafterId: number;
    verifierIds: number[];
    signerId: number;
  }): Promise<void>;
  /**
   * Records where the letter now is: status, and the letter_steps rows (verify steps in order, then
   * number, then sign), the current one 'active' with its due time, earlier ones done, later waiting.
   */
  recordProgress(input: {
    letterId: number;
    actorId: number;
    /** The audit action, e.g. 'letter.submit', 'letter.approve', 'letter.return', 'letter.number'. */
    action: string;
    state: LetterState;
    note?: string;
  }): Promise<void>;
  /**
   * Validates the number against the OPD's pattern and registers it (unique per OPD and year); throws a
   * non-retryable ApplicationFailure (type 'refused') for a mismatch or a duplicate.
   */
  registerNumber(input: { letterId: number; actorId: number; number: string; date: string }): Promise<void>;
  /** Renders the final PDF (number, date, QR), signs it with the grant's passphrase, stores the document. */
  signLetter(input: {
    letterId: number;
    /** Whose certificate signs: the chosen signer, or the official acting for them. */
    signerId: number;
    grantId: string;
    actingFor?: ActingFor;
  }): Promise<{ documentCode: string; sha256: string }>;
  /**
   * One incoming letter per recipient OPD (and a copy notice per tembusan OPD), each notified. Returns
   * every incoming letter of the letter (new or not), with the input of its `incoming-<id>` workflow.
   */
  deliverLetter(input: { letterId: number }): Promise<{ delivered: number; incoming: IncomingLetterInput[] }>;
  /** Stores notifications for people (and, with opdAdminsOf, the admin_opd of that OPD). */
  notify(input: {
    letterId: number;
    userIds: number[];
    opdAdminsOf?: number;
    /** Also the superiors (atasan) of those people: for overdue notices. */
    alsoSuperiors?: boolean;
    kind: 'task' | 'reminder' | 'overdue' | 'returned' | 'sent' | 'withdrawn';
    title: string;
  }): Promise<void>;
}
