import fs from 'node:fs';
import path from 'node:path';
import { Worker } from '@temporalio/worker';
import { HISTORIES_DIR, historyFromFile, workflowBundle } from './support';

/**
 * Histories recorded from the other workflow tests (RECORD_HISTORIES=1 npx jest test/workflows) must
 * replay against the current workflow code: a change that breaks determinism for letters already in
 * flight fails here, and then needs workflow.patched() rather than a new fixture. The outgoing ones
 * recorded before delivery started incoming workflows stay as they are: they prove that patch.
 */
test('every recorded letter, incoming-letter and disposition history replays without non-determinism', async () => {
  const files = fs
    .readdirSync(HISTORIES_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort();
  expect(files.filter((f) => f.startsWith('incoming-')).length).toBeGreaterThanOrEqual(5);
  expect(files.filter((f) => f.startsWith('disposition-')).length).toBeGreaterThanOrEqual(5);
  expect(files).toEqual(
    expect.arrayContaining(['story-two-verifiers.json', 'withdraw-while-verifying.json']),
  );
  expect(files.length).toBeGreaterThanOrEqual(19);

  const histories = files.map((f) => ({
    workflowId: path.basename(f, '.json'),
    history: historyFromFile(path.join(HISTORIES_DIR, f)),
  }));
  const failures: string[] = [];
  for await (const result of Worker.runReplayHistories(
    { workflowBundle: await workflowBundle() },
    histories,
  )) {
    if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
  }
  expect(failures).toEqual([]);
});
