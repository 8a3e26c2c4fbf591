/**
 * Benchmarks of the hot paths that have speed goals: input normalisation (runs on every
 * certification request) and password hashing with the configured argon2id parameters
 * (bounds login and submission throughput). Prints one JSON line per benchmark.
 *
 * Run with `npm run bench`. Numbers depend on the machine; compare runs on one machine.
 */
import { performance } from 'node:perf_hooks';
import { companyNameKey, normaliseEmail, toE164 } from '@ucz/shared';
import { loadConfig } from '../src/config';
import { createPasswordHasher } from '../src/modules/accounts/password-hasher';

interface Result {
  name: string;
  iterations: number;
  opsPerSecond: number;
  meanMicroseconds: number;
}

async function measure(
  name: string,
  iterations: number,
  task: (i: number) => unknown,
): Promise<Result> {
  for (let i = 0; i < Math.min(iterations, 100); i += 1) await task(i);
  const started = performance.now();
  for (let i = 0; i < iterations; i += 1) await task(i);
  const elapsedMs = performance.now() - started;
  return {
    name,
    iterations,
    opsPerSecond: Math.round((iterations / elapsedMs) * 1000),
    meanMicroseconds: Math.round((elapsedMs / iterations) * 1000 * 10) / 10,
  };
}

async function main(): Promise<void> {
  const config = loadConfig({ ...process.env, SIMULATOR: 'true' });
  const hasher = createPasswordHasher(config);

  const results = [
    await measure('companyNameKey', 100_000, (i) =>
      companyNameKey(`ＡＢＣ  Trading ${i} Limited `),
    ),
    await measure('normaliseEmail', 100_000, (i) => normaliseEmail(` User${i}@Example.COM `)),
    await measure('toE164 (Hong Kong, typed with spaces)', 20_000, () => toE164('(852) 9123 4567')),
    await measure('argon2id hash (configured parameters)', 20, () => hasher.hash('Abcdefg1@')),
  ];
  for (const result of results) console.log(JSON.stringify(result));
}

void main();
