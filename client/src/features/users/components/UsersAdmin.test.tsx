import { describe, expect, it } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { Organisation, Role, User } from '@moskino/shared';
import { I18nProvider, type Lang } from '../../../lib/i18n';
import { UsersAdmin } from './UsersAdmin';
import { json, stubFetch } from '../../../test/fetch-stub';

const prod = 'a'.repeat(24);
const partner = 'c'.repeat(24);
const moskino = 'd'.repeat(24);
const orgs: Organisation[] = [
  { id: prod, kind: 'production', name: { ru: 'Демо Продакшн', en: 'Demo Production' } },
  { id: partner, kind: 'partner', name: { ru: 'Демо Партнёр', en: 'Demo Partner' } },
  { id: moskino, kind: 'cluster', name: { ru: 'Москино', en: 'Moskino' } },
];
const u = (n: number, name: string, email: string, role: Role, organisationId: string, active = true): User => ({
  id: String(n).repeat(24),
  name,
  email,
  role,
  organisationId,
  active,
});
const admin = u(1, 'Демо Администратор', 'admin@demo.test', 'admin', moskino);
const staff = u(2, 'Демо Диспетчер', 'staff@demo.test', 'staff', moskino);
const crew = u(3, 'Анна Монтажёр', 'anna@demo.test', 'crew', prod);
const gone = u(4, 'Пётр Осветитель', 'petr@demo.test', 'crew', prod, false);
const part = u(5, 'Демо Партнёр', 'partner@demo.test', 'partner', partner);

const fetchMock = stubFetch();

/** A tiny stand-in for the API: lists, and activate/deactivate that change the list. */
function serve(initial: User[], opts: { usersStatus?: number } = {}) {
  let list = initial.map((x) => ({ ...x }));
  let orgList = [...orgs];
  fetchMock.mockImplementation(async (url: string, init?: RequestInit) => {
    const m = /^\/api\/users\/([0-9a-f]{24})\/(activate|deactivate)$/.exec(url);
    if (m && init?.method === 'POST') {
      list = list.map((x) => (x.id === m[1] ? { ...x, active: m[2] === 'activate' } : x));
      return json(
        200,
        list.find((x) => x.id === m[1]),
      );
    }
    if (url === '/api/users')
      return opts.usersStatus
        ? json(opts.usersStatus, { error: { code: 'db_unavailable', message: 'down' } })
        : json(200, list);
    if (url === '/api/organisations' && init?.method === 'POST') {
      const body = JSON.parse(String(init.body)) as { kind: Organisation['kind']; name: string | Organisation['name'] };
      const name = typeof body.name === 'string' ? { ru: body.name, en: body.name } : body.name;
      const org = { id: 'e'.repeat(24), kind: body.kind, name };
      orgList = [...orgList, org];
      return json(201, org);
    }
    if (url === '/api/organisations') return json(200, orgList);
    return json(404, { error: { code: 'not_found', message: 'nope' } });
  });
}

function setup(viewer: User, lang: Lang = 'en') {
  const user = userEvent.setup();
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  render(
    <QueryClientProvider client={qc}>
      <I18nProvider initial={lang}>
        <UsersAdmin viewerRole={viewer.role} viewerId={viewer.id} />
      </I18nProvider>
    </QueryClientProvider>,
  );
  return user;
}

const rowNames = () =>
  within(screen.getByTestId('users-table'))
    .getAllByRole('row')
    .slice(1)
    .map((r) => within(r).getByRole('rowheader').textContent);

