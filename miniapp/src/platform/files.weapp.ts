import Taro from '@tarojs/taro';
import type { PickedFile, PlatformFiles, PreviewRequest, UploadResponse } from './files.types';

// NOTE: this file is compiled into the weapp build but has not run in WeChat yet. No
// miniprogram-simulate test covers document picking or uploads.

const documentExtensions = ['pdf', 'jpg', 'jpeg', 'png'];

/** Picks a file from a WeChat chat, because chooseMedia offers only images and videos, not PDFs. */
async function pickDocument(): Promise<PickedFile | undefined> {
  try {
    const result = await Taro.chooseMessageFile({
      count: 1,
      type: 'file',
      extension: documentExtensions,
    });
    const file = result.tempFiles[0];
    if (!file) return undefined;
    const isImage = /\.(jpe?g|png)$/iu.test(file.name);
    return {
      name: file.name,
      size: file.size,
      previewUrl: isImage ? file.path : undefined,
      source: file.path,
    };
  } catch {
    // chooseMessageFile fails when the user cancels.
    return undefined;
  }
}

function uploadDocument({
  url,
  headers,
  file,
  onProgress,
}: Parameters<PlatformFiles['uploadDocument']>[0]) {
  return new Promise<UploadResponse>((resolve, reject) => {
    const task = Taro.uploadFile({
      url,
      filePath: file.source as string,
      name: 'file',
      header: headers,
      success: (result) => {
        let body: unknown;
        try {
          body = JSON.parse(result.data) as unknown;
        } catch {
          body = undefined;
        }
        resolve({ status: result.statusCode, body });
      },
      fail: (error) => reject(new Error(`upload failed: ${error.errMsg}`)),
    });
    task.onProgressUpdate((progress) => onProgress(progress.progress));
  });
}

/** Downloads the file to a temporary path, retrying once after a 401 when `retry` allows it. */
async function downloadToTemp(
  url: string,
  headers: () => Record<string, string>,
  retry?: () => Promise<boolean>,
): Promise<string> {
  let result = await Taro.downloadFile({ url, header: headers() });
  if (result.statusCode === 401 && retry && (await retry()))
    result = await Taro.downloadFile({ url, header: headers() });
  if (result.statusCode !== 200) throw new Error(`download failed with HTTP ${result.statusCode}`);
  return result.tempFilePath;
}

/** Shows an image in the image viewer and any other file in the document viewer. */
async function showTempFile(path: string): Promise<void> {
  if (/\.(jpe?g|png)$/iu.test(path)) {
    await Taro.previewImage({ urls: [path] });
  } else {
    await Taro.openDocument({ filePath: path, showMenu: true });
  }
}

// The mini-program has no save dialog, so saving also opens the viewer, whose menu can keep the file.
async function openRemoteFile(url: string, headers: Record<string, string>): Promise<void> {
  await showTempFile(await downloadToTemp(url, () => headers));
}

async function previewRemoteFile({ url, headers, retry }: PreviewRequest): Promise<void> {
  await showTempFile(await downloadToTemp(url, headers, retry));
}

export const platformFiles: PlatformFiles = {
  pickDocument,
  uploadDocument,
  openRemoteFile,
  previewRemoteFile,
};
