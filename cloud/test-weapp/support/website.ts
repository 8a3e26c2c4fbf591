import type { WeappTest } from './weapp-test';

/** A website login waiting for a scan, as the website's login page starts it. */
export interface WebsiteLogin {
  ticketId: string;
  /** Reads the ticket's state as the website polls it: waiting, scanned, confirmed, cancelled or expired. */
  state(): Promise<string>;
  /** The website's request for the session that a confirmed ticket grants. */
  takeSession(): ReturnType<ReturnType<WeappTest['browser']>['post']>;
}

/** Creates a scan ticket over the real API in a browser with its own cookie jar. */
export async function startWebsiteLogin(weapp: WeappTest): Promise<WebsiteLogin> {
  const browser = weapp.browser();
  const response = await browser.post('/api/wechat/scan-tickets').expect(201);
  const ticketId = response.body.ticketId as string;
  const ticketPath = `/api/wechat/scan-tickets/${ticketId}`;
  return {
    ticketId,
    state: async () => (await browser.get(ticketPath).expect(200)).body.state as string,
    takeSession: () => browser.post(`${ticketPath}/session`),
  };
}
