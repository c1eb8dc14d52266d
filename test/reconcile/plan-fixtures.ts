// Plain-data states for planner tests: an app with a valid build and a few groups.
import type { BuildInfo, GroupInfo, TesterInfo } from '../../src/reconcile/model.js';
import type { CurrentState, DesiredGroup, DesiredState } from '../../src/reconcile/states.js';
import type { GroupRef, Operation } from '../../src/reconcile/operations.js';

export function build(overrides: Partial<BuildInfo> = {}): BuildInfo {
  return {
    id: 'b42',
    number: '42',
    marketingVersion: '1.2.0',
    platform: 'IOS',
    processingState: 'VALID',
    expired: false,
    usesNonExemptEncryption: false,
    audience: 'APP_STORE_ELIGIBLE',
    uploadedDate: '2026-01-01T00:00:00Z',
    betaDetail: {
      id: 'bd42',
      autoNotifyEnabled: true,
      internalBuildState: 'READY_FOR_BETA_TESTING',
      externalBuildState: 'READY_FOR_BETA_SUBMISSION',
    },
    ...overrides,
  };
}

export function group(name: string, overrides: Partial<GroupInfo> = {}): GroupInfo {
  return {
    id: `g-${name}`,
    name,
    isInternal: false,
    hasAccessToAllBuilds: false,
    publicLinkEnabled: false,
    publicLinkLimitEnabled: false,
    publicLinkLimit: null,
    publicLink: null,
    feedbackEnabled: true,
    ...overrides,
  };
}

export function tester(email: string, id = `t-${email}`): TesterInfo {
  return { id, email, firstName: null, lastName: null, state: 'INVITED' };
}

export function desiredGroup(name: string, overrides: Partial<DesiredGroup> = {}): DesiredGroup {
  return {
    name,
    createAs: 'external',
    publicLink: null,
    publicLinkLimit: null,
    feedbackEnabled: null,
    testers: [],
    removeUnlistedTesters: false,
    ...overrides,
  };
}

export function desired(overrides: Partial<DesiredState> = {}): DesiredState {
  return {
    groups: [desiredGroup('Beta')],
    createMissingGroups: false,
    usesNonExemptEncryption: null,
    whatToTest: null,
    submitForReview: 'auto',
    notifyTesters: false,
    ...overrides,
  };
}

export function current(overrides: Partial<CurrentState> = {}): CurrentState {
  return {
    app: { id: 'app1', bundleId: 'com.example.app', name: 'Example' },
    build: build(),
    groups: [group('Beta')],
    groupIdsWithBuild: [],
    groupIdsWithoutBuilds: new Set(),
    groupTesters: new Map(),
    otherTesters: [],
    localizations: [],
    reviewSubmissions: [],
    ...overrides,
  };
}

/** What App Store Connect would hold after the operations succeed: lets a test plan a second run. */
export function stateAfter(state: CurrentState, operations: Operation[]): CurrentState {
  const next: CurrentState = {
    ...state,
    build: state.build && { ...state.build },
    groups: state.groups.map((g) => ({ ...g })),
    groupIdsWithBuild: [...state.groupIdsWithBuild],
    groupTesters: new Map([...state.groupTesters].map(([id, list]) => [id, [...list]])),
    localizations: [...(state.localizations ?? [])],
    reviewSubmissions: [...(state.reviewSubmissions ?? [])],
  };
  const idOf = (ref: GroupRef): string => ref.id ?? `g-${ref.name}`;
  const members = (ref: GroupRef): TesterInfo[] => {
    const list = next.groupTesters.get(idOf(ref)) ?? [];
    next.groupTesters.set(idOf(ref), list);
    return list;
  };
  for (const op of operations) {
    switch (op.op) {
      case 'create-group':
        next.groups.push(
          group(op.attributes.name, {
            isInternal: op.attributes.isInternalGroup ?? false,
            hasAccessToAllBuilds: op.attributes.hasAccessToAllBuilds ?? false,
            feedbackEnabled: op.attributes.feedbackEnabled ?? true,
            publicLinkLimitEnabled: op.attributes.publicLinkLimitEnabled ?? false,
            publicLinkLimit: op.attributes.publicLinkLimit ?? null,
          }),
        );
        break;
      case 'set-export-compliance':
        next.build = { ...next.build!, usesNonExemptEncryption: op.value };
        break;
      case 'set-what-to-test':
        next.localizations = [
          ...next.localizations!.filter((l) => l.locale !== op.locale),
          { id: op.localizationId ?? `l-${op.locale}`, locale: op.locale, whatsNew: op.text },
        ];
        break;
      case 'add-build':
        next.groupIdsWithBuild.push(...op.groups.map(idOf));
        break;
      case 'update-group': {
        const target = next.groups.find((g) => g.id === idOf(op.group))!;
        Object.assign(target, op.attributes);
        if (op.attributes.publicLinkEnabled)
          target.publicLink = `https://testflight.apple.com/join/${target.id}`;
        break;
      }
      case 'create-tester':
        for (const ref of op.groups) members(ref).push(tester(op.tester.email));
        break;
      case 'add-testers':
        members(op.group).push(...op.testers.map((t) => tester(t.email, t.id)));
        break;
      case 'remove-testers': {
        const gone = new Set(op.testers.map((t) => t.id));
        next.groupTesters.set(
          idOf(op.group),
          members(op.group).filter((t) => !gone.has(t.id)),
        );
        break;
      }
      case 'submit-for-review':
        next.reviewSubmissions!.push({
          id: 'r1',
          state: 'WAITING_FOR_REVIEW',
          submittedDate: null,
        });
        break;
      case 'notify-testers':
        break;
    }
  }
  return next;
}
