import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from '../logger';
import { repositoryRoot, toolsDir } from './paths';

/** FerretDB version pinned in tools/ferretdb/go.mod. */
export const ferretDbVersion = 'v1.24.2';

export const ferretDbBinary = path.join(toolsDir, 'bin', 'ferretdb-local');
const sourceDir = path.join(repositoryRoot, 'tools', 'ferretdb');

/** Finds an executable on PATH, or undefined. */
export function findOnPath(command: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, command);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      // Not in this folder; keep looking.
    }
  }
  return undefined;
}

/**
 * Builds the FerretDB wrapper in tools/ferretdb with `go install` into .tools/bin, once.
 * Returns the binary path, or undefined when Go is not installed.
 */
export function ensureFerretDb(logger: Logger): string | undefined {
  if (fs.existsSync(ferretDbBinary)) return ferretDbBinary;
  const go = findOnPath('go');
  if (!go) return undefined;

  logger.info(
    { version: ferretDbVersion, target: ferretDbBinary },
    'building FerretDB once with go install (about a minute on first run)',
  );
  const started = Date.now();
  const result = spawnSync(go, ['install', '.'], {
    cwd: sourceDir,
    env: {
      ...process.env,
      GOBIN: path.dirname(ferretDbBinary),
      GOTOOLCHAIN: 'local',
      GOFLAGS: '-mod=mod',
      // Keep Go from reporting telemetry while it builds.
      GOTELEMETRY: 'off',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (result.status !== 0 || !fs.existsSync(ferretDbBinary)) {
    throw new Error(
      `Building FerretDB failed (go install in ${sourceDir} exited with ${result.status ?? result.signal}). ` +
        'Check that the Go module proxy is reachable, or set MONGODB_URI to a MongoDB server.',
    );
  }
  logger.info({ seconds: Math.round((Date.now() - started) / 1000) }, 'FerretDB built');
  return ferretDbBinary;
}
