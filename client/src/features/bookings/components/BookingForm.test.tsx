import { describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { I18nProvider } from '../../../lib/i18n';
import { BookingForm } from './BookingForm';
import { json, stubFetch } from '../../../test/fetch-stub';

const facility = {
  id: '6b08f91974bf614984b047fb',
  name: { ru: 'Съёмочный павильон №1', en: 'Sound stage 1' },
  estimated: false,
  rules: { bookingUnit: 'shift', minUnits: 1, maxUnits: 60, leadTimeHours: 24, horizonDays: 365, bufferMinutes: 0 },
} as const;

function renderForm(props: Partial<Parameters<typeof BookingForm>[0]> = {}) {
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  return render(
    <QueryClientProvider client={qc}>
      <I18nProvider initial="en">
        <BookingForm facility={facility} start="2026-05-04T08:00:00+03:00" end="2026-05-04T20:00:00+03:00" {...props} />
      </I18nProvider>
    </QueryClientProvider>,
  );
}

const fetchMock = stubFetch('csrf-123');

describe('BookingForm', () => {
  it('is prefilled from the selected range, in Moscow wall-clock time', () => {
    renderForm();
    expect(screen.getByText('Sound stage 1')).toBeTruthy();
    // Dates in the app's language (English is day first), not the browser's.
    expect((screen.getByLabelText('Start date') as HTMLInputElement).value).toBe('04/05/2026');
    expect((screen.getByLabelText('Start time, MSK') as HTMLSelectElement).value).toBe('08:00');
    expect((screen.getByLabelText('End date') as HTMLInputElement).value).toBe('04/05/2026');
    expect((screen.getByLabelText('End time, MSK') as HTMLSelectElement).value).toBe('20:00');
    // 24-hour times on the facility's grid (shifts from 08:00 and 20:00), whatever the browser locale.
    expect(
      [...(screen.getByLabelText('Start time, MSK') as HTMLSelectElement).options].map((o) => o.textContent),
    ).toEqual(['08:00', '20:00']);
    expect(screen.getByText(/Booking unit: shift/)).toBeTruthy();
    expect((screen.getByLabelText('Phase') as HTMLSelectElement).value).toBe('shoot');
    expect((screen.getByLabelText('Hold (tentative)') as HTMLInputElement).checked).toBe(true);
  });

  it('validates with the shared schema before sending: title required, phases must not overlap', async () => {
    const user = userEvent.setup();
    renderForm();
    await user.click(screen.getByRole('button', { name: 'Book' }));
    expect(screen.getByText('Enter a title')).toBeTruthy();
    await user.type(screen.getByLabelText('Working title'), 'Project X');
    await user.click(screen.getByRole('button', { name: 'Add phase' }));
    const startTimes = screen.getAllByLabelText('Start time, MSK') as HTMLSelectElement[];
    // The added phase follows the first (20:00); moved to 08:00 it starts inside the first one.
    expect(startTimes[1]!.value).toBe('20:00');
    await user.selectOptions(startTimes[1]!, '08:00');
    await user.click(screen.getByRole('button', { name: 'Book' }));
    expect(screen.getByText('Phases of one booking must not overlap')).toBeTruthy();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('posts a firm booking with phases, CSRF token and an idempotency key', async () => {
    const user = userEvent.setup();
    const created = vi.fn();
    fetchMock.mockResolvedValueOnce(
      json(201, {
        id: 'b1',
        facilityId: facility.id,
        organisationId: 'o1',
        title: 'Project X',
        notes: '',
        kind: 'firm',
        status: 'pending',
        holdRank: null,
        phases: [],
        createdAt: '',
        updatedAt: '',
        version: 1,
      }),
    );
    renderForm({ onCreated: created });
    await user.type(screen.getByLabelText('Working title'), 'Project X');
    await user.click(screen.getByLabelText('Firm booking'));
    await user.click(screen.getByRole('button', { name: 'Book' }));
    await waitFor(() => expect(created).toHaveBeenCalled());
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe('/api/bookings');
    expect(init.method).toBe('POST');
    expect(init.headers['X-CSRF-Token']).toBe('csrf-123');
    expect(init.headers['Idempotency-Key']).toMatch(/.+/);
    expect(JSON.parse(init.body)).toEqual({
      facilityId: facility.id,
      title: 'Project X',
      kind: 'firm',
      phases: [{ type: 'shoot', start: '2026-05-04T08:00:00+03:00', end: '2026-05-04T20:00:00+03:00' }],
    });
  });

  it('takes dates typed in the app language, keeping the time; an impossible date is refused before sending', async () => {
    const user = userEvent.setup();
    fetchMock.mockResolvedValueOnce(json(201, { id: 'b1' }));
    renderForm();
    await user.type(screen.getByLabelText('Working title'), 'Project X');
    const endDate = screen.getByLabelText('End date') as HTMLInputElement;
    await user.clear(endDate);
    await user.type(endDate, '31022026');
    await user.tab();
    expect(endDate.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('Not a date: enter it as DD/MM/YYYY')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Book' }));
    expect(fetchMock).not.toHaveBeenCalled();
    await user.clear(endDate);
    // The end time (20:00) waited for the date.
    expect((screen.getByLabelText('End time, MSK') as HTMLSelectElement).value).toBe('20:00');
    await user.type(endDate, '05052026');
    await user.click(screen.getByRole('button', { name: 'Book' }));
    await waitFor(() => expect(fetchMock).toHaveBeenCalled());
    expect(endDate.value).toBe('05/05/2026');
    expect(JSON.parse(fetchMock.mock.calls[0]![1].body).phases).toEqual([
      { type: 'shoot', start: '2026-05-04T08:00:00+03:00', end: '2026-05-05T20:00:00+03:00' },
    ]);
  });

  it('shows a 409 conflict inline with the conflicting intervals and applies a suggested window in one click', async () => {
    const user = userEvent.setup();
    fetchMock.mockResolvedValueOnce(
      json(409, {
        error: {
          code: 'booking_conflict',
          message: 'taken',
          details: {
            conflicts: [
              {
                facilityId: facility.id,
                start: '2026-05-04T08:00:00+03:00',
                end: '2026-05-04T20:00:00+03:00',
                status: 'confirmed',
              },
            ],
            suggestions: [{ start: '2026-05-05T08:00:00+03:00', end: '2026-05-05T20:00:00+03:00' }],
          },
        },
      }),
    );
    renderForm();
    await user.type(screen.getByLabelText('Working title'), 'Project X');
    await user.click(screen.getByRole('button', { name: 'Book' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('That time is taken');
    expect(alert.textContent).toContain('Confirmed');
    expect(alert.textContent).toContain('08:00');
    const suggestion = screen.getAllByRole('button').find((b) => b.closest('.suggestions'))!;
    await user.click(suggestion);
    expect((screen.getByLabelText('Start date') as HTMLInputElement).value).toBe('05/05/2026');
    expect((screen.getByLabelText('Start time, MSK') as HTMLSelectElement).value).toBe('08:00');
    expect((screen.getByLabelText('End date') as HTMLInputElement).value).toBe('05/05/2026');
    expect((screen.getByLabelText('End time, MSK') as HTMLSelectElement).value).toBe('20:00');
    expect(screen.queryByRole('alert')).toBeNull();
  });
});

describe('BookingForm: server rule errors', () => {
  it('translates a lead-time refusal', async () => {
    const user = userEvent.setup();
    fetchMock.mockResolvedValueOnce(
      json(400, {
        error: {
          code: 'validation_failed',
          message: 'Invalid body',
          details: {
            in: 'body',
            issues: [{ path: 'phases.0.start', code: 'too_soon', message: 'must start at least 24 h from now' }],
          },
        },
      }),
    );
    renderForm();
    await user.type(screen.getByLabelText('Working title'), 'Project X');
    await user.click(screen.getByRole('button', { name: 'Book' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Must start at least 24 h from now');
  });
  it('lets staff book for another organisation, and a blackout stays the booking office’s own', async () => {
    const user = userEvent.setup();
    const organisations = [
      { id: 'a'.repeat(24), name: 'Booking office' },
      { id: 'b'.repeat(24), name: 'Mosfilm Productions' },
    ];
    renderForm({ canBlackout: true, organisations, ownOrganisationId: 'a'.repeat(24) });
    const select = screen.getByLabelText('Organisation') as HTMLSelectElement;
    expect(select.value).toBe('a'.repeat(24));
    expect([...select.options].map((o) => o.textContent)).toEqual([
      'Booking office — Own (booking office)',
      'Mosfilm Productions',
    ]);
    await user.selectOptions(select, 'b'.repeat(24));
    await user.type(screen.getByLabelText('Working title'), 'For Mosfilm');
    fetchMock.mockResolvedValueOnce(
      json(201, {
        id: 'b2',
        facilityId: facility.id,
        organisationId: 'b'.repeat(24),
        title: 'For Mosfilm',
        notes: '',
        kind: 'hold',
        status: 'held',
        holdRank: 1,
        phases: [],
        createdAt: '',
        updatedAt: '',
        version: 1,
      }),
    );
    await user.click(screen.getByRole('button', { name: 'Book' }));
    await waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(1));
    expect(JSON.parse(fetchMock.mock.calls[0]![1].body as string)).toMatchObject({
      organisationId: 'b'.repeat(24),
      kind: 'hold',
    });
    // A blackout: no organisation to choose.
    await user.click(screen.getByLabelText('Blackout'));
    expect(screen.queryByLabelText('Organisation')).toBeNull();
  });

  it('asks crews for no organisation', () => {
    renderForm();
    expect(screen.queryByLabelText('Organisation')).toBeNull();
  });
});
