// Entry of the explorer UI: applies the theme, picks the transport, and renders the app.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { ApiProvider } from './lib/api';
import { createApiClient } from './lib/createApiClient';
import { applyTheme } from './lib/theme';
import './styles.css';

applyTheme();

const { client, transport } = createApiClient();
document.documentElement.dataset.transport = transport;

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // The data changes only when a refresh finishes, and that event invalidates every query.
      staleTime: 5 * 60_000,
      gcTime: 10 * 60_000,
      refetchOnWindowFocus: false,
      retry: 1,
    },
  },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ApiProvider client={client} transport={transport}>
      <QueryClientProvider client={queryClient}>
        <App />
      </QueryClientProvider>
    </ApiProvider>
  </StrictMode>,
);
