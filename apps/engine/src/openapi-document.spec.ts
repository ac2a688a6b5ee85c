import { generateOpenApiDocument, openApiDrift } from './openapi-document';

jest.setTimeout(60_000);

describe('the committed OpenAPI document (libs/contracts/openapi.json)', () => {
  it('is the document the code generates: run npm run openapi after changing a route or a DTO', async () => {
    // when
    const drift = await openApiDrift();

    // then
    expect(drift).toBeNull();
  });

  it('is deterministic and describes an answer of every operation', async () => {
    // when
    const [first, second] = [await generateOpenApiDocument(), await generateOpenApiDocument()];

    // then
    expect(JSON.stringify(second)).toBe(JSON.stringify(first));
    const undescribed = Object.entries(first.paths).flatMap(([path, item]) =>
      Object.entries(item as Record<string, { responses: Record<string, { content?: unknown }> }>)
        .filter(([, operation]) => {
          const success = Object.entries(operation.responses).filter(([status]) => /^2\d\d$/.test(status));
          return success.length === 0 || success.some(([status, r]) => status !== '204' && !r.content);
        })
        .map(([method]) => `${method.toUpperCase()} ${path}`),
    );
    expect(undescribed).toEqual([]);
  });
});
