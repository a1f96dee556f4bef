// The ES module face of index.cjs (one implementation, so `import` and `require` share it).
import lib from "./index.cjs";

export const {
  startMock,
  startReplay,
  startRecord,
  findBinary,
  AdminClient,
  AdminError,
  BinaryNotFoundError,
  MockServer,
  ReplayServer,
  CassetteServer,
} = lib;
export default lib;
