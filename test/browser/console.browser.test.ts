import { execFile } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completionPage, invitationProblemPage } from '../../functions/link-pages/link-pages-content.js';
import { findFreePort } from '../../local/free-port.js';
import {
  type GoogleHealthSimulator,
  startGoogleHealthSimulator,
} from '../../local/google-health-simulator/simulator.js';
import { type LocalConsole, startLocalConsole } from '../../local/local-console.js';
import { type LocalStack, startLocalStack } from '../../local/local-stack.js';
import { simulatedGoogleEnvironment } from '../../local/simulated-google-environment.js';
import { demoStaffUsers, type LocalStaffUser } from '../../local/staff-identity-provider.js';
import { DynamoDbAuditLog } from '../../shared/adapters/dynamodb-audit-log.js';
import { DynamoDbDeviceRegistry } from '../../shared/adapters/dynamodb-device-registry.js';
import { createDocumentClient } from '../../shared/adapters/dynamodb-document-client.js';
import { DynamoDbInvitationStore } from '../../shared/adapters/dynamodb-invitation-store.js';
import { DynamoDbMemberDirectory } from '../../shared/adapters/dynamodb-member-directory.js';
import { systemClock } from '../../shared/domain/clock.js';
import { createInvitation } from '../../shared/domain/link/create-invitation.js';
import { enrolMember } from '../../shared/domain/members/enrol-member.js';
import { registerDevice } from '../../shared/domain/members/register-device.js';
import { ENV } from '../../shared/runtime/environment.js';
import { accessibilityViolations, fitsWidth, launchChromium } from './support/browser.js';
import { HANDLER_LOADERS } from './support/handler-loaders.js';

// Tests must not change tracked files: screenshots go to a temporary folder unless SCREENSHOT_DIR asks for
// another (SCREENSHOT_DIR=docs/screenshots refreshes the README's images).
const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR ?? join(tmpdir(), 'pulse-relay-screenshots');
mkdirSync(SCREENSHOT_DIR, { recursive: true });

const run = promisify(execFile);
const PHONE = { width: 390, height: 844 };

let browser: Browser;
let simulator: GoogleHealthSimulator;
let localConsole: LocalConsole;
let stack: LocalStack;
let north: LocalStaffUser;
let members: { a: string; b: string; deviceToken: string };

const env = (name: string) => String(process.env[name]);

beforeAll(async () => {
  process.env.POWERTOOLS_LOG_LEVEL = 'WARN';
  browser = await launchChromium();
  simulator = await startGoogleHealthSimulator({ port: 0 });
  const port = await findFreePort();
  const users = demoStaffUsers();
  north = users[0] as LocalStaffUser;
  localConsole = await startLocalConsole(`http://127.0.0.1:${port}`, users);
  stack = await startLocalStack({
    port,
    prefix: 'browser',
    strict: true,
    functions: HANDLER_LOADERS,
    catchUpIntervalMs: false,
    // No follow-up schedule: a monitor silent for a week would otherwise raise bp-no-readings mid-test.
    alertFollowUpIntervalMs: false,
    environment: { ...simulatedGoogleEnvironment(simulator).environment, ...localConsole.environment },
    log: () => undefined,
  });
  await localConsole.seedStaff();
  const directory = new DynamoDbMemberDirectory(createDocumentClient(), env(ENV.directoryTable));
  const devices = new DynamoDbDeviceRegistry(createDocumentClient(), env(ENV.directoryTable));
  const deps = { directory, devices, clock: systemClock };
  const a = await enrolMember({ name: 'Ada North', timezone: 'Europe/London', teamId: 'team-north' }, deps);
  const b = await enrolMember({ name: 'Bea South', timezone: 'Europe/London', teamId: 'team-south' }, deps);
  // Registered a week ago, so a reading from an hour ago is monitoring, not a baseline held for a summary.
  const device = await registerDevice(a.memberId, {
    ...deps,
    clock: { now: () => new Date(Date.now() - 8 * 86_400_000) },
  });
  members = { a: a.memberId, b: b.memberId, deviceToken: device.token };
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  await localConsole?.stop();
  await simulator?.stop();
});

const expectAccessible = async (page: Page) => {
  expect(await accessibilityViolations(page), page.url()).toEqual([]);
};

