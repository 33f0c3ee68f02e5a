/** @fileoverview One (address, port) to probe, as target expansion hands it to the probes. */
import type { Origin } from '../model/wire.js';

/** One (address, port) to probe. */
export interface ProbeTask {
  /** The address literal to connect to. */
  host: string;
  port: number;
  tls: boolean;
  /** The host name the user gave (for SNI and the hostname check), when it was a name. */
  name?: string;
  origin?: Origin;
  /** True when the user named this host alone (not as part of a range): it is reported whatever its state. */
  single: boolean;
  /** MQTT over WebSockets, at this path. */
  ws?: string;
}
