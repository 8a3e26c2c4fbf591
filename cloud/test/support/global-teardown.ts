import fs from 'node:fs';

/** Stops the run's database server and removes its files. */
export default async function globalTeardown(): Promise<void> {
  const state = globalThis.__uczTestDatabase;
  if (!state) return;
  await state.database.stop();
  fs.rmSync(state.dataDir, { recursive: true, force: true });
}
