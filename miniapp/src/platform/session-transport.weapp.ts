import type { SessionSubject, SessionView } from '@ucz/shared';
import type { SessionTransport } from './session-transport.types';
import { readStored, removeStored, writeStored } from './storage';

// NOTE: compiled into the weapp build but not run in WeChat yet; no miniprogram-simulate
// test covers bearer sessions.

const accessKey = (subject: SessionSubject) => `ucz.session.${subject}.access`;
const refreshKey = (subject: SessionSubject) => `ucz.session.${subject}.refresh`;

/** The mini-program's sessions: bearer tokens kept in the mini-program's storage. */
export const sessionTransport: SessionTransport = {
  kind: 'bearer',
  authHeaders(subject: SessionSubject): Record<string, string> {
    const token = readStored(accessKey(subject));
    return token ? { Authorization: `Bearer ${token}` } : {};
  },
  refreshBody(subject: SessionSubject): { refreshToken?: string } {
    const refreshToken = readStored(refreshKey(subject));
    return refreshToken ? { refreshToken } : {};
  },
  store(subject: SessionSubject, session: SessionView) {
    if (session.accessToken) writeStored(accessKey(subject), session.accessToken);
    if (session.refreshToken) writeStored(refreshKey(subject), session.refreshToken);
  },
  clear(subject: SessionSubject) {
    removeStored(accessKey(subject));
    removeStored(refreshKey(subject));
  },
};
