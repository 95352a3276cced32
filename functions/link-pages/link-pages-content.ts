import type { CompleteOutcome } from '../../shared/domain/link/complete-link.js';
import type { InvitationProblem } from '../../shared/domain/link/invitation.js';
import type { HttpResult } from '../../shared/runtime/http/http-handler.js';
import { htmlPage } from './link-page.js';

const ASK_STAFF = 'If you need help, please talk to your support worker.';

/** "Monday 25 November at 2:00pm (UK time)": the charity works in UK time. */
const ukDateTime = (iso: string): string => {
  const date = new Date(iso);
  const day = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    weekday: 'long',
    day: 'numeric',
    month: 'long',
  }).format(date);
  const time = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    hour: 'numeric',
    minute: '2-digit',
    hour12: true,
  })
    .format(date)
    .replace(' ', '');
  return `${day} at ${time} (UK time)`;
};

export const invitationPage = (invitationId: string): HttpResult =>
  htmlPage(200, 'Share your Fitbit data with your support team', [
    { p: 'This lets your support team see some of the health information your Fitbit collects.' },
    { h2: 'What will be shared' },
    { list: ['Activity and steps', 'Heart rate', 'Sleep', 'Weight', 'Blood oxygen'] },
    { h2: 'Who will see it' },
    { p: "The charity's support team who work with you, and your GP." },
    { h2: 'You can stop at any time' },
    { p: 'Just tell a member of staff and we will stop it. You do not need to give a reason.' },
    { h2: 'What happens next' },
    {
      p: 'Google will ask you to sign in and to agree. Please tick all the boxes to share everything above.',
    },
    {
      button: {
        label: 'Continue to Google',
        href: `/v1/link/${encodeURIComponent(invitationId)}/start`,
      },
    },
  ]);

export const invitationProblemPage = (problem: InvitationProblem): HttpResult => {
  switch (problem) {
    case 'not-found':
      return htmlPage(404, 'We could not find this link', [
        { p: 'Please check you used the whole link. Or ask your support worker for a new one.' },
      ]);
    case 'expired':
      return htmlPage(410, 'This link has expired', [
        { p: 'Nothing has been linked. Please ask your support worker for a new link.' },
      ]);
    case 'cancelled':
      return htmlPage(410, 'This link has been cancelled', [
        { p: 'Nothing has been linked.' },
        { p: 'If you still want to share your Fitbit data, please ask your support worker for a new link.' },
      ]);
    case 'used':
      return htmlPage(410, 'This link has already been used', [
        { p: 'Each link only works once.' },
        { p: 'If your Fitbit is not linked yet, please ask your support worker for a new link.' },
      ]);
  }
};

export const completionPage = (outcome: CompleteOutcome): HttpResult => {
  switch (outcome.kind) {
    case 'linked':
      return htmlPage(200, "You're done", [
        { p: "Your Fitbit is now linked. You don't need to do anything else." },
        { p: 'Keep wearing your Fitbit and syncing it with the Fitbit app, as usual.' },
        { note: 'You can stop sharing at any time. Just tell a member of staff.' },
      ]);
    case 'declined':
      return htmlPage(200, 'Nothing has been linked', [
        { p: 'You chose not to share. Nothing has been linked.' },
        {
          p: `If you change your mind, you can use the same link again until ${ukDateTime(outcome.expiresAt)}.`,
        },
      ]);
    case 'no-data-scopes':
      return htmlPage(400, 'Nothing has been linked', [
        { p: 'No boxes were ticked on the Google page, so there was nothing to share.' },
        {
          p: `If you want to share, use the same link again until ${ukDateTime(outcome.expiresAt)} and tick the boxes.`,
        },
      ]);
    case 'bad-state':
      return htmlPage(400, 'Something went wrong', [
        { p: 'Nothing has been linked.' },
        { p: 'Please open the link your support worker sent you and try again.' },
        { p: ASK_STAFF },
      ]);
    case 'other-browser':
      return htmlPage(403, 'Please start again on the same phone', [
        { p: 'Nothing has been linked.' },
        {
          p: 'This page was opened on a different phone, tablet or browser from the one that pressed "Continue to Google", or too long afterwards.',
        },
        {
          p: 'Open the link your support worker sent you again, on the same phone, and start again from the beginning.',
        },
        { p: ASK_STAFF },
      ]);
    case 'invitation-problem':
      return invitationProblemPage(outcome.problem);
    case 'account-linked-elsewhere':
      return htmlPage(409, 'This Google account is already linked to someone else', [
        { p: 'Nothing has been changed.' },
        { p: 'Please talk to your support worker about it.' },
      ]);
    case 'member-linked-elsewhere':
      return htmlPage(409, 'You already have a different Google account linked', [
        { p: 'Nothing has been changed.' },
        { p: 'To link a different account, please ask your support worker to stop the old link first.' },
      ]);
    case 'google-error':
      return htmlPage(502, 'Google had a problem', [
        { p: 'Nothing has been linked.' },
        { p: 'Please try again later, using the same link.' },
        { p: ASK_STAFF },
      ]);
  }
};

export const unexpectedErrorPage = (): HttpResult =>
  htmlPage(500, 'Something went wrong on our side', [
    { p: 'Nothing has been linked. Please try again later, using the same link.' },
    { p: ASK_STAFF },
  ]);