describe('UsersAdmin', () => {
  it('lists users with organisation, role and state', async () => {
    serve([admin, staff, crew, gone, part]);
    setup(staff);
    await screen.findByTestId('users-table');
    const headers = within(screen.getByTestId('users-table'))
      .getAllByRole('columnheader')
      .map((h) => h.textContent);
    expect(headers).toEqual(['Name', 'Email', 'Organisation', 'Role', 'Status']);
    const petr = screen.getByRole('row', { name: /Пётр Осветитель/ });
    expect(
      within(petr)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['petr@demo.test', 'Demo Production', 'crew', 'Deactivated']);
    expect(screen.getByRole('row', { name: /Демо Диспетчер/ }).textContent).toContain('(you)');
    expect(screen.getByText('Showing 5 of 5')).toBeTruthy();
  });

  it('filters by text, role and organisation, and says when nobody matches', async () => {
    serve([admin, staff, crew, gone, part]);
    const user = setup(admin);
    await screen.findByTestId('users-table');
    const search = screen.getByRole('search', { name: 'Filter users' });
    const q = within(search).getByRole('searchbox', { name: 'Name or email' });

    await user.type(q, 'ПЕТР'); // any case, ё and е alike
    expect(rowNames()).toEqual(['Пётр Осветитель']);
    await user.clear(q);
    await user.type(q, '@demo.test');
    expect(rowNames()).toHaveLength(5);
    await user.clear(q);

    await user.selectOptions(within(search).getByRole('combobox', { name: 'Role' }), 'crew');
    expect(rowNames()).toEqual(['Анна Монтажёр', 'Пётр Осветитель']);
    expect(screen.getByText('Showing 2 of 5')).toBeTruthy();
    await user.selectOptions(within(search).getByRole('combobox', { name: 'Organisation' }), 'Moskino');
    expect(screen.queryByTestId('users-table')).toBeNull();
    expect(screen.getByText('Nobody matches the filter.')).toBeTruthy();

    await user.click(within(search).getByRole('button', { name: 'Clear the filter' }));
    expect(rowNames()).toHaveLength(5);
    await user.selectOptions(within(search).getByRole('combobox', { name: 'Organisation' }), 'Moskino');
    expect(rowNames()).toEqual(['Демо Администратор (you)', 'Демо Диспетчер']);
  });

  it('gives staff no deactivate or activate buttons, but the invitation and organisation forms', async () => {
    serve([admin, staff, crew, gone]);
    setup(staff);
    await screen.findByTestId('users-table');
    expect(screen.queryByRole('columnheader', { name: 'Actions' })).toBeNull();
    expect(screen.queryByRole('button', { name: /^(Deactivate|Activate)/ })).toBeNull();
    expect(screen.getByRole('heading', { name: 'Invite a user' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'New organisation' })).toBeTruthy();
  });

  it('lets admins deactivate (after confirming) and activate anyone but themselves', async () => {
    serve([admin, staff, crew, gone]);
    const user = setup(admin);
    await screen.findByTestId('users-table');
    expect(screen.getByRole('columnheader', { name: 'Actions' })).toBeTruthy();
    expect(within(screen.getByRole('row', { name: /Демо Администратор/ })).queryByRole('button')).toBeNull();
    expect(screen.getByRole('button', { name: 'Deactivate Демо Диспетчер' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Activate Пётр Осветитель' })).toBeTruthy();

    // Asking, then cancelling with Escape: nothing is sent, focus goes back to the button.
    const deactivate = screen.getByRole('button', { name: 'Deactivate Анна Монтажёр' });
    await user.click(deactivate);
    const dialog = screen.getByRole('alertdialog', { name: 'Deactivate the user?' });
    expect(dialog.textContent).toContain('Анна Монтажёр (anna@demo.test) will no longer be able to sign in');
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Cancel' }));
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(document.activeElement).toBe(deactivate);
    const posts = () => fetchMock.mock.calls.filter(([, init]) => (init as RequestInit | undefined)?.method === 'POST');
    expect(posts()).toHaveLength(0);

    // Confirming deactivates, with the CSRF token.
    await user.click(deactivate);
    await user.click(
      within(screen.getByRole('alertdialog', { name: 'Deactivate the user?' })).getByRole('button', {
        name: 'Deactivate',
      }),
    );
    await screen.findByText('Анна Монтажёр: the account is deactivated.');
    expect(screen.queryByRole('alertdialog')).toBeNull();
    const [url, init] = posts()[0] as [string, RequestInit];
    expect(url).toBe(`/api/users/${crew.id}/deactivate`);
    expect((init.headers as Record<string, string>)['X-CSRF-Token']).toBe('csrf-1');
    const anna = screen.getByRole('row', { name: /Анна Монтажёр/ });
    await waitFor(() => expect(within(anna).getAllByRole('cell')[3]!.textContent).toBe('Deactivated'));
    expect(within(anna).getByRole('button', { name: 'Activate Анна Монтажёр' })).toBeTruthy();

    // And activating again.
    await user.click(screen.getByRole('button', { name: 'Activate Пётр Осветитель' }));
    await user.click(
      within(screen.getByRole('alertdialog', { name: 'Activate the user?' })).getByRole('button', {
        name: 'Activate',
      }),
    );
    await screen.findByText('Пётр Осветитель: the account is active again.');
    expect(posts()[1]![0]).toBe(`/api/users/${gone.id}/activate`);
  });

  it('shows loading, then a server error with a retry; an empty list says so', async () => {
    serve([], { usersStatus: 503 });
    const user = setup(admin, 'ru');
    expect(screen.getByRole('status').textContent).toBe('Загрузка…');
    expect((await screen.findByRole('alert')).textContent).toContain('Сервер недоступен');
    serve([]);
    await user.click(screen.getByRole('button', { name: 'Повторить' }));
    expect(await screen.findByText('Пользователей пока нет.')).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Пользователи и приглашения' })).toBeTruthy();
  });

  it('creates an organisation (checked first), which the invitation form then offers', async () => {
    serve([admin]);
    const user = setup(admin);
    const form = (await screen.findByRole('heading', { name: 'New organisation' })).closest('form')!;
    await user.click(within(form).getByRole('button', { name: 'Create the organisation' }));
    const ru = within(form).getByRole('textbox', { name: 'Name (Russian)' });
    expect(ru.getAttribute('aria-invalid')).toBe('true');
    expect(form.textContent).toContain('Enter a name of at most 200 characters');

    await user.selectOptions(within(form).getByRole('combobox', { name: 'Kind' }), 'partner');
    await user.type(ru, 'Кинопрокат Восток');
    await user.type(within(form).getByRole('textbox', { name: 'Name (English, optional)' }), 'East Distribution');
    await user.click(within(form).getByRole('button', { name: 'Create the organisation' }));
    expect((await within(form).findByRole('status')).textContent).toBe('Organisation “East Distribution” created.');
    const post = fetchMock.mock.calls.find(([, init]) => (init as RequestInit | undefined)?.method === 'POST')!;
    expect(JSON.parse(String((post[1] as RequestInit).body))).toEqual({
      kind: 'partner',
      name: { ru: 'Кинопрокат Восток', en: 'East Distribution' },
    });

    const invite = screen.getByRole('heading', { name: 'Invite a user' }).closest('form')!;
    await user.selectOptions(within(invite).getByRole('combobox', { name: 'Role' }), 'partner');
    const org = within(invite).getByRole('combobox', { name: 'Organisation' });
    await waitFor(() =>
      expect(
        within(org)
          .getAllByRole('option')
          .map((o) => o.textContent),
      ).toEqual(['— choose —', 'Demo Partner', 'East Distribution']),
    );
  });
});
