declare const __CLOB_VERSION__: string | undefined

/** Injected by tsup at build time; source runs (tests) see the dev marker. */
export const VERSION: string = typeof __CLOB_VERSION__ === 'string' ? __CLOB_VERSION__ : '0.0.0-dev'
