// The rules about `uses:` (actions, their metadata, local actions and reusable workflows), one file each under uses/.
export { actionInputs } from './uses/actionInputs';
export { actionNotPinned } from './uses/actionNotPinned';
export { actionRetired } from './uses/actionRetired';
export { actionRuntimeRetired } from './uses/actionRuntimeRetired';
export { localActionInvalid } from './uses/localActionMetadata';
export { localReferenceMissing } from './uses/localReferenceMissing';
export { usesFormat } from './uses/usesFormat';
