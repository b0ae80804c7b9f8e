/**
 * The contract between the incoming-letter workflows, their activities and the API: one workflow per
 * incoming letter per OPD (`incoming-<id>`), and one child workflow per disposition (`disposition-<id>`),
 * whose own forwards are its children in turn, so the workflow tree mirrors the disposition tree.
 * Types and plain constants only: the workflow bundle imports this file, so it must stay deterministic.
 * No file travels in these payloads: ids only.
 */

/**
 * received: delivered or registered from paper, waiting for the bagian umum to register it;
 * registered: has an agenda number, no live disposition; in_progress: dispositions under way;
 * closed: every branch finished, or closed by the head of the OPD (terminal).
 */
export type IncomingStatus = 'received' | 'registered' | 'in_progress' | 'closed';

/**
 * unread → read → done (follow-up reported, or finished without a report), or forwarded (waiting for
 * its own dispositions, done when they all are). recalled: taken back by the giver while unread;
 * closed: the letter was closed while it was open. done, recalled and closed are terminal.
 */
export type DispositionStatus = 'unread' | 'read' | 'forwarded' | 'done' | 'recalled' | 'closed';

export const OPEN_DISPOSITION: DispositionStatus[] = ['unread', 'read', 'forwarded'];

export interface IncomingLetterInput {
  incomingId: number;
  opdId: number;
  /** Hours before a disposition's due time at which its receiver is reminded (0: none). */
  reminderBeforeHours: number;
}

export interface IncomingState {
  incomingId: number;
  opdId: number;
  status: IncomingStatus;
  agendaNumber: string | null;
  /** Every disposition given from the letter itself (by the bagian umum), in order. */
  rootDispositionIds: number[];
  /** Those whose branch is not finished yet. */
  openRootIds: number[];
}

export interface DispositionInput {
  dispositionId: number;
  incomingId: number;
  opdId: number;
  parentId: number | null;
  fromUserId: number;
  toUserId: number;
  /** ISO timestamp, or null: no due time, no reminder. */
  dueAt: string | null;
  reminderBeforeHours: number;
}

export interface DispositionState {
  dispositionId: number;
  incomingId: number;
  status: DispositionStatus;
  fromUserId: number;
  toUserId: number;
  dueAt: string | null;
  /** Dispositions this receiver forwarded it with, in order. */
  childIds: number[];
  /** Those whose branch is not finished yet. */
  openChildIds: number[];
}

// ---- Update arguments. `actorId` and the actor facts are established by the API from the session. ----

export interface RegisterIncomingArgs {
  actorId: number;
  actorIsAdmin: boolean;
  actorOpdId: number | null;
  /** ISO timestamp the letter physically arrived; default: now. */
  receivedAt?: string;
}

/** New dispositions: from the letter (bagian umum) or forwarded from the actor's own disposition. */
export interface DisposeArgs {
  actorId: number;
  /** The receiver the actor stands in for as Plt / Plh, when it is not their own disposition. */
  onBehalfOf?: number;
  toUserIds: number[];
  /** One of INSTRUCTIONS (lib/incoming/instructions.ts); checked by the API and again by the activity. */
  instruction: string;
  note?: string;
  /** ISO timestamp, in the future, or null. */
  dueAt: string | null;
}

export interface DisposeFromLetterArgs extends DisposeArgs {
  actorIsAdmin: boolean;
  actorOpdId: number | null;
}

export interface CloseIncomingArgs {
  actorId: number;
  /** Whether the actor is the head (opd.head_user_id) of this letter's OPD: the API knows. */
  actorIsHead: boolean;
  note?: string;
}

/** On a disposition: the actor, and the receiver or giver they stand in for as Plt / Plh, if any. */
export interface ActorArgs {
  actorId: number;
  onBehalfOf?: number;
}

export interface FollowUpArgs extends ActorArgs {
  report: string;
  /** Files already stored by the API (the file store), with the names the user gave them. */
  files: { fileId: number; name: string }[];
}

export interface FinishDispositionArgs extends ActorArgs {
  note?: string;
}

