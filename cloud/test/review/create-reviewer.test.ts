import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { AppError } from '../../src/http/app-error';
import { staffModel } from '../../src/modules/staff/staff.model';
import { createReviewer } from '../../src/modules/staff/staff-accounts';
import { startTestApp } from '../support/test-app';
import type { TestApp } from '../support/test-app';
import { staffPassword } from './review-fixtures';

const run = promisify(execFile);
const cloudDir = path.resolve(__dirname, '../..');
const cliPath = path.join(cloudDir, 'src/cli/create-reviewer.ts');
const tsxPath = path.join(cloudDir, '../node_modules/.bin/tsx');

describe('createReviewer', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  const deps = () => ({ db: t.database.db, hasher: t.services.passwordHasher });

  async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
    try {
      await promise;
      return undefined;
    } catch (error) {
      return error instanceof AppError ? error.code : String(error);
    }
  }

  it('stores an active reviewer with an Argon2id hash', async () => {
    const created = await createReviewer(deps(), {
      username: ' Bob.Lee ',
      name: '  Bob   Lee ',
      password: staffPassword,
    });

    expect(created).toMatchObject({ username: 'Bob.Lee', name: 'Bob Lee', role: 'reviewer' });
    const stored = await staffModel(t.database.db).findById(created.id).lean();
    expect(stored).toMatchObject({ usernameKey: 'bob.lee', status: 'active', sessionVersion: 0 });
    expect(stored?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await t.services.passwordHasher.verify(stored?.passwordHash ?? '', staffPassword)).toBe(
      true,
    );
  });

  it('refuses a username taken regardless of case', async () => {
    await createReviewer(deps(), { username: 'carol', name: 'Carol', password: staffPassword });
    expect(
      await codeOf(
        createReviewer(deps(), { username: 'CAROL', name: 'Carol 2', password: staffPassword }),
      ),
    ).toBe('staff.username_taken');
  });

  it('refuses a weak password and a bad username', async () => {
    expect(
      await codeOf(
        createReviewer(deps(), { username: 'dave', name: 'Dave', password: 'password1' }),
      ),
    ).toBe('password.weak');
    expect(
      await codeOf(
        createReviewer(deps(), { username: 'd a v e', name: 'Dave', password: staffPassword }),
      ),
    ).toBe('request.invalid');
    expect(await staffModel(t.database.db).countDocuments({ name: 'Dave' })).toBe(0);
  });

  describe('command line', () => {
    function cli(args: string[], password: string) {
      return run(tsxPath, [cliPath, ...args], {
        cwd: cloudDir,
        env: {
          ...process.env,
          MONGODB_URI: t.database.uri,
          REVIEWER_PASSWORD: password,
          LOG_LEVEL: 'silent',
        },
        timeout: 60_000,
      });
    }

    it('creates an operator admin and refuses a duplicate', async () => {
      const created = await cli(
        ['--username', 'erin', '--name', 'Erin Chan', '--role', 'operator_admin'],
        staffPassword,
      );
      expect(created.stdout).toContain('Created operator_admin "erin" (Erin Chan)');
      expect(await staffModel(t.database.db).findOne({ usernameKey: 'erin' }).lean()).toMatchObject(
        {
          role: 'operator_admin',
        },
      );

      const duplicate = cli(['--username', 'Erin', '--name', 'Erin Again'], staffPassword);
      await expect(duplicate).rejects.toMatchObject({
        code: 1,
        stderr: expect.stringContaining('A staff account named Erin already exists'),
      });
    });

    it('refuses a weak password before touching the database', async () => {
      const weak = cli(['--username', 'frank', '--name', 'Frank'], 'short');
      await expect(weak).rejects.toMatchObject({
        code: 1,
        stderr: expect.stringContaining('the password needs'),
      });
      expect(await staffModel(t.database.db).countDocuments({ usernameKey: 'frank' })).toBe(0);
    });

    it('explains a missing option', async () => {
      await expect(cli(['--name', 'Nobody'], staffPassword)).rejects.toMatchObject({
        code: 1,
        stderr: expect.stringContaining('--username is required'),
      });
    });
  });
});
