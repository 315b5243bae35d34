// The API in One simulator: start it in-process with startSimulator(), or run `npm run sim`.
export { startSimulator, apiPrefix, type RunningSimulator, type SimulatorOptions } from "./server";
export { chatPreDeduct, chatCredits } from "./chat";
export { defaultTaskPrice } from "./task-routes";
export { responseShapes, type ResponseShape } from "./faults";
