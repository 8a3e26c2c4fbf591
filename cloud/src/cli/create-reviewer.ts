import path from 'node:path';
import { parseArgs } from 'node:util';
import { checkPassword, isStrongPassword } from '@ucz/shared';
import { loadConfig } from '../config';
import { connectDatabase } from '../db/connect';
import { repositoryRoot } from '../db/paths';
import { provideDatabase } from '../db/provide-database';
import type { ProvidedDatabase } from '../db/provide-database';
import { errorBody } from '../http/error-handler';
import { AppError } from '../http/app-error';
import { createLogger } from '../logger';
import { createPasswordHasher } from '../modules/accounts/password-hasher';
import { createReviewer } from '../modules/staff/staff-accounts';
import { staffModel, staffRoles } from '../modules/staff/staff.model';
import type { StaffRole } from '../modules/staff/staff.model';
import { readHiddenLine } from './hidden-prompt';

const usage = `Creates a staff account for the review back office.

Usage:
  npm run create-reviewer -- --username NAME --name "Full Name" [--role reviewer|operator_admin]

Options:
  --username  login name: 2-64 letters, digits or . _ - @ (unique regardless of case)
  --name      the person's name as shown in the back office
  --role      reviewer (default) or operator_admin
  --help      print this text

The password comes from the environment variable REVIEWER_PASSWORD, or else from a
hidden prompt. It needs at least 8 characters with an upper-case letter, a lower-case
letter, a digit and a special character.

The account goes into the database of MONGODB_URI, or else into the local database that
\`npm start\` uses (LOCAL_DB_DIR). While \`npm start\` runs on a local database, set
MONGODB_URI to that server so that both use the same one.`;

class UsageError extends Error {}

function parseCommandLine(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      options: {
        username: { type: 'string' },
        name: { type: 'string' },
        role: { type: 'string', default: 'reviewer' },
        help: { type: 'boolean', default: false },
      },
      strict: true,
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function parseOptions(argv: string[]): { username: string; name: string; role: StaffRole } {
  const { values } = parseCommandLine(argv);
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  if (!values.username) throw new UsageError('--username is required');
  if (!values.name) throw new UsageError('--name is required');
  const role = values.role as StaffRole;
  if (!staffRoles.includes(role)) {
    throw new UsageError(`--role must be one of ${staffRoles.join(', ')}, got "${values.role}"`);
  }
  return { username: values.username, name: values.name, role };
}

function describePasswordProblems(password: string): string {
  const check = checkPassword(password);
  const missing = [
    check.length ? undefined : '8 to 128 characters',
    check.upper ? undefined : 'an upper-case letter',
    check.lower ? undefined : 'a lower-case letter',
    check.digit ? undefined : 'a digit',
    check.special ? undefined : 'a special character',
  ].filter(Boolean);
  return `the password needs ${missing.join(', ')}`;
}

async function readPassword(): Promise<string> {
  const fromEnv = process.env.REVIEWER_PASSWORD;
  if (fromEnv) return fromEnv;
  if (!process.stdin.isTTY) {
    throw new UsageError('set REVIEWER_PASSWORD, or run in a terminal to type the password');
  }
  const password = await readHiddenLine('Password: ');
  const confirmation = await readHiddenLine('Repeat the password: ');
  if (password !== confirmation) throw new UsageError('the two passwords differ');
  return password;
}

function explain(error: unknown): string {
  if (error instanceof AppError) {
    const body = errorBody(error, 'en').error;
    const fields = (body.fields ?? [])
      .map((field) => `\n  ${field.field}: ${field.message}`)
      .join('');
    return `${body.message}${fields}`;
  }
  return error instanceof Error ? error.message : String(error);
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const password = await readPassword();
  if (!isStrongPassword(password)) throw new UsageError(describePasswordProblems(password));

  const config = loadConfig();
  const logger = createLogger(process.env.LOG_LEVEL ?? 'warn');
  let database: ProvidedDatabase | undefined;
  try {
    database = await provideDatabase({
      mongodbUri: config.MONGODB_URI,
      dataDir: path.resolve(repositoryRoot, config.LOCAL_DB_DIR),
      databaseName: 'ucz',
      logger,
    });
    const db = await connectDatabase(database.uri, logger);
    try {
      await staffModel(db).createIndexes();
      const staff = await createReviewer(
        { db, hasher: createPasswordHasher(config), logger },
        { ...options, password },
      );
      console.log(`Created ${staff.role} "${staff.username}" (${staff.name}), id ${staff.id}.`);
    } finally {
      await db.close();
    }
  } finally {
    await database?.stop();
  }
}

main().catch((error: unknown) => {
  const prefix = error instanceof UsageError ? 'create-reviewer' : 'create-reviewer failed';
  console.error(`${prefix}: ${explain(error)}`);
  if (error instanceof UsageError) console.error('Run with --help for usage.');
  process.exitCode = 1;
});