// ---- Messages the update validators refuse with (shown to users as they are). ----
export const INCOMING_REFUSAL = {
  notAdminOfOpd: 'Hanya admin OPD (bagian umum) perangkat daerah penerima yang dapat melakukan tindakan ini.',
  alreadyRegistered: 'Surat masuk ini sudah diregistrasi.',
  notRegistered: 'Registrasi surat masuk terlebih dahulu sebelum mendisposisikannya.',
  closed: 'Surat masuk ini sudah selesai (ditutup).',
  noReceivers: 'Pilih minimal satu penerima disposisi.',
  duplicateReceiver: 'Penerima disposisi tidak boleh dipilih lebih dari sekali.',
  selfReceiver: 'Anda tidak dapat mendisposisikan surat kepada diri sendiri.',
  notHead: 'Hanya kepala perangkat daerah yang dapat menutup surat masuk ini.',
  notReceiver: 'Disposisi ini tidak ditujukan kepada Anda.',
  notGiver: 'Hanya pemberi disposisi yang dapat menariknya kembali.',
  alreadyRead: 'Disposisi sudah dibaca penerima sehingga tidak dapat ditarik kembali.',
  dispositionFinished: 'Disposisi ini sudah selesai atau ditarik kembali.',
  forwardedAlready:
    'Disposisi ini sudah Anda teruskan; laporan tindak lanjut diberikan oleh penerima terusan.',
  reportRequired: 'Tuliskan laporan tindak lanjut.',
  openForwards: 'Masih ada disposisi terusan yang belum selesai.',
} as const;

export const incomingWorkflowId = (incomingId: number) => `incoming-${incomingId}`;
export const dispositionWorkflowId = (dispositionId: number) => `disposition-${dispositionId}`;

export type IncomingNoticeKind =
  | 'disposition' // a new disposition for the receiver
  | 'reminder' // the receiver's disposition is due soon
  | 'overdue' // past due: to the receiver and the giver
  | 'recalled' // the giver took it back: to the receiver
  | 'followed_up' // the receiver reported (or finished): to the giver
  | 'closed'; // the letter was closed: to everyone with an open disposition, and the bagian umum

// ---- Activities the workflows call. Each is idempotent, safe to retry. ----

export interface IncomingActivities {
  /**
   * Gives the next agenda number of the OPD's register for the year (e.g. `0012/2026`), sets the date
   * received and status 'registered', with the audit row. A retry returns the number already given.
   */
  registerIncoming(input: {
    incomingId: number;
    actorId: number;
    receivedAt?: string;
  }): Promise<{ agendaNumber: string }>;
  /**
   * Writes one disposition row per receiver (status 'unread'), with the audit rows; refuses (type
   * 'refused') a receiver who is not an active member of the letter's OPD, an unknown instruction or a
   * due time in the past. Idempotent by `key` (the workflow's own deterministic key). Returns ids in the
   * order of toUserIds.
   */
  createDispositions(input: {
    incomingId: number;
    parentId: number | null;
    fromUserId: number;
    /** Set when the giver forwards as Plt / Plh of the parent's receiver. */
    onBehalfOf?: number;
    toUserIds: number[];
    instruction: string;
    note?: string;
    dueAt: string | null;
    key: string;
  }): Promise<{ ids: number[] }>;
  /** Sets an incoming letter's status ('registered' or 'in_progress'), with the audit row. Idempotent. */
  recordIncomingStatus(input: {
    incomingId: number;
    actorId: number | null;
    status: 'registered' | 'in_progress';
  }): Promise<void>;
  /**
   * Sets a disposition's status (read_at on 'read', finished_at on done/recalled), with the audit row
   * (`action`, e.g. 'disposition.read'). Idempotent: the same status again changes nothing.
   */
  recordDispositionStatus(input: {
    dispositionId: number;
    actorId: number | null;
    status: 'read' | 'forwarded' | 'done' | 'recalled';
    action: string;
    note?: string;
  }): Promise<void>;
  /** Stores the follow-up report with its files and marks the disposition done, in one transaction. */
  recordFollowUp(input: {
    dispositionId: number;
    actorId: number;
    /** Set when the actor reports as Plt / Plh of the receiver. */
    onBehalfOf?: number;
    report: string;
    files: { fileId: number; name: string }[];
  }): Promise<void>;
  /**
   * Closes the letter: status 'closed', every open disposition 'closed', the audit row; actorId null
   * when it closed by itself (every branch finished). Idempotent.
   */
  closeIncoming(input: { incomingId: number; actorId: number | null; note?: string }): Promise<void>;
  /**
   * Stores a notification about the incoming letter for each active user (title built from the kind and
   * the letter's subject, linking to /surat-masuk/<id>), and e-mails those who asked for e-mail.
   */
  notifyIncoming(input: {
    incomingId: number;
    userIds: number[];
    /** Also every active admin_opd (bagian umum) of the letter's OPD. */
    alsoOpdAdmins?: boolean;
    kind: IncomingNoticeKind;
  }): Promise<void>;
}
