// The Test Information inputs: the beta app description and feedback email (the app's primary locale), the
// review contact (`First Last <email> +phone`), the review notes and the demo account (`name:password`). The
// demo account is a secret: no message here quotes it, and demoAccountSecrets names what main masks.
import type { DemoAccount, DesiredTestInformation, ReviewContact } from '../reconcile/index.js';
import { isEmail } from './testers.js';
import { InputError, type Input } from './values.js';

/** Apple's limit on the beta app description and the review notes, in characters. */
const TEXT_MAX = 4000;
const PHONE = /^\+?[0-9][0-9 ()./-]*$/;
const CONTACT_FORM =
  '`First Last <email> +phone`, for example `Jane Appleseed <jane@example.com> +1 555 0100`';

export function readTestInformation(input: Input): DesiredTestInformation {
  const description = readText(input, 'beta-description');
  const feedbackEmail = readEmail(input('feedback-email'), 'feedback-email');
  return {
    locales:
      description === null && feedbackEmail === null
        ? []
        : [
            {
              locale: null,
              description,
              feedbackEmail,
              marketingUrl: null,
              privacyPolicyUrl: null,
            },
          ],
    review: {
      contact: readReviewContact(input('review-contact')),
      notes: readText(input, 'review-notes'),
      demoAccount: readDemoAccount(input('demo-account')),
    },
    licenseAgreement: null,
  };
}

/** What must never be shown of `demo-account`: the whole value and the password. */
export function demoAccountSecrets(value: string): string[] {
  const trimmed = value.trim();
  if (trimmed === '') return [];
  const colon = trimmed.indexOf(':');
  const password = colon === -1 ? '' : trimmed.slice(colon + 1);
  return password === '' ? [trimmed] : [trimmed, password];
}

function readText(input: Input, name: string): string | null {
  const value = input(name);
  if (value === '') return null;
  const length = [...value].length;
  if (length > TEXT_MAX) {
    throw new InputError(
      `Input \`${name}\` is ${length} characters long, over App Store Connect's limit of ${TEXT_MAX}: shorten it.`,
    );
  }
  return value;
}

function readEmail(value: string, name: string): string | null {
  if (value === '') return null;
  if (!isEmail(value)) {
    throw new InputError(
      `Input \`${name}\` is \`${value}\`, which is not an email address: set the address tester feedback goes to, such as \`beta@example.com\`.`,
    );
  }
  return value;
}

/**
 * `First Last <email> +phone`; any part may be left out (the app may have it already), and the phone is kept
 * as typed. Without angle brackets the email is the word with an @.
 */
export function readReviewContact(
  value: string,
  named = 'Input `review-contact`',
): ReviewContact | null {
  if (value === '') return null;
  const contactError = (problem: string): InputError =>
    new InputError(`${named} ${problem}: write it as ${CONTACT_FORM}.`);
  let name: string;
  let email: string | null;
  let phone: string;
  const angle = /^([^<>]*)<([^<>]*)>([^<>]*)$/.exec(value);
  if (angle) {
    name = angle[1]!.trim();
    email = angle[2]!.trim();
    phone = angle[3]!.trim();
  } else if (value.includes('<') || value.includes('>')) {
    throw contactError(`has an unclosed \`<\`…\`>\` around the email`);
  } else {
    const words = value.split(/\s+/);
    const at = words.findIndex((w) => w.includes('@'));
    // Without an email, the phone starts at the first word that starts like a number.
    const phoneStart = at !== -1 ? at + 1 : words.findIndex((w) => /^\+?[0-9(]/.test(w));
    const nameEnd = at !== -1 ? at : phoneStart !== -1 ? phoneStart : words.length;
    name = words.slice(0, nameEnd).join(' ');
    email = at === -1 ? null : words[at]!;
    phone = phoneStart === -1 ? '' : words.slice(phoneStart).join(' ');
  }
  if (email !== null && !isEmail(email))
    throw contactError(`has \`${email}\` where the email goes`);
  if (phone !== '' && (!PHONE.test(phone) || !/[0-9]{3}/.test(phone.replace(/\D/g, '')))) {
    throw contactError(`has \`${phone}\` where the phone number goes`);
  }
  const unquoted = name.replace(/^"(.*)"$/, '$1').trim();
  const comma = unquoted.indexOf(',');
  const [firstName, ...rest] =
    comma === -1
      ? unquoted.split(/\s+/).filter(Boolean)
      : [unquoted.slice(comma + 1).trim(), unquoted.slice(0, comma).trim()];
  return {
    firstName: firstName || null,
    lastName: rest.join(' ') || null,
    email: email || null,
    phone: phone || null,
  };
}

/** `name:password`, split at the first colon (a password may hold colons). */
function readDemoAccount(value: string): DemoAccount | null {
  if (value === '') return null;
  const colon = value.indexOf(':');
  const name = colon === -1 ? '' : value.slice(0, colon).trim();
  const password = colon === -1 ? '' : value.slice(colon + 1);
  if (name === '' || password === '') {
    // Never quote the value: it is a secret, and a malformed one may be the password alone.
    throw new InputError(
      `Input \`demo-account\` is not \`name:password\` (${colon === -1 ? 'it has no colon' : name === '' ? 'the name before the colon is empty' : 'the password after the colon is empty'}): set it from a secret holding the demo account's user name, a colon and its password.`,
    );
  }
  return { name, password };
}
