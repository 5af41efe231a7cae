/** The engine reads time only through here, so tests can move it (vi.setSystemTime). */
export const now = (): Date => new Date();

export const addSeconds = (date: Date, seconds: number): Date => new Date(date.getTime() + seconds * 1000);
