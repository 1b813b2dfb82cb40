// The page the widget tests load: the whole `.` entry, as `window.ui`.
import * as ui from '../src/index';

(globalThis as unknown as { ui: typeof ui }).ui = ui;
