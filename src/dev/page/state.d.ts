// Types of state.js (plain JavaScript so that the simulator page runs it without a build step).
export interface Mirror {
  users: Map<string, any>;
  app: any;
  seq: number;
  buffered: any[] | null;
}
export function createMirror(): Mirror;
export function beginSync(mirror: Mirror): void;
export function applySync(mirror: Mirror, res: { seq?: number; users?: any[]; app?: any }): void;
export function receiveEvent(mirror: Mirror, e: any): string | null;
export function initialDevice(): any;
export function initialGlasses(): any;
export function applyGlassesEvent(g: any, e: any): any;
export function snapshot(mirror: Mirror): any[];
