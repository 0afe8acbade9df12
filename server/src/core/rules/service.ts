import type { Checker } from './types';

export const serviceCheckers: Checker[] = [];
