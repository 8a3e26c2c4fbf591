import path from 'node:path';

/** The repository root (this file is cloud/src/db/paths.ts). */
export const repositoryRoot = path.resolve(__dirname, '..', '..', '..');

/** Project-local, git-ignored folder for built tools such as FerretDB. */
export const toolsDir = path.join(repositoryRoot, '.tools');

/** Project-local, git-ignored folder for the data of `npm start`. */
export const dataDir = path.join(repositoryRoot, '.data');
