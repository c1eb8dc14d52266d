// Apple accepts a second group of the same name, so two runs of one declaration started together can each
// create it. Each create is read back in the app's group list: Apple lists an app's groups in creation order,
// so the earliest of the same-name groups is kept by every run, and a run whose own group came later deletes
// it (it is empty but for this run's build) and goes on with the earlier one. The creates that answer
// together share one list: it is asked for once none of them is still in flight, so it shows them all.
import type { AscApi, GroupInfo } from '../asc/index.js';

interface Waiting {
  created: GroupInfo;
  resolve: (group: GroupInfo) => void;
  reject: (error: unknown) => void;
}

export type CreateGroup = (create: () => Promise<GroupInfo>) => Promise<GroupInfo>;

/** Runs each group create and answers with the group to keep: the created one, or its earlier twin. */
export function createWithTwinCheck(
  api: Pick<AscApi, 'listGroups' | 'deleteGroup'>,
  appId: string,
): CreateGroup {
  let inFlight = 0;
  let waiting: Waiting[] = [];
  const readBack = () => {
    if (inFlight > 0 || waiting.length === 0) return;
    const batch = waiting;
    waiting = [];
    api.listGroups(appId).then(
      (groups) => {
        for (const w of batch) keepOne(api, groups, w.created).then(w.resolve, w.reject);
      },
      (error: unknown) => {
        for (const w of batch) w.reject(error);
      },
    );
  };
  return async (create) => {
    inFlight++;
    let created: GroupInfo;
    try {
      created = await create();
    } finally {
      inFlight--;
      // A create that failed may be the last one another create's list waited for.
      queueMicrotask(readBack);
    }
    return new Promise<GroupInfo>((resolve, reject) => {
      waiting.push({ created, resolve, reject });
    });
  };
}

async function keepOne(
  api: Pick<AscApi, 'deleteGroup'>,
  groups: GroupInfo[],
  created: GroupInfo,
): Promise<GroupInfo> {
  const first = groups.find((g) => g.name === created.name);
  if (!first || first.id === created.id) return created;
  await api.deleteGroup(created.id);
  return first;
}
