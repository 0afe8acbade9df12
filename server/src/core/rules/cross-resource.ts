import type { Checker } from './types';

export const crossResourceCheckers: Checker[] = [];
