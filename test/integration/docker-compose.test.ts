/**
 * The production deployment as files: docker-compose.yml validated by Debian's docker-compose (no
 * engine needed) against the contract of issue 8, every secret from .env, and the prebuilt workflow
 * bundle the image ships, loaded by the real worker in production mode on a Temporal dev server.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createLogger } from '../../lib/logger';
import { projectRoot } from '../../lib/paths';
import { SEARCH_ATTRIBUTES } from '../../lib/temporal/search-attributes';
import { createWorker } from '../../lib/worker/create-worker';
import { startTemporalDevServer } from '../support/temporal-server';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

jest.setTimeout(60_000);

const REQUIRED = {
  MYSQL_ROOT_PASSWORD: 'rootSecret4711',
  MYSQL_PASSWORD: 'appSecret4712',
  TEMPORAL_DB_PASSWORD: 'temporalSecret4716',
  CA_KEY_SECRET: 'caKeySecret-4713-abcdef',
  PUBLIC_URL: 'https://eoffice.kuansing.example',
};
const OPTIONAL_SECRETS = { SMART_TOKEN: 'smartToken4714', METRICS_TOKEN: 'metricsToken4715' };

interface Service {
  image: string;
  build?: { context: string };
  command?: string[] | string;
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  volumes?: string[];
  restart?: string;
}
interface ComposeConfig {
  services: Record<string, Service>;
  volumes: Record<string, unknown>;
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'eoffice-compose-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** `docker-compose config` with exactly these variables: a clean environment, its own --env-file. */
function composeConfig(vars: Record<string, string>) {
  const envFile = path.join(tmp, `${Object.keys(vars).join('-')}.env`);
  fs.writeFileSync(
    envFile,
    Object.entries(vars)
      .map(([k, v]) => `${k}=${v}\n`)
      .join(''),
  );
  const result = spawnSync('docker-compose', ['--env-file', envFile, '-f', 'docker-compose.yml', 'config'], {
    cwd: projectRoot,
    env: { PATH: process.env.PATH, HOME: tmp },
    encoding: 'utf8',
  });
  if (result.error)
    throw new Error(`docker-compose is missing (scripts/prepare-test-machine.sh): ${result.error}`);
  return result;
}

/** docker-compose itself parses YAML with python3-yaml, a dependency of Debian's package. */
function parseYaml(text: string): ComposeConfig {
  const result = spawnSync(
    'python3',
    ['-c', 'import json,sys,yaml; json.dump(yaml.safe_load(sys.stdin), sys.stdout)'],
    {
      input: text,
      encoding: 'utf8',
    },
  );
  expect(result.stderr).toBe('');
  return JSON.parse(result.stdout) as ComposeConfig;
}

