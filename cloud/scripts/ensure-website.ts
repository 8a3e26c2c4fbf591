/**
 * Builds the website (the Taro h5 build in miniapp/dist/h5) before `npm start` when it is
 * missing or older than its sources, printing the build's progress. Set
 * SKIP_WEBSITE_BUILD=1 to start with whatever is there.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { repositoryRoot } from '../src/db/paths';

const miniappDir = path.join(repositoryRoot, 'miniapp');
const builtIndex = path.join(miniappDir, 'dist', 'h5', 'index.html');
const sources = [
  path.join(miniappDir, 'src'),
  path.join(miniappDir, 'config'),
  path.join(miniappDir, 'babel.config.js'),
  path.join(miniappDir, 'package.json'),
  path.join(repositoryRoot, 'shared', 'src'),
];

/** Returns the newest modification time (ms) of a file or of any file under a folder. */
function newestMtime(entry: string): number {
  if (!fs.existsSync(entry)) return 0;
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of fs.readdirSync(entry))
    newest = Math.max(newest, newestMtime(path.join(entry, child)));
  return newest;
}

function reasonToBuild(): string | undefined {
  if (!fs.existsSync(builtIndex)) return 'no build found';
  const builtAt = fs.statSync(builtIndex).mtimeMs;
  const changed = sources.find((source) => newestMtime(source) > builtAt);
  return changed
    ? `${path.relative(repositoryRoot, changed)} changed since the last build`
    : undefined;
}

function main(): void {
  if (process.env.SKIP_WEBSITE_BUILD === '1') return;
  const reason = reasonToBuild();
  if (!reason) {
    process.stdout.write('Website build is up to date (miniapp/dist/h5).\n');
    return;
  }
  process.stdout.write(
    `Building the website into miniapp/dist/h5 (${reason}); this takes about a minute...\n`,
  );
  const startedAt = Date.now();
  const result = spawnSync('npm', ['run', 'build:h5', '-w', 'miniapp'], {
    cwd: repositoryRoot,
    stdio: 'inherit',
    env: { ...process.env, BROWSERSLIST_IGNORE_OLD_DATA: '1' },
  });
  if (result.status !== 0) {
    process.stderr.write(
      'The website build failed; see the output above. Fix it or set SKIP_WEBSITE_BUILD=1.\n',
    );
    process.exit(result.status ?? 1);
  }
  process.stdout.write(`Website built in ${Math.round((Date.now() - startedAt) / 1000)} s.\n`);
}

main();
