import '@xyflow/react/dist/style.css';
import './styles/theme.css';
import './styles/shell.css';
import './styles/start.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { getApiConnection } from './api/client';
import { ApiProvider } from './api/react';
import { App } from './app/App';
import { ConnectionProblem } from './shell/ConnectionProblem';
// sets <html data-theme> before the first paint (the user's theme, or the OS's)
import './workspace/theme-store';

const root = createRoot(document.getElementById('root') as HTMLElement);
const connection = getApiConnection();
root.render(
  <StrictMode>
    {connection.ok ? (
      <ApiProvider connection={connection.connection}>
        <App />
      </ApiProvider>
    ) : (
      <ConnectionProblem reason={connection.reason} />
    )}
  </StrictMode>,
);
