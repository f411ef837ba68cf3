import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import type { ApiKey, FeedToken, Organisation } from '@moskino/shared';
import { PartnersAdmin } from './PartnersAdmin';
import { renderWithProviders } from './test-utils';
import { json, stubFetch } from '../../../test/fetch-stub';

const prod = 'a'.repeat(24);
const partner = 'c'.repeat(24);
const orgs: Organisation[] = [
  { id: prod, kind: 'production', name: { ru: 'Демо Продакшн', en: 'Demo Production' } },
  { id: partner, kind: 'partner', name: { ru: 'Демо Партнёр', en: 'Demo Partner' } },
];
const oldKey: ApiKey = {
  id: '1'.repeat(24),
  organisationId: partner,
  name: 'Old site',
  prefix: 'mkk_abcdef',
  createdAt: '2026-01-10T09:00:00.000Z',
  revokedAt: null,
  lastUsedAt: null,
};

const fetchMock = stubFetch();

function serve(keys: ApiKey[], tokens: FeedToken[] = []) {
  let list = [...keys];
  fetchMock.mockImplementation(async (url: string, init?: RequestInit) => {
    if (url === '/api/organisations') return json(200, orgs);
    if (url === '/api/feed-tokens') return json(200, tokens);
    if (url === '/api/api-keys' && init?.method === 'POST') {
      const body = JSON.parse(String(init.body)) as { organisationId: string; name: string };
      const key: ApiKey = { ...oldKey, id: '2'.repeat(24), ...body, prefix: 'mkk_newkey' };
      list = [...list, key];
      return json(201, { ...key, key: 'mkk_THE_SECRET_KEY' });
    }
    if (url === '/api/api-keys') return json(200, list);
    const m = /^\/api\/api-keys\/([0-9a-f]{24})\/revoke$/.exec(url);
    if (m && init?.method === 'POST') {
      list = list.map((x) => (x.id === m[1] ? { ...x, revokedAt: '2026-02-01T10:00:00.000Z' } : x));
      return json(
        200,
        list.find((x) => x.id === m[1]),
      );
    }
    return json(404, { error: { code: 'not_found', message: 'nope' } });
  });
}

describe('PartnersAdmin', () => {
  it('offers partner organisations only and shows a new API key once', async () => {
    serve([]);
    const user = renderWithProviders(<PartnersAdmin />);
    expect(await screen.findByText('No API keys yet.')).toBeTruthy();
    expect(screen.getByText('No calendar feeds yet.')).toBeTruthy();
    const form = screen.getByRole('form', { name: 'Create an API key' });
    const select = within(form).getByRole('combobox', { name: 'Organisation' });
    expect(
      within(select)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['— choose —', 'Demo Partner']);
    await user.selectOptions(select, partner);
    await user.type(within(form).getByRole('textbox', { name: 'Name' }), 'Partner site');
    await user.click(within(form).getByRole('button', { name: 'Create an API key' }));

    const created = await screen.findByTestId('api-key-created');
    expect((within(created).getByRole('textbox', { name: 'API key' }) as HTMLInputElement).value).toBe(
      'mkk_THE_SECRET_KEY',
    );
    expect(created.textContent).toContain('Authorization: Bearer');
    const post = fetchMock.mock.calls.find(([u, i]) => u === '/api/api-keys' && i?.method === 'POST')!;
    expect(JSON.parse(String(post[1].body))).toEqual({ organisationId: partner, name: 'Partner site' });
    const row = await screen.findByRole('row', { name: /Partner site/ });
    expect(row.textContent).toContain('mkk_newkey');
    expect(row.textContent).toContain('Demo Partner');
    expect(row.textContent).toContain('never');

    await user.click(within(created).getByRole('button', { name: 'Done, hide it' }));
    expect(screen.queryByTestId('api-key-created')).toBeNull();
    expect(screen.queryByDisplayValue('mkk_THE_SECRET_KEY')).toBeNull();
    expect(screen.getByRole('form', { name: 'Create an API key' })).toBeTruthy();
  });

  it('revokes an API key after confirmation', async () => {
    serve([oldKey]);
    const user = renderWithProviders(<PartnersAdmin />);
    const row = await screen.findByRole('row', { name: /Old site/ });
    expect(row.textContent).toContain('Active');
    await user.click(within(row).getByRole('button', { name: 'Revoke: Old site' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Revoke the API key?' });
    expect(dialog.textContent).toContain('mkk_abcdef');
    await user.click(within(dialog).getByRole('button', { name: 'Revoke' }));
    expect(await screen.findByText('“Old site” revoked.')).toBeTruthy();
    expect(fetchMock).toHaveBeenCalledWith(
      `/api/api-keys/${oldKey.id}/revoke`,
      expect.objectContaining({ method: 'POST' }),
    );
    expect(screen.getByRole('row', { name: /Old site/ }).textContent).toContain('Revoked');
    expect(screen.queryByRole('alertdialog')).toBeNull();
  });
});
