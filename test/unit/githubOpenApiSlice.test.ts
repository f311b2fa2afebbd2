// The committed slice of GitHub's OpenAPI description: where it came from, that it holds every operation the stand-in
// serves, and that validation against it really rejects replies that break GitHub's schema.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { ActionsClient } from '../../server/src/engine/github/api/actionsClient';
import { ActionsStandIn } from '../support/github/actionsStandIn';
import { startDemoScenario, DEMO_OWNER, DEMO_REPO, type DemoScenario } from '../support/github/demoScenario';
import { loadSlice, OpenApiValidator } from '../support/github/openApiValidator';

const FULL_SPEC = '/tmp/openapi/node_modules/@octokit/openapi/generated/api.github.com.json';

describe('Actions OpenAPI slice', () => {
  const slice = loadSlice();

  it('names its source: @octokit/openapi 23.0.2 with the sha256 of the file it was cut from', () => {
    assert.equal(slice.provenance.package, '@octokit/openapi');
    assert.equal(slice.provenance.version, '23.0.2');
    assert.match(slice.provenance.sha256, /^[0-9a-f]{64}$/);
    const ids = Object.values(slice.paths).flatMap((ops) => Object.values(ops).map((op) => op['operationId']));
    assert.deepEqual([...ids].sort(), [...slice.provenance.operations].sort());
  });

  it('matches the installed description byte for byte when it is present', (t) => {
    if (!fs.existsSync(FULL_SPEC)) {
      t.skip(`${FULL_SPEC} not installed`);
      return;
    }
    assert.equal(createHash('sha256').update(fs.readFileSync(FULL_SPEC)).digest('hex'), slice.provenance.sha256);
  });

  it('rejects replies that break the schema (a job without created_at, a run with a bad status)', () => {
    const validator = new OpenApiValidator(slice);
    const job = structuredClone(slice.components['examples']?.['job']?.['value']) as Record<string, unknown>;
    // GitHub's own example lacks created_at, which its schema requires (GITHUB-API.md).
    assert.ok(validator.check('GET', '/repos/o/r/actions/jobs/1', 200, job).some((p) => p.includes("'created_at'")));
    assert.deepEqual(
      validator.check('GET', '/repos/o/r/actions/jobs/1', 200, { ...job, created_at: '2020-01-20T17:42:40Z' }),
      [],
    );
    assert.notDeepEqual(
      validator.check('GET', '/repos/o/r/actions/jobs/1', 200, {
        ...job,
        created_at: '2020-01-20T17:42:40Z',
        status: 'running',
      }),
      [],
    );
    assert.deepEqual(
      validator.check('POST', '/repos/o/r/actions/runs/1/cancel', 409, { message: 'Cannot cancel' }),
      [],
    );
    assert.notDeepEqual(validator.check('POST', '/repos/o/r/actions/runs/1/cancel', 202, null), []);
    assert.notDeepEqual(validator.check('DELETE', '/repos/o/r', 204, undefined), []);
  });
});

describe('the stand-in serves only operations of the slice, with valid replies', () => {
  let standIn: ActionsStandIn;
  let demo: DemoScenario;
  let client: ActionsClient;
  const ref = { owner: DEMO_OWNER, repo: DEMO_REPO };

  before(async () => {
    standIn = new ActionsStandIn();
    demo = startDemoScenario(standIn);
    client = new ActionsClient({ token: 't', baseUrl: await standIn.listen(), retryDelayMs: 1 });
  });

  after(async () => {
    await standIn.close(); // throws when any reply broke the schema
  });

  it('every route it answered is one of the slice operations', async () => {
    const workflows = await client.listWorkflows(ref);
    await client.getWorkflow(ref, workflows.items[0]?.id ?? 0);
    await client.getRepo(ref);
    const runs = await client.listRuns({ ...ref, branch: 'main', status: 'completed' });
    await client.getRun(ref, demo.failedRunId);
    const jobs = await client.listJobs(ref, demo.failedRunId, 'all');
    await client.getJob(ref, jobs.items[0]?.id ?? 0);
    await client.jobLog(ref, jobs.items[0]?.id ?? 0);
    await client.cancelRun(ref, demo.liveRunId);
    await client.rerunRun(ref, demo.liveRunId);
    await assert.rejects(client.cancelRun(ref, demo.greenRunId));
    await client.rerunFailedJobs(ref, demo.failedRunId);
    await client.rerunJob(ref, jobs.items[0]?.id ?? 0).catch(() => undefined); // run is queued again: refused, still a valid reply
    const rate = await fetch(`${standIn.url}/rate_limit`);
    assert.equal(rate.status, 200);
    assert.ok(runs.items.length >= 2);
    const validator = new OpenApiValidator();
    const served = new Set<string>();
    for (const request of standIn.requests) {
      if (request.path.startsWith('/_blobs/')) continue;
      const id = validator.operationFor(request.method, request.path);
      assert.ok(id !== undefined, `${request.method} ${request.path} is not in the slice`);
      served.add(id);
    }
    assert.deepEqual([...served].sort(), [...loadSlice().provenance.operations].sort());
  });
});
