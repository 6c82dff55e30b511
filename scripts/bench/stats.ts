export const ms = (value: number) => `${value.toFixed(1)} ms`;
