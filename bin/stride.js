#!/usr/bin/env node
// Runs the TypeScript CLI through tsx on the project's pinned Node.js (npm's `node` package, DESIGN §2),
// whatever Node started this script. Signals are passed on so the server closes its database cleanly.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pinned = path.join(root, 'node_modules', 'node', 'bin', 'node');
const nodeBin = fs.existsSync(pinned) ? pinned : process.execPath;
const tsx = import.meta.resolve('tsx');
const child = spawn(nodeBin, ['--import', tsx, path.join(root, 'src', 'cli.ts'), ...process.argv.slice(2)], {
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => child.kill(signal));
}
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
