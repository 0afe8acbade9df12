import type { Checker } from './types';

export const apiVersionsCheckers: Checker[] = [];
