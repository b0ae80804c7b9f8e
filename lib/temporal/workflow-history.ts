import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { NotFoundError } from '../errors';

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;
const T = temporal.api.enums.v1.EventType;

export interface WorkflowEventView {
  eventId: number;
  time: Date | null;
  /** Indonesian, with update, signal, activity and child workflow names but never a payload. */
  event: string;
}

const toNumber = (v: unknown) => (v === null || v === undefined ? 0 : Number(String(v)));
const timeOf = (e: HistoryEvent) =>
  e.eventTime
    ? new Date(toNumber(e.eventTime.seconds) * 1000 + Math.floor((e.eventTime.nanos ?? 0) / 1e6))
    : null;

/** "20 jam", "1 hari 2 jam", "30 detik". */
function durationText(d: temporal.api.history.v1.ITimerStartedEventAttributes['startToFireTimeout']): string {
  let s = toNumber(d?.seconds);
  const parts: string[] = [];
  for (const [unit, size] of [
    ['hari', 86_400],
    ['jam', 3_600],
    ['menit', 60],
  ] as const) {
    if (s >= size) parts.push(`${Math.floor(s / size)} ${unit}`);
    s %= size;
  }
  if (s || !parts.length) parts.push(`${s} detik`);
  return parts.join(' ');
}

/** Workflow-task bookkeeping says nothing to a reader, except when it fails. */
type Marker = temporal.api.history.v1.IMarkerRecordedEventAttributes | null | undefined;

/** One JSON field of a marker's details (the SDK's own bookkeeping, not a payload of ours). */
function markerField(marker: Marker, key: string): Record<string, unknown> | undefined {
  const data = marker?.details?.[key]?.payloads?.[0]?.data;
  try {
    return data ? JSON.parse(Buffer.from(data).toString('utf8')) : undefined;
  } catch {
    return undefined;
  }
}

/** A marker by what it stands for: a local activity by its type, a patch by its id; never a result. */
function markerText(marker: Marker): string {
  switch (marker?.markerName) {
    case 'core_local_activity':
      return `Aktivitas lokal selesai: ${markerField(marker, 'data')?.activity_type ?? '?'}`;
    case 'core_patch':
      return `Perubahan kode alur dicatat: ${markerField(marker, 'patch-data')?.id ?? '?'}`;
    default:
      return `Penanda dicatat: ${marker?.markerName ?? '?'}`;
  }
}

const HIDDEN = new Set([
  T.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED,
  T.EVENT_TYPE_WORKFLOW_TASK_STARTED,
  T.EVENT_TYPE_WORKFLOW_TASK_COMPLETED,
]);

