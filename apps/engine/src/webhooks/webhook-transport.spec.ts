import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { LookupAddress } from 'node:dns';
import type { AddressInfo } from 'node:net';
import { ERROR_SNIPPET, guardedLookup, RefusedDestinationError, WebhookTransport } from './webhook-transport';

/** A resolver answering from a table, as DNS would (and recording the names asked for). */
function resolver(table: Record<string, string[]>) {
  const asked: string[] = [];
  const resolve = (
    hostname: string,
    _options: unknown,
    callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
  ) => {
    asked.push(hostname);
    const addresses = table[hostname];
    if (addresses === undefined) {
      callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }), []);
      return;
    }
    callback(
      null,
      addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })),
    );
  };
  return { resolve, asked };
}

function lookupOnce(
  lookup: ReturnType<typeof guardedLookup>,
  hostname: string,
  all: boolean,
): Promise<{ error: Error | null; result: unknown }> {
  return new Promise((resolve) =>
    lookup(hostname, { all }, (error: Error | null, address: unknown, family?: number) =>
      resolve({ error, result: all ? address : { address, family } }),
    ),
  );
}

describe('guardedLookup', () => {
  const { resolve } = resolver({
    'agency.example': ['203.0.113.10', '2001:db8::10'],
    'rebound.example': ['203.0.113.11', '10.1.2.3'],
    'metadata.example': ['169.254.169.254'],
    'mapped.example': ['::ffff:127.0.0.1'],
  });
  const lookup = guardedLookup(resolve);

  it('answers the public addresses of a host, in both forms net.connect asks for', async () => {
    expect(await lookupOnce(lookup, 'agency.example', false)).toEqual({
      error: null,
      result: { address: '203.0.113.10', family: 4 },
    });
    expect(await lookupOnce(lookup, 'agency.example', true)).toEqual({
      error: null,
      result: [
        { address: '203.0.113.10', family: 4 },
        { address: '2001:db8::10', family: 6 },
      ],
    });
  });

  it.each([
    ['rebound.example', '10.1.2.3'],
    ['metadata.example', '169.254.169.254'],
    ['mapped.example', '::ffff:127.0.0.1'],
  ])('refuses %s, one of whose addresses (%s) is private', async (host, address) => {
    for (const all of [false, true]) {
      const { error } = await lookupOnce(lookup, host, all);
      expect(error).toBeInstanceOf(RefusedDestinationError);
      expect(error?.message).toBe(
        `${host} resolves to ${address}, an address of this host or a private network`,
      );
    }
  });

  it('passes on a resolution error', async () => {
    const { error } = await lookupOnce(lookup, 'nowhere.example', false);
    expect(error).toMatchObject({ code: 'ENOTFOUND' });
  });
});

/** An endpoint on 127.0.0.1 answering as `answer` says, counting the requests it got. */
async function endpoint(answer: (req: IncomingMessage, res: ServerResponse) => void) {
  const bodies: string[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      bodies.push(Buffer.concat(chunks).toString('utf8'));
      answer(req, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    bodies,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('WebhookTransport', () => {
  const signal = () => AbortSignal.timeout(5_000);

  it('posts the body with its headers and answers the status of a 2xx', async () => {
    const seen: IncomingMessage[] = [];
    const server = await endpoint((req, res) => {
      seen.push(req);
      res.writeHead(204).end();
    });
    const transport = new WebhookTransport(false);
    try {
      const body = JSON.stringify({ event: 'task.created', note: 'Hồ sơ mới' });
      const answer = await transport.post(
        `http://127.0.0.1:${server.port}/hook`,
        { 'content-type': 'application/json', 'x-lt-event': 'task.created' },
        body,
        signal(),
      );
      expect(answer).toEqual({ status: 204, snippet: '' });
      expect(server.bodies).toEqual([body]);
      expect(seen[0]!.headers).toMatchObject({
        'content-type': 'application/json',
        'x-lt-event': 'task.created',
        'content-length': String(Buffer.byteLength(body)),
      });
      // keep-alive: a second delivery to the same endpoint goes over the same connection
      await transport.post(`http://127.0.0.1:${server.port}/hook`, {}, '{}', signal());
      expect(seen[1]!.socket).toBe(seen[0]!.socket);
    } finally {
      transport.close();
      await server.close();
    }
  });

  it('keeps the start of a refusing answer, whitespace folded, and does not follow a redirect', async () => {
    const server = await endpoint((req, res) => {
      if (req.url === '/moved') res.writeHead(302, { location: '/elsewhere' }).end('moved');
      else res.writeHead(503).end(`  Hệ thống\n\n đang   bảo trì ${'x'.repeat(2 * ERROR_SNIPPET)}`);
    });
    const transport = new WebhookTransport(false);
    try {
      const failed = await transport.post(`http://127.0.0.1:${server.port}/hook`, {}, '{}', signal());
      expect(failed.status).toBe(503);
      expect(failed.snippet).toHaveLength(ERROR_SNIPPET);
      expect(failed.snippet.startsWith('Hệ thống đang bảo trì xxx')).toBe(true);
      const moved = await transport.post(`http://127.0.0.1:${server.port}/moved`, {}, '{}', signal());
      expect(moved).toEqual({ status: 302, snippet: 'moved' });
      expect(server.bodies).toHaveLength(2);
    } finally {
      transport.close();
      await server.close();
    }
  });

  it('guarded, refuses a host whose DNS answer turned private when connecting, and sends nothing', async () => {
    const server = await endpoint((_req, res) => res.writeHead(200).end());
    // A host that passed the check at subscription time and now resolves to this machine.
    const { resolve, asked } = resolver({ 'agency.example': ['127.0.0.1'] });
    const transport = new WebhookTransport(true, resolve);
    try {
      await expect(
        transport.post(`http://agency.example:${server.port}/hook`, {}, '{}', signal()),
      ).rejects.toThrow(
        new RefusedDestinationError(
          'agency.example resolves to 127.0.0.1, an address of this host or a private network',
        ),
      );
      expect(asked).toEqual(['agency.example']);
      expect(server.bodies).toEqual([]);
    } finally {
      transport.close();
      await server.close();
    }
  });

  it('guarded, refuses a private literal address without connecting; unguarded, reaches it', async () => {
    const server = await endpoint((_req, res) => res.writeHead(200).end());
    const guarded = new WebhookTransport(true);
    const open = new WebhookTransport(false);
    try {
      await expect(
        guarded.post(`http://127.0.0.1:${server.port}/hook`, {}, '{}', signal()),
      ).rejects.toBeInstanceOf(RefusedDestinationError);
      await expect(guarded.post(`http://[::1]:${server.port}/hook`, {}, '{}', signal())).rejects.toThrow(
        '::1 is an address of this host or a private network',
      );
      expect(server.bodies).toEqual([]);
      expect(await open.post(`http://127.0.0.1:${server.port}/hook`, {}, '{}', signal())).toEqual({
        status: 200,
        snippet: '',
      });
    } finally {
      guarded.close();
      open.close();
      await server.close();
    }
  });

  it('refuses URLs that are not http(s), and gives up when the signal aborts', async () => {
    const server = await endpoint(() => undefined); // never answers
    const transport = new WebhookTransport(false);
    try {
      await expect(transport.post('ftp://127.0.0.1/x', {}, '{}', signal())).rejects.toThrow(
        'ftp: is not http or https',
      );
      await expect(
        transport.post(`http://127.0.0.1:${server.port}/hook`, {}, '{}', AbortSignal.timeout(200)),
      ).rejects.toMatchObject({ name: 'AbortError' });
    } finally {
      transport.close();
      await server.close();
    }
  });
});
