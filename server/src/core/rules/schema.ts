import type { Checker } from './types';

export const schemaCheckers: Checker[] = [];
