// The bundled language server (dist/server.js), started by the VS Code client over IPC or by any LSP editor with --stdio.
import { startServer } from './startServer';

startServer();
