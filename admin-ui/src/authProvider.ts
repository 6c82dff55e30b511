import type { AuthProvider, UserIdentity } from 'react-admin';
import { SESSION_URL } from './config.ts';
import { ApiError, errorStatus, httpClient, type HttpClient } from './http/httpClient.ts';
import { parseProblem, problemMessage } from './http/problem.ts';
import { parseSessionUser, type Role, type SessionUser } from './session.ts';

/**
 * What react-admin expects auth methods to reject with when it must decide
 * whether to log out (logoutUser) and what to tell the user (message; false = nothing).
 */
export interface AuthRejection {
  message: string | false;
  logoutUser?: boolean;
}

interface Credentials {
  email: string;
  password: string;
}

/** The stock login form sends `username`; the API wants `email`. */
function readCredentials(params: unknown): Credentials {
  const { username, email, password } = (params ?? {}) as Record<string, unknown>;
  const login = typeof email === 'string' ? email : username;
  if (typeof login !== 'string' || typeof password !== 'string') {
    throw new Error('ra.auth.sign_in_error');
  }
  return { email: login.trim(), password };
}

function requireUser(body: unknown): SessionUser {
  const user = parseSessionUser(body);
  if (!user) throw new Error('bonafide.auth.bad_session');
  return user;
}

/** Maps a failed sign-in to an Error whose message the login form shows. */
export function loginError(error: unknown): Error {
  if (!(error instanceof ApiError)) return toError(error);
  const problem = parseProblem(error.body);
  if (problem) return new Error(problemMessage(problem, 'ra.auth.sign_in_error'));
  return new Error(error.status === 401 ? 'ra.auth.sign_in_error' : error.message);
}

/** fetch rejects with a TypeError when the API cannot be reached at all. */
function toError(error: unknown): Error {
  if (error instanceof TypeError) return new Error('bonafide.auth.api_unreachable');
  return error instanceof Error ? error : new Error(String(error));
}

export function createAuthProvider(request: HttpClient, sessionUrl = SESSION_URL): AuthProvider {
  let current: SessionUser | undefined;
  let pending: Promise<SessionUser> | undefined;

  // Concurrent callers (checkAuth, getIdentity, getPermissions at start-up) share one request.
  const loadSession = (): Promise<SessionUser> => {
    pending ??= request(sessionUrl)
      .then((res) => (current = requireUser(res.json)))
      .finally(() => (pending = undefined));
    return pending;
  };
  const knownUser = async (): Promise<SessionUser> => current ?? loadSession();

  return {
    async login(params: unknown): Promise<void> {
      const credentials = readCredentials(params);
      try {
        const res = await request(sessionUrl, { method: 'POST', body: JSON.stringify(credentials) });
        current = requireUser(res.json);
      } catch (error) {
        current = undefined;
        throw loginError(error);
      }
    },

    async logout(): Promise<void> {
      current = undefined;
      // Logging out locally must succeed even if the API is unreachable.
      await request(sessionUrl, { method: 'DELETE' }).catch(() => undefined);
    },

    async checkAuth(): Promise<void> {
      const hadUser = current !== undefined;
      try {
        await loadSession();
      } catch (error) {
        current = undefined;
        if (errorStatus(error) !== 401) throw toError(error);
        // First visit without a session: go to the login page without a warning.
        const rejection: AuthRejection = { message: hadUser ? 'ra.auth.auth_check_error' : false };
        return Promise.reject(rejection);
      }
    },

    async checkError(error: unknown): Promise<void> {
      const status = errorStatus(error);
      if (status === 401) {
        current = undefined;
        const rejection: AuthRejection = { message: 'ra.notification.logged_out', logoutUser: true };
        return Promise.reject(rejection);
      }
      if (status === 403) {
        const body = error instanceof ApiError ? error.body : undefined;
        const message = problemMessage(parseProblem(body), 'ra.notification.not_authorized');
        const rejection: AuthRejection = { message, logoutUser: false };
        return Promise.reject(rejection);
      }
    },

    async getIdentity(): Promise<UserIdentity> {
      const user = await knownUser();
      return { id: user.id, fullName: user.displayName };
    },

    // Without a session there are no permissions: resolving (rather than rejecting, which
    // react-admin retries for seconds) lets the login page show at once.
    async getPermissions(): Promise<Role | undefined> {
      try {
        return (await knownUser()).role;
      } catch (error) {
        if (errorStatus(error) === 401) return undefined;
        throw error;
      }
    },
  };
}

export const authProvider = createAuthProvider(httpClient);
