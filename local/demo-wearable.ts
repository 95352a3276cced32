import { createBrowserSession } from './browser-session.js';
import type { GoogleHealthSimulator } from './google-health-simulator/simulator.js';

const DAY_MS = 86_400_000;

const localDate = (instant: Date, timeZone: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    instant,
  );

/**
 * The simulated member's Fitbit: it stopped syncing four days ago (so the care team should hear about it),
 * and one night in the week before that its blood-oxygen average was low.
 */
export const prepareDemoFitbit = (simulator: GoogleHealthSimulator, now: Date) => {
  const user = simulator.user(simulator.defaultUserKey);
  simulator.appendData(user.userKey, [
    {
      dataType: 'daily-oxygen-saturation',
      date: localDate(new Date(now.getTime() - 6 * DAY_MS), user.timezone),
      averagePercentage: 91,
      lowerBoundPercentage: 88,
      upperBoundPercentage: 94,
    },
  ]);
  simulator.stopDeviceSync(user.userKey, new Date(now.getTime() - 4 * DAY_MS).toISOString());
  return user;
};

/**
 * What the member does on their phone, done by a script: open the invitation, press the button,
 * consent at Google (the simulator consents), and land on the "you're done" page. One browser session
 * carries the binding cookie from the button press to Google's redirect back, as the phone's browser would.
 */
export const followInvitationLikeAPhone = async (
  invitationUrl: string,
): Promise<{ ok: boolean; page: string }> => {
  const phone = createBrowserSession();
  const page = await phone.follow(invitationUrl);
  if (!page.ok) return { ok: false, page: await page.text() };
  const done = await phone.follow(`${invitationUrl}/start`);
  return { ok: done.ok, page: await done.text() };
};
