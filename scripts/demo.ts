// `npm run demo`: the bundled action (dist/index.js) against the fake App Store Connect with demo data,
// run as a GitHub runner would: a dry run, the real run, a re-run that changes nothing, then the same groups
// from a config file that adds recruitment criteria.
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { startFakeAsc, DEMO_BUNDLE_ID } from '../test/fake-asc/index.js';
import { runAction } from '../test/e2e/run-action.js';
import { bold, runText } from './demo-output.js';

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

// Step 4 declares the same groups in a config file instead, and adds who may join Public Beta by its link.
const CONFIG = `groups:
  - name: Public Beta
    public-link: { enabled: true, limit: 200 }
    recruitment: [{ device-family: IPHONE, minimum-os: '17.0' }, { device-family: IPAD, minimum-os: '17.0' }]
    testers: ['Erin Example <erin@example.com>', carol@example.org, 'frank@example.com,Frank,Field']
  - name: Release Candidates
    public-link: { enabled: true, limit: 200 }
    testers: ['Erin Example <erin@example.com>', carol@example.org, 'frank@example.com,Frank,Field']
`;
const GROUP_INPUTS = [
  'groups',
  'create-missing-groups',
  'public-link',
  'public-link-limit',
  'testers',
];
const fromConfig = {
  ...Object.fromEntries(Object.entries(inputs).filter(([name]) => !GROUP_INPUTS.includes(name))),
  config: '.github/testflight.yml',
};

async function show(
  title: string,
  given: Record<string, string>,
  files?: Record<string, string>,
): Promise<void> {
  console.log(runText(title, given, await runAction(given, files ? { files } : {})));
}

try {
  console.log(`Fake App Store Connect with demo data at ${fake.url} (app ${DEMO_BUNDLE_ID}).`);
  await show('1. dry run: the plan, nothing changed', { ...inputs, 'dry-run': 'true' });
  await show('2. the real run', inputs);
  await show('3. the same run again: nothing to change', inputs);
  await show('4. the same groups from a config file, with recruitment criteria', fromConfig, {
    '.github/testflight.yml': CONFIG,
  });
  const changing = fake.requests.filter((r) => r.method !== 'GET').length;
  console.log(
    bold(
      `\n${fake.requests.length} requests reached the fake server, ${changing} of them changing.`,
    ),
  );
} finally {
  await fake.close();
}
