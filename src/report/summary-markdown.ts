// The summary document (summary-document.ts) rendered as GitHub Markdown, for places that take Markdown and
// not the summary's HTML blocks: the plan comment on a pull request. Text is escaped in one place here too,
// so nothing a user or Apple wrote becomes markup or breaks a table.
import type { Block, Inline, SummaryDocument } from './summary-document.js';

/** Text as literal Markdown: entities for HTML, backslashes for Markdown, one line (a table cell is one). */
function escapeText(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replace(/([\\`*_[\]|~#])/g, '\\$1')
    .replace(/\s*\n\s*/g, ' ');
}

/** A code span long enough to hold any backticks inside; `|` escaped, which GitHub's tables need even there. */
function codeSpan(code: string): string {
  const longest = Math.max(0, ...[...code.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const inner = code.replaceAll('|', '\\|').replace(/\s*\n\s*/g, ' ');
  const pad = inner.startsWith('`') || inner.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${inner}${pad}${fence}`;
}

const isList = (inline: Inline): inline is readonly Inline[] => Array.isArray(inline);

function renderInline(inline: Inline): string {
  if (typeof inline === 'string') return escapeText(inline);
  if (isList(inline)) return inline.map(renderInline).join('');
  if ('code' in inline) return codeSpan(inline.code);
  if ('strong' in inline) return `**${renderInline(inline.strong)}**`;
  if ('link' in inline) {
    const href = inline.href.replace(/[\s<>|]/g, (c) => encodeURIComponent(c));
    return `[${renderInline(inline.link)}](<${href}>)`;
  }
  return `<details><summary>${renderInline(inline.fold)}</summary>${renderInline(inline.body)}</details>`;
}

function renderBlock(block: Block): string {
  if ('paragraph' in block) return renderInline(block.paragraph);
  if ('list' in block) return block.list.map((item) => `- ${renderInline(item)}`).join('\n');
  const row = (cells: string[]) => `| ${cells.map((c) => c || ' ').join(' | ')} |`;
  return [
    row(block.table.head.map(escapeText)),
    row(block.table.head.map(() => '---')),
    ...block.table.rows.map((cells) => row(cells.map(renderInline))),
  ].join('\n');
}

export function renderMarkdown(document: SummaryDocument): string {
  const parts = [`## ${renderInline(document.title)}`];
  for (const section of document.sections) {
    if (section.heading) parts.push(`### ${escapeText(section.heading)}`);
    parts.push(...section.blocks.map(renderBlock));
  }
  return `${parts.join('\n\n')}\n`;
}
