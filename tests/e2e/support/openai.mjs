// The `openai` SDK package the tests drive: `openai` (6.x, pinned in package.json) unless
// AM_OPENAI_SDK names another installed alias, e.g. `openai-v7` (CMake registers the
// responses_* files a second time as e2e.<stem>.v7 with AM_OPENAI_SDK=openai-v7).

const name = process.env.AM_OPENAI_SDK || 'openai';
const sdk = await import(name);
const { VERSION } = await import(`${name}/version`);

/** The package name the tests run against, for messages. */
export const sdkName = name;
/** The SDK's version string. */
export const sdkVersion = VERSION;
export const toFile = sdk.toFile;
export default sdk.default;
