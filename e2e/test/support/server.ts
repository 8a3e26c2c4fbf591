import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
// The shell around the server stops it when its standard input closes. That also happens
// when this process is killed (SIGKILL), and the server's local database then exits
// because the server's pipe to it closes.
import { stopOnInputEndScript } from '../../../cloud/src/db/provide-database';

export const repositoryRoot = path.resolve(__dirname, '..', '..', '..');

/** Folder of the website build, relative to the repository root (E2E_WEBSITE_DIR overrides it). */
export const websiteDir = process.env.E2E_WEBSITE_DIR ?? 'miniapp/dist/h5';

/** Fails at once, with what to do, when the website has not been built. */
export function requireWebsiteBuild(): void {
  const index = path.resolve(repositoryRoot, websiteDir, 'index.html');
  if (!fs.existsSync(index)) {
    throw new Error(
      `No website build at ${path.dirname(index)} (index.html is missing). ` +
        'Run `npm run build -w miniapp` (or `npm run build:h5 -w miniapp`) first.',
    );
  }
}

/** Asks the system for a free port on 127.0.0.1. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export interface RunningServer {
  baseUrl: string;
  /** The server's recent output, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

/** Every server started here, so that an exiting test process can still end them. */
const running = new Set<ChildProcess>();

process.once('exit', () => {
  for (const child of running) killGroup(child, 'SIGKILL');
});

/** Signals the process group that `child` leads: the shell, the server and its database. */
function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // The group has already gone.
  }
}

/** Tells whether any process of the group that `child` leads is still running. */
function groupAlive(child: ChildProcess): boolean {
  if (child.pid === undefined) return false;
  try {
    process.kill(-child.pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitForHealth(
  baseUrl: string,
  child: ChildProcess,
  output: () => string,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`The server exited before it answered /healthz:\n${output()}`);
    }
    try {
      const response = await fetch(`${baseUrl}/healthz`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`The server did not answer /healthz within ${timeoutMs / 1000} s:\n${output()}`);
}

/**
 * Starts the product as `npm start` does (cloud/src/main.ts through tsx, simulator mode,
 * a local database in a fresh temporary folder) on a free port of 127.0.0.1, with
 * `env` on top, and waits until /healthz responds.
 */
export async function startServer(env: Record<string, string>): Promise<RunningServer> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ucz-e2e-db-'));
  const tsx = path.join(repositoryRoot, 'node_modules', '.bin', 'tsx');
  const child = spawn('sh', ['-c', stopOnInputEndScript, 'sh', tsx, 'cloud/src/main.ts'], {
    cwd: repositoryRoot,
    detached: true,
    stdio: ['pipe', 'pipe', 'pipe'],
    env: {
      ...process.env,
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: String(port),
      SIMULATOR: 'true',
      LOCAL_DB_DIR: dataDir,
      WEBSITE_DIR: websiteDir,
      LOG_LEVEL: 'warn',
      ...env,
    },
  });
  running.add(child);
  const lines: string[] = [];
  const remember = (chunk: Buffer) => {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    if (lines.length > 60) lines.splice(0, lines.length - 60);
  };
  child.stdout?.on('data', remember);
  child.stderr?.on('data', remember);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const output = () => lines.join('\n');
  const baseUrl = `http://127.0.0.1:${port}`;

  const stop = async () => {
    child.stdin?.destroy();
    killGroup(child, 'SIGTERM');
    await exited;
    // The server and its database stop on their own, and whatever is left after 10 s is killed.
    const deadline = Date.now() + 10_000;
    while (groupAlive(child) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    killGroup(child, 'SIGKILL');
    child.stdout?.destroy();
    child.stderr?.destroy();
    running.delete(child);
    fs.rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    await waitForHealth(baseUrl, child, output, 120_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, output, stop };
}
