import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import { appendAudit } from '../audit/append-audit';
import { toDate } from '../db/to-date';
import { NotFoundError } from '../errors';
import type { LetterState, StepKind } from '../../workflows/outgoing-letter-types';

export interface RecordProgressInput {
  letterId: number;
  actorId: number;
  action: string;
  state: LetterState;
  note?: string;
}

/** waiting → active → done; 'returned' for the verify step a letter came back from; 'cancelled' on withdrawal. */
export type StepStatus = 'waiting' | 'active' | 'done' | 'returned' | 'cancelled';

interface PlannedStep {
  seq: number;
  kind: StepKind;
  assigneeId: number | null;
  status: StepStatus;
}

/** Where every step stands in a state: verify steps 1..n in order, then number (n+1), then sign (n+2). */
function plan(state: LetterState): PlannedStep[] {
  const n = state.verifierIds.length;
  const position = (): number => {
    // The 0-based position of the step in hand; n + 2 when all are done.
    switch (state.status) {
      case 'verifying':
        return state.currentStep?.kind === 'verify' ? state.currentStep.index : state.resumeAt;
      case 'draft':
        return state.resumeAt;
      case 'numbering':
        return n;
      case 'signing':
        return n + 1;
      default:
        return n + 2;
    }
  };
  const at = position();
  const statusAt = (i: number): StepStatus => {
    if (i < at) return 'done';
    if (i > at) return state.status === 'withdrawn' ? 'cancelled' : 'waiting';
    if (state.status === 'draft') return 'returned';
    if (state.status === 'withdrawn') return 'cancelled';
    return 'active';
  };
  const steps: PlannedStep[] = state.verifierIds.map((id, i) => ({
    seq: i + 1,
    kind: 'verify',
    assigneeId: id,
    status: statusAt(i),
  }));
  steps.push({ seq: n + 1, kind: 'number', assigneeId: null, status: statusAt(n) });
  steps.push({ seq: n + 2, kind: 'sign', assigneeId: state.signerId, status: statusAt(n + 1) });
  return steps;
}

/**
 * An active step gets the workflow's due time; a step that was acted on (done, returned) or cancelled
 * keeps the due time it had, so statistics can tell a late step from an on-time one; readers treat
 * only active steps as overdue. A waiting step has none yet.
 */
function dueAt(status: StepStatus, state: LetterState, previous: unknown): Date | null {
  if (status === 'active') return state.currentStep ? new Date(state.currentStep.dueAt) : null;
  if (status === 'waiting') return null;
  return toDate(previous);
}

/** The same call (a retry) gives the same key; any new event differs in action, state or time. */
function progressKey(input: RecordProgressInput): string {
  const { letterId, actorId, action, state, note } = input;
  return createHash('sha256')
    .update(JSON.stringify({ letterId, actorId, action, state, note: note ?? null }))
    .digest('hex');
}

/**
 * Records where the letter now is: its status (and signer), its letter_steps rows (the current one
 * active with its due time, earlier ones done and keeping theirs, later ones waiting; a return marks the verifier's step
 * 'returned' with the note; an approval keeps the version approved), and the audit row, in one
 * transaction. A draft never submitted (no verifiers) has no steps yet. Idempotent: a retry of the
 * last recorded progress changes nothing.
 */
export async function recordProgress(db: Knex, input: RecordProgressInput): Promise<void> {
  const key = progressKey(input);
  const { state } = input;
  await db.transaction(async (trx) => {
    const letter = await trx('letters').where({ id: input.letterId }).forUpdate().first();
    if (!letter) throw new NotFoundError('Surat tidak ditemukan.');
    if (letter.progress_key === key) return;
    const now = new Date();
    const version = await trx('letter_versions')
      .where({ letter_id: input.letterId, version_no: state.versionNo })
      .first('id');

    if (state.verifierIds.length > 0) {
      const existing = new Map<number, Record<string, unknown>>(
        (await trx('letter_steps').where({ letter_id: input.letterId })).map((r) => [Number(r.seq), r]),
      );
      for (const step of plan(state)) {
        const old = existing.get(step.seq);
        const wasDone = old?.status === 'done';
        const becomesDone = step.status === 'done' && !wasDone;
        const row = {
          kind: step.kind,
          assignee_id: step.assigneeId,
          opd_id: Number(letter.opd_id),
          status: step.status,
          due_at: dueAt(step.status, state, old?.due_at),
          acted_at: becomesDone || step.status === 'returned' ? now : wasDone ? old?.acted_at : null,
          approved_version_id:
            becomesDone && step.kind === 'verify'
              ? (version?.id ?? null)
              : wasDone || step.status === 'done'
                ? (old?.approved_version_id ?? null)
                : null,
          note: (becomesDone || step.status === 'returned') && input.note ? input.note : (old?.note ?? null),
        };
        if (old) {
          if (wasDone && step.status === 'done') continue;
          await trx('letter_steps').where({ id: old.id }).update(row);
        } else {
          await trx('letter_steps').insert({
            letter_id: input.letterId,
            seq: step.seq,
            created_at: now,
            ...row,
          });
        }
      }
    }

    await trx('letters')
      .where({ id: input.letterId })
      .update({
        status: state.status,
        ...(state.signerId !== null ? { signer_id: state.signerId } : {}),
        progress_key: key,
        updated_at: now,
      });
    await appendAudit(trx, {
      actorId: input.actorId,
      opdId: Number(letter.opd_id),
      action: input.action,
      entityType: 'letter',
      entityId: input.letterId,
      data: {
        status: state.status,
        versionNo: state.versionNo,
        step: state.currentStep ? { kind: state.currentStep.kind, index: state.currentStep.index } : null,
        ...(input.note ? { note: input.note } : {}),
      },
    });
  });
}
