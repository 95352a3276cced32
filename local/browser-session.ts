/**
 * What a phone's browser does that Node's fetch does not: keep cookies between requests (by host and path,
 * honouring Max-Age=0 deletions) and send them back. The link pages bind the Google consent to the browser
 * that started it with a cookie, so the demo and the tests walk the pages through one of these.
 */
export interface BrowserSession {
  /** One request, no redirects followed; cookies sent and stored. */
  get(url: string): Promise<Response>;
  /** Follows redirects like a browser, carrying cookies on every hop. */
  follow(url: string, maxRedirects?: number): Promise<Response>;
}

interface StoredCookie {
  host: string;
  path: string;
  name: string;
  value: string;
}

const defaultPath = (url: URL): string => url.pathname.slice(0, url.pathname.lastIndexOf('/')) || '/';

const pathMatches = (cookiePath: string, requestPath: string): boolean =>
  requestPath === cookiePath ||
  (requestPath.startsWith(cookiePath) &&
    (cookiePath.endsWith('/') || requestPath[cookiePath.length] === '/'));

const parseSetCookie = (header: string, url: URL): { cookie: StoredCookie; expired: boolean } | undefined => {
  const [pair = '', ...attributes] = header.split(';').map((part) => part.trim());
  const separator = pair.indexOf('=');
  if (separator <= 0) return undefined;
  let path = defaultPath(url);
  let expired = false;
  for (const attribute of attributes) {
    const [name = '', value = ''] = attribute.split('=', 2);
    if (name.toLowerCase() === 'path' && value.startsWith('/')) path = value;
    if (name.toLowerCase() === 'max-age' && Number(value) <= 0) expired = true;
  }
  return {
    cookie: { host: url.host, path, name: pair.slice(0, separator), value: pair.slice(separator + 1) },
    expired,
  };
};

export const createBrowserSession = (): BrowserSession => {
  let jar: StoredCookie[] = [];

  const store = (response: Response, url: URL) => {
    for (const header of response.headers.getSetCookie()) {
      const parsed = parseSetCookie(header, url);
      if (parsed === undefined) continue;
      const { cookie, expired } = parsed;
      jar = jar.filter(
        (kept) => !(kept.host === cookie.host && kept.path === cookie.path && kept.name === cookie.name),
      );
      if (!expired) jar.push(cookie);
    }
  };

  const get = async (target: string): Promise<Response> => {
    const url = new URL(target);
    const cookies = jar
      .filter((cookie) => cookie.host === url.host && pathMatches(cookie.path, url.pathname))
      .map((cookie) => `${cookie.name}=${cookie.value}`);
    const response = await fetch(url, {
      redirect: 'manual',
      ...(cookies.length > 0 ? { headers: { cookie: cookies.join('; ') } } : {}),
    });
    store(response, url);
    return response;
  };

  const follow = async (target: string, maxRedirects = 10): Promise<Response> => {
    let url = target;
    for (let hop = 0; ; hop += 1) {
      const response = await get(url);
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || location === null) return response;
      if (hop === maxRedirects) throw new Error(`More than ${maxRedirects} redirects from ${target}`);
      await response.body?.cancel();
      url = new URL(location, url).toString();
    }
  };

  return { get, follow };
};
