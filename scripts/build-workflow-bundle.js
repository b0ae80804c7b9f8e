#!/usr/bin/env node
// Bundles the workflow code once at build time, so a production worker starts without webpack and
// every worker of a release runs byte-identical workflow code.
// Usage: node scripts/build-workflow-bundle.js [workflows entry] [output file]
const fs = require('node:fs');
const path = require('node:path');
const { bundleWorkflowCode } = require('@temporalio/worker');

const root = path.resolve(__dirname, '..');
const [workflowsPath, outFile] = [
  path.resolve(process.argv[2] ?? path.join(root, 'dist', 'workflows', 'index.js')),
  path.resolve(process.argv[3] ?? path.join(root, 'dist', 'workflow-bundle.js')),
];

bundleWorkflowCode({ workflowsPath, logger: quietLogger() })
  .then(({ code }) => {
    fs.mkdirSync(path.dirname(outFile), { recursive: true });
    fs.writeFileSync(outFile, code);
    process.stdout.write(
      `Workflow bundle: ${path.relative(root, outFile)} (${fs.statSync(outFile).size} bytes)\n`,
    );
  })
  .catch((err) => {
    process.stderr.write(`${err.stack ?? err}\n`);
    process.exit(1);
  });

// The bundler narrates webpack's statistics at info; only its warnings and errors matter here.
function quietLogger() {
  const write = (level) => (message) => process.stderr.write(`${level}: ${message}\n`);
  const silent = () => undefined;
  return {
    trace: silent,
    debug: silent,
    info: silent,
    warn: write('warn'),
    error: write('error'),
    log: silent,
  };
}
