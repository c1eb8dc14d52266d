// Parses lists of testers (the `testers` input, a testers CSV or JSON file) into TesterSpec. Errors carry
// only the problem ("line 3 ..."): the caller names the input or file and says how to fix it.
import type { TesterSpec } from './model.js';

export class TesterListError extends Error {
  override name = 'TesterListError';
}

// Deliberately loose (Apple validates for real): one @, no spaces or list punctuation, a dot in the domain.
const EMAIL_SHAPE = /^[^\s@<>,;"]+@[^\s@<>,;"]+\.[^\s@<>,;".]+$/;

export function isEmail(value: string): boolean {
  return EMAIL_SHAPE.test(value);
}

/** The `testers` input: one per line, `email`, `First Last <email>` or `email,First,Last`. */
export function parseTesterLines(text: string): TesterSpec[] {
  const testers: TesterSpec[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '') return;
    testers.push(parseTesterLine(line, index + 1));
  });
  return testers;
}

function parseTesterLine(line: string, lineNumber: number): TesterSpec {
  const where = `line ${lineNumber} (\`${line}\`)`;
  const angle = /^(.*)<([^<>]*)>$/.exec(line);
  if (angle) {
    const email = checkEmail(angle[2]!.trim(), where);
    const [firstName, ...rest] = angle[1]!.trim().split(/\s+/).filter(Boolean);
    return spec(email, firstName, rest.join(' '));
  }
  if (line.includes('<') || line.includes('>')) {
    throw new TesterListError(`${where} has an unclosed \`<\`…\`>\` around the email`);
  }
  const fields = line.split(',').map((field) => field.trim());
  if (fields.length > 3) {
    throw new TesterListError(`${where} has ${fields.length} comma-separated fields, at most 3`);
  }
  if (fields.slice(1).some(isEmail)) {
    throw new TesterListError(`${where} holds more than one email`);
  }
  return spec(checkEmail(fields[0]!, where), fields[1], fields[2]);
}

/** A testers CSV: `email,firstName,lastName` rows, with an optional header row. */
export function parseTestersCsv(text: string): TesterSpec[] {
  const testers: TesterSpec[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '') return;
    const fields = line.split(',').map(unquote);
    if (index === 0 && fields[0]!.toLowerCase() === 'email') return; // header row
    const where = `line ${index + 1} (\`${line}\`)`;
    if (fields.length > 3) {
      throw new TesterListError(`${where} has ${fields.length} fields, at most 3`);
    }
    testers.push(spec(checkEmail(fields[0]!, where), fields[1], fields[2]));
  });
  return testers;
}

function unquote(field: string): string {
  const trimmed = field.trim();
  return /^".*"$/.test(trimmed) ? trimmed.slice(1, -1).trim() : trimmed;
}

/** A testers JSON file: an array of `{email, firstName?, lastName?}`. */
export function parseTestersJson(text: string): TesterSpec[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new TesterListError(`is not valid JSON (${(error as Error).message})`);
  }
  if (!Array.isArray(data)) {
    throw new TesterListError('is JSON but not an array');
  }
  return data.map((entry: unknown, index) => {
    const where = `entry ${index + 1}`;
    if (typeof entry !== 'object' || entry === null) {
      throw new TesterListError(`${where} is not an object`);
    }
    const { email, firstName, lastName } = entry as Record<string, unknown>;
    if (typeof email !== 'string') {
      throw new TesterListError(`${where} has no \`email\` string`);
    }
    for (const [key, value] of Object.entries({ firstName, lastName })) {
      if (value !== undefined && value !== null && typeof value !== 'string') {
        throw new TesterListError(`${where} has a \`${key}\` that is not a string`);
      }
    }
    return spec(
      checkEmail(email.trim(), `${where} (\`${email}\`)`),
      (firstName as string | null | undefined) ?? undefined,
      (lastName as string | null | undefined) ?? undefined,
    );
  });
}

/** Merges duplicates (emails compared case-insensitively), keeping order and the first names given. */
export function mergeTesters(testers: TesterSpec[]): TesterSpec[] {
  const byEmail = new Map<string, TesterSpec>();
  for (const tester of testers) {
    const seen = byEmail.get(tester.email);
    if (!seen) byEmail.set(tester.email, { ...tester });
    else {
      seen.firstName ??= tester.firstName;
      seen.lastName ??= tester.lastName;
    }
  }
  return [...byEmail.values()].map((tester) =>
    spec(tester.email, tester.firstName, tester.lastName),
  );
}

function checkEmail(value: string, where: string): string {
  if (value === '') throw new TesterListError(`${where} has no email`);
  if (!isEmail(value)) {
    throw new TesterListError(`${where} has \`${value}\`, which is not an email address`);
  }
  return value.toLowerCase();
}

/** Leaves out empty names so they are not sent as "". */
function spec(email: string, firstName?: string, lastName?: string): TesterSpec {
  const tester: TesterSpec = { email };
  if (firstName?.trim()) tester.firstName = firstName.trim();
  if (lastName?.trim()) tester.lastName = lastName.trim();
  return tester;
}
