// Plain-data states for planner tests: an app with a valid build and the group Beta, and what App Store
// Connect would hold after a plan's operations.
import type { TesterInfo } from '../../src/asc/index.js';
import type { CurrentState, CurrentTestInformation } from '../../src/reconcile/current.js';
import type { GroupRef, Operation } from '../../src/reconcile/operations.js';
import type { Plan } from '../../src/reconcile/plan.js';
import { INPUT_HINTS } from '../../src/inputs/setting-hints.js';
import { buildInfo, groupInfo, testerInfo } from '../helpers/factories.js';

export function current(overrides: Partial<CurrentState> = {}): CurrentState {
  return {
    app: { id: 'app1', bundleId: 'com.example.app', name: 'Example' },
    build: buildInfo(),
    groups: [groupInfo('Beta')],
    groupIdsWithBuild: [],
    groupIdsWithoutBuilds: new Set(),
    groupTesters: new Map(),
    partialGroupIds: new Set(),
    testersReadInFull: false,
    appTesterCount: null,
    otherTesters: [],
    recruitment: new Map(),
    localizations: [],
    reviewSubmissions: [],
    testInformation: completeTestInformation(),
    encryptionDeclarations: [],
    appBuilds: [],
    teamMembers: null,
    readAt: READ_AT,
    readWarnings: [],
    ...overrides,
  };
}

/** When the planner tests' state was read: 2026-03-02, two months after buildInfo()'s upload. */
export const READ_AT = Date.UTC(2026, 2, 2, 9, 0, 0);

/** The Test Information Beta App Review accepts: a described en-US with a feedback email, a contact. */
export function completeTestInformation(): CurrentTestInformation {
  return {
    primaryLocale: 'en-US',
    localizations: [
      {
        id: 'loc-en',
        locale: 'en-US',
        description: 'A beta of the app.',
        feedbackEmail: 'beta@example.com',
        marketingUrl: null,
        privacyPolicyUrl: null,
      },
    ],
    reviewDetail: {
      id: 'rd1',
      contactFirstName: 'Jane',
      contactLastName: 'Appleseed',
      contactEmail: 'jane@example.com',
      contactPhone: '+1 555 0100',
      demoAccountName: null,
      demoAccountPassword: null,
      demoAccountRequired: false,
      notes: null,
    },
    licenseAgreement: { id: 'la1', agreementText: null },
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
    testInformation: {
      ...state.testInformation,
      localizations: state.testInformation.localizations.map((l) => ({ ...l })),
      reviewDetail: state.testInformation.reviewDetail && { ...state.testInformation.reviewDetail },
      licenseAgreement: state.testInformation.licenseAgreement && {
        ...state.testInformation.licenseAgreement,
      },
    },
    appBuilds: [...state.appBuilds],
    recruitment: new Map(state.recruitment),
  };
  const info = next.testInformation;
  const idOf = (ref: GroupRef): string => ref.id ?? `g-${ref.name}`;
  const members = (ref: GroupRef): TesterInfo[] => {
    const list = next.groupTesters.get(idOf(ref)) ?? [];
    next.groupTesters.set(idOf(ref), list);
    return list;
  };
  for (const op of operations) {
    switch (op.op) {
      case 'create-group': {
        const group = groupInfo(op.attributes.name, {
          isInternal: op.attributes.isInternalGroup ?? false,
          hasAccessToAllBuilds: op.attributes.hasAccessToAllBuilds ?? false,
          feedbackEnabled: op.attributes.feedbackEnabled ?? true,
          publicLinkEnabled: op.attributes.publicLinkEnabled ?? false,
          publicLinkLimitEnabled: op.attributes.publicLinkLimitEnabled ?? false,
          publicLinkLimit: op.attributes.publicLinkLimit ?? null,
        });
        if (group.publicLinkEnabled)
          group.publicLink = `https://testflight.apple.com/join/${group.id}`;
        next.groups.push(group);
        // The build goes in with the create request.
        if (op.buildId) next.groupIdsWithBuild.push(group.id);
        break;
      }
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
        for (const ref of op.groups) members(ref).push(testerInfo(op.tester.email));
        break;
      case 'add-testers':
        members(op.group).push(...op.testers.map((t) => testerInfo(t.email, t.id)));
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
      case 'set-test-information': {
        const existing = info.localizations.find((l) => l.id === op.localizationId);
        if (existing) Object.assign(existing, op.fields);
        else {
          info.localizations.push({
            id: `loc-${op.locale}`,
            locale: op.locale,
            description: null,
            feedbackEmail: null,
            marketingUrl: null,
            privacyPolicyUrl: null,
            ...op.fields,
          });
        }
        break;
      }
      case 'set-review-details':
        Object.assign(info.reviewDetail!, op.fields);
        break;
      case 'set-license-agreement':
        info.licenseAgreement = { id: op.agreementId, agreementText: op.text };
        break;
      case 'assign-encryption-declaration': {
        const d = next.encryptionDeclarations.find((e) => e.id === op.declarationId)!;
        next.build = { ...next.build!, usesNonExemptEncryption: d.usesEncryption! && !d.exempt! };
        break;
      }
      case 'expire-build':
        // The app's list holds unexpired builds only.
        next.appBuilds = next.appBuilds.filter((b) => b.id !== op.buildId);
        break;
      case 'delete-group':
        next.groups = next.groups.filter((g) => g.id !== op.groupId);
        next.recruitment.delete(op.groupId);
        break;
      case 'create-recruitment-criteria':
        next.recruitment.set(idOf(op.group), {
          id: `rc-${idOf(op.group)}`,
          groupId: idOf(op.group),
          filters: op.filters,
        });
        break;
      case 'update-recruitment-criteria':
      case 'delete-recruitment-criteria':
        for (const [groupId, criteria] of next.recruitment) {
          if (criteria.id !== op.criteriaId) continue;
          if (op.op === 'delete-recruitment-criteria') next.recruitment.delete(groupId);
          else next.recruitment.set(groupId, { ...criteria, filters: op.filters });
        }
        break;
    }
  }
  return next;
}

/** A plan of these operations alone, for applyPlan (which reads nothing else of it). */
export function planOf(...operations: Operation[]): Plan {
  return {
    operations,
    groups: [],
    reviewState: 'not-needed',
    whatToTest: 'none',
    warnings: [],
    testInformation: [],
    groupExpiry: [],
    hints: INPUT_HINTS,
  };
}
