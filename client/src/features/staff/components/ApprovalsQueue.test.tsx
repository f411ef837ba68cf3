import { describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ApprovalItem } from '@moskino/shared';
import { I18nProvider } from '../../../lib/i18n';
import { ApprovalsQueue } from './ApprovalsQueue';
import { json, stubFetch } from '../../../test/fetch-stub';

function item(id: string, title: string, requestedAt: string, extra: Partial<ApprovalItem> = {}): ApprovalItem {
  return {
    booking: {
      id,
      facilityId: 'f1',
      organisationId: 'o1',
      title,
      notes: '',
      kind: 'firm',
      status: 'pending',
      holdRank: null,
      phases: [
        { type: 'build', start: '2027-04-05T00:00:00+03:00', end: '2027-04-06T00:00:00+03:00' },
        { type: 'shoot', start: '2027-04-06T00:00:00+03:00', end: '2027-04-09T00:00:00+03:00' },
      ],
      createdAt: requestedAt,
      updatedAt: requestedAt,
      version: 2,
    },
    facility: { id: 'f1', slug: 'kp-reichstag', name: { ru: 'Рейхстаг', en: 'Reichstag' } },
    organisation: { id: 'o1', name: { ru: 'Демо Продакшн', en: 'Demo Production' } },
    requestedAt,
    competing: [],
    ...extra,
  };
}

const later = item('b'.repeat(24), 'Later request', '2026-11-20T10:00:00+03:00');
const older = item('a'.repeat(24), 'Older request', '2026-11-10T09:00:00+03:00', {
  competing: [
    {
      bookingId: 'c'.repeat(24),
      facilityId: 'zone1',
      organisationId: 'o2',
      title: 'Rival film',
      status: 'held',
      holdRank: 2,
      relation: 'hold',
      via: 'ancestor',
      phases: [{ type: 'shoot', start: '2027-04-07T00:00:00+03:00', end: '2027-04-08T00:00:00+03:00' }],
    },
  ],
});

const fetchMock = stubFetch();

function setup(
  decide: (body: { decisions: Array<{ bookingId: string; decision: string; reason?: string }> }) => Response,
) {
  let queue = [later, older];
  fetchMock.mockImplementation(async (url: string, init?: RequestInit) => {
    if (url.startsWith('/api/staff/approvals/decide')) {
      const body = JSON.parse(String(init!.body));
      const res = decide(body);
      queue = queue.filter((i) => !body.decisions.some((d: { bookingId: string }) => d.bookingId === i.booking.id));
      return res;
    }
    if (url.startsWith('/api/staff/approvals')) return json(200, queue);
    if (url.startsWith('/api/organisations'))
      return json(200, [{ id: 'o2', kind: 'production', name: { ru: 'Соперник', en: 'Rival Films' } }]);
    return json(404, { error: { code: 'not_found', message: 'nope' } });
  });
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  return render(
    <QueryClientProvider client={qc}>
      <I18nProvider initial="en">
        <ApprovalsQueue facilityName={(id) => ({ f1: 'Reichstag', zone1: 'Backlot zone' })[id] ?? id} />
      </I18nProvider>
    </QueryClientProvider>,
  );
}

const ok = (body: { decisions: Array<{ bookingId: string }> }) =>
  json(200, { results: body.decisions.map((d) => ({ bookingId: d.bookingId, ok: true })) });

describe('ApprovalsQueue', () => {
  it('lists requests oldest first with facility, phases, organisation and what competes for their time', async () => {
    setup(ok);
    await screen.findByRole('heading', { name: 'Requests awaiting approval: 2' });
    const rows = screen.getAllByRole('row').slice(1);
    expect(rows.map((r) => r.querySelector('strong')!.textContent)).toEqual(['Older request', 'Later request']);
    const first = rows[0]!;
    expect(first.textContent).toContain('Reichstag');
    expect(first.textContent).toContain('Demo Production');
    expect(first.textContent).toContain('Build: ');
    expect(first.textContent).toContain('Shoot: ');
    expect(first.textContent).toContain('2nd hold');
    expect(first.textContent).toContain('Rival film');
    expect(first.textContent).toContain('Rival Films');
    expect(first.textContent).toContain('on the enclosing “Backlot zone”');
    expect(rows[1]!.textContent).toContain('Nobody');
  });

  it('confirms one request in one call and drops it from the queue', async () => {
    const user = userEvent.setup();
    const decide = vi.fn(ok);
    setup(decide);
    await user.click(await screen.findByRole('button', { name: 'Confirm “Older request”' }));
    await screen.findByText('Confirmed: 1');
    expect(decide).toHaveBeenCalledWith({ decisions: [{ bookingId: 'a'.repeat(24), decision: 'confirm' }] });
    const call = fetchMock.mock.calls.find(([u]) => String(u).startsWith('/api/staff/approvals/decide'))!;
    expect((call[1] as RequestInit).headers).toMatchObject({ 'X-CSRF-Token': 'csrf-1' });
    await waitFor(() => expect(screen.queryByText('Older request')).toBeNull());
  });

  it('rejects several at once, only with a reason, and reports failures per request', async () => {
    const user = userEvent.setup();
    const decide = vi.fn((body: { decisions: Array<{ bookingId: string }> }) =>
      json(200, {
        results: body.decisions.map((d, i) =>
          i === 0
            ? { bookingId: d.bookingId, ok: true }
            : { bookingId: d.bookingId, ok: false, error: { code: 'conflict', message: 'no longer pending' } },
        ),
      }),
    );
    setup(decide);
    await screen.findByText('Older request');
    await user.click(screen.getByRole('checkbox', { name: 'Select all requests' }));
    expect(screen.getByText('Selected: 2')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Reject selected…' }));
    const dialog = screen.getByRole('dialog', { name: 'Reject requests: 2' });
    await user.click(within(dialog).getByRole('button', { name: 'Reject' }));
    expect(within(dialog).getByRole('alert').textContent).toBe('Give a reason');
    expect(decide).not.toHaveBeenCalled();
    await user.type(within(dialog).getByLabelText('Reason (the requester will see it)'), 'Stage under repair');
    await user.click(within(dialog).getByRole('button', { name: 'Reject' }));
    await screen.findByText('Rejected: 1');
    expect(decide).toHaveBeenCalledWith({
      decisions: [
        { bookingId: 'a'.repeat(24), decision: 'reject', reason: 'Stage under repair' },
        { bookingId: 'b'.repeat(24), decision: 'reject', reason: 'Stage under repair' },
      ],
    });
    expect(screen.getByText('“Later request” failed: no longer pending')).toBeTruthy();
  });

  it('says so when nothing is waiting', async () => {
    fetchMock.mockImplementation(async (url: string) =>
      url.startsWith('/api/staff/approvals') ? json(200, []) : json(200, []),
    );
    const qc = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    render(
      <QueryClientProvider client={qc}>
        <I18nProvider initial="en">
          <ApprovalsQueue facilityName={(id) => id} />
        </I18nProvider>
      </QueryClientProvider>,
    );
    await screen.findByText('No requests are waiting.');
  });
});
