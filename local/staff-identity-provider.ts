import { generateKeyPairSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type KoaContextWithOIDC } from 'oidc-provider';

/** The console's OAuth client id, locally and (by default) in Cognito. */
export const CONSOLE_CLIENT_ID = 'pulse-relay-console';

export interface LocalStaffUser {
  email: string;
  name: string;
  password: string;
  teamId: string;
}

export interface StaffIdentityProviderOptions {
  /** The console's callback, the only redirect URI the client may use. */
  readonly redirectUri: string;
  readonly users: readonly LocalStaffUser[];
  readonly host?: string;
}

export interface LocalStaffIdentityProvider {
  readonly issuer: string;
  readonly clientId: string;
  stop(): Promise<void>;
}

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

const STYLE =
  'body{margin:0;font:1.125rem/1.5 system-ui,sans-serif;color:#0b0c0c;background:#fff}' +
  'main{max-width:28rem;margin:0 auto;padding:1.5rem 1rem}label{display:block;font-weight:700;margin-top:1rem}' +
  'input{box-sizing:border-box;width:100%;font:inherit;padding:.5rem;border:2px solid #0b0c0c;border-radius:0}' +
  'input:focus,button:focus{outline:3px solid #fd0;outline-offset:0}' +
  'button{margin-top:1.5rem;font:inherit;font-weight:700;padding:.6rem 1.2rem;background:#00703c;color:#fff;border:0}' +
  '.error{border-left:5px solid #d4351c;padding-left:.75rem;color:#d4351c;font-weight:700}';

const loginPage = (uid: string, error?: string): string =>
  '<!doctype html><html lang="en"><head><meta charset="utf-8">' +
  '<meta name="viewport" content="width=device-width, initial-scale=1">' +
  `<title>Sign in (local test identity provider)</title><style>${STYLE}</style></head><body><main>` +
  '<h1>Sign in</h1><p>Local test identity provider of pulse-relay. In AWS this is Amazon Cognito.</p>' +
  (error === undefined ? '' : `<p class="error" role="alert">${escapeHtml(error)}</p>`) +
  `<form method="post" action="/interaction/${escapeHtml(uid)}">` +
  '<label for="email">Email address</label><input id="email" name="email" type="email" autocomplete="username" required>' +
  '<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>' +
  '<button type="submit">Sign in</button></form></main></body></html>';

const readForm = async (request: IncomingMessage): Promise<URLSearchParams> => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
};

const sameSecret = (given: string, expected: string): boolean => {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

/**
 * A real OpenID provider (the `oidc-provider` package) for the local stack: authorisation code with PKCE
 * required, a public client for the console, and a password sign-in for a few seeded staff users.
 * Consent is implied for this first-party client, as in Cognito.
 */
export const startStaffIdentityProvider = async (
  options: StaffIdentityProviderOptions,
): Promise<LocalStaffIdentityProvider> => {
  const host = options.host ?? '127.0.0.1';
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  const issuer = `http://${host}:${(server.address() as AddressInfo).port}`;
  const users = new Map(options.users.map((user) => [user.email.toLowerCase(), user]));
  const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: CONSOLE_CLIENT_ID,
        token_endpoint_auth_method: 'none',
        redirect_uris: [options.redirectUri],
        response_types: ['code'],
        grant_types: ['authorization_code'],
      },
    ],
    pkce: { required: () => true },
    jwks: { keys: [{ ...signingKey, kid: 'local-signing', use: 'sig', alg: 'RS256' }] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    // As Cognito does: the ID token carries the scopes' claims, not only the userinfo endpoint.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx: KoaContextWithOIDC, interaction) => `/interaction/${interaction.uid}` },
    findAccount: (_ctx, sub) => {
      const user = users.get(sub);
      if (user === undefined) return undefined;
      return {
        accountId: sub,
        claims: () => ({ sub, email: user.email, email_verified: true, name: user.name }),
      };
    },
  });
  const providerCallback = provider.callback();

  const interaction = async (request: IncomingMessage, response: ServerResponse, uid: string) => {
    const details = await provider.interactionDetails(request, response);
    if (details.uid !== uid) throw new Error('interaction mismatch');
    if (details.prompt.name === 'consent') {
      const grant = new provider.Grant({
        accountId: String(details.session?.accountId),
        clientId: String(details.params.client_id),
      });
      const missing = details.prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[] };
      if (missing.missingOIDCScope !== undefined) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
      if (missing.missingOIDCClaims !== undefined) grant.addOIDCClaims(missing.missingOIDCClaims);
      await provider.interactionFinished(
        request,
        response,
        { consent: { grantId: await grant.save() } },
        { mergeWithLastSubmission: true },
      );
      return;
    }
    const page = (status: number, body: string) => {
      response.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      response.end(body);
    };
    if (request.method !== 'POST') return page(200, loginPage(uid));
    const form = await readForm(request);
    const user = users.get((form.get('email') ?? '').trim().toLowerCase());
    if (user === undefined || !sameSecret(form.get('password') ?? '', user.password)) {
      return page(401, loginPage(uid, 'The email address or password is not right.'));
    }
    await provider.interactionFinished(
      request,
      response,
      { login: { accountId: user.email.toLowerCase() } },
      { mergeWithLastSubmission: false },
    );
  };

  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    const match = /^\/interaction\/([\w-]+)$/.exec(path);
    if (match?.[1] === undefined) {
      providerCallback(request, response);
      return;
    }
    interaction(request, response, match[1]).catch(() => {
      if (response.headersSent) return response.destroy();
      response.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
      response.end('This sign-in has expired. Go back to the console and start again.');
    });
  });

  return {
    issuer,
    clientId: CONSOLE_CLIENT_ID,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
};

/** One staff user per demo team, with a fresh password each run (printed by `npm start`). */
export const demoStaffUsers = (): LocalStaffUser[] => [
  {
    email: 'north.worker@pulse-relay.test',
    name: 'Nia North',
    teamId: 'team-north',
    password: randomBytes(9).toString('base64url'),
  },
  {
    email: 'south.worker@pulse-relay.test',
    name: 'Sol South',
    teamId: 'team-south',
    password: randomBytes(9).toString('base64url'),
  },
];
