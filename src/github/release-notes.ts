// What to Test from the release: on a release or a tag push, the body of the GitHub release for the tag (from
// the event when it has it, else from the API), else the annotated tag's message; as plain text, cut to
// TestFlight's limit at a line boundary. Nothing here fails the run: what cannot be found is a warning.
import { markdownToText } from './markdown-text.js';
import { reasonOf, statusOf, type GitHubClient, type GitHubRun } from './run-context.js';

/** App Store Connect's limit for What to Test, in characters (the inputs hold `what-to-test` to it too). */
const WHAT_TO_TEST_LIMIT = 4000;

export interface ReleaseNotes {
  text: string;
  /** Where it came from, for the plan: "the GitHub release v1.2.0", "the message of tag v1.2.0". */
  source: string;
}

interface Release {
  tag_name?: unknown;
  body?: unknown;
}

/** The tag the run is for: the release's, or the pushed tag's; null for any other run. */
export function tagOfRun(run: GitHubRun): string | null {
  const release = run.payload.release as Release | undefined;
  if (run.eventName === 'release' && typeof release?.tag_name === 'string') return release.tag_name;
  return run.ref.startsWith('refs/tags/') ? run.ref.slice('refs/tags/'.length) : null;
}

/** A tag message without the signature git appends to a signed tag. */
function withoutSignature(message: string): string {
  return message.replace(/\n?-----BEGIN (PGP|SSH) SIGNATURE-----[\s\S]*$/, '');
}

/** The text cut to the limit at the last line that fits, and whether it was cut. */
export function cutToLimit(
  text: string,
  limit = WHAT_TO_TEST_LIMIT,
): { text: string; cut: boolean } {
  // Apple counts characters, not UTF-16 units: an emoji is one.
  if ([...text].length <= limit) return { text, cut: false };
  const kept: string[] = [];
  let length = 0;
  for (const line of text.split('\n')) {
    const next = length + (kept.length > 0 ? 1 : 0) + [...line].length;
    if (next > limit) break;
    kept.push(line);
    length = next;
  }
  // A first line longer than the limit: cut it at a word, with an ellipsis.
  if (kept.length === 0) {
    const head = [...text].slice(0, limit - 1).join('');
    return { text: `${head.replace(/\s+\S*$/, '')}…`, cut: true };
  }
  return { text: kept.join('\n').trimEnd(), cut: true };
}

export async function readReleaseNotes(
  client: GitHubClient,
  run: GitHubRun,
  warn: (line: string) => void,
): Promise<ReleaseNotes | null> {
  const tag = tagOfRun(run);
  if (tag === null || run.repository === null) {
    warn(
      `\`release-notes\` takes What to Test from the release of a tag, and this run (${run.eventName || 'no event'}${run.ref ? `, ${run.ref}` : ''}) is not for a tag: What to Test is left as it is.`,
    );
    return null;
  }
  const found = await findNotes(client, run, tag, run.repository);
  if (!found.notes) {
    const why = found.reasons.length > 0 ? ` (${found.reasons.join('; ')})` : '';
    warn(
      `\`release-notes\` found no text for tag ${tag}: no GitHub release body and no annotated tag message${why}; What to Test is left as it is.`,
    );
    return null;
  }
  // The release could not be read, so the tag's message stands in for it: say so, as the release may differ.
  if (found.reasons.length > 0) {
    warn(
      `\`release-notes\` could not read the GitHub release of tag ${tag} (${found.reasons.join('; ')}), so What to Test comes from ${found.notes.source}.`,
    );
  }
  const { text, cut } = cutToLimit(found.notes.text);
  if (cut) {
    warn(
      `The text from ${found.notes.source} is ${[...found.notes.text].length} characters, over TestFlight's limit of ${WHAT_TO_TEST_LIMIT}: What to Test takes its first ${[...text].length} characters, up to a line's end.`,
    );
  }
  return { text, source: found.notes.source };
}

async function findNotes(
  client: GitHubClient,
  run: GitHubRun,
  tag: string,
  repository: { owner: string; repo: string },
): Promise<{ notes: ReleaseNotes | null; reasons: string[] }> {
  const reasons: string[] = [];
  const fromEvent = run.payload.release as Release | undefined;
  let body: string | null = null;
  if (run.eventName === 'release' && fromEvent?.tag_name === tag) {
    body = typeof fromEvent.body === 'string' ? fromEvent.body : null;
  } else {
    try {
      const { data } = await client.request('GET /repos/{owner}/{repo}/releases/tags/{tag}', {
        ...repository,
        tag,
      });
      body = data.body ?? null;
    } catch (error) {
      if (statusOf(error) !== 404) reasons.push(`the release: ${reasonOf(error)}`);
    }
  }
  const releaseText = markdownToText(body ?? '');
  if (releaseText !== '')
    return { notes: { text: releaseText, source: `the GitHub release ${tag}` }, reasons };
  try {
    const { data: ref } = await client.request('GET /repos/{owner}/{repo}/git/ref/{ref}', {
      ...repository,
      ref: `tags/${tag}`,
    });
    // A lightweight tag points at the commit itself and has no message.
    if (ref.object.type === 'tag') {
      const { data: tagObject } = await client.request(
        'GET /repos/{owner}/{repo}/git/tags/{tag_sha}',
        {
          ...repository,
          tag_sha: ref.object.sha,
        },
      );
      const message = markdownToText(withoutSignature(tagObject.message));
      if (message !== '')
        return { notes: { text: message, source: `the message of tag ${tag}` }, reasons };
    }
  } catch (error) {
    if (statusOf(error) !== 404) reasons.push(`the tag: ${reasonOf(error)}`);
  }
  return { notes: null, reasons };
}
