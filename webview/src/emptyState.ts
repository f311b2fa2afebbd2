// Shown when the workspace has no pipeline files: says so, and lists what Preflight would have picked up.
import { FILE_KIND_INFOS } from '../../protocol/fileKinds/index.js';
import { codicon, h } from './dom.js';

export function createEmptyState(): HTMLElement {
  const kinds = FILE_KIND_INFOS.map((k) =>
    h(
      'li',
      {},
      codicon(k.icon, 'hint-icon'),
      h('span', { className: 'hint-label', text: k.label }),
      h('code', { className: 'hint-pattern', text: k.example }),
    ),
  );
  return h(
    'div',
    { className: 'empty', testId: 'empty-state', attrs: { role: 'status' } },
    codicon('search', 'empty-icon'),
    h('p', { className: 'empty-title', text: 'No pipeline files found in this workspace' }),
    h('p', { className: 'empty-hint', text: 'Preflight recognises these files:' }),
    h('ul', { className: 'hint-list' }, ...kinds),
  );
}
