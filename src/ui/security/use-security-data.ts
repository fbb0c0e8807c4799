/**
 * @module The hook that feeds the security views from a {@link SecuritySource}.
 */
import { useEffect, useState } from 'react';
import { emptyData, type SecurityData, type SecuritySource } from './source.js';

const EMPTY: SecurityData = emptyData();

/** The source's latest snapshot; re-renders on each change and unsubscribes on unmount. */
export function useSecurityData(source: SecuritySource): SecurityData {
  const [data, setData] = useState<SecurityData>(EMPTY);
  useEffect(() => source.subscribe(setData), [source]);
  return data;
}
