import http from 'node:http';
import { buildJpeg, buildPdf, buildPng, htmlDocument } from '../fixtures/documents';
import {
  companyInput,
  draftHeader,
  countUploads,
  putCompany,
  startDraft,
  startWizardApp,
  uploadFile,
} from '../certification/wizard';
import { insertCompany } from '../support/accounts';
import type { TestApp } from '../support/test-app';

const megabyte = 1024 * 1024;

/** Builds a PDF-looking body of `size` bytes: a real header, then filler. */
function largePdf(size: number): Buffer {
  const body = Buffer.alloc(size, 0x20);
  buildPdf().copy(body, 0, 0, 64);
  return body;
}

const boundary = '----ucz-raw-boundary';

/** Builds a multipart body from raw part headers and contents, exactly as given. */
function multipartBody(parts: { headers: string; content: Buffer | string }[]): Buffer {
  const pieces: Buffer[] = [];
  for (const part of parts) {
    pieces.push(Buffer.from(`--${boundary}\r\n${part.headers}\r\n\r\n`, 'utf8'));
    pieces.push(Buffer.isBuffer(part.content) ? part.content : Buffer.from(part.content, 'utf8'));
    pieces.push(Buffer.from('\r\n'));
  }
  pieces.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(pieces);
}

/** Posts a hand-built multipart body, so tests control every byte of the part headers. */
function postMultipart(t: TestApp, token: string, body: Buffer, kind = 'employment_proof') {
  return t.api
    .post(`/api/certification/drafts/current/files?kind=${kind}`)
    .set(...draftHeader(token))
    .set('Content-Type', `multipart/form-data; boundary=${boundary}`)
    .send(body);
}

interface RawAnswer {
  status: number;
  body: { error?: { code: string } };
  uploadError?: Error;
}

/**
 * Streams a multipart upload of `size` bytes with chunked transfer encoding. The
 * request has no Content-Length, so the server must enforce the limit while reading.
 */
function chunkedUpload(t: TestApp, token: string, size: number): Promise<RawAnswer> {
  const boundary = '----ucz-test-boundary';
  const url = new URL('/api/certification/drafts/current/files?kind=employment_proof', t.baseUrl);
  return new Promise((resolve, reject) => {
    let uploadError: Error | undefined;
    const request = http.request(url, {
      method: 'POST',
      headers: {
        'Content-Type': `multipart/form-data; boundary=${boundary}`,
        'Transfer-Encoding': 'chunked',
        'X-Draft-Token': token,
      },
    });
    request.on('response', (response) => {
      const parts: Buffer[] = [];
      response.on('data', (part: Buffer) => parts.push(part));
      response.on('end', () => {
        resolve({
          status: response.statusCode ?? 0,
          body: JSON.parse(Buffer.concat(parts).toString('utf8')) as RawAnswer['body'],
          ...(uploadError ? { uploadError } : {}),
        });
      });
    });
    request.on('error', (error) => {
      uploadError = error;
      reject(error);
    });

    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.pdf"\r\n` +
        'Content-Type: application/pdf\r\n\r\n',
    );
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
    const piece = largePdf(64 * 1024);

    async function send(): Promise<void> {
      request.write(head);
      for (let sent = 0; sent < size; sent += piece.length) {
        if (!request.write(piece)) await new Promise((resume) => request.once('drain', resume));
      }
      request.end(tail);
    }
    send().catch(reject);
  });
}

