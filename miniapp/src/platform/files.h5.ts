import type { PickedFile, PlatformFiles, UploadResponse } from './files.types';

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

/** Fetches the file with the headers it needs, then lets the browser show or save it. */
async function openRemoteFile(
  url: string,
  headers: Record<string, string>,
  filename: string,
): Promise<void> {
  const response = await fetch(url, { headers });
  if (!response.ok) throw new Error(`download failed with HTTP ${response.status}`);
  const objectUrl = URL.createObjectURL(await response.blob());
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

export const platformFiles: PlatformFiles = { pickDocument, uploadDocument, openRemoteFile };
