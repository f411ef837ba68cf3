import { describe, expect, it } from 'vitest';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { I18nProvider } from '../../../lib/i18n';
import { BookingDrawer } from './BookingDrawer';
import { json, stubFetch } from '../../../test/fetch-stub';

const id = 'aaaaaaaaaaaaaaaaaaaaaaaa';
const booking = (over: Record<string, unknown> = {}) => ({
  id,
  facilityId: 'f1',
  organisationId: 'o1',
  title: 'Project X',
  notes: '',
  kind: 'firm',
  status: 'pending',
  holdRank: null,
  phases: [{ type: 'shoot', start: '2026-12-07T08:00:00+03:00', end: '2026-12-07T20:00:00+03:00' }],
  createdAt: '2026-11-27T10:00:00+03:00',
  updatedAt: '2026-11-27T10:00:00+03:00',
  version: 2,
  ...over,
});
const by = { userId: 'u', organisationId: 'o1', role: 'crew' };

const fetchMock = stubFetch('csrf');

function renderDrawer(role: 'crew' | 'staff') {
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  return render(
    <QueryClientProvider client={qc}>
      <I18nProvider initial="en">
        <BookingDrawer bookingId={id} role={role} facilityName={() => 'Stage 1'} onClose={() => {}} />
      </I18nProvider>
    </QueryClientProvider>,
  );
}

describe('BookingDrawer', () => {
  it('shows a hold with its rank, in Moscow times, and offers no confirm to crew', async () => {
    fetchMock.mockImplementation(async () => json(200, booking({ kind: 'hold', status: 'held', holdRank: 2 })));
    renderDrawer('crew');
    expect((await screen.findByTestId('booking-status')).textContent).toBe('2nd hold');
    expect(screen.getByTestId('booking-phases').textContent).toMatch(/08:00.*20:00/);
    expect(screen.queryByRole('button', { name: 'Confirm' })).toBeNull();
    // A 2nd hold cannot be made firm; it can be cancelled.
    expect(screen.queryByRole('button', { name: 'Make firm' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Cancel' })).toBeTruthy();
    expect(fetchMock.mock.calls.some(([u]) => String(u).endsWith('/history'))).toBe(false);
  });

  it('staff reject with a required reason (a decision, recorded and sent to the requester) and see the history', async () => {
    const user = userEvent.setup();
    const calls: string[] = [];
    fetchMock.mockImplementation(async (url: string, init: RequestInit) => {
      calls.push(`${init.method} ${url}`);
      if (url.endsWith('/history'))
        return json(200, [
          {
            version: 1,
            action: 'create',
            at: '2026-11-27T10:00:00+03:00',
            by,
            before: null,
            after: booking({ kind: 'hold', status: 'held', holdRank: 1, version: 1 }),
          },
          {
            version: 2,
            action: 'firm',
            at: '2026-11-27T11:00:00+03:00',
            by,
            before: booking({ kind: 'hold', status: 'held', holdRank: 1, version: 1 }),
            after: booking(),
          },
        ]);
      if (url === '/api/staff/approvals/decide')
        return json(200, {
          results: [{ bookingId: id, ok: true, booking: booking({ status: 'rejected', version: 3 }) }],
        });
      return json(200, booking());
    });
    renderDrawer('staff');
    const history = await screen.findByTestId('booking-history');
    await waitFor(() => expect(history.textContent).toContain('Made firm; status: 1st hold → Pending confirmation'));
    await user.click(screen.getByRole('button', { name: 'Reject' }));
    await user.click(screen.getByRole('button', { name: 'Reject with this reason' }));
    expect(screen.getByText('Give a reason')).toBeTruthy();
    await user.type(screen.getByLabelText('Reason for rejection'), 'clashes with the festival');
    await user.click(screen.getByRole('button', { name: 'Reject with this reason' }));
    await screen.findByText('Done: Rejected');
    const decide = fetchMock.mock.calls.find(([u]) => u === '/api/staff/approvals/decide')!;
    expect(JSON.parse(decide[1].body)).toEqual({
      decisions: [{ bookingId: id, decision: 'reject', reason: 'clashes with the festival' }],
    });
    expect(calls.filter((c) => c.startsWith('PATCH'))).toEqual([]);
  });

  it('shows why a hold cannot be made firm, with the conflicting intervals', async () => {
    const user = userEvent.setup();
    fetchMock.mockImplementation(async (url: string) =>
      url.endsWith('/firm')
        ? json(409, {
            error: {
              code: 'booking_conflict',
              message: 'Only the first hold over all of its time can be made firm',
              details: {
                conflicts: [
                  {
                    facilityId: 'f1',
                    start: '2026-12-07T08:00:00+03:00',
                    end: '2026-12-07T20:00:00+03:00',
                    status: 'held',
                    holdRank: 1,
                  },
                ],
                suggestions: [],
              },
            },
          })
        : json(200, booking({ kind: 'hold', status: 'held', holdRank: 1 })),
    );
    renderDrawer('crew');
    await user.click(await screen.findByRole('button', { name: 'Make firm' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Only the first hold over all of its time can be made firm');
    expect(alert.textContent).toContain('1st hold');
  });
});
