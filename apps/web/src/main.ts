import './styles.css';
import { type PageEntry, showUncaughtErrors, startRouter } from '@rectify/ui';

/** The app's pages by name (`#/<name>`), each loaded as its own chunk. */
const PAGES: Record<string, PageEntry> = {
  explorer: {
    title: 'Explorer',
    load: async () => (await import('./explorer/page')).mountExplorer,
  },
  filter: {
    title: 'Filter → ReLU → pool',
    load: async () => (await import('./filter/page')).mountFilter,
  },
  lab: { title: 'Lab', load: async () => (await import('./lab/page')).mountLab },
  report: { title: 'Report viewer', load: async () => (await import('./report/page')).mountReport },
  model: { title: 'Open a model', load: async () => (await import('./model/page')).mountModel },
};

showUncaughtErrors(document.getElementById('fatal')!);
startRouter({ outlet: document.getElementById('app')!, pages: PAGES, defaultPage: 'explorer' });
