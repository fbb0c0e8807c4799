/**
 * @module Threats: detections, failed logins and automatic bans from the event stream.
 */
import type { AuditEventWire } from '../../protocol/security-schemas.js';
import { EventsPanel } from './EventsPanel.js';

export interface ThreatsPanelProps {
  /** Already filtered to threats (see panels.ts), oldest first. */
  events: AuditEventWire[];
  focused: boolean;
  selected: number;
  color: boolean;
  height?: number;
}

export function ThreatsPanel(props: ThreatsPanelProps) {
  return <EventsPanel {...props} title="Threats" empty="no threats seen" />;
}