describe('docker-compose.yml', () => {
  let config: ComposeConfig;

  beforeAll(() => {
    const result = composeConfig({ ...REQUIRED, ...OPTIONAL_SECRETS });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    config = parseYaml(result.stdout);
  });

  it('has the services and named volumes of the deployment, the app ones from one image', () => {
    expect(Object.keys(config.services).sort()).toEqual(
      [
        'migrate',
        'mysql',
        'temporal',
        'temporal-admin-tools',
        'temporal-db-user',
        'temporal-setup',
        'temporal-ui',
        'web',
        'worker',
      ].sort(),
    );
    expect(Object.keys(config.volumes)).toEqual(
      expect.arrayContaining(['mysql-data', 'eoffice-files', 'eoffice-pki']),
    );
    const { migrate, web, worker, mysql } = config.services;
    expect(new Set([migrate.image, web.image, worker.image]).size).toBe(1);
    expect(web.image).toMatch(/^eoffice:/);
    for (const app of [migrate, web, worker]) expect(app.build?.context).toBe(projectRoot);
    expect(migrate.command).toEqual(['node', 'dist/bin/eoffice.js', 'migrate']);
    expect(web.command).toEqual(['node', 'dist/bin/eoffice.js', 'web']);
    expect(worker.command).toEqual(['node', 'dist/bin/eoffice.js', 'worker']);
    // The image's DATA_DIR holds the file store and the CA (lib/config.ts: DATA_DIR/files, DATA_DIR/pki).
    const dataDir = /DATA_DIR=(\S+)/.exec(fs.readFileSync(path.join(projectRoot, 'Dockerfile'), 'utf8'))![1];
    for (const app of [web, worker]) {
      expect(app.volumes).toEqual(
        expect.arrayContaining([`eoffice-files:${dataDir}/files:rw`, `eoffice-pki:${dataDir}/pki:rw`]),
      );
    }
    expect(mysql.volumes).toEqual(['mysql-data:/var/lib/mysql:rw']);
    for (const [name, service] of Object.entries(config.services)) {
      if (name === 'migrate' || name === 'web' || name === 'worker') continue;
      expect([name, service.image]).toEqual([name, expect.stringMatching(/^[\w./-]+:\d+(\.\d+)+$/)]);
    }
  });

  it('starts everything in order: schemas, server, namespace and attributes, migrations, then the app', () => {
    const dependsOn = (name: string) =>
      Object.fromEntries(
        Object.entries(config.services[name].depends_on ?? {}).map(([k, v]) => [k, v.condition]),
      );
    expect(config.services.mysql.healthcheck?.test[0]).toBe('CMD-SHELL');
    expect(dependsOn('temporal-db-user')).toEqual({ mysql: 'service_healthy' });
    expect(dependsOn('temporal-admin-tools')).toEqual({
      'temporal-db-user': 'service_completed_successfully',
    });
    expect(dependsOn('temporal')).toEqual({ 'temporal-admin-tools': 'service_completed_successfully' });
    expect(dependsOn('temporal-setup')).toEqual({ temporal: 'service_healthy' });
    expect(dependsOn('migrate')).toEqual({ mysql: 'service_healthy' });
    for (const app of ['web', 'worker']) {
      expect(dependsOn(app)).toEqual({
        migrate: 'service_completed_successfully',
        temporal: 'service_healthy',
        'temporal-setup': 'service_completed_successfully',
      });
    }
    expect(config.services.temporal.healthcheck?.test).toBeDefined();
    expect(config.services.worker.healthcheck?.test).toBeDefined();
    expect(config.services.temporal.environment).toMatchObject({ DB: 'mysql8', MYSQL_SEEDS: 'mysql' });

    const schemas = String(config.services['temporal-admin-tools'].command);
    expect(schemas).toContain('temporal-sql-tool --plugin mysql8 --ep mysql -p 3306 -u temporal ');
    expect(schemas).toContain('/etc/temporal/schema/mysql/v8/$$db/versioned');
    const setup = String(config.services['temporal-setup'].command);
    for (const [name, type] of Object.entries(SEARCH_ATTRIBUTES)) expect(setup).toContain(`${name}=${type}`);
    expect(setup).toContain('temporal operator search-attribute create');
  });

  it('takes every secret from .env and hands the app a production configuration', () => {
    const env = config.services.web.environment!;
    expect(env).toMatchObject({
      NODE_ENV: 'production',
      DATABASE_URL: `mysql://eoffice:${REQUIRED.MYSQL_PASSWORD}@mysql:3306/eoffice`,
      TEMPORAL_ADDRESS: 'temporal:7233',
      CA_KEY_SECRET: REQUIRED.CA_KEY_SECRET,
      PUBLIC_URL: REQUIRED.PUBLIC_URL,
      SMART_TOKEN: OPTIONAL_SECRETS.SMART_TOKEN,
      METRICS_TOKEN: OPTIONAL_SECRETS.METRICS_TOKEN,
      SEED_DEMO: 'false',
    });
    expect(config.services.worker.environment).toEqual(env);
    expect(config.services.mysql.environment).toMatchObject({
      MYSQL_ROOT_PASSWORD: REQUIRED.MYSQL_ROOT_PASSWORD,
      MYSQL_PASSWORD: REQUIRED.MYSQL_PASSWORD,
    });
    // Temporal has an account of its own, limited to its two databases; only the one-shot that makes
    // it holds the root password.
    const holdersOfRoot = Object.entries(config.services)
      .filter(([, service]) =>
        Object.values(service.environment ?? {}).includes(REQUIRED.MYSQL_ROOT_PASSWORD),
      )
      .map(([name]) => name);
    expect(holdersOfRoot.sort()).toEqual(['mysql', 'temporal-db-user']);
    expect(config.services.temporal.environment).toMatchObject({
      MYSQL_USER: 'temporal',
      MYSQL_PWD: REQUIRED.TEMPORAL_DB_PASSWORD,
    });
    expect(config.services['temporal-admin-tools'].environment).toEqual({
      SQL_PASSWORD: REQUIRED.TEMPORAL_DB_PASSWORD,
    });
    const account = String(config.services['temporal-db-user'].command);
    for (const database of ['temporal', 'temporal_visibility']) {
      expect(account).toContain(`GRANT ALL PRIVILEGES ON ${database}.* TO 'temporal'@'%';`);
    }
    expect(account).not.toMatch(/ON \*\.\*/);

    // In the file itself every secret-bearing value is a ${VARIABLE}, never a literal.
    // (python's yaml resolves the file's <<: merge keys as docker-compose does)
    const file = fs.readFileSync(path.join(projectRoot, 'docker-compose.yml'), 'utf8');
    const secretish = /PASSWORD|PWD|SECRET|TOKEN|PASSPHRASE|DATABASE_URL|SMTP_URL/;
    const literal = Object.entries(parseYaml(file).services).flatMap(([name, service]) =>
      Object.entries(service.environment ?? {})
        .filter(([key, value]) => secretish.test(key) && !String(value).includes('${'))
        .map(([key, value]) => `${name}.${key}=${value}`),
    );
    expect(literal).toEqual([]);
  });

  it.each(Object.keys(REQUIRED))('refuses to run without %s, naming it', (name) => {
    const vars: Record<string, string> = { ...REQUIRED };
    delete vars[name];
    const result = composeConfig(vars);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain(`set ${name} in .env`);
    expect(result.stdout).toBe('');
  });
});

