// The job summary as data: a title and sections of paragraphs, lists and tables made of inline pieces. The
// sections are built from the run's result first, then rendered here once, to HTML: text is escaped in one
// place, so nothing a user or Apple wrote (group names, emails, error texts) ever becomes markup.

/** Inline content. A string is text; the objects are the only markup there is. */
export type Inline =
  | string
  | readonly Inline[]
  | { readonly code: string }
  | { readonly strong: Inline }
  | { readonly link: Inline; readonly href: string }
  /** A `<details>` fold: `fold` is always shown, `body` when opened. */
  | { readonly fold: Inline; readonly body: Inline };

export type Block =
  | { readonly paragraph: Inline }
  | { readonly list: readonly Inline[] }
  | { readonly table: { readonly head: readonly string[]; readonly rows: readonly Inline[][] } };

export interface SummarySection {
  /** The section's heading (h3); the opening section has none. */
  heading?: string;
  blocks: Block[];
}

export interface SummaryDocument {
  title: Inline;
  sections: SummarySection[];
}

function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}

// Array.isArray does not narrow a readonly array type.
const isList = (inline: Inline): inline is readonly Inline[] => Array.isArray(inline);

function renderInline(inline: Inline): string {
  if (typeof inline === 'string') return escapeHtml(inline);
  if (isList(inline)) return inline.map(renderInline).join('');
  if ('code' in inline) return `<code>${escapeHtml(inline.code)}</code>`;
  if ('strong' in inline) return `<strong>${renderInline(inline.strong)}</strong>`;
  if ('link' in inline) {
    return `<a href="${escapeHtml(inline.href)}">${renderInline(inline.link)}</a>`;
  }
  return `<details><summary>${renderInline(inline.fold)}</summary>${renderInline(inline.body)}</details>`;
}

function renderBlock(block: Block): string {
  if ('paragraph' in block) return `<p>${renderInline(block.paragraph)}</p>`;
  if ('list' in block) {
    return `<ul>${block.list.map((item) => `<li>${renderInline(item)}</li>`).join('')}</ul>`;
  }
  const head = block.table.head.map((name) => `<th>${escapeHtml(name)}</th>`).join('');
  const rows = block.table.rows
    .map((row) => `<tr>${row.map((cell) => `<td>${renderInline(cell)}</td>`).join('')}</tr>`)
    .join('');
  return `<table><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table>`;
}

/**
 * The summary's HTML: one line per block with a blank line between, so Markdown (the summary file is
 * Markdown) takes each line as one HTML block and reads nothing inside it as Markdown.
 */
export function renderSummary(document: SummaryDocument): string {
  const lines = [`<h2>${renderInline(document.title)}</h2>`];
  for (const section of document.sections) {
    if (section.heading) lines.push(`<h3>${escapeHtml(section.heading)}</h3>`);
    lines.push(...section.blocks.map(renderBlock));
  }
  return `${lines.join('\n\n')}\n`;
}

/** A sentence of ours, with its `backticked` input names and values as code. */
export function sentence(text: string): Inline {
  return text.split(/(`[^`]*`)/).flatMap((part): Inline[] => {
    if (part === '') return [];
    return part.length > 1 && part.startsWith('`') && part.endsWith('`')
      ? [{ code: part.slice(1, -1) }]
      : [part];
  });
}
