// Parses lists of testers (the `testers` input, a testers CSV or JSON file) into TesterSpec. Errors carry
// only the problem ("line 3 ..."): the caller names the input or file and says how to fix it.
import type { TesterSpec } from '../reconcile/index.js';

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
    testers.push(parseTester(line, `line ${index + 1} (\`${line}\`)`));
  });
  return testers;
}

/** One tester as `email`, `First Last <email>` or `email,First,Last`; `where` starts the error's problem. */
export function parseTester(line: string, where: string): TesterSpec {
  const angle = /^(.*)<([^<>]*)>$/.exec(line);
  if (angle) {
    const email = checkEmail(angle[2]!.trim(), where);
    // Mail clients write `"Doe, Jane" <jane@example.com>`: quotes go, and a comma puts the last name first.
    const name = angle[1]!
      .trim()
      .replace(/^"(.*)"$/, '$1')
      .trim();
    const comma = name.indexOf(',');
    if (comma !== -1) return spec(email, name.slice(comma + 1), name.slice(0, comma));
    const [firstName, ...rest] = name.split(/\s+/).filter(Boolean);
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

/**
 * A testers CSV: `email,firstName,lastName` rows, with an optional header row. Fields may be quoted (a quoted
 * field keeps its commas, `""` is a quote). A header row that names the columns (`Email`, `First Name`,
 * `Last Name`, in any order, other columns ignored) is followed instead of the default order.
 */
export function parseTestersCsv(text: string): TesterSpec[] {
  const testers: TesterSpec[] = [];
  let columns: CsvColumns = { email: 0, firstName: 1, lastName: 2, width: 3 };
  let first = true;
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.replace(/^\uFEFF/, '').trim();
    if (line === '') return;
    const where = `line ${index + 1} (\`${line}\`)`;
    const fields = splitCsvLine(line, where);
    if (first) {
      first = false;
      const header = headerColumns(fields);
      if (header) {
        columns = header;
        return;
      }
    }
    if (columns.width === 3 && fields.length > 3) {
      throw new TesterListError(`${where} has ${fields.length} fields, at most 3`);
    }
    const field = (i: number | null): string | undefined => (i === null ? undefined : fields[i]);
    testers.push(
      spec(
        checkEmail(field(columns.email) ?? '', where),
        field(columns.firstName),
        field(columns.lastName),
      ),
    );
  });
  return testers;
}

interface CsvColumns {
  email: number;
  firstName: number | null;
  lastName: number | null;
  /** 3 for the default order (more fields is an error); the header's width when a header names them. */
  width: number;
}

const HEADER_NAMES: Record<string, 'email' | 'firstName' | 'lastName'> = {
  email: 'email',
  emailaddress: 'email',
  mail: 'email',
  firstname: 'firstName',
  first: 'firstName',
  givenname: 'firstName',
  lastname: 'lastName',
  last: 'lastName',
  familyname: 'lastName',
  surname: 'lastName',
};

/** The columns a header row names, or null when the row is data (it holds an email, or names no email column). */
function headerColumns(fields: string[]): CsvColumns | null {
  if (fields.some(isEmail)) return null;
  const columns: CsvColumns = { email: -1, firstName: null, lastName: null, width: fields.length };
  fields.forEach((field, i) => {
    const name = HEADER_NAMES[field.toLowerCase().replace(/[^a-z]/g, '')];
    if (name === 'email' && columns.email === -1) columns.email = i;
    else if (name && name !== 'email' && columns[name] === null) columns[name] = i;
  });
  return columns.email === -1 ? null : columns;
}

/** Splits one CSV line (RFC 4180 quoting); fields are trimmed. */
function splitCsvLine(line: string, where: string): string[] {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    while (line[i] === ' ' || line[i] === '\t') i++;
    let field = '';
    if (line[i] === '"') {
      i++;
      for (;;) {
        if (i >= line.length)
          throw new TesterListError(`${where} has a quote \`"\` that is not closed`);
        if (line[i] === '"') {
          if (line[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += line[i++];
      }
      while (line[i] === ' ' || line[i] === '\t') i++;
      if (i < line.length && line[i] !== ',') {
        throw new TesterListError(`${where} has text after a closing quote \`"\``);
      }
    } else {
      const end = line.indexOf(',', i);
      field = line.slice(i, end === -1 ? line.length : end);
      i = end === -1 ? line.length : end;
    }
    fields.push(field.trim());
    if (i >= line.length) return fields;
    i++; // the comma
  }
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
