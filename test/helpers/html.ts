// A strict reader of the job summary's HTML: every tag known and closed in order, elements only where HTML
// allows them, text and attribute values escaped, links absolute, and each block on a line of its own (the
// summary file is Markdown, which reads a line that starts with a tag as one HTML block). Returns the problems.

const BLOCKS = new Set(['h2', 'h3', 'p', 'ul', 'table']);
const INLINE = new Set(['a', 'code', 'strong', 'details', 'summary']);
/** Where each element may stand (its parent); a block stands at the top. */
const PARENTS: Record<string, readonly string[]> = {
  li: ['ul'],
  thead: ['table'],
  tbody: ['table'],
  tr: ['thead', 'tbody'],
  th: ['tr'],
  td: ['tr'],
  summary: ['details'],
};
const KNOWN = new Set([...BLOCKS, ...INLINE, ...Object.keys(PARENTS)]);
const ATTRIBUTES: Record<string, readonly string[]> = { a: ['href'] };

const ENTITY = /^&(amp|lt|gt|quot|#\d+);/;
const TAG = /^<(\/?)([a-z][a-z0-9]*)((?:\s+[a-z-]+="[^"<>]*")*)\s*>/;
const ATTRIBUTE = /([a-z-]+)="([^"]*)"/g;

function escapingProblems(text: string, where: string): string[] {
  const problems: string[] = [];
  if (/[<>]/.test(text)) problems.push(`unescaped < or > in ${where}: ${JSON.stringify(text)}`);
  for (let i = text.indexOf('&'); i >= 0; i = text.indexOf('&', i + 1)) {
    if (!ENTITY.test(text.slice(i))) {
      problems.push(`unescaped & in ${where}: ${JSON.stringify(text.slice(i, i + 20))}`);
    }
  }
  return problems;
}

export function htmlProblems(html: string): string[] {
  const problems: string[] = [];
  for (const line of html.split('\n').filter((l) => l.trim() !== '')) {
    const block = /^<([a-z0-9]+)>/.exec(line)?.[1];
    if (!block || !BLOCKS.has(block) || !line.endsWith(`</${block}>`)) {
      problems.push(`a line that is not one whole block: ${JSON.stringify(line.slice(0, 60))}`);
    }
  }
  const open: string[] = [];
  let text = '';
  for (let i = 0; i < html.length;) {
    if (html[i] !== '<') {
      text += html[i++];
      continue;
    }
    problems.push(...escapingProblems(text, open.at(-1) ?? 'the top level'));
    text = '';
    const tag = TAG.exec(html.slice(i));
    if (!tag) {
      problems.push(`not a tag: ${JSON.stringify(html.slice(i, i + 30))}`);
      i++;
      continue;
    }
    i += tag[0].length;
    const [, closing, name, attributes] = tag as unknown as [string, string, string, string];
    if (!KNOWN.has(name)) problems.push(`unknown element <${name}>`);
    if (closing) {
      const top = open.pop();
      if (top !== name) problems.push(`</${name}> closes <${top ?? 'nothing'}>`);
      continue;
    }
    const parent = open.at(-1);
    const allowed = PARENTS[name];
    if (allowed ? !parent || !allowed.includes(parent) : BLOCKS.has(name) && parent) {
      problems.push(`<${name}> inside <${parent ?? 'the top level'}>`);
    }
    for (const [, attribute, value] of attributes.matchAll(ATTRIBUTE)) {
      if (!(ATTRIBUTES[name] ?? []).includes(attribute!)) {
        problems.push(`attribute ${attribute} on <${name}>`);
      }
      problems.push(...escapingProblems(value!, `${attribute} of <${name}>`));
      if (attribute === 'href' && !/^https:\/\//.test(value!)) {
        problems.push(`a link that is not https: ${value}`);
      }
    }
    open.push(name);
  }
  problems.push(...escapingProblems(text, 'the top level'));
  if (open.length > 0) problems.push(`left open: ${open.join(' > ')}`);
  return problems;
}
