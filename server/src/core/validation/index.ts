export * from './names';
export * from './ip';
export * from './edits';