describe('the prebuilt workflow bundle', () => {
  let env: TestWorkflowEnvironment;
  let t: TestDatabase;

  beforeAll(async () => {
    env = await startTemporalDevServer();
    t = await createTestDatabase('sqlite', {
      env: {
        NODE_ENV: 'production',
        CA_KEY_SECRET: REQUIRED.CA_KEY_SECRET,
        TEMPORAL_ADDRESS: env.connection.options.address,
        TEMPORAL_TASK_QUEUE: `bundle-${process.pid}-${Date.now()}`,
      },
    });
  });
  afterAll(async () => {
    await t?.drop();
    await env?.teardown();
  });

  it('is built by scripts/build-workflow-bundle.js and runs a workflow in the production worker', async () => {
    const bundle = path.join(tmp, 'workflow-bundle.js');
    const build = spawnSync(
      process.execPath,
      ['scripts/build-workflow-bundle.js', 'workflows/index.ts', bundle],
      { cwd: projectRoot, encoding: 'utf8' },
    );
    expect(build.stderr).toBe('');
    expect(build.status).toBe(0);
    const code = fs.readFileSync(bundle, 'utf8');
    for (const workflow of ['outgoingLetter', 'incomingLetter', 'certificateExpiry'])
      expect(code).toContain(workflow);

    const lines: Record<string, unknown>[] = [];
    const logger = createLogger('info', 'worker', { write: (line: string) => lines.push(JSON.parse(line)) });
    expect(t.config.env).toBe('production');
    const running = await createWorker(t.config, { logger, workflowBundlePath: bundle });
    expect(lines.map((l) => [l.msg, l.workflowBundle])).toEqual([
      ['worker uses the prebuilt workflow bundle', { codePath: bundle }],
    ]);
    const client = new Client({ connection: env.connection, namespace: t.config.temporal.namespace });
    try {
      // certificateExpiry: one real activity on the real database (no certificates, so nothing to warn).
      const result = await running.worker.runUntil(
        client.workflow.execute('certificateExpiry', {
          taskQueue: t.config.temporal.taskQueue,
          workflowId: `bundle-check-${Date.now()}`,
        }),
      );
      expect(result).toBe(0);
    } finally {
      await running.close();
    }
  });
});