const uploadBloodPressure = (systolic: number, diastolic: number, measuredAt: string) =>
  fetch(`${stack.apiUrl}/v1/blood-pressure`, {
    method: 'POST',
    headers: { authorization: `Bearer ${members.deviceToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ readings: [{ systolic, diastolic, pulse: 70, measuredAt }] }),
  });

/** One signed-in console tab for the whole file, so the tests read as one care worker's session. */
let consoleContext: BrowserContext;
let page: Page;

describe('the care-team console', () => {
  beforeAll(async () => {
    consoleContext = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    page = await consoleContext.newPage();
  });

  it('signs in through the OpenID provider and sees an urgent alert arrive', async () => {
    await page.goto(`${stack.apiUrl}/console`);
    expect(new URL(page.url()).origin).toBe(localConsole.identityProvider.issuer);
    await expectAccessible(page);
    await page.getByLabel('Email address').fill(north.email);
    await page.getByLabel('Password').fill(north.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${stack.apiUrl}/console`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Alerts for team-north');
    expect(await page.locator('article.alert.urgent').count()).toBe(0);

    const response = await uploadBloodPressure(186, 112, new Date(Date.now() - 3_600_000).toISOString());
    expect(response.status).toBe(200);
    await expect
      .poll(
        async () => {
          await page.reload();
          return page.locator('article.alert.urgent').count();
        },
        { timeout: 20_000 },
      )
      .toBe(1);
    const alert = page.locator('article.alert.urgent');
    expect(await alert.textContent()).toContain('Very high blood pressure');
    expect(await alert.textContent()).toContain('Ada North');
    expect(await alert.textContent()).toContain('186/112');
    await expectAccessible(page);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'console-inbox.png'), fullPage: true });
  });

  it('acknowledges the alert with a note, recorded in `alerts list`', async () => {
    const alert = page.locator('article.alert.urgent');
    await alert.getByLabel('Note (optional)').fill('Phoned Ada, GP appointment booked for tomorrow');
    await alert.getByRole('button', { name: 'Acknowledge' }).click();
    await page.waitForURL(/done=acknowledged/);
    expect(await page.getByRole('status').textContent()).toBe('Alert acknowledged.');
    expect(await page.locator('article.alert.urgent').count()).toBe(0);

    const { stdout } = await run(
      'node_modules/.bin/tsx',
      ['cli/main.ts', 'alerts', 'list', '--member', members.a],
      {
        env: { ...process.env, ...stack.environment },
      },
    );
    const listed = JSON.parse(stdout) as {
      alerts: { rule: string; acknowledgement?: { by: string; note?: string } }[];
    };
    expect(listed.alerts.find((a) => a.rule === 'bp-severe')?.acknowledgement).toMatchObject({
      by: north.name,
      note: 'Phoned Ada, GP appointment booked for tomorrow',
    });
  });
});

// After the urgent alert: the linked Fitbit's 30-day backfill would otherwise queue ahead of that reading on the
// readings stream. Linking member A here also gives the member page's wearable charts their data.
describe("the member's link pages, on a phone", () => {
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    context = await browser.newContext({ viewport: PHONE, deviceScaleFactor: 2, isMobile: true });
    page = await context.newPage();
  });
  afterAll(() => context.close());

  /** 200% zoom on a phone is the same layout as half the CSS width. */
  const readableAtDoubleZoom = async () => {
    await page.setViewportSize({ width: PHONE.width / 2, height: PHONE.height / 2 });
    expect(await fitsWidth(page), `${page.url()} needs sideways scrolling at 200%`).toBe(true);
    await page.setViewportSize(PHONE);
  };

  it('walks invitation, consent hand-off and success, then every failure page', async () => {
    const invitation = await createInvitation(members.a, {
      directory: new DynamoDbMemberDirectory(createDocumentClient(), env(ENV.directoryTable)),
      invitations: new DynamoDbInvitationStore(createDocumentClient(), env(ENV.directoryTable)),
      clock: systemClock,
      publicBaseUrl: stack.apiUrl,
    });
    await page.goto(invitation.url);
    await expect(page.getByRole('heading', { level: 1 })).toBeTruthy();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      'Share your Fitbit data with your support team',
    );
    await expectAccessible(page);
    await readableAtDoubleZoom();

    // The hand-off: our button takes the phone to Google (the simulator consents) and back to us.
    await page.getByRole('link', { name: 'Continue to Google' }).click();
    await page.waitForURL(/\/v1\/oauth\/google\/callback/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe("You're done");
    await expectAccessible(page);
    await readableAtDoubleZoom();

    // Failure pages reached for real: a used link and an unknown one.
    await page.goto(invitation.url);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      'This link has already been used',
    );
    await expectAccessible(page);
    await page.goto(`${stack.apiUrl}/v1/link/AAAAAAAAAAAAAAAAAAAAAA`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('We could not find this link');
    await expectAccessible(page);
    await page.goto(`${stack.apiUrl}/v1/oauth/google/callback?state=forged&code=x`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Something went wrong');
    await expectAccessible(page);

    // Every other outcome's page, exactly as the function renders it.
    const expiresAt = new Date(Date.now() + 86_400_000).toISOString();
    const pages = [
      invitationProblemPage('expired'),
      completionPage({ kind: 'declined', expiresAt }),
      completionPage({ kind: 'no-data-scopes', expiresAt }),
      completionPage({ kind: 'account-linked-elsewhere' }),
      completionPage({ kind: 'member-linked-elsewhere' }),
      completionPage({ kind: 'google-error' }),
    ];
    for (const rendered of pages) {
      await page.setContent(String(rendered.body));
      await expectAccessible(page);
      await readableAtDoubleZoom();
    }
  });
});

