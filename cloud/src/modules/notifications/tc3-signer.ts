import { createHash, createHmac } from 'node:crypto';

/** Signature algorithm of Tencent Cloud API 3.0 ("signature v3"). */
export const tc3Algorithm = 'TC3-HMAC-SHA256';

export interface Tc3SignInput {
  secretId: string;
  secretKey: string;
  /** Product name in the credential scope, such as `sms` or `cvm`. */
  service: string;
  /** Value of the Host header as sent, with the port when it is not the scheme's default. */
  host: string;
  /** Value of the X-TC-Timestamp header: Unix time in seconds. */
  timestamp: number;
  contentType: string;
  /** The exact request body that is sent. */
  payload: string;
  /** When given, the X-TC-Action header is signed too, as the current SDKs do. */
  action?: string;
}

export interface Tc3Signature {
  authorization: string;
  signedHeaders: string;
  canonicalRequest: string;
  stringToSign: string;
  signature: string;
}

function sha256Hex(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

function hmacSha256(key: Buffer | string, value: string): Buffer {
  return createHmac('sha256', key).update(value, 'utf8').digest();
}

/** UTC calendar date of a Unix timestamp as YYYY-MM-DD, as the credential scope requires. */
function utcDate(timestampSeconds: number): string {
  return new Date(timestampSeconds * 1000).toISOString().slice(0, 10);
}

/**
 * Signs a POST request to a Tencent Cloud API 3.0 endpoint with TC3-HMAC-SHA256:
 * canonical request, string to sign, then the key derived from the secret key, the
 * UTC date and the service. The procedure and its worked example are in Tencent
 * Cloud's "Signature v3" API documentation.
 */
export function signTc3Request(input: Tc3SignInput): Tc3Signature {
  const headers: [string, string][] = [
    ['content-type', input.contentType.toLowerCase()],
    ['host', input.host.toLowerCase()],
  ];
  if (input.action !== undefined) headers.push(['x-tc-action', input.action.toLowerCase()]);

  const canonicalHeaders = headers.map(([name, value]) => `${name}:${value}\n`).join('');
  const signedHeaders = headers.map(([name]) => name).join(';');
  const canonicalRequest = [
    'POST',
    '/',
    '',
    canonicalHeaders,
    signedHeaders,
    sha256Hex(input.payload),
  ].join('\n');

  const date = utcDate(input.timestamp);
  const credentialScope = `${date}/${input.service}/tc3_request`;
  const stringToSign = [
    tc3Algorithm,
    String(input.timestamp),
    credentialScope,
    sha256Hex(canonicalRequest),
  ].join('\n');

  const secretDate = hmacSha256(`TC3${input.secretKey}`, date);
  const secretService = hmacSha256(secretDate, input.service);
  const secretSigning = hmacSha256(secretService, 'tc3_request');
  const signature = createHmac('sha256', secretSigning).update(stringToSign, 'utf8').digest('hex');

  const authorization =
    `${tc3Algorithm} Credential=${input.secretId}/${credentialScope}, ` +
    `SignedHeaders=${signedHeaders}, Signature=${signature}`;
  return { authorization, signedHeaders, canonicalRequest, stringToSign, signature };
}
