// Release notes are Markdown; TestFlight's What to Test is plain text that testers read on a phone. This turns
// one into the other line by line: headings become their text with a blank line around, list items a bullet,
// links `text (url)`, code and emphasis their bare text; HTML, images and link definitions disappear.

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  '#39': "'",
};

function decodeEntities(text: string): string {
  return text.replace(/&(#?\w+);/g, (whole, name: string) => {
    if (ENTITIES[name] !== undefined) return ENTITIES[name];
    const code = /^#x([0-9a-f]+)$/i.exec(name)?.[1] ?? /^#(\d+)$/.exec(name)?.[1];
    if (code === undefined) return whole;
    const point = Number.parseInt(code, name.startsWith('#x') || name.startsWith('#X') ? 16 : 10);
    return point > 0 && point <= 0x10ffff ? String.fromCodePoint(point) : whole;
  });
}

/** `[text](url)`, `text (url)` when they differ; the url alone when the text is the url. */
function linkText(text: string, url: string): string {
  const shown = text.trim();
  return shown === '' || shown === url ? url : `${shown} (${url})`;
}

/** Inline Markdown of one line as plain text. */
function flattenInline(line: string, references: Map<string, string>): string {
  let text = line
    // Images first: `![alt](src)` would otherwise read as a link.
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/!\[[^\]]*\]\[[^\]]*\]/g, '')
    .replace(/<img\b[^>]*>/gi, '')
    .replace(/<br\s*\/?>/gi, '\n')
    // Inline code keeps its content as is, even when it looks like markup.
    .replace(/(`+)(.+?)\1/g, (_, _ticks: string, code: string) => code.trim())
    .replace(
      /\[([^\]]*)\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g,
      (_, label: string, url: string) => linkText(label, url),
    )
    .replace(/\[([^\]]+)\]\[([^\]]*)\]/g, (whole, label: string, ref: string) => {
      const url = references.get((ref || label).toLowerCase());
      return url ? linkText(label, url) : label;
    })
    .replace(/<(https?:\/\/[^>\s]+)>/g, '$1')
    // What is left of HTML: tags go, their text stays.
    .replace(/<\/?[a-z][\w-]*(?:\s[^<>]*)?\/?>/gi, '');
  text = text
    .replace(/(\*\*|__)(?=\S)(.+?)(?<=\S)\1/g, '$2')
    .replace(/~~(?=\S)(.+?)(?<=\S)~~/g, '$1')
    .replace(/(^|[^\w*])\*(?=\S)([^*]+?)(?<=\S)\*(?!\w)/g, '$1$2')
    .replace(/(^|[^\w])_(?=\S)([^_]+?)(?<=\S)_(?!\w)/g, '$1$2')
    .replace(/\\([\\`*_{}[\]()#+\-.!|~<>])/g, '$1');
  // What removed markup leaves: runs of spaces, and spaces at either end.
  return decodeEntities(text)
    .replace(/[ \t]{2,}/g, ' ')
    .replace(/^ | $/gm, '');
}

const FENCE = /^\s*(```|~~~)/;
const REFERENCE = /^\s{0,3}\[([^\]]+)\]:\s*<?(\S+?)>?(?:\s+["'(].*["')])?\s*$/;

/** The Markdown of a release as plain text: no HTML, no images, links as `text (url)`, lines trimmed at the end. */
export function markdownToText(markdown: string): string {
  const withoutComments = markdown.replace(/\r\n?/g, '\n').replace(/<!--[\s\S]*?-->/g, '');
  const lines = withoutComments.split('\n');
  const references = new Map<string, string>();
  for (const line of lines) {
    const match = REFERENCE.exec(line);
    if (match) references.set(match[1]!.toLowerCase(), match[2]!);
  }
  const out: string[] = [];
  const blank = () => {
    if (out.length > 0 && out[out.length - 1] !== '') out.push('');
  };
  let inFence = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (FENCE.test(line)) {
      inFence = !inFence;
      continue;
    }
    if (inFence) {
      out.push(line.trimEnd());
      continue;
    }
    if (REFERENCE.test(line)) continue;
    // A setext heading: the line above is the heading, this one its underline.
    if (/^\s{0,3}(=+|-+)\s*$/.test(line) && out.length > 0 && out[out.length - 1] !== '') {
      if (/^\s{0,3}=+\s*$/.test(line) || lines[i - 1]?.trim()) {
        blank();
        continue;
      }
    }
    if (/^\s{0,3}([-*_])(\s*\1){2,}\s*$/.test(line)) {
      blank();
      continue;
    }
    // Table separator rows go; table rows keep their cells, separated by " · ".
    if (line.includes('|') && /^\s*\|?(\s*:?-+:?\s*\|?)+\s*$/.test(line)) continue;
    const heading = /^\s{0,3}#{1,6}\s+(.*?)(\s+#+)?\s*$/.exec(line);
    if (heading) {
      blank();
      out.push(flattenInline(heading[1]!, references));
      out.push('');
      continue;
    }
    let text = line.replace(/^(\s*>)+\s?/, '');
    const item = /^(\s*)([-*+]|\d{1,9}[.)])\s+(\[[ xX]\]\s+)?(.*)$/.exec(text);
    if (item) {
      const depth = Math.floor(item[1]!.replace(/\t/g, '    ').length / 2);
      const marker = /\d/.test(item[2]!) ? item[2]!.replace(')', '.') : '•';
      const check = item[3] ? (/x/i.test(item[3]) ? '✓ ' : '☐ ') : '';
      out.push(`${'  '.repeat(depth)}${marker} ${check}${flattenInline(item[4]!, references)}`);
      continue;
    }
    if (/^\s*\|.*\|\s*$/.test(text)) {
      text = text
        .trim()
        .slice(1, -1)
        .split('|')
        .map((cell) => cell.trim())
        .join(' · ');
    }
    const flat = flattenInline(text.trim(), references);
    for (const part of flat.split('\n')) out.push(part.trimEnd());
  }
  // Blank lines: at most one in a row, none at either end.
  const text = out
    .join('\n')
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n');
  return text.trim();
}
