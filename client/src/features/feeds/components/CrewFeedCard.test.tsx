import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import type { FeedToken } from '@moskino/shared';
import { CrewFeedCard } from './CrewFeedCard';
import { renderWithProviders } from './test-utils';
import { json, stubFetch } from '../../../test/fetch-stub';

const org = 'a'.repeat(24);
const old: FeedToken = {
  id: '1'.repeat(24),
  kind: 'crew',
  organisationId: org,
  userId: '3'.repeat(24),
  name: 'Old phone',
  prefix: 'mkf_abcdef',
  createdAt: '2026-01-10T09:00:00.000Z',
  revokedAt: null,
};

const fetchMock = stubFetch();

function serve(initial: FeedToken[]) {
  let list = [...initial];
  fetchMock.mockImplementation(async (url: string, init?: RequestInit) => {
    if (url === '/api/feed-tokens' && init?.method === 'POST') {
      const body = JSON.parse(String(init.body)) as { name: string };
      const tok: FeedToken = { ...old, id: '2'.repeat(24), name: body.name, prefix: 'mkf_newnew' };
      list = [...list, tok];
      const secret = 'mkf_SECRET123';
      return json(201, {
        ...tok,
        token: secret,
        urls: {
          facility: `/api/feeds/${secret}/facilities/{facilityId}.ics`,
          zone: `/api/feeds/${secret}/zones/{zoneId}.ics`,
          site: `/api/feeds/${secret}/sites/{site}.ics`,
          own: `/api/feeds/${secret}/own.ics`,
          embed: `/api/embed/${secret}/facilities/{facilityId}`,
        },
      });
    }
    if (url === '/api/feed-tokens') return json(200, list);
    const m = /^\/api\/feed-tokens\/([0-9a-f]{24})\/revoke$/.exec(url);
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

describe('CrewFeedCard', () => {
  it('creates a private feed and shows its absolute URL once', async () => {
    serve([]);
    const user = renderWithProviders(<CrewFeedCard />);
    expect(await screen.findByText('No calendar feeds yet.')).toBeTruthy();
    const name = screen.getByRole('textbox', { name: 'Name' });
    expect((name as HTMLInputElement).value).toBe('My calendar');
    await user.clear(name);
    await user.type(name, 'Work phone');
    await user.click(screen.getByRole('button', { name: 'Create a calendar feed' }));

    const created = await screen.findByTestId('feed-created');
    const url = within(created).getByRole('textbox', { name: 'Calendar feed link' }) as HTMLInputElement;
    expect(url.value).toBe(`${window.location.origin}/api/feeds/mkf_SECRET123/own.ics`);
    expect(created.textContent).toContain('Google Calendar');
    expect(created.textContent).toContain('shown only once');
    const post = fetchMock.mock.calls.find(([u, i]) => u === '/api/feed-tokens' && i?.method === 'POST')!;
    expect(JSON.parse(String(post[1].body))).toEqual({ name: 'Work phone' });
    expect((post[1].headers as Record<string, string>)['X-CSRF-Token']).toBe('csrf-1');
    expect(await screen.findByRole('row', { name: /Work phone/ })).toBeTruthy();

    await user.click(within(created).getByRole('button', { name: 'Done, hide it' }));
    expect(screen.queryByTestId('feed-created')).toBeNull();
    expect(screen.queryByDisplayValue(/mkf_SECRET123/)).toBeNull();
    expect(document.body.textContent).not.toContain('mkf_SECRET123');
  });

  it('revokes a feed after confirmation', async () => {
    serve([old]);
    const user = renderWithProviders(<CrewFeedCard />);
    const row = await screen.findByRole('row', { name: /Old phone/ });
    expect(row.textContent).toContain('Active');

    await user.click(within(row).getByRole('button', { name: 'Revoke: Old phone' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Revoke the calendar feed?' });
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(fetchMock.mock.calls.some(([u]) => String(u).endsWith('/revoke'))).toBe(false);

    await user.click(within(row).getByRole('button', { name: 'Revoke: Old phone' }));
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Revoke' }));
    expect(await screen.findByText('“Old phone” revoked.')).toBeTruthy();
    expect(fetchMock).toHaveBeenCalledWith(
      `/api/feed-tokens/${old.id}/revoke`,
      expect.objectContaining({ method: 'POST' }),
    );
    const after = screen.getByRole('row', { name: /Old phone/ });
    expect(after.textContent).toContain('Revoked');
    expect(within(after).queryByRole('button')).toBeNull();
  });
});
