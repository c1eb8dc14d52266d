// The summary's renderer (data → HTML, escaped once) and the strict HTML reader the summary tests rely on.
import { describe, expect, it } from 'vitest';
import { renderSummary, sentence } from '../../src/report/summary-document.js';
import { htmlProblems } from '../helpers/html.js';

describe('renderSummary', () => {
  it('renders every kind of block and inline, escaping all text and attribute values', () => {
    const html = renderSummary({
      title: 'A <b> & "c"',
      sections: [
        { blocks: [{ paragraph: ['x ', { strong: 'y' }, ' ', { code: '<z>' }] }] },
        {
          heading: 'H & h',
          blocks: [
            { list: ['one', { link: 'two', href: 'https://example.com/?a=1&b="2"' }] },
            {
              table: {
                head: ['<th>'],
                rows: [[{ fold: '3 testers', body: 'a@x, b@x, c@x' }]],
              },
            },
          ],
        },
      ],
    });
    expect(html).toBe(
      [
        '<h2>A &lt;b&gt; &amp; &quot;c&quot;</h2>',
        '<p>x <strong>y</strong> <code>&lt;z&gt;</code></p>',
        '<h3>H &amp; h</h3>',
        '<ul><li>one</li><li><a href="https://example.com/?a=1&amp;b=&quot;2&quot;">two</a></li></ul>',
        '<table><thead><tr><th>&lt;th&gt;</th></tr></thead><tbody><tr><td><details><summary>3 testers</summary>a@x, b@x, c@x</details></td></tr></tbody></table>',
      ].join('\n\n') + '\n',
    );
    expect(htmlProblems(html)).toEqual([]);
  });

  it('turns the backticked names of a sentence into code', () => {
    expect(sentence('fix `groups`, or set `create-missing-groups: true`.')).toEqual([
      'fix ',
      { code: 'groups' },
      ', or set ',
      { code: 'create-missing-groups: true' },
      '.',
    ]);
    expect(sentence('no names here')).toEqual(['no names here']);
    // A lone backtick is text, not the start of code.
    expect(
      renderSummary({ title: 'x', sections: [{ blocks: [{ paragraph: sentence('a ` b') }] }] }),
    ).toContain('<p>a ` b</p>');
  });
});

describe('htmlProblems', () => {
  it.each([
    ['an unclosed tag', '<p>a <strong>b</p>', /closes <strong>/],
    ['a tag closed twice', '<p>a</p></p>', /closes <nothing>/],
    ['unescaped text', '<p>a < b</p>', /not a tag/],
    ['a raw ampersand', '<p>Friends & Family</p>', /unescaped &/],
    ['a raw quote in an attribute', '<p><a href="https://x/?"y"">x</a></p>', /./],
    ['an unknown element', '<p><script>x</script></p>', /unknown element <script>/],
    ['a cell outside a row', '<table><td>x</td></table>', /<td> inside <table>/],
    ['a block inside a block', '<p><table></table></p>', /<table> inside <p>/],
    ['a link that is not https', '<p><a href="javascript:x">x</a></p>', /not https/],
    [
      'an attribute the summary never writes',
      '<p><a href="https://x" onclick="y">x</a></p>',
      /onclick/,
    ],
    ['text outside a block', 'hello', /not one whole block/],
  ])('finds %s', (_, html, problem) => {
    const problems = htmlProblems(html);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.join('\n')).toMatch(problem);
  });

  it('accepts escaped text and entities', () => {
    expect(
      htmlProblems('<p>&lt;a&gt; &amp; &quot;b&quot; &#39;</p>\n\n<ul><li>x</li></ul>\n'),
    ).toEqual([]);
  });
});
