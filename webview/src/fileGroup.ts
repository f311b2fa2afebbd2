// A section of the list holding the files of one kind, headed by the kind's label and how many files it has.
import { fileKindInfo, type FileKind } from '../../protocol/fileKinds/index.js';
import { h, setText } from './dom.js';

export class FileGroup {
  readonly element: HTMLDivElement;
  /** Holds the group's rows; the view keeps its children in order. */
  readonly body: HTMLDivElement;
  private readonly count = h('span', { className: 'group-count' });

  constructor(kind: FileKind) {
    const headingId = `group-${kind}`;
    this.body = h('div', { className: 'group-rows' });
    this.element = h(
      'div',
      { className: 'group', testId: 'pipeline-file-group', attrs: { role: 'group', 'aria-labelledby': headingId } },
      h(
        'div',
        { className: 'group-header', attrs: { id: headingId } },
        h('span', { className: 'group-label', text: fileKindInfo(kind).label }),
        this.count,
      ),
      this.body,
    );
    this.element.dataset['kind'] = kind;
  }

  update(fileCount: number): void {
    setText(this.count, String(fileCount));
  }
}
