// Recruitment criteria through dist/index.js and a config file: created with the group's criteria, changed when
// the file changes them, removed by an empty list, each then re-run with nothing to change; the summary reports
// Apple's compatible-build check.
import { expect } from 'vitest';
import { planOf, scenarioTest as it } from './scenario-test.js';

const CONFIG = '.github/testflight.yml';
const fileWith = (recruitment: string) =>
  `groups:\n  - name: Public Beta\n    public-link: { enabled: true }\n    recruitment: ${recruitment}\n`;

it('creates, changes and removes a group’s recruitment criteria, each re-run unchanged', async ({
  scenario,
}) => {
  const { fake, inputs, twice } = scenario;
  const group = scenario.addGroup('Public Beta');
  const criteria = () =>
    [...fake.state.recruitmentCriteria.values()]
      .filter((c) => c.groupId === group.id)
      .map((c) => c.deviceFamilyOsVersionFilters);
  const given = inputs({ config: CONFIG, 'submit-for-review': 'false' });
  const runWith = (recruitment: string) =>
    twice(given, { files: { [CONFIG]: fileWith(recruitment) } });

  const created = await runWith("[{ device-family: IPHONE, minimum-os: '17.0' }]");
  expect(planOf(created.first).map((o) => o.op)).toContain('create-recruitment-criteria');
  expect(criteria()).toEqual([
    [expect.objectContaining({ deviceFamily: 'IPHONE', minimumOsInclusive: '17.0' })],
  ]);
  expect(created.first.summary).toContain('Recruitment criteria');

  const changed = await runWith(
    "[{ device-family: IPHONE, minimum-os: '18.0' }, { device-family: IPAD }]",
  );
  expect(planOf(changed.first).map((o) => o.op)).toEqual(['update-recruitment-criteria']);
  expect(criteria()).toEqual([
    [
      expect.objectContaining({ deviceFamily: 'IPHONE', minimumOsInclusive: '18.0' }),
      expect.objectContaining({ deviceFamily: 'IPAD' }),
    ],
  ]);

  const removed = await runWith('[]');
  expect(planOf(removed.first).map((o) => o.op)).toEqual(['delete-recruitment-criteria']);
  expect(criteria()).toEqual([]);
});
