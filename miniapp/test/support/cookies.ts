/** Sets a cookie that scripts can read, as the backend sets the CSRF cookie. */
export function setScriptCookie(name: string, value: string): void {
  document.cookie = `${name}=${encodeURIComponent(value)}; path=/`;
}

/** Removes every cookie jsdom keeps for the page, so tests do not share sessions. */
export function clearCookies(): void {
  for (const entry of document.cookie.split(';')) {
    const name = entry.split('=')[0]?.trim();
    if (name) document.cookie = `${name}=; path=/; expires=Thu, 01 Jan 1970 00:00:00 GMT`;
  }
}
