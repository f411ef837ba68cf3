import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { AppError } from '@moskino/shared';
import { meQueryKey } from '../features/auth';
import { I18nProvider, type Lang } from '../lib/i18n';

/** A 401 `unauthenticated`: the session is gone (expired, signed out elsewhere, the account deactivated). */
const sessionEnded = (error: unknown) =>
  error instanceof AppError && error.status === 401 && error.code === 'unauthenticated';

export function makeQueryClient() {
  // When any request finds the session gone, ask the server again who is signed in: the shell and
  // every page then see nobody (and the shell sends the user to the sign-in page).
  const recheckSession = (error: unknown, key?: readonly unknown[]) => {
    if (sessionEnded(error) && key?.[0] !== meQueryKey[0]) void client.invalidateQueries({ queryKey: meQueryKey });
  };
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError: (error, query) => recheckSession(error, query.queryKey) }),
    mutationCache: new MutationCache({ onError: (error) => recheckSession(error) }),
    defaultOptions: {
      queries: {
        // Client errors (4xx) are answers, not glitches: do not retry them.
        retry: (count, error) => count < 2 && !(error instanceof AppError && error.status >= 400 && error.status < 500),
        refetchOnWindowFocus: false,
      },
    },
  });
  return client;
}

export function AppProviders({ children, lang, client }: { children: ReactNode; lang?: Lang; client?: QueryClient }) {
  const [qc] = useState(() => client ?? makeQueryClient());
  return (
    <QueryClientProvider client={qc}>
      <I18nProvider initial={lang}>{children}</I18nProvider>
    </QueryClientProvider>
  );
}
