import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { isPrivateAddress } from './destination.util';

/** How many bytes of a refusing endpoint's answer are kept for the delivery log. */
export const ERROR_SNIPPET = 200;

/** The error a guarded connection fails with when the host's address is a private one. */
export class RefusedDestinationError extends Error {
  readonly code = 'ERR_LT_REFUSED_DESTINATION';
}

type Resolve = (
  hostname: string,
  options: LookupOptions & { all: true },
  callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void;

const systemResolve: Resolve = (hostname, options, callback) => dnsLookup(hostname, options, callback);

/**
 * A `lookup` for net.connect that refuses private addresses: the address checked is the address
 * connected to, so a DNS answer that changes between a check and the connection (DNS rebinding) cannot
 * slip a private address through. Serves both forms net.connect asks for (one address, or all of them
 * when it races the families).
 */
export function guardedLookup(resolve: Resolve = systemResolve): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 0);
      const refused = addresses.find((a) => isPrivateAddress(a.address));
      if (refused !== undefined) {
        const why = `${hostname} resolves to ${refused.address}, an address of this host or a private network`;
        return callback(new RefusedDestinationError(why), '', 0);
      }
      if (addresses.length === 0) {
        return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '', 0);
      }
      if ((options as { all?: boolean }).all) {
        return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      }
      const first = addresses[0]!;
      callback(null, first.address, first.family);
    });
  };
}

export interface PostAnswer {
  status: number;
  /** The start of the body of a non-2xx answer, whitespace folded (empty for a 2xx). */
  snippet: string;
}

/**
 * POSTs webhook bodies over node:http(s) with keep-alive connections. `guard` refuses destinations that
 * are, or resolve to, private addresses, at connection time (see guardedLookup). Redirects are not
 * followed: a 3xx is an answer like any other non-2xx (the signature was made for this URL).
 */
export class WebhookTransport {
  private readonly lookup: LookupFunction | undefined;
  private readonly agents: { http: http.Agent; https: https.Agent };

  constructor(
    private readonly guard: boolean,
    resolve?: Resolve,
  ) {
    this.lookup = guard ? guardedLookup(resolve) : undefined;
    const options = { keepAlive: true, maxSockets: 16, maxFreeSockets: 4, timeout: 30_000 };
    this.agents = { http: new http.Agent(options), https: new https.Agent(options) };
  }

  post(url: string, headers: Record<string, string>, body: string, signal: AbortSignal): Promise<PostAnswer> {
    return new Promise((resolve, reject) => {
      let target: URL;
      try {
        target = new URL(url);
      } catch {
        return reject(new RefusedDestinationError('not a valid URL'));
      }
      const secure = target.protocol === 'https:';
      if (!secure && target.protocol !== 'http:') {
        return reject(new RefusedDestinationError(`${target.protocol} is not http or https`));
      }
      // A literal address is not looked up: check it here.
      const host = target.hostname.replace(/^\[|\]$/g, '');
      if (this.guard && isIP(host) && isPrivateAddress(host)) {
        return reject(new RefusedDestinationError(`${host} is an address of this host or a private network`));
      }
      const request = (secure ? https : http).request(
        target,
        {
          method: 'POST',
          headers: { ...headers, 'content-length': Buffer.byteLength(body) },
          agent: secure ? this.agents.https : this.agents.http,
          signal,
          ...(this.lookup ? { lookup: this.lookup } : {}),
        },
        (response) => {
          const status = response.statusCode ?? 0;
          if (status >= 200 && status < 300) {
            response.resume();
            response.on('end', () => resolve({ status, snippet: '' }));
            response.on('error', () => resolve({ status, snippet: '' }));
            return;
          }
          const chunks: Buffer[] = [];
          let size = 0;
          const done = () => {
            response.destroy();
            const text = Buffer.concat(chunks).toString('utf8').replace(/\s+/g, ' ').trim();
            resolve({ status, snippet: text.slice(0, ERROR_SNIPPET) });
          };
          response.on('data', (chunk: Buffer) => {
            chunks.push(chunk);
            size += chunk.length;
            if (size >= ERROR_SNIPPET * 4) done();
          });
          response.on('end', done);
          response.on('error', done);
        },
      );
      request.on('error', reject);
      request.end(body);
    });
  }

  close(): void {
    this.agents.http.destroy();
    this.agents.https.destroy();
  }
}
