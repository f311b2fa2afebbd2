// MLmodel as a Schema. MLflow keeps unknown top-level keys as model attributes (and adds new ones every release), so
// only the known keys are typed and nothing else is reported. Signature contents are JSON strings, checked by
// `mlflow-signature`.
import { any, map, mapOf, num, oneOf, str, type MappingSchema, type Schema } from '../schema/schema';

const NULL: Schema = { type: 'null' };
const jsonString = (description: string): Schema => oneOf([str(description), NULL]);

export const MLMODEL_SCHEMA: MappingSchema = {
  ...map(
    {
      artifact_path: str("Path of the model within the run's artifacts."),
      flavors: mapOf(oneOf([mapOf(any(), { title: 'flavor' }), NULL]), {
        title: 'flavors',
        description: 'How each library loads the model (`python_function`, `onnx`, `sklearn`, …).',
      }),
      signature: map(
        {
          inputs: jsonString(
            'Input schema as JSON: columns (`{"type": "double", "name": …}`) or tensors (`{"type": "tensor", "tensor-spec": {…}}`).',
          ),
          outputs: jsonString('Output schema as JSON.'),
          params: jsonString('Inference parameters schema as JSON.'),
        },
        { title: 'signature', nullable: true, ignoresUnknownKeys: true },
      ),
      mlflow_version: str('MLflow version that saved the model.'),
      model_size_bytes: num('Size of the model files.'),
      model_uuid: str(),
      run_id: str('Run that logged the model.'),
      utc_time_created: str(),
      metadata: any('Free-form metadata.'),
    },
    { title: 'the MLmodel' },
  ),
  additional: any(),
};