describe('the care-team console, once the Fitbit is linked', () => {
  afterAll(() => consoleContext.close());

  it('shows the member page with charts and their text alternatives, and audits the view', async () => {
    await page.goto(`${stack.apiUrl}/console?status=all`);
    await page.getByRole('link', { name: 'Ada North' }).first().click();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Ada North');
    const charts = page.locator('figure.chart svg[role="img"]');
    expect(await charts.count()).toBe(6);
    const bp = page.locator('#chart-blood-pressure svg');
    expect(await bp.getAttribute('aria-labelledby')).toBe(
      'chart-blood-pressure-title chart-blood-pressure-desc',
    );
    expect(await page.locator('#chart-blood-pressure-desc').textContent()).toContain(
      'Systolic: 1 value from 186 mmHg to 186 mmHg',
    );
    // The Fitbit linked on the phone above: its backfill gives the wearable charts data.
    await expect
      .poll(
        async () => {
          await page.reload();
          return page.locator('#chart-steps-desc').textContent();
        },
        { timeout: 30_000 },
      )
      .toMatch(/Daily steps: \d+ values/);
    expect(await page.locator('#chart-blood-pressure table').textContent()).toContain('186 mmHg');
    await expectAccessible(page);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'console-member.png'), fullPage: true });

    await page.getByRole('link', { name: 'Print view (A4)' }).click();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('health readings summary');
    await expectAccessible(page);

    const audit = await new DynamoDbAuditLog(createDocumentClient(), env(ENV.directoryTable)).list(members.a);
    expect(audit.map((entry) => [entry.action, entry.by])).toEqual(
      expect.arrayContaining([
        ['member-page-viewed', north.email],
        ['member-page-printed', north.email],
        ['alert-acknowledged', north.email],
      ]),
    );
  });

  it('creates a Fitbit link invitation with its QR code on screen', async () => {
    await page.goto(`${stack.apiUrl}/console/members/${members.a}`);
    await page.getByRole('button', { name: 'Create Fitbit link invitation' }).click();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Fitbit link for Ada North');
    expect(await page.locator('.qr svg').count()).toBe(1);
    expect(await page.locator('code').textContent()).toMatch(
      new RegExp(`^${stack.apiUrl}/v1/link/[A-Za-z0-9_-]{22}$`),
    );
    await expectAccessible(page);
  });

  it('refuses a team B member without showing anything about them', async () => {
    const response = await page.goto(`${stack.apiUrl}/console/members/${members.b}`);
    expect(response?.status()).toBe(403);
    expect(await page.content()).not.toContain('Bea South');
    const refusal = await page.locator('main').textContent();
    await expectAccessible(page);
    // An unknown member gets the very same answer, so a refusal does not reveal who exists.
    const unknown = await page.goto(`${stack.apiUrl}/console/members/m-doesnotexist`);
    expect(unknown?.status()).toBe(403);
    expect(await page.locator('main').textContent()).toBe(refusal);

    // Acting on a team B member through a hand-made form (with a valid CSRF token) is refused too.
    await page.goto(`${stack.apiUrl}/console`);
    const csrf = await page.locator('input[name="csrf"]').first().inputValue();
    const invite = await page.request.post(`${stack.apiUrl}/console/members/${members.b}/invitations`, {
      form: { csrf },
    });
    expect(invite.status()).toBe(403);
    expect(await invite.text()).not.toContain('Bea South');
  });

  it('refuses a form without the CSRF token', async () => {
    const response = await page.request.post(`${stack.apiUrl}/console/members/${members.a}/invitations`, {
      form: { csrf: 'forged' },
    });
    expect(response.status()).toBe(403);
  });
});
