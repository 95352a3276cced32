/**
 * Synchronous clean-up actions that must run however this process ends (normal exit, Ctrl-C,
 * SIGTERM), so no child process such as DynamoDB Local's JVM outlives it.
 */
const actions = new Set<() => void>();
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
let installed = false;

const runAll = (): void => {
  for (const action of [...actions]) {
    actions.delete(action);
    try {
      action();
    } catch {
      // Best effort: the process is going away.
    }
  }
};

const onSignal = (signal: NodeJS.Signals): void => {
  // Another handler (npm start's graceful shutdown) owns this signal: let it stop things in order;
  // the exit hook still runs every action if it ends the process some other way.
  if (process.listenerCount(signal) > 1) return;
  runAll();
  for (const name of SIGNALS) process.removeListener(name, onSignal);
  process.kill(process.pid, signal);
};

const install = (): void => {
  if (installed) return;
  installed = true;
  process.on('exit', runAll);
  for (const signal of SIGNALS) process.on(signal, onSignal);
};

/** Registers a synchronous clean-up; returns a function that unregisters it. */
export const onProcessEnd = (action: () => void): (() => void) => {
  install();
  actions.add(action);
  return () => {
    actions.delete(action);
  };
};
