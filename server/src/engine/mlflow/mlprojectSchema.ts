// MLproject as a Schema, after MLflow's loader (`mlflow/projects/_project_spec.py`): unknown keys are ignored by MLflow
// (so they are warnings), at most one environment may be given, and a docker environment needs an image. Parameter
// specs are `any` here: `mlflow-parameter-spec` checks them, including the `{type float}` slip the schema would only
// call an unknown key.
import { any, map, mapOf, oneOf, required, seq, str, type MappingSchema } from '../schema/schema';

const entryPoint = map(
  {
    parameters: mapOf(any(), {
      title: 'parameters',
      nullable: true,
      description:
        'Parameters by name: `{type: float|string|path|uri, default: …}`, or just the type. Without a default the parameter must be given on `mlflow run`.',
    }),
    command: required(
      str(
        "Command to run; `{name}` is replaced by the parameter's value (Python `str.format`, so write `{{`/`}}` for literal braces).",
      ),
    ),
  },
  { title: 'entry point', ignoresUnknownKeys: true },
);

export const MLPROJECT_SCHEMA: MappingSchema = map(
  {
    name: str('Project name.'),
    python_env: str('Path to a python_env.yaml (Python version and pip requirements), relative to the MLproject.'),
    conda_env: str('Path to a conda environment file, relative to the MLproject.'),
    docker_env: map(
      {
        image: required(str('Docker image to run the project in.')),
        volumes: seq(str(), 'Volumes to mount, `host:container`.'),
        environment: seq(
          oneOf([str(), seq(str())]),
          'Variables to copy from the host (`NAME`) or to set (`[NAME, value]`).',
        ),
      },
      { title: 'docker_env', ignoresUnknownKeys: true },
    ),
    entry_points: mapOf(entryPoint, {
      title: 'entry_points',
      description: 'Commands the project can run, by name (`main` by default).',
    }),
    databricks_spark_job: any('Databricks Spark job settings.'),
  },
  {
    title: 'the MLproject',
    ignoresUnknownKeys: true,
    exclusive: [['python_env', 'conda_env', 'docker_env']],
  },
);
