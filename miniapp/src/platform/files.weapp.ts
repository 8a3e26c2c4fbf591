import Taro from '@tarojs/taro';
import type { PickedFile, PlatformFiles, UploadResponse } from './files.types';

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

async function openRemoteFile(url: string, headers: Record<string, string>): Promise<void> {
  const result = await Taro.downloadFile({ url, header: headers });
  if (result.statusCode !== 200) throw new Error(`download failed with HTTP ${result.statusCode}`);
  if (/\.(jpe?g|png)$/iu.test(result.tempFilePath)) {
    await Taro.previewImage({ urls: [result.tempFilePath] });
  } else {
    await Taro.openDocument({ filePath: result.tempFilePath, showMenu: true });
  }
}

export const platformFiles: PlatformFiles = { pickDocument, uploadDocument, openRemoteFile };