describe('document uploads', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startWizardApp();
  });

  afterAll(async () => {
    await t.close();
  });

  it.each([
    ['PDF', buildPdf(), 'scan.pdf', 'application/pdf'],
    ['JPEG', buildJpeg(), 'card.jpeg', 'image/jpeg'],
    ['PNG', buildPng(), 'badge.png', 'image/png'],
  ])('accepts a %s and stores it in GridFS', async (_type, content, filename, contentType) => {
    const token = await startDraft(t);
    const before = await countUploads(t);
    const response = await uploadFile(
      t,
      token,
      'employment_proof',
      content,
      filename,
      'application/octet-stream',
    ).expect(201);

    expect(response.body.file).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{24}$/u),
      kind: 'employment_proof',
      filename,
      contentType,
      size: content.length,
      uploadedAt: t.clock.now().toISOString(),
    });
    expect(response.body.draft.files).toHaveLength(1);
    expect((await countUploads(t)).files).toBe(before.files + 1);
  });

  it('detects the type from the bytes, not the name', async () => {
    const token = await startDraft(t);
    const response = await uploadFile(
      t,
      token,
      'employment_proof',
      buildPng(),
      'scan.pdf',
      'application/pdf',
    ).expect(201);
    expect(response.body.file.contentType).toBe('image/png');
    expect(response.body.file.filename).toBe('scan.pdf.png');
  });

  it('rejects HTML named .pdf and keeps nothing', async () => {
    const token = await startDraft(t);
    const before = await countUploads(t);
    const response = await uploadFile(
      t,
      token,
      'employment_proof',
      htmlDocument,
      'report.pdf',
      'application/pdf',
    ).expect(415);

    expect(response.body.error.code).toBe('file.type_not_allowed');
    expect(response.body.error.message).toBe('工作证明材料：仅支持 PDF、JPG、PNG 格式的文件。');
    expect(await countUploads(t)).toEqual(before);
    const draft = await t.api
      .get('/api/certification/drafts/current')
      .set(...draftHeader(token))
      .expect(200);
    expect(draft.body.files).toEqual([]);
  });

  it('rejects a 25 MB upload with 413 and keeps nothing', async () => {
    const token = await startDraft(t);
    const before = await countUploads(t);
    const response = await uploadFile(
      t,
      token,
      'employment_proof',
      largePdf(25 * megabyte),
      'big.pdf',
    ).expect(413);

    expect(response.body.error.code).toBe('file.too_large');
    expect(response.body.error.message).toBe('工作证明材料：文件超过 10 MB，请压缩后重新上传。');
    expect(await countUploads(t)).toEqual(before);
  });

  it('rejects a 25 MB chunked upload while streaming and keeps nothing', async () => {
    const token = await startDraft(t);
    const before = await countUploads(t);
    const answer = await chunkedUpload(t, token, 25 * megabyte);

    expect(answer.uploadError).toBeUndefined();
    expect(answer.status).toBe(413);
    expect(answer.body.error?.code).toBe('file.too_large');
    expect(await countUploads(t)).toEqual(before);
    const draft = await t.api
      .get('/api/certification/drafts/current')
      .set(...draftHeader(token))
      .expect(200);
    expect(draft.body.files).toEqual([]);
  });

  it('answers the next request on the same server after a rejected upload', async () => {
    const token = await startDraft(t);
    await uploadFile(t, token, 'employment_proof', largePdf(12 * megabyte), 'big.pdf').expect(413);
    await uploadFile(t, token, 'employment_proof').expect(201);
  });

  it('rejects an empty file and keeps nothing', async () => {
    const token = await startDraft(t);
    const before = await countUploads(t);
    const response = await uploadFile(
      t,
      token,
      'employment_proof',
      Buffer.alloc(0),
      'empty.pdf',
    ).expect(400);

    expect(response.body.error.code).toBe('file.empty');
    expect(await countUploads(t)).toEqual(before);
  });

  it('limits the number of files per kind', async () => {
    const token = await startDraft(t);
    for (let index = 0; index < 3; index += 1) {
      await uploadFile(t, token, 'business_registration').expect(201);
    }
    const before = await countUploads(t);
    const response = await uploadFile(t, token, 'business_registration').expect(400);

    expect(response.body.error.code).toBe('file.too_many');
    expect(response.body.error.message).toBe(
      '商业登记证影印件：最多上传 3 个文件，请先删除多余的文件。',
    );
    expect(await countUploads(t)).toEqual(before);
    for (let index = 0; index < 5; index += 1) {
      await uploadFile(t, token, 'employment_proof').expect(201);
    }
    await uploadFile(t, token, 'employment_proof').expect(400);
  });

  it('keeps the per-kind limit when uploads race', async () => {
    const token = await startDraft(t);
    const answers = await Promise.all(
      Array.from({ length: 6 }, () =>
        uploadFile(t, token, 'business_registration').then((response) => response.status),
      ),
    );
    const draft = await t.api
      .get('/api/certification/drafts/current')
      .set(...draftHeader(token))
      .expect(200);

    expect(answers.filter((status) => status === 201).length).toBeLessThanOrEqual(3);
    expect(draft.body.files.length).toBeLessThanOrEqual(3);
    expect(draft.body.files.length).toBe(answers.filter((status) => status === 201).length);
  });

  it('accepts the authorisation letter only after 申请管理员', async () => {
    const token = await startDraft(t);
    const refused = await uploadFile(t, token, 'admin_authorisation').expect(400);
    expect(refused.body.error.code).toBe('file.admin_not_requested');

    await t.api
      .put('/api/certification/drafts/current/documents')
      .set(...draftHeader(token))
      .send({ applyAdmin: true, adminAgreementAccepted: true })
      .expect(200);
    await uploadFile(t, token, 'admin_authorisation').expect(201);
    await uploadFile(t, token, 'admin_authorisation').expect(201);
    const third = await uploadFile(t, token, 'admin_authorisation').expect(400);
    expect(third.body.error.code).toBe('file.too_many');
  });

  it('rejects a form without a file part', async () => {
    const token = await startDraft(t);
    const response = await t.api
      .post('/api/certification/drafts/current/files?kind=employment_proof')
      .set(...draftHeader(token))
      .field('note', 'no file here')
      .expect(400);
    expect(response.body.error.fields).toEqual([
      expect.objectContaining({ field: 'file', code: 'required' }),
    ]);
  });

  it('rejects a body that is not multipart', async () => {
    const token = await startDraft(t);
    const response = await t.api
      .post('/api/certification/drafts/current/files?kind=employment_proof')
      .set(...draftHeader(token))
      .set('Content-Type', 'application/pdf')
      .send(buildPdf())
      .expect(415);
    expect(response.body.error.code).toBe('request.unsupported_media_type');
  });

  it('rejects an unknown kind', async () => {
    const token = await startDraft(t);
    const response = await uploadFile(t, token, 'passport' as 'employment_proof').expect(400);
    expect(response.body.error.fields).toEqual([expect.objectContaining({ field: 'kind' })]);
  });

  it('rejects an upload without a draft and keeps nothing', async () => {
    const before = await countUploads(t);
    const response = await t.api
      .post('/api/certification/drafts/current/files?kind=employment_proof')
      .attach('file', buildPdf(), 'scan.pdf')
      .expect(404);
    expect(response.body.error.code).toBe('draft.not_found');
    expect(await countUploads(t)).toEqual(before);
  });

  it('cleans the file name', async () => {
    const token = await startDraft(t);
    const traversal = await uploadFile(
      t,
      token,
      'employment_proof',
      buildPdf(),
      '..\\..\\windows\\名片 2026.pdf',
    ).expect(201);
    expect(traversal.body.file.filename).toBe('名片 2026.pdf');

    const disguised = await uploadFile(
      t,
      token,
      'employment_proof',
      buildPdf(),
      'invoice\u202Efdp.exe',
    ).expect(201);
    expect(disguised.body.file.filename).toBe('invoicefdp.exe.pdf');

    const unnamed = await uploadFile(t, token, 'employment_proof', buildJpeg(), '...').expect(201);
    expect(unnamed.body.file.filename).toBe('file.jpg');
  });

  it('rejects a business registration copy for a certified company', async () => {
    const company = await insertCompany(t);
    const token = await startDraft(t);
    const saved = await putCompany(t, token, companyInput({ fullName: company.fullName })).expect(
      200,
    );
    expect(saved.body.mode).toBe('join_company');
    const before = await countUploads(t);

    const response = await uploadFile(t, token, 'business_registration').expect(400);
    expect(response.body.error.code).toBe('file.kind_not_needed');
    expect(response.body.error.message).toBe(
      '贵公司已在专区认证，无需上传商业登记证影印件，只需上传工作证明材料。',
    );
    const english = await uploadFile(t, token, 'business_registration')
      .set('Accept-Language', 'en')
      .expect(400);
    expect(english.body.error.message).toContain('already certified in the zone');
    expect(await countUploads(t)).toEqual(before);

    await uploadFile(t, token, 'employment_proof').expect(201);
    const draft = await t.api
      .get('/api/certification/drafts/current')
      .set(...draftHeader(token))
      .expect(200);
    expect(draft.body.requiredDocuments).toEqual(['employment_proof']);
    expect(draft.body.steps.documents).toBe(true);
  });

  it('decodes and cleans a browser-escaped file name and encodes it once', async () => {
    const token = await startDraft(t);
    // Browsers and curl escape ", CR and LF in multipart file names as %22, %0D and %0A.
    const response = await postMultipart(
      t,
      token,
      multipartBody([
        {
          headers:
            'Content-Disposition: form-data; name="file"; filename="a%22;%0D%0Ab.html"\r\n' +
            'Content-Type: application/pdf',
          content: buildPdf(),
        },
      ]),
    ).expect(201);
    expect(response.body.file.filename).toBe('a; b.html.pdf');

    const download = await t.api
      .get(`/api/certification/drafts/current/files/${response.body.file.id}`)
      .set(...draftHeader(token))
      .expect(200);
    expect(download.headers['content-disposition']).toBe(
      `attachment; filename="a; b.html.pdf"; filename*=UTF-8''a%3B%20b.html.pdf`,
    );
  });

  it('removes header injection from a file name', async () => {
    const token = await startDraft(t);
    const escaped = await postMultipart(
      t,
      token,
      multipartBody([
        {
          headers: 'Content-Disposition: form-data; name="file"; filename="a%0D%0AX-Injected: 1"',
          content: buildPdf(),
        },
      ]),
    ).expect(201);
    expect(escaped.body.file.filename).toBe('a X-Injected 1.pdf');

    // The RFC 8187 form carries the raw characters; they are cleaned the same way.
    const extended = await postMultipart(
      t,
      token,
      multipartBody([
        {
          headers:
            'Content-Disposition: form-data; name="file"; filename*=UTF-8\'\'%E5%90%8D%E7%89%87%22%0D%0A%09x.png',
          content: buildPng(),
        },
      ]),
    ).expect(201);
    expect(extended.body.file.filename).toBe('名片 x.png');

    const download = await t.api
      .get(`/api/certification/drafts/current/files/${extended.body.file.id}`)
      .set(...draftHeader(token))
      .expect(200);
    expect(download.headers['content-disposition']).toBe(
      `attachment; filename="__ x.png"; filename*=UTF-8''%E5%90%8D%E7%89%87%20x.png`,
    );
  });

  it('rejects a form with too many parts before the file', async () => {
    const token = await startDraft(t);
    const fields = Array.from({ length: 11 }, (_, index) => ({
      headers: `Content-Disposition: form-data; name="note${index}"`,
      content: 'x',
    }));
    const before = await countUploads(t);
    const response = await postMultipart(
      t,
      token,
      multipartBody([
        ...fields,
        {
          headers: 'Content-Disposition: form-data; name="file"; filename="scan.pdf"',
          content: buildPdf(),
        },
      ]),
    ).expect(400);

    expect(response.body.error.code).toBe('file.too_many_parts');
    expect(response.body.error.message).toBe(
      '工作证明材料：上传表单的字段过多，请只提交文件本身（字段名 file）。',
    );
    expect(await countUploads(t)).toEqual(before);
  });

  it('rejects a form with too many unnamed parts', async () => {
    const token = await startDraft(t);
    const unnamed = Array.from({ length: 11 }, () => ({
      headers: 'Content-Type: text/plain',
      content: 'x',
    }));
    const response = await postMultipart(
      t,
      token,
      multipartBody([
        ...unnamed,
        {
          headers: 'Content-Disposition: form-data; name="file"; filename="scan.pdf"',
          content: buildPdf(),
        },
      ]),
    ).expect(400);
    expect(response.body.error.code).toBe('file.too_many_parts');
  });

  it('rejects a second file in one form', async () => {
    const token = await startDraft(t);
    const file = {
      headers: 'Content-Disposition: form-data; name="file"; filename="scan.pdf"',
      content: buildPdf(),
    };
    const response = await postMultipart(t, token, multipartBody([file, file])).expect(400);
    expect(response.body.error.code).toBe('file.too_many_parts');
  });

  it('accepts a few plain fields before the file', async () => {
    const token = await startDraft(t);
    const fields = Array.from({ length: 10 }, (_, index) => ({
      headers: `Content-Disposition: form-data; name="note${index}"`,
      content: 'x',
    }));
    await postMultipart(
      t,
      token,
      multipartBody([
        ...fields,
        {
          headers: 'Content-Disposition: form-data; name="file"; filename="scan.pdf"',
          content: buildPdf(),
        },
      ]),
    ).expect(201);
  });

  /** Pads `head` with spaces to `size` bytes. */
  function padded(head: Buffer | string, size: number): Buffer {
    const body = Buffer.alloc(size, 0x20);
    (Buffer.isBuffer(head) ? head : Buffer.from(head, 'latin1')).copy(body);
    return body;
  }

  it.each([
    ['a bare PDF signature', Buffer.from('%PDF-', 'latin1')],
    ['a PDF of 66 bytes', padded('%PDF-1.4\n', 66)],
    ['a PDF without a version', padded('%PDF-x.y\n', 200)],
    ['a PDF of version 3', padded('%PDF-3.0\n', 200)],
    ['a bare JPEG marker', Buffer.from([0xff, 0xd8, 0xff, 0xe0])],
    ['a JPEG of 106 bytes', padded(Buffer.from([0xff, 0xd8, 0xff, 0xe0]), 106)],
    ['a PNG of 66 bytes', padded(buildPng().subarray(0, 16), 66)],
  ])('rejects %s as not a document', async (_case, content) => {
    const token = await startDraft(t);
    const before = await countUploads(t);
    const response = await uploadFile(t, token, 'employment_proof', content, 'tiny.pdf').expect(
      415,
    );
    expect(response.body.error.code).toBe('file.type_not_allowed');
    expect(await countUploads(t)).toEqual(before);
  });

  it.each([
    ['PDF 1.x', padded('%PDF-1.7\n', 67)],
    ['PDF 2.0', padded('%PDF-2.0\n', 67)],
    ['JPEG', padded(Buffer.from([0xff, 0xd8, 0xff, 0xe0]), 107)],
    ['PNG', padded(buildPng().subarray(0, 16), 67)],
  ])('accepts a %s at the minimum size', async (_case, content) => {
    const token = await startDraft(t);
    await uploadFile(t, token, 'employment_proof', content, 'small').expect(201);
  });

  it('lets the owner download a file as an attachment', async () => {
    const token = await startDraft(t);
    const content = buildPng();
    const uploaded = await uploadFile(
      t,
      token,
      'employment_proof',
      content,
      '工作证 正面.png',
      'text/html',
    ).expect(201);

    const response = await t.api
      .get(`/api/certification/drafts/current/files/${uploaded.body.file.id}`)
      .set(...draftHeader(token))
      .buffer(true)
      .parse((res, callback) => {
        const parts: Buffer[] = [];
        res.on('data', (part: Buffer) => parts.push(part));
        res.on('end', () => callback(null, Buffer.concat(parts)));
      })
      .expect(200);

    expect(response.headers['content-type']).toBe('image/png');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="___ __.png"; filename*=UTF-8''${encodeURIComponent('工作证 正面.png')}`,
    );
    expect(Buffer.compare(response.body as Buffer, content)).toBe(0);
  });

  it('shows a PNG and a PDF inline for preview', async () => {
    const token = await startDraft(t);
    const png = await uploadFile(t, token, 'employment_proof', buildPng(), '工作证.png').expect(
      201,
    );
    const pdf = await uploadFile(t, token, 'employment_proof', buildPdf(), 'card.pdf').expect(201);
    const path = (id: string) => `/api/certification/drafts/current/files/${id}`;

    const image = await t.api
      .get(`${path(png.body.file.id)}?disposition=inline`)
      .set(...draftHeader(token))
      .expect(200);
    expect(image.headers['content-type']).toBe('image/png');
    expect(image.headers['content-disposition']).toBe(
      `inline; filename="___.png"; filename*=UTF-8''${encodeURIComponent('工作证.png')}`,
    );
    expect(image.headers['x-content-type-options']).toBe('nosniff');
    expect(image.headers['content-security-policy']).toMatch(/default-src 'none'.*; sandbox$/u);
    expect(image.headers['cache-control']).toBe('private, no-store');

    const document = await t.api
      .get(`${path(pdf.body.file.id)}?disposition=inline`)
      .set(...draftHeader(token))
      .expect(200);
    expect(document.headers['content-type']).toBe('application/pdf');
    expect(document.headers['content-disposition']).toMatch(/^inline; filename="card\.pdf"/u);
    expect(document.headers['x-content-type-options']).toBe('nosniff');
    expect(document.headers['content-security-policy']).toContain("default-src 'none'");

    const saved = await t.api
      .get(`${path(pdf.body.file.id)}?disposition=attachment`)
      .set(...draftHeader(token))
      .expect(200);
    expect(saved.headers['content-disposition']).toMatch(/^attachment;/u);
    expect(saved.headers['content-security-policy']).toMatch(/; sandbox$/u);

    await t.api
      .get(`${path(pdf.body.file.id)}?disposition=render`)
      .set(...draftHeader(token))
      .expect(400);
  });

  it('does not serve a file of another draft', async () => {
    const owner = await startDraft(t);
    const stranger = await startDraft(t);
    const uploaded = await uploadFile(t, owner, 'employment_proof').expect(201);

    const response = await t.api
      .get(`/api/certification/drafts/current/files/${uploaded.body.file.id}`)
      .set(...draftHeader(stranger))
      .expect(404);
    expect(response.body.error.code).toBe('file.not_found');
  });

  it('removes a file from the draft and from GridFS', async () => {
    const token = await startDraft(t);
    const uploaded = await uploadFile(t, token, 'employment_proof').expect(201);
    const before = await countUploads(t);

    const response = await t.api
      .delete(`/api/certification/drafts/current/files/${uploaded.body.file.id}`)
      .set(...draftHeader(token))
      .expect(200);

    expect(response.body.files).toEqual([]);
    expect((await countUploads(t)).files).toBe(before.files - 1);
    await t.api
      .get(`/api/certification/drafts/current/files/${uploaded.body.file.id}`)
      .set(...draftHeader(token))
      .expect(404);
  });

  it('serves the authorisation letter template', async () => {
    const response = await t.api
      .get('/api/certification/templates/admin-authorisation')
      .buffer(true)
      .parse((res, callback) => {
        const parts: Buffer[] = [];
        res.on('data', (part: Buffer) => parts.push(part));
        res.on('end', () => callback(null, Buffer.concat(parts)));
      })
      .expect(200);

    const body = response.body as Buffer;
    expect(response.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(response.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('管理员账户授权书.docx')}`,
    );
    expect(body.subarray(0, 4).toString('latin1')).toBe('PK\u0003\u0004');
    // The entries are stored uncompressed, so the letter's text is readable in the bytes.
    const text = body.toString('utf8');
    for (const phrase of ['管理员账户授权书', '公司全称', '管理员账号', '签字', '公司盖章']) {
      expect(text).toContain(phrase);
    }
  });
});

describe('upload size limit', () => {
  let t: TestApp;
  const limit = 64 * 1024;

  beforeAll(async () => {
    t = await startWizardApp({ env: { UPLOAD_MAX_BYTES: String(limit) } });
  });

  afterAll(async () => {
    await t.close();
  });

  it('accepts a file of exactly the limit', async () => {
    const token = await startDraft(t);
    const response = await uploadFile(t, token, 'employment_proof', largePdf(limit)).expect(201);
    expect(response.body.file.size).toBe(limit);
  });

  it('rejects one byte more while streaming and keeps nothing', async () => {
    const token = await startDraft(t);
    const before = await countUploads(t);
    const response = await uploadFile(t, token, 'employment_proof', largePdf(limit + 1)).expect(
      413,
    );
    expect(response.body.error.code).toBe('file.too_large');
    expect(await countUploads(t)).toEqual(before);
  });
});
