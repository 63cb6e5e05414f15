import type { Options } from 'tsup'
export declare function preset(overrides?: Options): Options
