// Paths the compiled tests (out/test/**) use to reach the sources and the built bundles.
import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
export const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures');
export const EXAMPLES = path.join(REPO_ROOT, 'examples');
export const CLI = path.join(REPO_ROOT, 'bin', 'preflight');
export const TEST_RESULTS = path.join(REPO_ROOT, 'test-results');
