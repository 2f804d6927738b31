/** An empty list that says what to do next. */
import type { ReactNode } from 'react';
import { Empty } from 'antd';

export function EmptyState({ children }: { children: ReactNode }) {
  return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={children} style={{ margin: '24px 0' }} />;
}
