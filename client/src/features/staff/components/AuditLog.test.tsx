import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { I18nProvider } from '../../../lib/i18n';
import { AuditLog } from './AuditLog';
import { json, stubFetch } from '../../../test/fetch-stub';

const fetchMock = stubFetch();
beforeEach(() => {
  fetchMock.mockImplementation(async () => json(200, []));
});

describe('AuditLog filters', () => {
  it('reset clears a date field that shows an invalid date', async () => {
    const onSearch = vi.fn();
    const qc = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    render(
      <QueryClientProvider client={qc}>
        <I18nProvider initial="en">
          <AuditLog filters={{}} onSearch={onSearch} facilities={[]} facilityName={(id) => id} />
        </I18nProvider>
      </QueryClientProvider>,
    );
    const user = userEvent.setup();
    const from = screen.getByLabelText('From (date)');
    await user.type(from, '31/02/2027');
    await user.tab();
    expect(await screen.findByText('Not a date: enter it as DD/MM/YYYY')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Reset' }));
    expect((screen.getByLabelText('From (date)') as HTMLInputElement).value).toBe('');
    expect(screen.queryByText('Not a date: enter it as DD/MM/YYYY')).toBeNull();
    expect(onSearch).toHaveBeenLastCalledWith({});
  });
});
