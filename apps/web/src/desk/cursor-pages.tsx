import { Button, Flex, Typography } from 'antd';
import { useState, type ReactNode } from 'react';

/**
 * Cursor pagination of a list: the cursor of the page shown, back to the first page when `reset`
 * (the search) changes, and a table footer with "Trang trước" / "Trang sau" (none for a single page).
 */
export function useCursorPages(reset: unknown): {
  cursor: string | undefined;
  footer: (next: string | null) => (() => ReactNode) | undefined;
} {
  const [state, setState] = useState<{ reset: unknown; stack: string[] }>({ reset, stack: [] });
  const stack = state.reset === reset ? state.stack : [];
  if (state.reset !== reset) setState({ reset, stack: [] });
  const cursor = stack.at(-1);
  return {
    cursor,
    footer: (next) =>
      stack.length === 0 && next === null
        ? undefined
        : () => (
            <Flex justify="end" align="center" gap={8}>
              <Typography.Text type="secondary">Trang {stack.length + 1}</Typography.Text>
              <Button
                size="small"
                disabled={stack.length === 0}
                onClick={() => setState({ reset, stack: stack.slice(0, -1) })}
              >
                Trang trước
              </Button>
              <Button
                size="small"
                disabled={next === null}
                onClick={() => next !== null && setState({ reset, stack: [...stack, next] })}
              >
                Trang sau
              </Button>
            </Flex>
          ),
  };
}
