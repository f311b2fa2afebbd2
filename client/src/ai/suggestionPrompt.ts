// The prompt and reply parsing live in the engine (shared with the CLI); re-exported here so the client bundle takes
// only these two pure functions.
export { buildFasterJobPrompt, buildPrompt, extractProposedText } from '../../../server/src/engine/fixes/suggestionPrompt';
export { minimalEdits } from '../../../server/src/engine/fixes/minimalEdits';
