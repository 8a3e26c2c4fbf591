import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import type { Logger } from '../logger';

/** A database server started by this process. */
export interface ManagedProcess {
  child: ChildProcess;
  isAlive(): boolean;
  /** The last lines the process wrote to stderr, for error messages. */
  recentOutput(): string;
  stop(): Promise<void>;
}

/**
 * Starts a server whose life is tied to this process. Its standard input is a pipe from
 * here, and the server (or the shell wrapper around it) exits when the pipe closes. The
 * pipe also closes when this process is killed with SIGKILL.
 */
export function startManagedProcess(
  name: string,
  command: string,
  args: string[],
  logger: Logger,
  options: { env?: NodeJS.ProcessEnv; cwd?: string } = {},
): ManagedProcess {
  const child = spawn(command, args, {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: options.env ?? process.env,
    cwd: options.cwd,
  });
  let exited = child.exitCode !== null;
  const output: string[] = [];
  const remember = (chunk: Buffer) => {
    output.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    if (output.length > 40) output.splice(0, output.length - 40);
  };
  child.stdout?.on('data', remember);
  child.stderr?.on('data', remember);
  child.on('exit', (code, signal) => {
    exited = true;
    logger.info({ name, exitCode: code, signal }, 'database process exited');
  });
  child.on('error', (error) => {
    exited = true;
    logger.error({ name, err: error }, 'database process failed to start');
  });
  // Never let the pipe keep the event loop alive on its own.
  child.unref();
  (child.stdin as unknown as { unref?: () => void } | null)?.unref?.();
  (child.stdout as unknown as { unref?: () => void } | null)?.unref?.();
  (child.stderr as unknown as { unref?: () => void } | null)?.unref?.();

  return {
    child,
    isAlive: () => !exited,
    recentOutput: () => output.join('\n'),
    stop: () =>
      new Promise<void>((resolve) => {
        if (exited) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.stdin?.end();
        child.kill('SIGTERM');
      }),
  };
}
