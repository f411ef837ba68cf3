import { describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { Organisation, Role } from '@moskino/shared';
import { I18nProvider, type Lang } from '../../../lib/i18n';
import { InviteForm } from './InviteForm';
import { json, stubFetch } from '../../../test/fetch-stub';

const orgs: Organisation[] = [
  { id: 'a'.repeat(24), kind: 'production', name: { ru: 'Демо Продакшн', en: 'Demo Production' } },
  { id: 'b'.repeat(24), kind: 'production', name: { ru: 'Север Фильм', en: 'North Film' } },
  { id: 'c'.repeat(24), kind: 'partner', name: { ru: 'Демо Партнёр', en: 'Demo Partner' } },
  { id: 'd'.repeat(24), kind: 'cluster', name: { ru: 'Москино', en: 'Moskino' } },
];

const fetchMock = stubFetch();

function setup(roles: Role[], lang: Lang = 'en') {
  const user = userEvent.setup();
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  render(
    <QueryClientProvider client={qc}>
      <I18nProvider initial={lang}>
        <InviteForm organisations={orgs} invitableRoles={roles} />
      </I18nProvider>
    </QueryClientProvider>,
  );
  return user;
}

/** The text of the elements an input's aria-describedby names (jsdom has no jest-dom matchers here). */
const description = (el: HTMLElement) =>
  (el.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .filter(Boolean)
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');
const value = (el: HTMLElement) => (el as HTMLInputElement | HTMLSelectElement).value;

const posted = () =>
  fetchMock.mock.calls.filter(([, init]) => (init as RequestInit | undefined)?.method === 'POST') as Array<
    [string, RequestInit]
  >;

describe('InviteForm', () => {
  it('checks the fields with the shared schema before sending anything', async () => {
    const user = setup(['crew', 'partner']);
    await user.click(screen.getByRole('button', { name: 'Invite' }));
    expect(screen.getByRole('alert').textContent).toBe('Correct the marked fields');
    const email = screen.getByRole('textbox', { name: 'Email' });
    expect(email.getAttribute('aria-invalid')).toBe('true');
    expect(description(email)).toBe('Enter an email address, e.g. name@example.com');
    expect(document.activeElement).toBe(email);
    // Two production companies: none is chosen for the user.
    expect(description(screen.getByRole('combobox', { name: 'Organisation' }))).toContain('Choose an organisation');

    await user.type(email, 'not-an-email');
    await user.click(screen.getByRole('button', { name: 'Invite' }));
    expect(description(email)).toBe('Enter an email address, e.g. name@example.com');
    expect(posted()).toHaveLength(0);
  });

  it('offers staff crew and partners only, and only organisations of the kind the role needs', async () => {
    const user = setup(['crew', 'partner']);
    const role = screen.getByRole('combobox', { name: 'Role' });
    expect(
      within(role)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['crew', 'partner']);
    expect(screen.getByText('Staff and admins are invited by an admin.')).toBeTruthy();
    const org = screen.getByRole('combobox', { name: 'Organisation' });
    expect(
      within(org)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['— choose —', 'Demo Production', 'North Film']);
    await user.selectOptions(role, 'partner');
    // The only partner organisation is taken at once.
    expect(value(org)).toBe('c'.repeat(24));
    expect(
      within(org)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['— choose —', 'Demo Partner']);
  });

  it('lets admins invite any role, staff into the cluster organisation', async () => {
    const user = setup(['crew', 'staff', 'admin', 'partner']);
    const role = screen.getByRole('combobox', { name: 'Role' });
    expect(within(role).getAllByRole('option')).toHaveLength(4);
    expect(screen.queryByText('Staff and admins are invited by an admin.')).toBeNull();
    await user.selectOptions(role, 'staff');
    expect(value(screen.getByRole('combobox', { name: 'Organisation' }))).toBe('d'.repeat(24));
  });

  it('sends the invitation and shows the link once, with a copy button and the expiry in Moscow time', async () => {
    fetchMock.mockResolvedValueOnce(
      json(201, { inviteUrl: '/invite/tok123', token: 'tok123', expiresAt: '2027-03-08T09:30:00.000Z' }),
    );
    const user = setup(['crew', 'partner']);
    await user.type(screen.getByRole('textbox', { name: 'Email' }), '  Anna@Example.COM ');
    await user.type(screen.getByRole('textbox', { name: 'Name (optional)' }), 'Анна Монтажёр');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Organisation' }), 'North Film');
    await user.click(screen.getByRole('button', { name: 'Invite' }));

    const panel = await screen.findByTestId('invitation-link');
    const [[url, init]] = posted() as [[string, RequestInit]];
    expect(url).toBe('/api/invitations');
    expect((init.headers as Record<string, string>)['X-CSRF-Token']).toBe('csrf-1');
    expect(JSON.parse(String(init.body))).toEqual({
      email: 'anna@example.com',
      role: 'crew',
      organisationId: 'b'.repeat(24),
      name: 'Анна Монтажёр',
    });

    const heading = within(panel).getByRole('heading', { name: 'Invitation for anna@example.com created' });
    expect(document.activeElement).toBe(heading);
    const link = within(panel).getByRole('textbox', { name: 'Invitation link' });
    const href = `${window.location.origin}/invite/tok123`;
    expect(value(link)).toBe(href);
    expect(link.hasAttribute('readonly')).toBe(true);
    // 09:30 UTC is 12:30 in Moscow, whatever the machine's time zone.
    expect(panel.textContent).toContain('Valid until 8 Mar 2027, 12:30 (Moscow time)');
    expect(panel.textContent).toContain('The link is shown only now, once');

    await user.click(within(panel).getByRole('button', { name: 'Copy the link' }));
    expect(await navigator.clipboard.readText()).toBe(href);
    expect(within(panel).getByRole('status').textContent).toBe('Link copied.');

    // Done: the link is gone for good, the form is back and empty.
    await user.click(within(panel).getByRole('button', { name: 'Done, invite another' }));
    expect(screen.queryByTestId('invitation-link')).toBeNull();
    expect(screen.queryByDisplayValue(href)).toBeNull();
    expect(value(screen.getByRole('textbox', { name: 'Email' }))).toBe('');
  });

  it('shows the server refusals inline, translated', async () => {
    fetchMock.mockResolvedValueOnce(
      json(409, { error: { code: 'conflict', message: 'A user with this email already exists' } }),
    );
    const user = setup(['crew', 'partner'], 'ru');
    await user.type(screen.getByRole('textbox', { name: 'Эл. почта' }), 'crew@demo.test');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Организация' }), 'Демо Продакшн');
    await user.click(screen.getByRole('button', { name: 'Пригласить' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Пользователь с такой почтой уже есть');
    const email = screen.getByRole('textbox', { name: 'Эл. почта' });
    expect(email.getAttribute('aria-invalid')).toBe('true');
    expect(description(email)).toBe('Пользователь с такой почтой уже есть');

    fetchMock.mockResolvedValueOnce(
      json(400, {
        error: {
          code: 'validation_failed',
          message: 'A crew user belongs to a production organisation',
          details: { fields: ['organisationId'] },
        },
      }),
    );
    await user.click(screen.getByRole('button', { name: 'Пригласить' }));
    await screen.findByText('Роль «съёмочная группа» — только в организации вида «Продакшн-компания»', {
      selector: '[role=alert]',
    });
    expect(screen.getByRole('combobox', { name: 'Организация' }).getAttribute('aria-invalid')).toBe('true');
    expect(screen.queryByTestId('invitation-link')).toBeNull();
  });
});
