// The folder of the checked MLproject or MLmodel when it is saved inside a checkout: found once per check, with the
// check's shared stats, for every MLflow rule that looks at the files next to it.
import { checkedOutDir } from '../../mlflow/savedFile';
import { statInCheck } from '../checkFiles';
import { memoKey } from '../checkMemo';
import type { RuleContext } from '../rule';

const CHECKOUT_DIR = memoKey<string | undefined>('folder of the checked file inside a checkout');

export function checkedOutDirOf(ctx: RuleContext): string | undefined {
  return ctx.memo.get(CHECKOUT_DIR, () => checkedOutDir(ctx.path, (p) => statInCheck(ctx, p)));
}
