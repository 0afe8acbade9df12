import type { Checker } from './types';

export const workloadsCheckers: Checker[] = [];
