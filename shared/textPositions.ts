// Places in a text as the Language Server Protocol counts them: 0-based lines, UTF-16 character offsets (the same units
// as JS strings). The engine's findings, the editor's edits and the client's previews all use these.

export interface Position {
  readonly line: number;
  readonly character: number;
}

export interface Range {
  readonly start: Position;
  readonly end: Position;
}

export interface TextEdit {
  readonly range: Range;
  readonly newText: string;
}
