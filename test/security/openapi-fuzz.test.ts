import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { bearerTokens } from '../support/bearer-tokens';
import { fuzzOpenApi, type FuzzRun } from '../support/fuzz-schemathesis';
import { startLetterStack, type LetterStack } from '../support/letter-stack';

const SUPERADMIN = 'superadmin';
const ASN = 'staf1.diskominfo';

/** Operations that end the fuzzer's own session or lock its account: fuzzed last, on their own. */
const SELF_DESTRUCTIVE = [
  '^/api/v1/auth/token$',
  '^/api/v1/account/password$',
  '/reset-password$',
  '/deactivate$',
];
/** A stream that never ends by design: nothing for a request-response fuzzer. */
const STREAMS = ['^/api/v1/events$'];

/**
 * The suite's budget: random examples only, a few per operation. FUZZ_DEEP=1 adds schemathesis's
 * coverage phase (boundary values of every schema, ~20 s more) and 40 examples per operation.
 */
const DEEP = process.env.FUZZ_DEEP === '1';
const EXAMPLES = DEEP ? 40 : 4;

/**
 * Fuzzes the JSON API from its own OpenAPI document with schemathesis (pinned in the tool venv), as a
 * superadmin and as an ASN, on the real stack (Temporal and the worker included, so routes that start or
 * update workflows do their real work): no input may produce a 5xx.
 */
describe('JSON API fuzzed from its OpenAPI document', () => {
  let stack: LetterStack;
  let schemaUrl: string;
  const token: Record<string, string> = {};

  beforeAll(async () => {
    stack = await startLetterStack();
    const { port } = stack.server.address() as AddressInfo;
    schemaUrl = `http://127.0.0.1:${port}/api/v1/openapi.json`;
    Object.assign(token, await bearerTokens(stack.server, [SUPERADMIN, ASN]));
  }, 120_000);
  afterAll(() => stack?.stop());

  async function expectNoServerError(run: FuzzRun) {
    const { code, output } = await fuzzOpenApi(schemaUrl, run);
    // Schemathesis's report names each failing operation with a curl line that reproduces it.
    if (code !== 0) throw new Error(`schemathesis exited with ${code}:\n${output}`);
  }

  it('describes the inputs each route parses', async () => {
    const { paths } = (await request(stack.server).get('/api/v1/openapi.json').expect(200)).body;
    const submit = paths['/api/v1/letters/{id}/submit'].post;
    expect(submit.parameters).toEqual([
      expect.objectContaining({
        name: 'id',
        in: 'path',
        required: true,
        schema: expect.objectContaining({ type: 'integer' }),
      }),
    ]);
    expect(submit.requestBody.content['application/json'].schema.required).toContain('baseVersionNo');
    expect(paths['/api/v1/letters'].get.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['box', 'q', 'page', 'pageSize']),
    );
    const upload = paths['/api/v1/incoming'].post.requestBody.content;
    expect(Object.keys(upload)).toEqual(['multipart/form-data']);
    expect(upload['multipart/form-data'].schema.properties.scan).toEqual({
      type: 'string',
      format: 'binary',
    });
  });

  // The coverage phase (deep runs only) goes as the superadmin, whom every route lets through to its own
  // validation; the random phase runs as both.
  it.each([
    [SUPERADMIN, DEEP],
    [ASN, false],
  ])(
    'answers no 5xx to %s (coverage phase: %s)',
    (username, coverage) =>
      expectNoServerError({
        token: token[username],
        coverage,
        maxExamples: EXAMPLES,
        excludePaths: [...SELF_DESTRUCTIVE, ...STREAMS],
      }),
    600_000,
  );

  it('answers no 5xx on the routes that end the fuzzer’s own session', async () => {
    // A fresh token, as the runs above may have changed the old ones; the superadmin's, so that resets
    // and deactivations reach their handlers.
    const fresh = await bearerTokens(stack.server, [SUPERADMIN]);
    await expectNoServerError({
      token: fresh[SUPERADMIN],
      maxExamples: EXAMPLES,
      includePaths: SELF_DESTRUCTIVE,
    });
  }, 120_000);
});
