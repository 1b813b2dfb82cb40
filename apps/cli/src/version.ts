import pkg from '../package.json' with { type: 'json' };

/** Version of `@rectify/cli`, from its package.json. */
export const CLI_VERSION: string = pkg.version;
