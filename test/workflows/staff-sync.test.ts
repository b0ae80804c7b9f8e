/**
 * The staffSync workflow with mocked activities on the time-skipping server: a scheduled start opens
 * its own run, SMART failing is retried by the policy and ends as a failed run with SMART's message,
 * a bad export is failed at once (not retried), and an unexpected error gets a generic message.
 */
import { ApplicationFailure } from '@temporalio/common';
import type { StaffSyncCounts } from '../../lib/staff-sync/staff-sync-types';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import {
  STAFF_SYNC_FAILURE,
  STAFF_SYNC_REJECTED,
  staffSync,
  type StaffSyncActivities,
} from '../../workflows/staff-sync';
import { startTimeSkipping, withWorker, type MocksOf } from './support';

jest.setTimeout(120_000);

let env: TestWorkflowEnvironment;
beforeAll(async () => {
  env = await startTimeSkipping();
});
afterAll(async () => {
  await env?.teardown();
});

const COUNTS = { total: 3, created: 1, updated: 1, unchanged: 0, deactivated: 0, rejected: 1 };

function mocks(run: () => Promise<typeof COUNTS>): MocksOf<StaffSyncActivities> {
  return {
    openScheduledStaffSyncRun: jest.fn(async () => 41),
    runStaffSync: jest.fn<Promise<StaffSyncCounts>, [number]>(run),
    failStaffSyncRun: jest.fn<Promise<void>, [{ runId: number; message: string }]>(async () => undefined),
  };
}

const execute = (activities: MocksOf<StaffSyncActivities>, input: { runId?: number }) =>
  withWorker(env, activities, (taskQueue) =>
    env.client.workflow.execute(staffSync, {
      taskQueue,
      workflowId: `staff-sync-test-${Math.random()}`,
      args: [input],
    }),
  );

test('a scheduled start opens its own run and returns the counts', async () => {
  const activities = mocks(async () => COUNTS);
  expect(await execute(activities, {})).toEqual(COUNTS);
  expect(activities.runStaffSync.mock.calls).toEqual([[41]]);
  expect(activities.failStaffSyncRun).not.toHaveBeenCalled();
});

test('SMART failing is retried three times, then the run is failed with its message', async () => {
  const activities = mocks(async () => {
    throw ApplicationFailure.create({
      type: STAFF_SYNC_FAILURE,
      message: 'SMART tidak dapat dihubungi (TimeoutError).',
    });
  });
  expect(await execute(activities, { runId: 7 })).toBeNull();
  expect(activities.runStaffSync).toHaveBeenCalledTimes(3);
  expect(activities.openScheduledStaffSyncRun).not.toHaveBeenCalled();
  expect(activities.failStaffSyncRun.mock.calls).toEqual([
    [{ runId: 7, message: 'SMART tidak dapat dihubungi (TimeoutError).' }],
  ]);
});

test('a bad export is failed at once, and an unexpected error gets a generic message', async () => {
  const rejected = mocks(async () => {
    throw ApplicationFailure.create({
      type: STAFF_SYNC_REJECTED,
      nonRetryable: true,
      message: 'Berkas ekspor pegawai tidak dapat dibaca: XLSX rusak.',
    });
  });
  await execute(rejected, { runId: 8 });
  expect(rejected.runStaffSync).toHaveBeenCalledTimes(1);
  expect(rejected.failStaffSyncRun.mock.calls).toEqual([
    [{ runId: 8, message: 'Berkas ekspor pegawai tidak dapat dibaca: XLSX rusak.' }],
  ]);

  const crashed = mocks(async () => {
    throw new Error('SQLITE_BUSY: database is locked');
  });
  await execute(crashed, { runId: 9 });
  expect(crashed.failStaffSyncRun.mock.calls).toEqual([
    [{ runId: 9, message: 'Sinkronisasi gagal karena galat sistem; lihat log worker.' }],
  ]);
});
