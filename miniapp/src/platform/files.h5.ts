import type { PickedFile, PlatformFiles, PreviewRequest, UploadResponse } from './files.types';

const documentAccept = '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png';

function pickDocument(): Promise<PickedFile | undefined> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = documentAccept;
    input.style.display = 'none';
    input.addEventListener('change', () => {
      const file = input.files?.[0];
      input.remove();
      if (!file) return resolve(undefined);
      const isImage = file.type === 'image/jpeg' || file.type === 'image/png';
      resolve({
        name: file.name,
        size: file.size,
        previewUrl: isImage ? URL.createObjectURL(file) : undefined,
        source: file,
      });
    });
    input.addEventListener('cancel', () => {
      input.remove();
      resolve(undefined);
    });
    document.body.appendChild(input);
    input.click();
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Uploads with XMLHttpRequest, the browser API that reports upload progress. */
function uploadDocument({
  url,
  headers,
  file,
  onProgress,
}: Parameters<PlatformFiles['uploadDocument']>[0]) {
  return new Promise<UploadResponse>((resolve, reject) => {
    const form = new FormData();
    form.append('file', file.source as File, file.name);
    const request = new XMLHttpRequest();
    request.open('POST', url);
    for (const [name, value] of Object.entries(headers)) request.setRequestHeader(name, value);
    request.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable && event.total > 0)
        onProgress(Math.round((event.loaded / event.total) * 100));
    });
    request.addEventListener('load', () =>
      resolve({ status: request.status, body: parseJson(request.responseText) }),
    );
    request.addEventListener('error', () => reject(new Error('upload failed: network error')));
    request.addEventListener('abort', () => reject(new Error('upload aborted')));
    request.send(form);
  });
}

/** Hands a downloaded file to the browser's save dialog under `filename`. */
function saveBlob(blob: Blob, filename: string): void {
  const objectUrl = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = objectUrl;
  link.download = filename;
  link.target = '_blank';
  link.rel = 'noopener';
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(objectUrl), 60_000);
}

/** Fetches the file with the headers it needs, then lets the browser save it. */
async function openRemoteFile(
  url: string,
  headers: Record<string, string>,
  filename: string,
): Promise<void> {
  const response = await fetch(url, { headers });
  if (!response.ok) throw new Error(`download failed with HTTP ${response.status}`);
  saveBlob(await response.blob(), filename);
}

/** Types that the browser shows in a tab with its own image or PDF viewer, running no page script. */
const previewTypes: ReadonlySet<string> = new Set(['application/pdf', 'image/jpeg', 'image/png']);

/**
 * Fetches the file with its headers (the draft token or the session) and shows it in a
 * new tab through an object URL, because a plain link could not send the draft token.
 * The object URL carries only a PDF, JPEG or PNG type, so the tab never renders the
 * bytes as a page of this site. Any other type, or a blocked pop-up, saves the file.
 */
async function previewRemoteFile({ url, headers, filename, retry }: PreviewRequest) {
  // Opened before the first await: browsers allow a pop-up only while handling the click.
  const tab = window.open('', '_blank');
  if (tab) tab.opener = null;
  try {
    let response = await fetch(url, { headers: headers() });
    if (response.status === 401 && retry && (await retry()))
      response = await fetch(url, { headers: headers() });
    if (!response.ok) throw new Error(`preview failed with HTTP ${response.status}`);

    const type = (response.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
    const bytes = await response.arrayBuffer();
    if (!tab || !type || !previewTypes.has(type)) {
      tab?.close();
      saveBlob(new Blob([bytes]), filename);
      return;
    }
    const objectUrl = URL.createObjectURL(new Blob([bytes], { type }));
    tab.location.href = objectUrl;
    // The tab keeps the loaded document after the URL is revoked; only reloading it fails.
    setTimeout(() => URL.revokeObjectURL(objectUrl), 60_000);
  } catch (error) {
    tab?.close();
    throw error;
  }
}

export const platformFiles: PlatformFiles = {
  pickDocument,
  uploadDocument,
  openRemoteFile,
  previewRemoteFile,
};
