import { sweepStaleCertificationRecords } from '../../src/modules/certification/certification-sweeper';
import type { TestApp } from '../support/test-app';
import {
  countUploads,
  draftHeader,
  fillDraft,
  startDraft,
  startWizardApp,
  submitDraft,
  uploadFile,
} from './wizard';

const day = 24 * 60 * 60 * 1000;

describe('certification sweeper', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startWizardApp();
  });

  afterAll(async () => {
    await t.close();
  });

  function sweep() {
    return sweepStaleCertificationRecords({
      db: t.database.db,
      clock: t.clock,
      logger: t.deps.logger,
      files: t.services.files,
      config: t.config,
    });
  }

  it('removes stale drafts with their uploads and keeps submitted documents', async () => {
    const abandoned = await startDraft(t);
    await uploadFile(t, abandoned, 'employment_proof').expect(201);
    const filled = await fillDraft(t);
    await submitDraft(t, filled.token, filled.code).expect(200);
    const before = await countUploads(t);

    t.clock.advance((t.config.DRAFT_TTL_DAYS + 1) * day);
    const recent = await startDraft(t);
    const result = await sweep();

    expect(result.drafts).toBe(2);
    expect(result.files).toBe(1);
    expect((await countUploads(t)).files).toBe(before.files - 1);
    await t.api
      .get('/api/certification/drafts/current')
      .set(...draftHeader(abandoned))
      .expect(404);
    await t.api
      .get('/api/certification/drafts/current')
      .set(...draftHeader(recent))
      .expect(200);
  });

  it('removes expired application tokens', async () => {
    const filled = await fillDraft(t);
    await submitDraft(t, filled.token, filled.code).expect(200);
    await t.api
      .post('/api/certification/progress/by-password')
      .send({ username: filled.account.username, password: 'Harbour#2026' })
      .expect(200);

    t.clock.advance(31 * 60 * 1000);
    const result = await sweep();
    expect(result.applicationTokens).toBe(1);
  });
});
