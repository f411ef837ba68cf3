import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { AppError } from '@moskino/shared';
import { I18nProvider, type Lang } from '../lib/i18n';

export function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Client errors (4xx) are answers, not glitches: do not retry them.
        retry: (count, error) => count < 2 && !(error instanceof AppError && error.status >= 400 && error.status < 500),
        refetchOnWindowFocus: false,
      },
    },
  });
}

export function AppProviders({ children, lang, client }: { children: ReactNode; lang?: Lang; client?: QueryClient }) {
  const [qc] = useState(() => client ?? makeQueryClient());
  return (
    <QueryClientProvider client={qc}>
      <I18nProvider initial={lang}>{children}</I18nProvider>
    </QueryClientProvider>
  );
}