function describeEvents(events: HistoryEvent[]): WorkflowEventView[] {
  const activityOf = new Map<string, string>();
  const updateOf = new Map<string, string>();
  const timerOf = new Map<string, string>();
  const out: WorkflowEventView[] = [];
  for (const e of events) {
    const type = e.eventType ?? T.EVENT_TYPE_UNSPECIFIED;
    if (HIDDEN.has(type)) continue;
    const activity = (scheduledId: unknown) => activityOf.get(String(scheduledId)) ?? '?';
    let text: string;
    switch (type) {
      case T.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED:
        text = `Alur dimulai (${e.workflowExecutionStartedEventAttributes?.workflowType?.name ?? '?'})`;
        break;
      case T.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED:
        text = 'Alur selesai';
        break;
      case T.EVENT_TYPE_WORKFLOW_EXECUTION_FAILED:
        text = 'Alur gagal';
        break;
      case T.EVENT_TYPE_WORKFLOW_EXECUTION_TIMED_OUT:
        text = 'Alur melewati batas waktu';
        break;
      case T.EVENT_TYPE_WORKFLOW_EXECUTION_CANCEL_REQUESTED:
        text = 'Pembatalan alur diminta';
        break;
      case T.EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED:
        text = 'Alur dibatalkan';
        break;
      case T.EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED:
        text = 'Alur dihentikan paksa';
        break;
      case T.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW:
        text = 'Alur dilanjutkan sebagai eksekusi baru';
        break;
      case T.EVENT_TYPE_WORKFLOW_TASK_FAILED:
        text = 'Langkah alur gagal dijalankan (akan diulang)';
        break;
      case T.EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT:
        text = 'Langkah alur melewati batas waktu (akan diulang)';
        break;
      case T.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED: {
        const name = e.activityTaskScheduledEventAttributes?.activityType?.name ?? '?';
        activityOf.set(String(e.eventId), name);
        text = `Aktivitas dijadwalkan: ${name}`;
        break;
      }
      case T.EVENT_TYPE_ACTIVITY_TASK_STARTED: {
        const a = e.activityTaskStartedEventAttributes;
        text = `Aktivitas dimulai: ${activity(a?.scheduledEventId)} (percobaan ke-${a?.attempt ?? 1})`;
        break;
      }
      case T.EVENT_TYPE_ACTIVITY_TASK_COMPLETED:
        text = `Aktivitas selesai: ${activity(e.activityTaskCompletedEventAttributes?.scheduledEventId)}`;
        break;
      case T.EVENT_TYPE_ACTIVITY_TASK_FAILED:
        text = `Aktivitas gagal: ${activity(e.activityTaskFailedEventAttributes?.scheduledEventId)}`;
        break;
      case T.EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT:
        text = `Aktivitas melewati batas waktu: ${activity(e.activityTaskTimedOutEventAttributes?.scheduledEventId)}`;
        break;
      case T.EVENT_TYPE_ACTIVITY_TASK_CANCELED:
        text = `Aktivitas dibatalkan: ${activity(e.activityTaskCanceledEventAttributes?.scheduledEventId)}`;
        break;
      case T.EVENT_TYPE_TIMER_STARTED: {
        const a = e.timerStartedEventAttributes;
        const duration = durationText(a?.startToFireTimeout);
        timerOf.set(a?.timerId ?? '', duration);
        text = `Timer dimulai (${duration})`;
        break;
      }
      case T.EVENT_TYPE_TIMER_FIRED:
        text = `Timer berbunyi (${timerOf.get(e.timerFiredEventAttributes?.timerId ?? '') ?? '?'})`;
        break;
      case T.EVENT_TYPE_TIMER_CANCELED:
        text = `Timer dibatalkan (${timerOf.get(e.timerCanceledEventAttributes?.timerId ?? '') ?? '?'})`;
        break;
      case T.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED:
        text = `Sinyal diterima: ${e.workflowExecutionSignaledEventAttributes?.signalName ?? '?'}`;
        break;
      case T.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ADMITTED:
        text = `Pembaruan diajukan: ${e.workflowExecutionUpdateAdmittedEventAttributes?.request?.input?.name ?? '?'}`;
        break;
      case T.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED: {
        const request = e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest;
        const name = request?.input?.name ?? '?';
        updateOf.set(request?.meta?.updateId ?? '', name);
        text = `Pembaruan diterima: ${name}`;
        break;
      }
      case T.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_REJECTED:
        text = `Pembaruan ditolak: ${e.workflowExecutionUpdateRejectedEventAttributes?.rejectedRequest?.input?.name ?? '?'}`;
        break;
      case T.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED: {
        const id = e.workflowExecutionUpdateCompletedEventAttributes?.meta?.updateId ?? '';
        text = `Pembaruan selesai: ${updateOf.get(id) ?? '?'}`;
        break;
      }
      case T.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED:
        text = `Alur anak diminta: ${e.startChildWorkflowExecutionInitiatedEventAttributes?.workflowId ?? '?'}`;
        break;
      case T.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_FAILED:
        text = `Alur anak gagal dimulai: ${e.startChildWorkflowExecutionFailedEventAttributes?.workflowId ?? '?'}`;
        break;
      case T.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_STARTED:
        text = `Alur anak dimulai: ${e.childWorkflowExecutionStartedEventAttributes?.workflowExecution?.workflowId ?? '?'}`;
        break;
      case T.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_COMPLETED:
        text = `Alur anak selesai: ${e.childWorkflowExecutionCompletedEventAttributes?.workflowExecution?.workflowId ?? '?'}`;
        break;
      case T.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_FAILED:
        text = `Alur anak gagal: ${e.childWorkflowExecutionFailedEventAttributes?.workflowExecution?.workflowId ?? '?'}`;
        break;
      case T.EVENT_TYPE_SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED: {
        const a = e.signalExternalWorkflowExecutionInitiatedEventAttributes;
        text = `Sinyal dikirim ke ${a?.workflowExecution?.workflowId ?? '?'}: ${a?.signalName ?? '?'}`;
        break;
      }
      case T.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES:
        text = 'Atribut pencarian diperbarui';
        break;
      case T.EVENT_TYPE_MARKER_RECORDED:
        text = markerText(e.markerRecordedEventAttributes);
        break;
      default:
        text = `Peristiwa lain: ${T[type] ?? type}`;
    }
    out.push({ eventId: toNumber(e.eventId), time: timeOf(e), event: text });
  }
  return out;
}

/**
 * A workflow's event history in readable form. Only names and ids are read from the events: payloads
 * (update arguments, activity results) are never decoded, so nothing they carry can leak.
 */
export async function readWorkflowHistory(client: Client, workflowId: string): Promise<WorkflowEventView[]> {
  try {
    const history = await client.workflow.getHandle(workflowId).fetchHistory();
    return describeEvents(history.events ?? []);
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) throw new NotFoundError('Alur kerja tidak ditemukan.');
    throw err;
  }
}
