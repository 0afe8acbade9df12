import type { Checker } from './types';

export const annotationsCheckers: Checker[] = [];
