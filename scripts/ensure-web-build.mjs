// Run by `npm start` before the server: builds the web UI when dist/web is missing or older than its sources,
// so a fresh clone needs only `npm install && npm start`.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const builtIndex = path.join(root, 'dist/web/index.html');
const sourceDirs = ['src/web', 'src/domain'].map((d) => path.join(root, d));
const configFiles = ['vite.config.ts', 'package-lock.json'].map((f) => path.join(root, f));

function newestMtime(entry) {
  if (!fs.existsSync(entry)) return 0;
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of fs.readdirSync(entry)) newest = Math.max(newest, newestMtime(path.join(entry, child)));
  return newest;
}

const builtAt = fs.existsSync(builtIndex) ? fs.statSync(builtIndex).mtimeMs : 0;
const sourcesAt = Math.max(...sourceDirs.map(newestMtime), ...configFiles.map(newestMtime));

if (builtAt >= sourcesAt) {
  console.log('Web UI is up to date (dist/web).');
} else {
  const started = Date.now();
  // Always the production build: under Vitest NODE_ENV is 'test', which would make Vite bundle React's
  // development build (slow, and served by `npm start` afterwards).
  process.env.NODE_ENV = 'production';
  const { build } = await import('vite');
  await build({
    configFile: path.join(root, 'vite.config.ts'),
    root: path.join(root, 'src/web'),
    logLevel: 'warn',
    mode: 'production',
  });
  console.log(`Web UI built into dist/web in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}
