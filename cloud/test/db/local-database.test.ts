import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { accountModel } from '../../src/modules/accounts/account.model';
import { syncIndexes } from '../../src/db/connect';
import { isDuplicateKeyError } from '../../src/lib/mongo-errors';
import { stopOnInputEndScript, withDatabaseName } from '../../src/db/provide-database';
import { openTestDatabase } from '../support/database';
import type { TestDatabase } from '../support/database';

describe('local test database', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await openTestDatabase();
  });

  afterAll(async () => {
    await database.drop();
  });

  it('answers a ping', async () => {
    const reply = await database.db.db?.admin().ping();
    expect(reply?.ok).toBe(1);
  });

  it('enforces unique indexes declared on models', async () => {
    const Account = accountModel(database.db);
    await syncIndexes(database.db);
    const base = {
      username: 'Alice',
      usernameKey: 'alice',
      email: 'alice@example.com',
      name: 'Alice',
      department: 'IT',
      phone: '+85291234567',
      title: 'Engineer',
      passwordHash: 'x',
      companyId: database.db.base.Types.ObjectId.createFromTime(0),
      role: 'user' as const,
    };
    await Account.create({ ...base, emailKey: 'alice@example.com' });

    const duplicate = await Account.create({ ...base, emailKey: 'other@example.com' }).catch(
      (e: unknown) => e,
    );

    expect(isDuplicateKeyError(duplicate)).toBe(true);
    expect(await Account.countDocuments({ usernameKey: 'alice' })).toBe(1);
  });
});

describe('withDatabaseName', () => {
  it('replaces the path and keeps credentials and options', () => {
    expect(withDatabaseName('mongodb://u:p@127.0.0.1:27017/old?authSource=admin', 'new')).toBe(
      'mongodb://u:p@127.0.0.1:27017/new?authSource=admin',
    );
  });
});

describe('stopOnInputEndScript', () => {
  function startWatched(): ChildProcess {
    return spawn('sh', ['-c', stopOnInputEndScript, 'sh', 'sleep', '30'], {
      stdio: ['pipe', 'ignore', 'ignore'],
    });
  }

  it('keeps the server running while the input pipe is open', async () => {
    const child = startWatched();
    const exited = once(child, 'exit');
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(child.exitCode).toBeNull();
    child.stdin?.end();
    await exited;
  });

  it('stops the server when the input pipe closes', async () => {
    const child = startWatched();
    const exited = once(child, 'exit');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const closedAt = Date.now();
    child.stdin?.end();
    await exited;
    expect(Date.now() - closedAt).toBeLessThan(5000);
  });
});
