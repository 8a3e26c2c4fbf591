/** A file the user picked, before it is uploaded. */
export interface PickedFile {
  name: string;
  size: number;
  /** A URL the page can show as an image preview, when the file is an image. */
  previewUrl?: string;
  /** The platform's handle: a File on the website, a temporary path in the mini-program. */
  source: File | string;
}

export interface UploadRequest {
  url: string;
  headers: Record<string, string>;
  file: PickedFile;
  /** Called with the percentage sent, 0 to 100. */
  onProgress: (percent: number) => void;
}

/** An HTTP answer as status and parsed JSON body (undefined when the body is not JSON). */
export interface UploadResponse {
  status: number;
  body: unknown;
}

/**
 * What differs between the website and the mini-program when handling documents.
 * files.h5.ts and files.weapp.ts implement it; Taro picks the file of the platform it
 * builds for, TypeScript and Jest check and run the website's.
 */
export interface PlatformFiles {
  /** Asks the user for one PDF, JPG or PNG document; undefined when cancelled. */
  pickDocument(): Promise<PickedFile | undefined>;
  /** Sends the file as the multipart form part `file`, reporting progress. */
  uploadDocument(request: UploadRequest): Promise<UploadResponse>;
  /** Opens a file from the API (with the given headers) for saving. */
  openRemoteFile(url: string, headers: Record<string, string>, filename: string): Promise<void>;
  /**
   * Shows a file from the API for viewing: a new browser tab on the website, the image
   * or document viewer in the mini-program. A type the browser cannot show is saved instead.
   */
  previewRemoteFile(request: PreviewRequest): Promise<void>;
}

export interface PreviewRequest {
  url: string;
  /** Headers of the request, read again for the one retry. */
  headers: () => Record<string, string>;
  filename: string;
  /** Called once after a 401 response; resolves true when a second request may succeed. */
  retry?: () => Promise<boolean>;
}
