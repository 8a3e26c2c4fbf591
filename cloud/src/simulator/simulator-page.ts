import type { StoredSms } from './sms-sink';
import type { StoredMail } from './smtp-sink';

function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

function mailItem(mail: StoredMail): string {
  return [
    '<li>',
    `<p><strong>${escapeHtml(mail.subject)}</strong></p>`,
    `<p>${escapeHtml(mail.receivedAt.toISOString())} · From ${escapeHtml(mail.from)} · To ${escapeHtml(mail.to.join(', '))}</p>`,
    `<pre>${escapeHtml(mail.text)}</pre>`,
    '</li>',
  ].join('');
}

function smsItem(sms: StoredSms): string {
  return [
    '<li>',
    `<p>${escapeHtml(sms.receivedAt.toISOString())} · To ${escapeHtml(sms.to)}</p>`,
    `<pre>${escapeHtml(sms.text)}</pre>`,
    '</li>',
  ].join('');
}

/** Renders the simulator's viewer: every stored mail and SMS, newest first, without scripts. */
export function renderSimulatorPage(mails: StoredMail[], smsList: StoredSms[]): string {
  const mailSection =
    mails.length > 0 ? `<ol>${mails.map(mailItem).join('')}</ol>` : '<p>No mail yet.</p>';
  const smsSection =
    smsList.length > 0 ? `<ol>${smsList.map(smsItem).join('')}</ol>` : '<p>No SMS yet.</p>';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Simulator: mail and SMS</title>
<style>
body { font-family: sans-serif; margin: 2rem; }
li { border-bottom: 1px solid #ccc; margin-bottom: 1rem; }
pre { white-space: pre-wrap; }
</style>
</head>
<body>
<h1>Simulator: mail and SMS</h1>
<p>What the local SMTP sink and SMS sink received, newest first. JSON: <a href="/simulator/mail">/simulator/mail</a>, <a href="/simulator/sms">/simulator/sms</a> (both take <code>?to=</code>).</p>
<h2>Mail (${mails.length})</h2>
${mailSection}
<h2>SMS (${smsList.length})</h2>
${smsSection}
</body>
</html>
`;
}
