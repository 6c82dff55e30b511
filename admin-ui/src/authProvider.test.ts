import { describe, expect, it } from 'vitest';
import { createAuthProvider } from './authProvider.ts';
import { createHttpClient, type FetchFn } from './http/httpClient.ts';

const SESSION = '/admin/v1/session';
const user = { id: 'u1', email: 'ana@example.com', displayName: 'Ana Costa', role: 'admin' };

function problem(status: number, title: string, detail?: string): Response {
  return new Response(JSON.stringify({ type: 'about:blank', title, status, code: 'x', detail }), {
    status,
    headers: { 'Content-Type': 'application/problem+json' },
  });
}

type Route = (method: string, body: string | undefined) => Response | Promise<Response>;

/** An authProvider talking to a scripted API; `calls` records "METHOD url body". */
function setup(route: Route) {
  const calls: string[] = [];
  const fetchFn: FetchFn = async (url, init) => {
    const method = init?.method ?? 'GET';
    const body = typeof init?.body === 'string' ? init.body : undefined;
    calls.push([method, url, body].filter(Boolean).join(' '));
    return route(method, body);
  };
  return { auth: createAuthProvider(createHttpClient(fetchFn), SESSION), calls };
}

describe('login', () => {
  it('posts the username as email and caches the returned user', async () => {
    const { auth, calls } = setup(() => Response.json({ user }));

    await auth.login({ username: ' ana@example.com ', password: 's3cret' });

    expect(calls).toEqual([`POST ${SESSION} {"email":"ana@example.com","password":"s3cret"}`]);
    await expect(auth.getIdentity?.()).resolves.toEqual({ id: 'u1', fullName: 'Ana Costa' });
    await expect(auth.getPermissions?.({})).resolves.toBe('admin');
    expect(calls).toHaveLength(1);
  });

  it('shows the problem detail on wrong credentials', async () => {
    const { auth } = setup(() => problem(401, 'Unauthorized', 'Email or password is incorrect.'));
    await expect(auth.login({ username: 'a@b.c', password: 'x' })).rejects.toThrow(
      'Email or password is incorrect.',
    );
  });

  it('uses react-admin sign-in error for a bare 401 and a dedicated message when offline', async () => {
    const bare = setup(() => new Response(null, { status: 401 }));
    await expect(bare.auth.login({ username: 'a', password: 'b' })).rejects.toThrow('ra.auth.sign_in_error');

    const offline = setup(() => Promise.reject(new TypeError('Failed to fetch')));
    await expect(offline.auth.login({ username: 'a', password: 'b' })).rejects.toThrow(
      'bonafide.auth.api_unreachable',
    );
  });

  it('rejects a success response without a valid user', async () => {
    const { auth } = setup(() => Response.json({ user: { ...user, role: 'owner' } }));
    await expect(auth.login({ username: 'a', password: 'b' })).rejects.toThrow('bonafide.auth.bad_session');
  });
});

describe('checkAuth', () => {
  it('resolves when the session endpoint returns a user', async () => {
    const { auth, calls } = setup(() => Response.json({ user }));
    await expect(auth.checkAuth({})).resolves.toBeUndefined();
    expect(calls).toEqual([`GET ${SESSION}`]);
  });

  it('rejects silently on a first visit and with a notice once a session expired', async () => {
    let loggedIn = false;
    const { auth } = setup((method) =>
      method === 'POST' || loggedIn ? Response.json({ user }) : problem(401, 'Unauthorized'),
    );
    await expect(auth.checkAuth({})).rejects.toEqual({ message: false });

    await auth.login({ username: 'a', password: 'b' });
    loggedIn = false;
    await expect(auth.checkAuth({})).rejects.toEqual({ message: 'ra.auth.auth_check_error' });
  });

  it('surfaces server failures as errors', async () => {
    const { auth } = setup(() => problem(503, 'Service Unavailable', 'Database is down.'));
    await expect(auth.checkAuth({})).rejects.toThrow('Database is down.');
  });
});

describe('checkError', () => {
  it('logs out on 401 and forgets the cached user', async () => {
    let sessionValid = true;
    const { auth, calls } = setup(() => (sessionValid ? Response.json({ user }) : problem(401, 'Unauthorized')));
    await auth.login({ username: 'a', password: 'b' });

    await expect(auth.checkError({ status: 401 })).rejects.toMatchObject({ logoutUser: true });

    sessionValid = false;
    await expect(auth.getIdentity?.()).rejects.toMatchObject({ status: 401 });
    expect(calls.at(-1)).toBe(`GET ${SESSION}`);
  });

  it('keeps the user logged in on 403, passing on the problem detail', async () => {
    const { auth } = setup(() => Response.json({ user }));
    const forbidden = createHttpClient(async () => problem(403, 'Forbidden', 'Only admins can do that.'));
    const error = await forbidden('/admin/v1/users').catch((e: unknown) => e);

    await expect(auth.checkError(error)).rejects.toEqual({ message: 'Only admins can do that.', logoutUser: false });
    await expect(auth.checkError({ status: 403 })).rejects.toEqual({
      message: 'ra.notification.not_authorized',
      logoutUser: false,
    });
  });

  it('ignores other errors', async () => {
    const { auth } = setup(() => Response.json({}));
    await expect(auth.checkError({ status: 500 })).resolves.toBeUndefined();
    await expect(auth.checkError(new Error('boom'))).resolves.toBeUndefined();
  });
});

describe('logout', () => {
  it('deletes the session and succeeds even when the API is unreachable', async () => {
    const ok = setup(() => new Response(null, { status: 204 }));
    await expect(ok.auth.logout({})).resolves.toBeUndefined();
    expect(ok.calls).toEqual([`DELETE ${SESSION}`]);

    const offline = setup(() => Promise.reject(new TypeError('Failed to fetch')));
    await expect(offline.auth.logout({})).resolves.toBeUndefined();
  });
});

describe('getIdentity and getPermissions', () => {
  it('share a single session request when nothing is cached', async () => {
    const { auth, calls } = setup(() => Response.json({ user: { ...user, role: 'moderator' } }));
    const [identity, role] = await Promise.all([auth.getIdentity?.(), auth.getPermissions?.({})]);
    expect(identity).toEqual({ id: 'u1', fullName: 'Ana Costa' });
    expect(role).toBe('moderator');
    expect(calls).toEqual([`GET ${SESSION}`]);
  });

  it('answer no permissions without a session, so the login page is not held up by retries', async () => {
    const { auth } = setup(() => problem(401, 'Unauthorized'));
    await expect(auth.getPermissions?.({})).resolves.toBeUndefined();
  });

  it('still fail on other errors', async () => {
    const { auth } = setup(() => problem(503, 'Unavailable'));
    await expect(auth.getPermissions?.({})).rejects.toMatchObject({ status: 503 });
  });
});
