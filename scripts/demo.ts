// `npm run demo`: the bundled action (dist/index.js) against the fake App Store Connect with demo data,
// run as a GitHub runner would: a dry run, the real run, then a re-run that changes nothing.
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { startFakeAsc, DEMO_BUNDLE_ID } from '../test/fake-asc/index.js';
import { runAction, type ActionRun } from '../test/e2e/run-action.js';

const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const kid = 'DEMOKEY123';
const issuerId = randomUUID();
const fake = await startFakeAsc({ keys: [{ kid, issuerId, publicKey }], seedDemo: true });

const inputs = {
  'key-id': kid,
  'issuer-id': issuerId,
  'private-key': privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
  'bundle-id': DEMO_BUNDLE_ID,
  'build-number': '4',
  'app-version': '1.1.0',
  'uses-non-exempt-encryption': 'false',
  groups: 'Public Beta, Release Candidates',
  'create-missing-groups': 'true',
  'public-link': 'enabled',
  'public-link-limit': '200',
  testers: 'Erin Example <erin@example.com>\ncarol@example.org\nfrank@example.com,Frank,Field',
  'what-to-test': 'Export compliance is set; try the new settings screen.',
  'api-base-url': fake.url,
};

const bold = (text: string): string => (process.stdout.isTTY ? `\x1b[1m${text}\x1b[0m` : text);

/** What a runner shows of the log: workflow commands interpreted, masks applied. */
function runnerLog(stdout: string): string {
  return stdout
    .split('\n')
    .filter((line) => !line.startsWith('::add-mask::') && !line.startsWith('::debug::'))
    .map((line) =>
      line.replace(/^::(warning|error|notice)[^:]*::/, (_, kind: string) => `${kind}: `),
    )
    .join('\n')
    .trim();
}

/** The job summary as a terminal shows it: one line per heading, paragraph, list item or table row. */
function summaryText(html: string): string {
  return html
    .replace(/<h\d>(.*?)<\/h\d>/g, '\n## $1\n')
    .replace(
      /<tr>(.*?)<\/tr>/g,
      (_, row: string) =>
        row.replace(/<t[hd]>(.*?)<\/t[hd]>/g, '$1 | ').replace(/ \| $/, '') + '\n',
    )
    .replace(/<li>(.*?)<\/li>/g, '  - $1\n')
    .replace(/<\/?[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function show(title: string, run: ActionRun): void {
  console.log(bold(`\n━━━ ${title} (exit code ${run.code}) ━━━`));
  console.log(bold('\nlog:'));
  console.log(runnerLog(run.stdout));
  if (run.stderr.trim()) console.log(run.stderr.trim());
  console.log(bold('\noutputs:'));
  for (const [name, value] of Object.entries(run.outputs)) console.log(`  ${name} = ${value}`);
  console.log(bold('\njob summary:'));
  console.log(summaryText(run.summary));
}

try {
  console.log(`Fake App Store Connect with demo data at ${fake.url} (app ${DEMO_BUNDLE_ID}).`);
  show('1. dry run: the plan, nothing changed', await runAction({ ...inputs, 'dry-run': 'true' }));
  show('2. the real run', await runAction(inputs));
  show('3. the same run again: nothing to change', await runAction(inputs));
  const changing = fake.requests.filter((r) => r.method !== 'GET').length;
  console.log(
    bold(
      `\n${fake.requests.length} requests reached the fake server, ${changing} of them changing.`,
    ),
  );
} finally {
  await fake.close();
}
