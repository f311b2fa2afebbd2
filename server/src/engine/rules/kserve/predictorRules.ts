// An InferenceService must say what it serves: a predictor with a model (format and storage), a framework server, or
// custom containers. The KServe webhook rejects a service without a predictor; a model without a format matches no
// serving runtime, so the service never becomes ready.
import { FRAMEWORK_KEYS, inferenceServices } from '../../kserve/inferenceServices';
import { trainedModelTargets } from '../../kserve/trainedModels';
import type { RuleFinding } from '../../findings';
import { asMap, getEntry, isSeq, nodeRange, scalarText, type YAMLMap } from '../../yaml/nodes';
import type { Rule } from '../rule';

export const kserveMissingPredictor: Rule = {
  id: 'kserve-missing-predictor',
  kinds: ['kserve-inference-service'],
  defaultSeverity: 'error',
  docs: {
    title: 'InferenceService has no predictor',
    description:
      '`spec.predictor` is required: it is the component that loads the model and answers requests. ' +
      'Kubernetes rejects an InferenceService without it.',
  },
  check(ctx) {
    const findings: RuleFinding[] = [];
    for (const isvc of inferenceServices(ctx.parsed)) {
      if (!isvc.spec) {
        findings.push({
          message: 'This InferenceService has no spec; it needs spec.predictor.',
          range: nodeRange(ctx.parsed.lines, isvc.specEntry?.keyNode ?? isvc.kindEntry.keyNode),
        });
      } else if (!getEntry(isvc.spec, 'predictor')) {
        findings.push({
          message: 'This InferenceService has no spec.predictor.',
          range: nodeRange(ctx.parsed.lines, isvc.specEntry?.keyNode),
        });
      }
    }
    return findings;
  },
};

/** Where a model server finds the model: a storage URI, a storage spec, or its own arguments (e.g. `--model_id`). */
function hasStorage(component: YAMLMap): boolean {
  return ['storageUri', 'storage', 'args', 'command'].some((k) => getEntry(component, k) !== undefined);
}

export const kserveModelSpec: Rule = {
  id: 'kserve-model-spec',
  kinds: ['kserve-inference-service'],
  defaultSeverity: 'error',
  docs: {
    title: 'Predictor does not say which model to serve',
    description:
      'A predictor needs `model` (with `modelFormat.name`, which selects the serving runtime, and a ' +
      '`storageUri`), a framework such as `sklearn` or `onnx` (with a `storageUri`), or its own `containers`. Without a ' +
      'model format no runtime matches and the service never becomes ready (error); without a storage URI the server has ' +
      'nothing to load unless its arguments say otherwise (warning). Multi-model serving, where `TrainedModel` resources ' +
      '(in the same file or folder) load models into the service, needs no storage URI.',
  },
  check(ctx) {
    const findings: RuleFinding[] = [];
    const lines = ctx.parsed.lines;
    const services = inferenceServices(ctx.parsed);
    // Read only when some predictor lacks storage: it may read the sibling manifests.
    let multiModel: ReadonlySet<string> | undefined;
    const loadsTrainedModels = (name: string | undefined): boolean => {
      multiModel ??= trainedModelTargets(ctx.parsed, ctx.path);
      return name !== undefined && multiModel.has(name);
    };
    for (const isvc of services) {
      const entry = isvc.spec ? getEntry(isvc.spec, 'predictor') : undefined;
      const predictor = asMap(entry?.value);
      if (!entry || !predictor) continue;
      const modelEntry = getEntry(predictor, 'model');
      const model = asMap(modelEntry?.value);
      const framework = FRAMEWORK_KEYS.map((k) => getEntry(predictor, k)).find((e) => e !== undefined);
      const containers = getEntry(predictor, 'containers')?.value;
      if (!modelEntry && !framework && !(isSeq(containers) && containers.items.length > 0)) {
        findings.push({
          message:
            'The predictor names no model: add `model` (modelFormat and storageUri), a framework such as `sklearn`, or `containers`.',
          range: nodeRange(lines, entry.keyNode),
        });
        continue;
      }
      if (modelEntry && model) {
        const format = asMap(getEntry(model, 'modelFormat')?.value);
        if (!format || scalarText(getEntry(format, 'name')?.value) === undefined) {
          findings.push({
            message:
              'predictor.model has no modelFormat.name (e.g. sklearn, onnx, pytorch), so no serving runtime can be chosen.',
            range: nodeRange(lines, modelEntry.keyNode),
          });
        }
        if (!hasStorage(model) && !loadsTrainedModels(isvc.name)) {
          findings.push({
            message: 'predictor.model has no storageUri: the model server has nothing to load.',
            severity: 'warning',
            range: nodeRange(lines, modelEntry.keyNode),
          });
        }
      }
      const frameworkSpec = asMap(framework?.value);
      if (framework && frameworkSpec && !hasStorage(frameworkSpec) && !loadsTrainedModels(isvc.name)) {
        findings.push({
          message: `predictor.${framework.key ?? ''} has no storageUri: the model server has nothing to load.`,
          severity: 'warning',
          range: nodeRange(lines, framework.keyNode),
        });
      }
    }
    return findings;
  },
};
