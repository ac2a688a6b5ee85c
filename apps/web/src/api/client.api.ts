import createClient, { type Middleware } from 'openapi-fetch';
import { session } from '../auth/session';
import type { paths } from './schema.gen';

/** Copies of the requests sent, to send again after a renewal (a sent request's body is used up). */
const copies = new WeakMap<Request, Request>();

/**
 * Adds the in-memory access token; on a 401 renews the session once (silently from the cookie, or
 * after the person signs in again over the page, which keeps what they typed) and retries.
 */
export const authMiddleware: Middleware = {
  onRequest({ request }) {
    const token = session.token();
    if (token !== null) request.headers.set('Authorization', `Bearer ${token}`);
    copies.set(request, request.clone());
    return request;
  },
  async onResponse({ request, response }) {
    if (response.status !== 401) return response;
    const copy = copies.get(request);
    if (copy === undefined) return response;
    const token = await session.renew();
    if (token === null) return response;
    copy.headers.set('Authorization', `Bearer ${token}`);
    return fetch(copy);
  },
};

/** The engine's API, typed from its OpenAPI document. */
export const api = createClient<paths>({ baseUrl: '' });
api.use(authMiddleware);
