import type { Checker } from './types';

export const ingressCheckers: Checker[] = [];
