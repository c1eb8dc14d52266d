// The summary's testers section: per declared group, how far its members got (invited → accepted → installed,
// and who never installed), their sessions, crashes and feedback over the last 30 days, and the public link's
// views and accepts against its limit. Figures that could not be read show as such; the log's warning says why.
import type { GroupMetrics, ReconcileResult, TesterFunnel } from '../reconcile/index.js';
import { count, emailList } from './summary-parts.js';
import type { Block, Inline, SummarySection } from './summary-document.js';

const NOT_READ = 'not available';

const number = (n: number): string => n.toLocaleString('en-US');

function funnelCell(funnel: TesterFunnel | null): Inline {
  if (!funnel) return NOT_READ;
  if (funnel.total === 0) return 'no testers';
  const steps = `${number(funnel.invited)} invited → ${number(funnel.accepted)} accepted → ${number(funnel.installed)} installed`;
  const others = [
    funnel.notInvited > 0 ? `${number(funnel.notInvited)} not invited yet` : null,
    funnel.revoked > 0 ? `${number(funnel.revoked)} revoked` : null,
    funnel.counted < funnel.total
      ? `of the first ${number(funnel.counted)} of ${number(funnel.total)}`
      : null,
  ].filter((part) => part !== null);
  return others.length > 0 ? `${steps} (${others.join(', ')})` : steps;
}

function notInstalledCell(funnel: TesterFunnel | null): Inline {
  if (!funnel) return NOT_READ;
  if (funnel.notInstalledCount === 0) return '—';
  const more = funnel.notInstalledCount - funnel.notInstalled.length;
  if (more === 0) return emailList(funnel.notInstalled);
  return {
    fold: count(funnel.notInstalledCount, 'tester'),
    body: `${funnel.notInstalled.join(', ')} and ${number(more)} more`,
  };
}

/** "≥ 1,200" when Apple's figures cover only the first page of testers with usage. */
function usageCells(metrics: GroupMetrics): Inline[] {
  const usage = metrics.usage;
  if (!usage) return [NOT_READ, NOT_READ, NOT_READ];
  const atLeast = usage.testers < usage.totalTesters ? '≥ ' : '';
  return [usage.sessions, usage.crashes, usage.feedback].map((n) => `${atLeast}${number(n)}`);
}

function publicLinkCell(metrics: GroupMetrics): Inline {
  if (!metrics.hasPublicLink) return '—';
  const link = metrics.publicLink;
  if (!link) return NOT_READ;
  const views = `${number(link.views)} ${link.views === 1 ? 'view' : 'views'}`;
  if (link.limit === null) return `${views} · ${number(link.accepted)} joined (no limit)`;
  const share = Math.round((link.accepted / link.limit) * 100);
  return `${views} · ${number(link.accepted)} of ${number(link.limit)} joined (${share}%)`;
}

export function metricsSection(result: ReconcileResult): SummarySection | null {
  const metrics = result.metrics ?? [];
  if (metrics.length === 0) return null;
  const rows = metrics.map((m): Inline[] => [
    m.name,
    funnelCell(m.funnel),
    notInstalledCell(m.funnel),
    ...usageCells(m),
    publicLinkCell(m),
  ]);
  const blocks: Block[] = [
    {
      table: {
        head: [
          'Group',
          'Testers',
          'Never installed',
          'Sessions (30 days)',
          'Crashes',
          'Feedback',
          'Public link',
        ],
        rows,
      },
    },
  ];
  const partial = metrics.some((m) => m.usage && m.usage.testers < m.usage.totalTesters);
  if (partial) {
    blocks.push({
      paragraph:
        '≥: App Store Connect lists the usage of 200 testers at a time, and the summary reads the first 200.',
    });
  }
  const missing = metrics.some((m) => !m.usage || !m.funnel || (m.hasPublicLink && !m.publicLink));
  if (missing) {
    blocks.push({
      paragraph:
        'Some figures could not be read from App Store Connect; the warning in the log says why.',
    });
  }
  return { heading: 'Testers', blocks };
}
