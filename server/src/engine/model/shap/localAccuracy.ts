// Local accuracy against onnxruntime: for every explained row, the SHAP values must add up (base + sum) to what
// onnxruntime computes for that row, in the explained space and, through the link, in the model's own output. The
// reference is always onnxruntime, never our own reading of the model, so a misread tree cannot vouch for itself.

/** Largest accepted |ours - onnxruntime|, relative to the value once it exceeds 1 (onnxruntime sums in float32). */
export const LOCAL_ACCURACY_TOLERANCE = 1e-4;

export interface LocalAccuracyFailure {
  /** 0-based index of the explained row. */
  readonly row: number;
  /** The explained output (class label) that disagrees; undefined for a model with one output. */
  readonly output?: string;
  /** How the SHAP values made the compared value, e.g. "base + sum of SHAP values" or "logistic(base + sum of SHAP values)". */
  readonly fromShap: string;
  /** onnxruntime's value compared, e.g. "margin" or "probabilities[:, 2]". */
  readonly runtimeValue: string;
  readonly ours: number;
  readonly onnxruntime: number;
  readonly difference: number;
  /** The largest difference accepted for this value. */
  readonly allowed: number;
}

export interface LocalAccuracy {
  /** Largest |ours - onnxruntime| over every comparison. */
  readonly maxError: number;
  readonly tolerance: string;
  readonly ok: boolean;
  /** Rows with at least one failed comparison. */
  readonly failedRows: number;
  /** The worst failed comparison (largest difference relative to its allowance). */
  readonly worst?: LocalAccuracyFailure;
}

export class LocalAccuracyCheck {
  private maxError = 0;
  private worstExcess = 0;
  private worst: LocalAccuracyFailure | undefined;
  private readonly failed = new Set<number>();

  /** Compares one value; NaN on either side fails. */
  compare(
    row: number,
    output: string | undefined,
    sides: { readonly fromShap: string; readonly runtimeValue: string },
    ours: number,
    onnxruntime: number,
  ): void {
    const difference = Math.abs(ours - onnxruntime);
    const allowed = LOCAL_ACCURACY_TOLERANCE * Math.max(1, Math.abs(onnxruntime));
    if (difference <= allowed) {
      this.maxError = Math.max(this.maxError, difference);
      return;
    }
    this.maxError = Number.isNaN(difference) ? Number.NaN : Math.max(this.maxError, difference);
    this.failed.add(row);
    const excess = Number.isNaN(difference) ? Number.POSITIVE_INFINITY : difference / allowed;
    if (this.worst === undefined || excess > this.worstExcess) {
      this.worstExcess = excess;
      this.worst = {
        row,
        ...(output === undefined ? {} : { output }),
        ...sides,
        ours,
        onnxruntime,
        difference,
        allowed,
      };
    }
  }

  result(): LocalAccuracy {
    return {
      maxError: this.maxError,
      tolerance: `|base + sum(shap) - onnxruntime| <= ${LOCAL_ACCURACY_TOLERANCE} x max(1, |onnxruntime|)`,
      ok: this.failed.size === 0,
      failedRows: this.failed.size,
      ...(this.worst ? { worst: this.worst } : {}),
    };
  }
}

const shown = (v: number): string => (Number.isFinite(v) ? String(Number(v.toPrecision(8))) : String(v));

/** One line for the user: which row, the two values and their difference. `rowName` turns a 0-based explained row into
 * words, e.g. "row 7 of rows.csv". */
export function localAccuracyMessage(
  accuracy: LocalAccuracy,
  rowCount: number,
  rowName: (row: number) => string,
): string {
  const w = accuracy.worst;
  if (!w) return "the SHAP values add up to onnxruntime's output on every row";
  const where = `${rowName(w.row)}${w.output === undefined ? '' : ` (class '${w.output}')`}`;
  const rows = accuracy.failedRows > 1 ? ` on ${accuracy.failedRows} of ${rowCount} rows; worst is` : ' on';
  return `the SHAP values do not add up to onnxruntime's output${rows} ${where}: ${w.fromShap} = ${shown(w.ours)}, onnxruntime's ${w.runtimeValue} = ${shown(w.onnxruntime)} (difference ${shown(w.difference)}, more than the ${shown(w.allowed)} allowed)`;
}
