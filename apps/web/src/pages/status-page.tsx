import { Flex, Typography } from 'antd';
import type { ReactNode } from 'react';

/**
 * A page that says why there is nothing to show (no access, not found, a failure) and offers a way on:
 * antd's Result in its layout, with an icon instead of its illustrations (they would weigh 10 kB gzip on
 * every first load: test/bench/inbox/bundle.mjs).
 */
export function StatusPage({
  icon,
  colour,
  title,
  subTitle,
  extra,
}: {
  readonly icon: ReactNode;
  /** Of the icon's disc: the status colours of the theme. */
  readonly colour: string;
  readonly title: string;
  readonly subTitle: string;
  readonly extra: ReactNode;
}) {
  return (
    <Flex vertical align="center" gap={8} style={{ padding: '48px 32px', textAlign: 'center' }}>
      <Flex
        aria-hidden
        align="center"
        justify="center"
        style={{
          width: 96,
          height: 96,
          borderRadius: '50%',
          background: `color-mix(in srgb, ${colour} 12%, white)`,
          color: colour,
          fontSize: 48,
          marginBottom: 16,
        }}
      >
        {icon}
      </Flex>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {title}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ maxWidth: 560, fontSize: 15 }}>
        {subTitle}
      </Typography.Paragraph>
      <div style={{ marginTop: 8 }}>{extra}</div>
    </Flex>
  );
}
