// The syntax tree of one expression. Every node carries offsets into the expression text (end exclusive), so a checker
// can point at the exact name that is wrong instead of the whole `${{ }}`.

interface Span {
  readonly start: number;
  readonly end: number;
}

export interface LiteralNode extends Span {
  readonly kind: 'literal';
  readonly value: string | number | boolean | null;
}

/** A bare name at the top: a context (`github`, `matrix`, ...) or something GitHub does not know. */
export interface NameNode extends Span {
  readonly kind: 'name';
  readonly name: string;
}

/** What follows the object in `a.b`, `a['b']`, `a.*` or `a[*]`. */
export type AccessKey =
  | (Span & { readonly kind: 'property'; readonly name: string })
  | (Span & { readonly kind: 'star' })
  | { readonly kind: 'index'; readonly index: Expr };

export interface AccessNode extends Span {
  readonly kind: 'access';
  readonly object: Expr;
  readonly key: AccessKey;
}

export interface CallNode extends Span {
  readonly kind: 'call';
  readonly name: string;
  readonly nameStart: number;
  readonly nameEnd: number;
  readonly args: readonly Expr[];
}

export interface NotNode extends Span {
  readonly kind: 'not';
  readonly operand: Expr;
}

export type ComparisonOperator = '==' | '!=' | '<' | '<=' | '>' | '>=';

export interface CompareNode extends Span {
  readonly kind: 'compare';
  readonly operator: ComparisonOperator;
  readonly left: Expr;
  readonly right: Expr;
}

/** `a && b && c` is one node with three operands, as in GitHub's parser. */
export interface LogicalNode extends Span {
  readonly kind: 'logical';
  readonly operator: '&&' | '||';
  readonly operands: readonly Expr[];
}

export interface GroupNode extends Span {
  readonly kind: 'group';
  readonly inner: Expr;
}

export type Expr = LiteralNode | NameNode | AccessNode | CallNode | NotNode | CompareNode | LogicalNode | GroupNode;

/** Direct children, for walks that do not care about the node kind. */
export function childrenOf(node: Expr): readonly Expr[] {
  switch (node.kind) {
    case 'literal':
    case 'name':
      return [];
    case 'access':
      return node.key.kind === 'index' ? [node.object, node.key.index] : [node.object];
    case 'call':
      return node.args;
    case 'not':
      return [node.operand];
    case 'compare':
      return [node.left, node.right];
    case 'logical':
      return node.operands;
    case 'group':
      return [node.inner];
  }
}
