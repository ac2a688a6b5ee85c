/** Types of agency.js (plain JavaScript, so that `npm start` can load it without a build). */
export interface AgencyKeys {
  landRegistry: string;
  taxOffice: string;
}
export interface SimulatedAgency {
  stop(): Promise<void>;
}
export function startSimulatedAgency(options: {
  baseUrl: string;
  keys: AgencyKeys;
  delayMs?: number;
  log?: (line: string) => void;
}): SimulatedAgency;
export function demoAgencyKeys(baseUrl: string, adminPassword?: string): Promise<AgencyKeys>;
