// dvc.yaml as a Schema, after DVC's own `dvc/schema.py` (MULTI_STAGE_SCHEMA): DVC validates the file before it
// interpolates `${}`, so a templated value must still have the right shape (`frozen: ${x}` is rejected). `cmd` is not
// marked required here: `dvc-missing-cmd` reports it with the foreach/matrix/frozen nuances.
import { any, bool, map, mapOf, oneOf, seq, str, type MappingSchema, type Schema } from '../schema/schema';

const NULL: Schema = { type: 'null' };

const annotation = {
  desc: str('Description, shown by `dvc ls` and Studio.'),
  type: str('User-assigned type (e.g. `model`).'),
  labels: seq(str(), 'User-assigned labels.'),
  meta: any('Custom metadata; DVC ignores it.'),
};

const outFlagProperties = {
  ...annotation,
  cache: bool('Store the output in the DVC cache (default true). `false` leaves it to git.'),
  persist: bool('Keep the output between runs instead of deleting it before `cmd` (default false).'),
  checkpoint: bool('Deprecated: in-code checkpoints.'),
  remote: str('Name of the remote to push this output to.'),
  push: bool('Push the output with `dvc push` (default true).'),
};

// An empty value (`- model.pkl:`) is accepted: only its shape matters to us, and flags are optional.
const outFlags = map(outFlagProperties, { title: 'output flags', nullable: true });

const plotFlags = map(
  {
    ...outFlagProperties,
    template: str('Plot template: linear, simple, scatter, smooth, confusion, bar_horizontal, … or a file.'),
    x: str('Field for the x axis.'),
    y: str('Field for the y axis.'),
    x_label: str('Label of the x axis.'),
    y_label: str('Label of the y axis.'),
    title: str('Plot title.'),
    header: bool('Whether a CSV/TSV file has a header row.'),
  },
  { title: 'plot flags', nullable: true },
);

const output = (description: string, flags: Schema): Schema =>
  oneOf([str(), mapOf(flags, { title: 'output' })], description);

const vars: Schema = seq(
  oneOf([str(), mapOf(any(), { title: 'vars entry' })]),
  'Values for `${}`: params files (`file.yaml` or `file.yaml:key1,key2`) or inline mappings. `params.yaml` is always loaded first.',
);

const STAGE_PROPERTIES = {
  cmd: oneOf([str(), seq(str())], 'Command(s) to run; a list runs one after another.'),
  wdir: str('Working directory for `cmd`, deps, outs and params files, relative to dvc.yaml.'),
  deps: seq(str(), 'Files or directories the stage reads; a change reruns it.'),
  params: seq(
    oneOf([str(), mapOf(oneOf([seq(str()), NULL]), { title: 'params file' })]),
    'Parameter keys from `params.yaml` (dot-separated), or `other.yaml: [keys]` (empty for all keys of that file).',
  ),
  outs: seq(
    output('A file or directory the stage writes.', outFlags),
    'Files or directories the stage writes; DVC caches them.',
  ),
  metrics: seq(output('A JSON/YAML/TOML metrics file the stage writes.', outFlags), 'Metrics files the stage writes.'),
  plots: seq(
    output('A plots file (JSON/YAML/CSV/TSV or image) the stage writes.', plotFlags),
    'Plots files the stage writes.',
  ),
  frozen: bool('Assume the stage is unchanged: `dvc repro` does not run it.'),
  always_changed: bool('Always rerun the stage.'),
  vars,
  desc: str('Description of the stage.'),
  meta: any('Custom metadata; DVC ignores it.'),
};

const stageBody = map(STAGE_PROPERTIES, { title: 'stage' });

const foreachOnly = Object.keys(STAGE_PROPERTIES).map((k) => ['foreach', k]);

const stage: MappingSchema = map(
  {
    ...STAGE_PROPERTIES,
    matrix: mapOf(oneOf([str(), seq(any())]), {
      title: 'matrix',
      description: 'Generate one stage per combination of these lists (`${item.<name>}`).',
    }),
    foreach: oneOf(
      [str(), seq(any()), mapOf(any(), { title: 'foreach' })],
      'Generate one stage per element (`${item}`, and `${key}` for a mapping).',
    ),
    do: { ...stageBody, description: 'The stage generated for each `foreach` element.' },
  },
  { title: 'stage', exclusive: [...foreachOnly, ['foreach', 'matrix'], ['do', 'matrix']] },
);

const topLevelPlot: Schema = map(
  {
    x: oneOf([str(), mapOf(str(), { title: 'x' })], 'A field, or a mapping of file to field.'),
    y: oneOf(
      [str(), seq(str()), mapOf(oneOf([str(), seq(str())]), { title: 'y' })],
      'Field(s), or a mapping of file to field(s).',
    ),
    x_label: str(),
    y_label: str(),
    title: str(),
    template: str(),
  },
  { title: 'plot', nullable: true },
);

const artifact: Schema = map(
  {
    path: { schema: str('Path to the artifact, relative to the repository or a URL.'), required: true },
    ...annotation,
  },
  { title: 'artifact' },
);

export const DVC_PIPELINE_SCHEMA: MappingSchema = map(
  {
    vars,
    stages: mapOf(stage, { title: 'stages', description: 'The stages of the pipeline, by name.' }),
    params: seq(str(), 'Parameter files to show in `dvc params diff` and `dvc exp show`.'),
    metrics: seq(str(), 'Metrics files not produced by a stage.'),
    plots: oneOf(
      [seq(oneOf([str(), mapOf(topLevelPlot, { title: 'plots entry' })])), mapOf(topLevelPlot, { title: 'plots' })],
      'Plot definitions.',
    ),
    artifacts: mapOf(artifact, { title: 'artifacts', description: 'Artifacts for the model registry, by name.' }),
    datasets: seq(mapOf(any(), { title: 'dataset' }), 'Datasets, used as deps with `ds://<name>`.'),
  },
  { title: 'dvc.yaml' },
);
