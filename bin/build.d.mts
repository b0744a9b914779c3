/** The folder of the build of the sources under `root` as they are now, or null if it cannot be built. */
export function built(root?: string): Promise<string | null>;
/** As built(), but failing with the reason when the sources cannot be built. */
export function build(root?: string): Promise<string>;
